package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.publish.FeedWriterFixtures.TITLES;
import static org.wiregate.publish.FeedWriterFixtures.URLS;
import static org.wiregate.publish.FeedWriterFixtures.hardenedXml;
import static org.wiregate.publish.FeedWriterFixtures.json;
import static org.wiregate.publish.FeedWriterFixtures.page;
import static org.wiregate.publish.FeedWriterFixtures.rome;
import static org.wiregate.support.ArticleBuilder.anArticle;
import static org.wiregate.support.WireItemBuilder.aWireItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.modules.mediarss.MediaEntryModule;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterProperty;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;
import org.w3c.dom.Document;
import org.wiregate.article.Article;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.article.RelatedLink;
import org.wiregate.article.Slugs;
import org.wiregate.ingest.WireItem;
import org.wiregate.normalise.ArticleNormaliser;
import org.wiregate.normalise.TextRepair;
import org.wiregate.normalise.UrlRepair;
import org.wiregate.source.MappingRegistry;
import org.wiregate.support.JsonFeedConformance;
import org.wiregate.support.UnicodeText;
import org.wiregate.support.WireItemBuilder;

/**
 * Property-based: generated items with arbitrary Unicode go through the normaliser's gate and then
 * every writer (RSS, Atom, JSON Feed, ninjs, the news sitemap). Every output parses back (Rome,
 * Jackson, a namespace-aware DOM), no item is left out or repaired again at render time, and what
 * the gate let through comes out as it went in. Legitimate text (letters of any script, digits,
 * punctuation, RLM/LRM/ALM, emoji) comes out unchanged. jqwik prints the seed of a failure, and
 * re-runs it first next time (src/test/resources/junit-platform.properties).
 */
class FeedWritersPropertyTest {

    /**
     * One seed for the build, so a run is reproducible and a red build is the code's, not the dice's.
     * To explore new inputs, change it (or drop it locally); a failure prints its seed and shrunk sample.
     */
    static final String BUILD_SEED = "20261206";

    private static final MappingRegistry MAPPINGS = new MappingRegistry(Path.of("mappings"));
    private static final ArticleNormaliser NORMALISER = new ArticleNormaliser(MAPPINGS);
    private static final Instant RECEIVED = Instant.parse("2026-11-28T12:00:00Z");

    /** The same item as each output carries it, parsed back. */
    record Outputs(SyndEntry rss, SyndEntry atom, JsonNode jsonFeed, JsonNode ninjs, Document sitemap) {}

    /**
     * Every {@value #FEEDPARSER_EVERY}th render of the run (the first included) is also read by
     * python3-feedparser, in one process at the end of each property ({@link #feedparserReadsTheSample}).
     */
    static final int FEEDPARSER_EVERY = 7;

    private static final SampledFeedparser FEEDPARSER = new SampledFeedparser(FEEDPARSER_EVERY);

