package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.publish.FeedWriterFixtures.ATOM_NS;
import static org.wiregate.publish.FeedWriterFixtures.BASE;
import static org.wiregate.publish.FeedWriterFixtures.TITLES;
import static org.wiregate.publish.FeedWriterFixtures.URLS;
import static org.wiregate.publish.FeedWriterFixtures.children;
import static org.wiregate.publish.FeedWriterFixtures.elements;
import static org.wiregate.publish.FeedWriterFixtures.hardenedXml;
import static org.wiregate.publish.FeedWriterFixtures.rome;
import static org.wiregate.publish.FeedWritersPropertyTest.BUILD_SEED;
import static org.wiregate.publish.FeedWritersPropertyTest.strictJson;
import static org.wiregate.publish.FeedWritersPropertyTest.titles;
import static org.wiregate.publish.FeedWritersPropertyTest.uris;
import static org.wiregate.support.WireItemBuilder.aWireItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Language;
import org.wiregate.article.Slugs;
import org.wiregate.ingest.WireItem;
import org.wiregate.normalise.ArticleNormaliser;
import org.wiregate.normalise.TextRepair;
import org.wiregate.source.MappingRegistry;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.ArticleScope;
import org.wiregate.store.EditionRepository;
import org.wiregate.support.ArticleBuilder;
import org.wiregate.support.JsonFeedConformance;
import org.wiregate.support.UnicodeText;

/**
 * Property-based, partner feeds: the renders partners get go through {@link ContractFeedRenders}
 * and the real {@link FeedPageAssembler} (its store stubbed with generated, gated articles, their
 * other-language editions and a tombstone), cut to a contract (full text or summary only, usage
 * terms, embargo preview), with a partner name of arbitrary Unicode set into the shared render as
 * the reader's rights. RSS, Atom and JSON Feed parse back (Rome, a hardened DOM, a strict JSON
 * reader, JSON Feed 1.1's rules, and sampled, python3-feedparser), carry every item in order,
 * the contract's cut, the terms, the rights as the writers would have written them, and only
 * absolute links under the partner feeds. The partner ninjs item (the articles API's cut) too.
 */
class ContractFeedRendersPropertyTest {

    private static final ArticleNormaliser NORMALISER = new ArticleNormaliser(new MappingRegistry(Path.of("mappings")));
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Instant EMBARGO = NOW.plusSeconds(3600);
    private static final ArticleId KILLED = ArticleId.of("standard", "urn:test:killed");
    private static final String PARTNER_FEEDS = BASE + "/partner/feeds/";
    private static final SampledFeedparser FEEDPARSER = new SampledFeedparser(5);

    /** A contract and what the store holds for it. */
    record Case(
            List<Article> items,
            List<Article> editions,
            boolean summaryOnly,
            String usageTerms,
            String partnerName,
            boolean tagFeed) {

        Language language() {
            return items.get(0).language();
        }

        String rights() {
            return "Licensed to " + partnerName + " (partner-x). Each item carries its agency's usage terms.";
        }

        /** The item's terms as the assembler makes them: the contract's, then the embargo notice. */
        String termsOf(Article a) {
            return a.embargoUntil() == null
                    ? usageTerms
                    : usageTerms + " " + FeedTerms.embargoLabel(a.embargoUntil())
                            + ": not for publication before then.";
        }
    }

    @Property(tries = 40, seed = BUILD_SEED)
    void partnerFeedsOfAnyTextParseBackCutToTheContractWithTheReadersRights(@ForAll("cases") Case c) throws Exception {
        MeterRegistry meters = new SimpleMeterRegistry();
        RenderGuard guard = new RenderGuard(meters);
        ContractFeedRenders renders = renders(c, guard);
        FeedAudience audience = new FeedAudience(
                new ArticleScope(Set.of(c.language()), null, null, null, null, true),
                c.summaryOnly(),
                article -> c.usageTerms(),
                c.rights(),
                "/partner/feeds");
        FeedSlice slice = c.tagFeed()
                ? FeedSlice.tag(Slugs.of(c.items().get(0).tags().get(0))).orElseThrow()
                : FeedSlice.ALL;
        List<String> ids = c.items().stream().map(a -> a.id().urn()).toList();
        List<String> headlines = c.items().stream().map(Article::headline).toList();
        boolean sampled = FEEDPARSER.due();

        for (FeedFormat format : FeedFormat.values()) {
            byte[] body = renders.feed(audience, c.language(), slice, format, 1)
                    .orElseThrow()
                    .feed()
                    .body();
            String what = format + " partner feed";
            assertThat(new String(body, StandardCharsets.UTF_8))
                    .as(what + ": the rights slot is filled")
                    .doesNotContain("wiregate-rights-");
            switch (format) {
                case RSS -> assertRss(c, body);
                case ATOM -> assertAtom(c, body);
                case JSON -> assertJson(c, body);
            }
            if (sampled) {
                FEEDPARSER.add(what, body, format, ids, headlines);
            }
        }
        assertThat(meters.find("wiregate.publish.skipped").counters())
                .as("left out")
                .isEmpty();
        assertThat(meters.find("wiregate.publish.repairs").counters())
                .as("repaired at render time although it came through the gate")
                .isEmpty();

        // Another reader on the same contract: the same render, its own rights set in.
        FeedAudience other = new FeedAudience(
                audience.scope(), audience.summaryOnly(), audience.usageTerms(), "Licensed to Other", "/partner/feeds");
        SyndFeed otherRss = rome(renders.feed(other, c.language(), slice, FeedFormat.RSS, 1)
                .orElseThrow()
                .feed()
                .body());
        assertThat(otherRss.getCopyright()).isEqualTo("Licensed to Other");

        assertNinjs(c, guard, sampled);
    }

    private static void assertRss(Case c, byte[] body) throws Exception {
        Document dom = hardenedXml(body);
        SyndFeed feed = rome(body);
        assertThat(feed.getCopyright()).as("RSS copyright").isEqualTo(asXmlCarriesIt(c.rights()));
        List<SyndEntry> entries = feed.getEntries();
        assertThat(uris(entries)).as("RSS guids").isEqualTo(ids(c));
        assertThat(titles(entries)).as("RSS titles").isEqualTo(headlines(c));
        for (int i = 0; i < entries.size(); i++) {
            SyndEntry entry = entries.get(i);
            Article a = c.items().get(i);
            assertThat(entry.getContents().isEmpty())
                    .as("RSS content:encoded only in full text")
                    .isEqualTo(c.summaryOnly());
            assertThat(((DCModule) entry.getModule(DCModule.URI)).getRightsList())
                    .as("RSS dc:rights")
                    .contains(c.termsOf(a));
            assertThat(entry.getCategories().stream()
                            .anyMatch(cat -> FeedTerms.EMBARGO_SCHEME.equals(cat.getTaxonomyUri())))
                    .as("RSS embargo category")
                    .isEqualTo(a.embargoUntil() != null);
            assertAbsolute(entry.getLink());
        }
        elements(dom, ATOM_NS, "link").forEach(link -> {
            String href = link.getAttribute("href");
            assertAbsolute(href);
            if (!"alternate".equals(link.getAttribute("rel"))) {
                assertThat(href).as("RSS feed link").startsWith(PARTNER_FEEDS);
            }
        });
        assertThat(elements(dom, ATOM_NS, "link").stream()
                        .filter(l -> "alternate".equals(l.getAttribute("rel")))
                        .count())
                .as("RSS edition links")
                .isEqualTo(editionLanguages(c));
    }

    private static void assertAtom(Case c, byte[] body) throws Exception {
        Document dom = hardenedXml(body);
        SyndFeed feed = rome(body);
        assertThat(feed.getCopyright()).as("Atom rights").isEqualTo(asXmlCarriesIt(c.rights()));
        List<SyndEntry> entries = feed.getEntries();
        assertThat(uris(entries)).as("Atom ids").isEqualTo(ids(c));
        assertThat(titles(entries)).as("Atom titles").isEqualTo(headlines(c));
        List<Element> atomEntries = elements(dom, ATOM_NS, "entry");
        for (int i = 0; i < entries.size(); i++) {
            SyndEntry entry = entries.get(i);
            Article a = c.items().get(i);
            assertThat(entry.getContents().isEmpty())
                    .as("Atom content only in full text")
                    .isEqualTo(c.summaryOnly());
            if (c.summaryOnly()) {
                assertThat(entry.getDescription())
                        .as("Atom summary stands for the entry")
                        .isNotNull();
            }
            String rights = children(atomEntries.get(i)).stream()
                    .filter(e -> "rights".equals(e.getLocalName()))
                    .map(Element::getTextContent)
                    .findFirst()
                    .orElse(null);
            assertThat(rights).as("Atom entry rights").endsWith(c.termsOf(a));
            assertThat(entry.getCategories().stream()
                            .map(SyndCategory::getTaxonomyUri)
                            .anyMatch(FeedTerms.EMBARGO_SCHEME::equals))
                    .as("Atom embargo category")
                    .isEqualTo(a.embargoUntil() != null);
        }
        for (Element link : elements(dom, ATOM_NS, "link")) {
            String href = link.getAttribute("href");
            assertAbsolute(href);
            String rel = link.getAttribute("rel");
            if (Set.of("self", "first", "next", "previous", "last").contains(rel)) {
                assertThat(href).as("Atom " + rel).startsWith(PARTNER_FEEDS);
            }
        }
        assertThat(elements(dom, "http://purl.org/atompub/tombstones/1.0", "deleted-entry"))
                .extracting(e -> e.getAttribute("ref"))
                .as(c.tagFeed() ? "no tombstones on a tag feed" : "the contract's tombstone")
                .isEqualTo(c.tagFeed() ? List.of() : List.of(KILLED.urn()));
    }