    /** Renders {@code article} with every writer, parses each output and checks none left it out or repaired it. */
    private static Outputs render(Article article) throws Exception {
        MeterRegistry meters = new SimpleMeterRegistry();
        RenderGuard guard = new RenderGuard(meters);
        Language language = article.language();
        List<Article> items = List.of(article);

        byte[] rssBytes = new RssFeedWriter(URLS, guard).write(page(language, FeedFormat.RSS, items, null));
        byte[] atomBytes = new AtomFeedWriter(URLS, guard).write(page(language, FeedFormat.ATOM, items, null));
        byte[] jsonBytes = new JsonFeedWriter(URLS, guard).write(page(language, FeedFormat.JSON, items, null));
        List<SyndEntry> rss = rome(rssBytes).getEntries();
        List<SyndEntry> atom = rome(atomBytes).getEntries();
        JsonNode jsonFeed = strictJson(jsonBytes);
        JsonFeedConformance.assertConforms(jsonFeed);
        JsonNode jsonItems = jsonFeed.path("items");
        NinjsWriter ninjs = new NinjsWriter(URLS, guard);
        byte[] ninjsBytes = ninjs.bytes(ninjs.item(article, null, List.of()));
        JsonNode ninjsItem = strictJson(ninjsBytes);
        Document sitemap = hardenedXml(new NewsSitemaps(null, TITLES, URLS, null, null, guard).render(language, items));

        if (FEEDPARSER.due()) {
            FEEDPARSER.add("RSS", rssBytes, FeedFormat.RSS, uris(rss), titles(rss));
            FEEDPARSER.add("Atom", atomBytes, FeedFormat.ATOM, uris(atom), titles(atom));
            FEEDPARSER.add(
                    "JSON Feed",
                    jsonBytes,
                    FeedFormat.JSON,
                    List.of(jsonItems.get(0).path("id").asText()),
                    List.of(jsonItems.get(0).path("title").asText()));
            FEEDPARSER.add(
                    "ninjs",
                    ninjsBytes,
                    "application/json",
                    List.of(ninjsItem.path("uri").asText()),
                    List.of(ninjsItem.path("headlines").get(0).path("value").asText()));
        }

        assertThat(rss).as("RSS items").hasSize(1);
        assertThat(atom).as("Atom entries").hasSize(1);
        assertThat(jsonItems).as("JSON Feed items").hasSize(1);
        assertThat(sitemap.getElementsByTagNameNS(NewsSitemaps.SITEMAP_NS, "url")
                        .getLength())
                .as("sitemap urls")
                .isEqualTo(1);
        assertThat(meters.find("wiregate.publish.skipped").counters())
                .as("left out")
                .isEmpty();
        assertThat(meters.find("wiregate.publish.repairs").counters())
                .as("repaired at render time although it came through the gate")
                .isEmpty();
        return new Outputs(rss.get(0), atom.get(0), jsonItems.get(0), ninjsItem, sitemap);
    }