    private static void assertJson(Case c, byte[] body) {
        JsonNode feed = strictJson(body);
        JsonFeedConformance.assertConforms(feed);
        assertThat(feed.path("_wiregate").path("rights").asText())
                .as("JSON Feed rights")
                .isEqualTo(asUtf8CarriesIt(c.rights()));
        assertThat(feed.path("feed_url").asText()).startsWith(PARTNER_FEEDS);
        List<String> ids = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < feed.path("items").size(); i++) {
            JsonNode item = feed.path("items").get(i);
            Article a = c.items().get(i);
            ids.add(item.path("id").asText());
            titles.add(item.path("title").asText());
            assertThat(item.has("content_html"))
                    .as("JSON content_html only in full text")
                    .isNotEqualTo(c.summaryOnly());
            assertThat(item.path("_wiregate").path("usage_terms").asText())
                    .as("JSON usage terms")
                    .isEqualTo(c.termsOf(a));
            assertThat(item.path("_wiregate").has("embargoed")).isEqualTo(a.embargoUntil() != null);
            item.path("_editions").forEach(e -> assertAbsolute(e.path("url").asText()));
        }
        assertThat(ids).as("JSON Feed ids").isEqualTo(ids(c));
        assertThat(titles).as("JSON Feed titles").isEqualTo(headlines(c));
    }

    /** The partner articles API's item: ninjs cut to the contract, with its editions as translations. */
    private static void assertNinjs(Case c, RenderGuard guard, boolean sampled) {
        NinjsWriter writer = new NinjsWriter(URLS, guard);
        Article a = c.items().get(0);
        byte[] bytes = writer.bytes(
                writer.item(a, "group-1", c.editions(), new NinjsWriter.Cut(c.summaryOnly(), c.termsOf(a))));
        JsonNode ninjs = strictJson(bytes);
        assertThat(ninjs.path("uri").asText()).isEqualTo(a.id().urn());
        assertThat(ninjs.path("headlines").get(0).path("value").asText()).isEqualTo(a.headline());
        assertThat(ninjs.path("usageterms").asText()).as("ninjs usageterms").isEqualTo(c.termsOf(a));
        assertThat(ninjs.has("bodies")).as("ninjs body only in full text").isNotEqualTo(c.summaryOnly());
        List<String> translations = new ArrayList<>();
        ninjs.path("associations").forEach(as -> {
            if ("translation".equals(as.path("name").asText())) {
                translations.add(as.path("headlines").get(0).path("value").asText());
            }
        });
        Map<Language, String> firstOfEach = new LinkedHashMap<>();
        c.editions().forEach(e -> firstOfEach.putIfAbsent(e.language(), TextRepair.clean(e.headline())));
        assertThat(translations).as("ninjs translations").containsExactlyInAnyOrderElementsOf(firstOfEach.values());
        if (sampled) {
            FEEDPARSER.add("partner ninjs", bytes, "application/json", List.of(a.id().urn()), List.of(a.headline()));
        }
    }

    @AfterProperty
    void feedparserReadsTheSample() {
        FEEDPARSER.check();
    }

    // ------------------------------------------------------------------ the store and the renders

    private static ContractFeedRenders renders(Case c, RenderGuard guard) {
        ArticleRepository articles = new ArticleRepository(null) {
            @Override
            public List<Article> findPublished(
                    Language language,
                    Facet facet,
                    String value,
                    ArticleScope scope,
                    Instant now,
                    int limit,
                    int offset) {
                return offset == 0 ? c.items() : List.of();
            }

            @Override
            public long countPublished(Language language, ArticleScope scope, Instant now, long atMost) {
                return c.items().size();
            }

            @Override
            public Optional<Instant> nextEmbargoLapse(Language language, Instant now) {
                return Optional.empty();
            }

            @Override
            public List<Canceled> canceledSince(Language language, ArticleScope scope, Instant from) {
                return List.of(new Canceled(KILLED, NOW.minusSeconds(600)));
            }
        };
        EditionRepository editions = new EditionRepository(null) {
            @Override
            public Map<ArticleId, List<Article>> publishedSiblings(
                    List<ArticleId> ids, ArticleScope scope, Instant now) {
                return c.editions().isEmpty()
                        ? Map.of()
                        : Map.of(c.items().get(0).id(), c.editions());
            }
        };
        FeedPageAssembler assembler = new FeedPageAssembler(
                articles,
                editions,
                TITLES,
                URLS,
                new RssFeedWriter(URLS, guard),
                new AtomFeedWriter(URLS, guard),
                new JsonFeedWriter(URLS, guard),
                50,
                100);
        return new ContractFeedRenders(assembler, new PageEvictions(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    // ------------------------------------------------------------------ expectations

    private static List<String> ids(Case c) {
        return c.items().stream().map(a -> a.id().urn()).toList();
    }

    private static List<String> headlines(Case c) {
        return c.items().stream().map(Article::headline).toList();
    }

    private static long editionLanguages(Case c) {
        return c.editions().stream().map(Article::language).distinct().count();
    }

    /** An absolute http(s) URL that is a URI: ASCII, percent-encoded. */
    private static void assertAbsolute(String url) {
        assertThat(url).as("absolute ASCII URL").matches("https?://[\\x21-\\x7E]+");
        URI uri = URI.create(url);
        assertThat(uri.isAbsolute()).as(url).isTrue();
        assertThat(uri.getHost()).as(url).isNotEmpty();
    }

    /** Text as an XML writer carries it: the characters XML 1.0 forbids are left out, the rest as it is. */
    private static String asXmlCarriesIt(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints()
                .filter(cp -> cp == 0x9
                        || cp == 0xA
                        || cp == 0xD
                        || (cp >= 0x20 && cp <= 0xD7FF)
                        || (cp >= 0xE000 && cp <= 0xFFFD)
                        || cp >= 0x10000)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /** Text as UTF-8 carries it: a lone surrogate, which no encoding can carry, becomes '?'. */
    private static String asUtf8CarriesIt(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Language> language = Arbitraries.of(Language.class);
        return Combinators.combine(
                        language,
                        wireItems().list().ofMinSize(1).ofMaxSize(4),
                        wireItems().list().ofMaxSize(3),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false).list().ofSize(4),
                        UnicodeText.legitimateText(8),
                        Arbitraries.oneOf(UnicodeText.legitimateText(4), UnicodeText.anyText(40)),
                        Arbitraries.of(true, false))
                .as((lang, items, editions, summaryOnly, embargoes, terms, name, tagFeed) -> {
                    List<Article> gated = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        Article a = gate(items.get(i), "urn:test:partner-" + i, lang);
                        gated.add(
                                embargoes.get(i)
                                        ? ArticleBuilder.from(a)
                                                .embargoUntil(EMBARGO)
                                                .build()
                                        : a);
                    }
                    List<Article> siblings = new ArrayList<>();
                    Language[] others = Language.values();
                    for (int i = 0; i < editions.size(); i++) {
                        Language other = others[(lang.ordinal() + 1 + i % 2) % others.length];
                        siblings.add(gate(editions.get(i), "urn:test:edition-" + i, other));
                    }
                    String partner = name.strip().isEmpty() ? "Partner" : name.strip();
                    boolean tags = tagFeed
                            && !gated.get(0).tags().isEmpty()
                            && FeedSlice.tag(Slugs.of(gated.get(0).tags().get(0)))
                                    .isPresent();
                    return new Case(
                            gated, siblings, summaryOnly, terms + " Partner contract: full text.", partner, tags);
                });
    }

    private static Article gate(WireItem item, String guid, Language language) {
        WireItem one = org.wiregate.support.WireItemBuilder.from(item)
                .guid(guid)
                .language(language.code())
                .build();
        return NORMALISER.normalise(one, "standard", NOW.minusSeconds(60));
    }

    private static Arbitrary<WireItem> wireItems() {
        Arbitrary<String> text = UnicodeText.anyText(40);
        return Combinators.combine(
                        Combinators.combine(UnicodeText.legitimateText(2), text).as((word, rest) -> word + " " + rest),
                        text,
                        UnicodeText.anyText(120),
                        text.injectNull(0.3),
                        text.list().ofMaxSize(3))
                .as((headline, standfirst, body, byline, tags) -> aWireItem()
                        .headline(headline)
                        .standfirst(standfirst)
                        .bodyHtml(body)
                        .byline(byline)
                        .keywords(tags.toArray(String[]::new))
                        .createdAt(NOW.minusSeconds(3600))
                        .build());
    }
}