    /** Every text the outputs carry, compared with the article after parsing back. */
    private static void assertCarriedUnchanged(Article a, Outputs out) {
        String author = a.byline() != null ? a.byline() : a.agency();
        String summary = a.standfirst().isEmpty() ? a.headline() : a.standfirst();

        assertThat(out.rss().getTitle()).as("RSS title").isEqualTo(a.headline());
        // RSS readers take a description as HTML: the plain-text standfirst is written as HTML text.
        assertThat(Parser.unescapeEntities(out.rss().getDescription().getValue(), false))
                .as("RSS description, read as HTML text")
                .isEqualTo(summary);
        assertThat(out.rss().getAuthor()).as("RSS dc:creator").isEqualTo(author);
        assertThat(out.rss().getCategories())
                .extracting(SyndCategory::getName)
                .as("RSS categories")
                .containsAll(distinctIgnoringCase(a.tags()));
        assertThat(html(out.rss().getContents().get(0).getValue()))
                .as("RSS content")
                .contains(html(a.bodyHtml()));

        assertThat(out.atom().getTitle()).as("Atom title").isEqualTo(a.headline());
        assertThat(out.atom().getAuthors().get(0).getName()).as("Atom author").isEqualTo(author);
        if (!a.standfirst().isEmpty()) {
            assertThat(out.atom().getDescription().getValue())
                    .as("Atom summary")
                    .isEqualTo(a.standfirst());
        }
        assertThat(out.atom().getCategories())
                .extracting(SyndCategory::getName)
                .as("Atom categories")
                .containsAll(a.tags());
        assertThat(out.atom().getContents().get(0).getValue())
                .as("Atom content")
                .contains(a.bodyHtml());

        assertThat(out.jsonFeed().path("title").asText()).as("JSON Feed title").isEqualTo(a.headline());
        assertThat(out.jsonFeed().path("authors").get(0).path("name").asText())
                .as("JSON Feed author")
                .isEqualTo(author);
        if (!a.standfirst().isEmpty()) {
            assertThat(out.jsonFeed().path("summary").asText())
                    .as("JSON Feed summary")
                    .isEqualTo(a.standfirst());
        }
        assertThat(out.jsonFeed().path("content_html").asText())
                .as("JSON Feed content")
                .contains(a.bodyHtml());
        if (a.correctionNote() != null) {
            assertThat(out.jsonFeed().path("_wire").path("correction").asText()).isEqualTo(a.correctionNote());
        }

        assertThat(out.ninjs().path("uri").asText()).as("ninjs uri").isEqualTo(a.id().urn());
        assertThat(out.ninjs().path("language").asText())
                .as("ninjs language")
                .isEqualTo(a.language().code());
        assertThat(out.ninjs().path("headlines").get(0).path("value").asText())
                .as("ninjs headline")
                .isEqualTo(a.headline());
        if (a.standfirst().isEmpty()) {
            assertThat(out.ninjs().has("descriptions")).as("ninjs descriptions").isFalse();
        } else {
            assertThat(out.ninjs().path("descriptions").get(0).path("value").asText())
                    .as("ninjs summary")
                    .isEqualTo(a.standfirst());
        }
        assertThat(out.ninjs().path("bodies").get(0).path("value").asText())
                .as("ninjs body")
                .startsWith("<div lang=\"" + a.language().code() + "\" dir=\""
                        + a.language().direction() + "\">")
                .contains(a.bodyHtml());
        if (a.correctionNote() != null) {
            assertThat(out.ninjs().path("ednote").asText()).as("ninjs ednote").endsWith(": " + a.correctionNote());
        }
        if (a.agency() != null) {
            assertThat(out.ninjs().path("copyrightholder").asText())
                    .as("ninjs copyrightholder")
                    .isEqualTo(a.agency());
        }
        if (a.creditLine() != null) {
            assertThat(out.ninjs().path("copyrightnotice").asText())
                    .as("ninjs copyrightnotice")
                    .isEqualTo(a.creditLine());
        }
        if (a.byline() != null) {
            assertThat(out.ninjs().path("by").asText()).as("ninjs by").isEqualTo(a.byline());
        }
        if (a.dateline() != null) {
            assertThat(out.ninjs().path("located").asText()).as("ninjs located").isEqualTo(a.dateline());
        }
        List<String> keywords = new ArrayList<>();
        out.ninjs().path("subjects").forEach(s -> {
            if ("keyword".equals(s.path("rel").asText())) {
                keywords.add(s.path("literal").asText());
            }
        });
        assertThat(keywords).as("ninjs keywords").containsAll(a.tags());

        assertSitemapEntries(List.of(a), out.sitemap());

        if (!a.images().isEmpty()) {
            Image image = a.images().get(0);
            MediaEntryModule media = (MediaEntryModule) out.rss().getModule(MediaEntryModule.URI);
            assertThat(media.getMediaContents()[0].getReference()).hasToString(image.url());
            if (image.caption() != null) {
                assertThat(media.getMediaContents()[0].getMetadata().getDescription())
                        .as("media:description")
                        .isEqualTo(image.caption());
            }
            assertThat(out.jsonFeed().path("image").asText()).isEqualTo(image.url());
            JsonNode picture = out.ninjs().path("associations").get(0);
            assertThat(picture.path("uri").asText()).isEqualTo(image.url());
            if (image.caption() != null) {
                assertThat(picture.path("descriptions").get(0).path("value").asText())
                        .as("ninjs caption")
                        .isEqualTo(image.caption());
            }
            if (image.credit() != null) {
                assertThat(picture.path("by").asText()).as("ninjs picture by").isEqualTo(image.credit());
            }
        }
    }

    /**
     * HTML as jsoup writes it back: Rome's RSS content module reads content:encoded back with
     * references re-encoded ({@code &amp;} as {@code &#38;}, {@code &nbsp;} as {@code &#160;}), the same HTML.
     * Line ends are compared as LF.
     */
    private static String html(String fragment) {
        org.jsoup.nodes.Document.OutputSettings settings =
                new org.jsoup.nodes.Document.OutputSettings().prettyPrint(false);
        // XML end-of-line handling reads a CR the writer left raw as LF: the same whitespace in HTML
        String lines = fragment.replace("\r\n", "\n").replace('\r', '\n');
        return Jsoup.parseBodyFragment(lines).outputSettings(settings).body().html();
    }

    /** RSS gives a name once, whatever its case (a tag "economy" beside the section "Economy"). */
    private static List<String> distinctIgnoringCase(List<String> tags) {
        return tags.isEmpty() ? tags : List.of(tags.get(0));
    }

    /**
     * The news sitemap's url entries, one per article in order: an absolute http(s) URL that is a
     * URI (ASCII, percent-encoded, under 2,048 characters, as the sitemap protocol asks) and is the
     * article's own; the publication's name and language; an RFC 3339 date; the headline as it is.
     */
    static void assertSitemapEntries(List<Article> articles, Document sitemap) {
        org.w3c.dom.Element root = sitemap.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(NewsSitemaps.SITEMAP_NS);
        assertThat(root.getLocalName()).isEqualTo("urlset");
        List<org.w3c.dom.Element> urls = FeedWriterFixtures.children(root);
        assertThat(urls).as("sitemap url entries").hasSameSizeAs(articles);
        for (int i = 0; i < articles.size(); i++) {
            Article a = articles.get(i);
            org.w3c.dom.Element url = urls.get(i);
            assertThat(url.getLocalName()).isEqualTo("url");
            String loc = text(url, NewsSitemaps.SITEMAP_NS, "loc");
            assertThat(loc)
                    .as("sitemap loc")
                    .isEqualTo(URLS.article(a))
                    .matches("https?://[\\x21-\\x7E]+")
                    .hasSizeLessThan(2048);
            assertThat(java.net.URLDecoder.decode(
                            loc.substring(loc.lastIndexOf('/') + 1), java.nio.charset.StandardCharsets.UTF_8))
                    .as("the slug, read back from the URL")
                    .isEqualTo(a.slug());
            URI uri = URI.create(loc);
            assertThat(uri.isAbsolute()).as(loc).isTrue();
            assertThat(uri.getHost())
                    .as(loc)
                    .isEqualTo(URI.create(FeedWriterFixtures.BASE).getHost());
            assertThat(uri.toASCIIString()).as("a URI, not an IRI").isEqualTo(loc);
            assertThat(text(url, NewsSitemaps.NEWS_NS, "name")).isEqualTo(TITLES.outlet());
            assertThat(text(url, NewsSitemaps.NEWS_NS, "language"))
                    .isEqualTo(a.language().code());
            assertThat(java.time.OffsetDateTime.parse(text(url, NewsSitemaps.NEWS_NS, "publication_date"))
                            .toInstant())
                    .as("sitemap news:publication_date")
                    .isEqualTo(a.firstPublished().truncatedTo(ChronoUnit.SECONDS));
            assertThat(text(url, NewsSitemaps.NEWS_NS, "title"))
                    .as("sitemap news:title")
                    .isEqualTo(a.headline());
        }
    }

    private static String text(org.w3c.dom.Element parent, String namespace, String localName) {
        org.w3c.dom.NodeList found = parent.getElementsByTagNameNS(namespace, localName);
        assertThat(found.getLength()).as(localName).isEqualTo(1);
        return found.item(0).getTextContent();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper STRICT_JSON =
            com.fasterxml.jackson.databind.json.JsonMapper.builder()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();

    /** JSON as a strict reader takes it: valid UTF-8, one document, no duplicate keys. */
    static JsonNode strictJson(byte[] bytes) {
        try {
            return STRICT_JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError("output is not valid JSON", e);
        }
    }

    static List<String> uris(List<SyndEntry> entries) {
        return entries.stream().map(SyndEntry::getUri).toList();
    }

    static List<String> titles(List<SyndEntry> entries) {
        return entries.stream().map(SyndEntry::getTitle).toList();
    }

    /** The outputs sampled during the property, read by python3-feedparser in one process. */
    @AfterProperty
    void feedparserReadsTheSample() {
        FEEDPARSER.check();
    }

    // ------------------------------------------------------------------ arbitrary Unicode through the gate

    @Property(tries = 200, seed = BUILD_SEED)
    void anyItemThatPassesTheGateIsWrittenByEveryOutputAndParsesBack(@ForAll("anyWireItems") WireItem item)
            throws Exception {
        Article article = NORMALISER.normalise(item, "standard", RECEIVED);

        assertRepaired(article);
        Outputs out = render(article);
        assertCarriedUnchanged(article, out);
        assertDates(article, out);
    }

    /** Every text field of the article is as TextRepair leaves it: nothing left for a writer to repair. */
    private static void assertRepaired(Article a) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("headline", a.headline());
        fields.put("standfirst", a.standfirst());
        fields.put("body", a.bodyHtml());
        fields.put("agency", a.agency());
        fields.put("byline", a.byline());
        fields.put("dateline", a.dateline());
        fields.put("credit line", a.creditLine());
        fields.put("correction", a.correctionNote());
        a.images().forEach(i -> {
            fields.put("caption", i.caption());
            fields.put("credit", i.credit());
        });
        fields.forEach(
                (name, text) -> assertThat(TextRepair.clean(text)).as(name).isSameAs(text));
        assertThat(TextRepair.cleanHtml(a.bodyHtml(), kind -> {}))
                .as("body HTML")
                .isSameAs(a.bodyHtml());
        a.tags().forEach(t -> assertThat(TextRepair.clean(t)).isSameAs(t));
        a.images().forEach(i -> assertThat(UrlRepair.repair(i.url())).contains(i.url()));
        a.relatedLinks().forEach(l -> assertThat(UrlRepair.repair(l.url())).contains(l.url()));
    }

    /** RSS keeps seconds; Atom, JSON Feed and the sitemap seconds; ninjs the instant as it is. */
    private static void assertDates(Article a, Outputs out) {
        Instant published = a.firstPublished().truncatedTo(ChronoUnit.SECONDS);
        assertThat(out.rss().getPublishedDate().toInstant()).as("RSS pubDate").isEqualTo(published);
        assertThat(out.atom().getPublishedDate().toInstant())
                .as("Atom published")
                .isEqualTo(published);
        assertThat(Instant.parse(out.jsonFeed().path("date_published").asText()))
                .as("JSON Feed date_published")
                .isEqualTo(published);
        assertThat(Instant.parse(out.ninjs().path("firstcreated").asText()))
                .as("ninjs firstcreated")
                .isEqualTo(a.firstPublished());
    }

    @Provide
    Arbitrary<WireItem> anyWireItems() {
        Arbitrary<String> text = UnicodeText.anyText(60);
        Arbitrary<Image> image = Combinators.combine(oddUrls(), text, text)
                .as((url, caption, credit) -> new Image(url, caption, credit, "image/jpeg", 0, 0));
        return Combinators.combine(
                        // a headline the gate keeps: a word, then anything (the gate rejects a blank one, rightly)
                        Combinators.combine(UnicodeText.legitimateText(2), text).as((word, rest) -> word + " " + rest),
                        text,
                        UnicodeText.anyText(300),
                        text.injectNull(0.2),
                        text.list().ofMaxSize(4),
                        image.list().ofMaxSize(2),
                        datesWithNanos(),
                        Arbitraries.of("en", "ar", "es"))
                .as((headline, standfirst, body, byline, tags, images, date, language) -> {
                    WireItemBuilder b = aWireItem()
                            .guid("urn:test:prop")
                            .language(language)
                            .headline(headline)
                            .standfirst(standfirst)
                            .bodyHtml(body)
                            .byline(byline)
                            .located(byline)
                            .correctionNote(standfirst)
                            .firstCreated(date)
                            .versionCreated(date)
                            .keywords(tags.toArray(String[]::new));
                    images.forEach(b::image);
                    images.forEach(i -> b.relatedLink(new RelatedLink(i.url(), i.caption())));
                    return b.build();
                });
    }

    // ------------------------------------------------------------------ a page of many items

    @Property(tries = 40, seed = BUILD_SEED)
    void aPageOfGatedItemsIsWrittenWholeAndInOrderByEveryFeedAndTheNewsSitemap(
            @ForAll("anyWireItems") WireItem first, @ForAll("pagesOfWireItems") List<WireItem> rest) throws Exception {
        List<Article> items = new ArrayList<>();
        List<WireItem> wire = new ArrayList<>(List.of(first));
        wire.addAll(rest);
        for (int i = 0; i < wire.size(); i++) {
            // one language a page, as the store gives it; each item its own id
            WireItem item = WireItemBuilder.from(wire.get(i))
                    .guid("urn:test:page-" + i)
                    .language(first.language())
                    .build();
            items.add(NORMALISER.normalise(item, "standard", RECEIVED));
        }
        Language language = items.get(0).language();
        MeterRegistry meters = new SimpleMeterRegistry();
        RenderGuard guard = new RenderGuard(meters);
        List<String> ids = items.stream().map(a -> a.id().urn()).toList();
        List<String> headlines = items.stream().map(Article::headline).toList();

        byte[] rss = new RssFeedWriter(URLS, guard).write(page(language, FeedFormat.RSS, items, null));
        byte[] atom = new AtomFeedWriter(URLS, guard).write(page(language, FeedFormat.ATOM, items, null));
        byte[] json = new JsonFeedWriter(URLS, guard).write(page(language, FeedFormat.JSON, items, null));
        List<SyndEntry> rssEntries = rome(rss).getEntries();
        List<SyndEntry> atomEntries = rome(atom).getEntries();
        JsonNode jsonFeed = strictJson(json);
        JsonFeedConformance.assertConforms(jsonFeed);
        List<String> jsonIds = new ArrayList<>();
        List<String> jsonTitles = new ArrayList<>();
        jsonFeed.path("items").forEach(item -> {
            jsonIds.add(item.path("id").asText());
            jsonTitles.add(item.path("title").asText());
        });

        assertThat(uris(rssEntries)).as("RSS guids").isEqualTo(ids);
        assertThat(titles(rssEntries)).as("RSS titles").isEqualTo(headlines);
        assertThat(uris(atomEntries)).as("Atom ids").isEqualTo(ids);
        assertThat(titles(atomEntries)).as("Atom titles").isEqualTo(headlines);
        assertThat(jsonIds).as("JSON Feed ids").isEqualTo(ids);
        assertThat(jsonTitles).as("JSON Feed titles").isEqualTo(headlines);
        assertSitemapEntries(
                items, hardenedXml(new NewsSitemaps(null, TITLES, URLS, null, null, guard).render(language, items)));
        assertThat(meters.find("wiregate.publish.skipped").counters())
                .as("left out")
                .isEmpty();
        assertThat(meters.find("wiregate.publish.repairs").counters())
                .as("repaired at render time although it came through the gate")
                .isEmpty();

        if (FEEDPARSER.due()) {
            FEEDPARSER.add("RSS page", rss, FeedFormat.RSS, ids, headlines);
            FEEDPARSER.add("Atom page", atom, FeedFormat.ATOM, ids, headlines);
            FEEDPARSER.add("JSON Feed page", json, FeedFormat.JSON, ids, headlines);
        }
    }

    @Provide
    Arbitrary<List<WireItem>> pagesOfWireItems() {
        return anyWireItems().list().ofMaxSize(5);
    }

    // ------------------------------------------------------------------ legitimate text, unchanged

    @Property(tries = 200, seed = BUILD_SEED)
    void legitimateTextComesOutOfEveryOutputUnchanged(@ForAll("legitimateArticles") Article article) throws Exception {
        Outputs out = render(article);

        assertCarriedUnchanged(article, out);
    }

    @Property(tries = 200, seed = BUILD_SEED)
    void theGateLeavesLegitimateTextAlone(@ForAll("legitimateArticles") Article article) {
        // '<' and '&' may start markup or a reference: the gate reads headlines as HTML, by design
        String headline = ("Headline " + article.headline().replace("<", "").replace("&", "")).strip();
        WireItem item = aWireItem()
                .language(article.language().code())
                .headline(headline)
                .byline(article.byline())
                .located(article.dateline())
                .keywords(article.tags().toArray(String[]::new))
                .build();

        Article gated = NORMALISER.normalise(item, "standard", RECEIVED);

        // longer text is cut by design (ArticleNormaliser's limits: 200 code points for names, 100 for tags)
        if (codePoints(article.byline()) <= 200) {
            assertThat(gated.byline()).isEqualTo(article.byline());
        }
        if (codePoints(article.dateline()) <= 200) {
            assertThat(gated.dateline()).isEqualTo(article.dateline());
        }
        assertThat(gated.tags())
                .containsAll(article.tags().stream()
                        .filter(t -> codePoints(t) <= 100)
                        .toList());
        if (codePoints(headline) <= 300) {
            assertThat(gated.headline()).isEqualTo(headline);
        }
    }

    private static int codePoints(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    @Provide
    Arbitrary<Article> legitimateArticles() {
        Arbitrary<String> text = UnicodeText.legitimateText(12);
        return Combinators.combine(
                        text,
                        text,
                        text,
                        text.injectNull(0.2),
                        text.injectNull(0.3),
                        text.list().ofMaxSize(3),
                        Arbitraries.of(Language.class),
                        Combinators.combine(text, text.injectNull(0.3), text.injectNull(0.3))
                                .as((caption, credit, correction) ->
                                        List.of(caption, Optional.ofNullable(credit), Optional.ofNullable(correction))))
                .as((headline, standfirst, body, byline, dateline, tags, language, extra) -> anArticle()
                        .wire("standard", "urn:test:legit")
                        .language(language)
                        .headline(headline)
                        .standfirst(standfirst)
                        .bodyHtml("<p>" + escape(body) + "</p>")
                        .byline(byline)
                        .dateline(dateline)
                        .tags(tags.stream().distinct().toList())
                        .images(new Image(
                                "https://images.example/a.jpg",
                                (String) extra.get(0),
                                ((Optional<?>) extra.get(1))
                                        .map(String.class::cast)
                                        .orElse(null),
                                "image/jpeg",
                                0,
                                0))
                        .correctionNote(((Optional<?>) extra.get(2))
                                .map(String.class::cast)
                                .orElse(null))
                        .slug(Slugs.of(headline).isEmpty() ? "item" : Slugs.of(headline))
                        .build());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ------------------------------------------------------------------ 100 KB strings

    @Property(tries = 4, shrinking = ShrinkingMode.OFF, seed = BUILD_SEED)
    void hundredKilobyteStringsOfAnythingAreRepairedAndWritten(
            @ForAll("hundredKilobytesOfAnything") String huge, @ForAll("hundredKilobytesLegitimate") String legit)
            throws Exception {
        Article gated = NORMALISER.normalise(
                aWireItem()
                        .headline("Big " + huge)
                        .standfirst(huge)
                        .bodyHtml(huge)
                        .byline(huge)
                        .build(),
                "standard",
                RECEIVED);
        assertRepaired(gated);
        assertCarriedUnchanged(gated, render(gated));

        Article article = anArticle()
                .headline(legit.substring(0, legit.offsetByCodePoints(0, 200)).strip())
                .standfirst(legit)
                .bodyHtml("<p>" + escape(legit) + "</p>")
                .build();
        assertCarriedUnchanged(article, render(article));
    }

    @Provide
    Arbitrary<String> hundredKilobytesOfAnything() {
        return UnicodeText.anyLongText(100_000);
    }

    @Provide
    Arbitrary<String> hundredKilobytesLegitimate() {
        return UnicodeText.legitimateLongText(100_000);
    }

    // ------------------------------------------------------------------ odd URLs and dates

    @Property(tries = 200, seed = BUILD_SEED)
    void anOddUrlIsRepairedToAnAbsoluteAsciiUrlOrDropped(@ForAll("oddUrls") String url) {
        Optional<String> repaired = UrlRepair.repair(url);

        repaired.ifPresent(u -> {
            assertThat(u).matches("(?i)https?://\\p{ASCII}+").hasSizeLessThanOrEqualTo(2048);
            assertThat(URI.create(u).getHost()).isNotEmpty();
            assertThat(UrlRepair.repair(u)).as("repairing twice").contains(u);
        });
    }

    @Provide
    Arbitrary<String> oddUrls() {
        Arbitrary<String> scheme =
                Arbitraries.of("http", "https", "HTTPS", "hTTp", "javascript", "data", "ftp", "", " http");
        Arbitrary<String> separator = Arbitraries.of("://", ":", ":///", "//", ":/");
        Arbitrary<String> host = Arbitraries.of(
                "images.example",
                "bücher.example",
                "مثال.إختبار",
                "例え.テスト",
                "user:pw@host.example:8080",
                "host.example:99999",
                "[::1]",
                "[::1",
                "a b.example",
                "",
                "xn--.example",
                "-bad-.example",
                "host.example.",
                "%41.example");
        Arbitrary<String> rest = Arbitraries.oneOf(
                UnicodeText.anyText(20),
                Arbitraries.of("/a b.jpg", "/%zz", "/%41", "?q=ü#frag#more", "/\u202Eevil", "/" + "x".repeat(2100)));
        return Combinators.combine(scheme, separator, host, rest).as((s, sep, h, r) -> s + sep + h + r);
    }

    @Provide
    Arbitrary<Instant> dates() {
        return Arbitraries.longs()
                .between(
                        Instant.parse("0001-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("9999-12-31T23:59:59Z").getEpochSecond())
                .map(seconds -> Instant.ofEpochSecond(seconds))
                .edgeCases(edges -> edges.add(Instant.EPOCH));
    }

    @Provide
    Arbitrary<Instant> datesWithNanos() {
        return Combinators.combine(dates(), Arbitraries.integers().between(0, 999_999_999))
                .as((instant, nanos) -> instant.plusNanos(nanos));
    }
}
