package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.ContentType;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.article.Status;
import org.wiregate.article.WireReference;

class FeedWritersTest {

    private static final String BASE = "https://news.example.org";
    private static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    private static final String CONTENT_NS = "http://purl.org/rss/1.0/modules/content/";
    private static final String DC_NS = "http://purl.org/dc/elements/1.1/";
    private static final String MEDIA_NS = "http://search.yahoo.com/mrss/";
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    private static final String RFC_822 =
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";
    private static final String RFC_3339 = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})";

    private static final String ARABIC_HEADLINE = "بوتين وغويتا يؤكدان تعزيز التعاون الأمني في منطقة الساحل";
    private static final String ARABIC_SLUG = "بوتين-وغويتا-يؤكدان-تعزيز-التعاون-الأمني-في-منطقة-الساحل";

    private final PublicUrls urls = new PublicUrls(BASE);
    private final FeedTitles titles = new FeedTitles("Wiregate News");

    private final Article lisbon = new Article(
            ArticleId.of("standard", "urn:test:en-lisbon"),
            new WireReference("standard", "urn:test:en-lisbon", "2"),
            1, Status.USABLE, Language.EN,
            "Lisbon approves 40 km of cycle lanes & bus corridors",
            "Lisbon's city council approved a plan to build 40 km of protected cycle lanes by 2028.",
            "<p>LISBON (Demo Wire) - Lisbon city council on Tuesday approved a plan.</p>",
            "Ana Costa", "Demo Wire", "Demo Wire", "LISBON",
            Instant.parse("2026-11-27T09:12:00Z"), Instant.parse("2026-11-27T09:40:00Z"),
            Section.ENVIRONMENT, ContentType.NEWS, List.of(Region.EUROPE), List.of("Lisbon", "cycling"),
            List.of(new Image("https://images.example.org/lisbon.jpg", "Cyclists by the river", "Rui Almeida / Demo Wire",
                    "image/jpeg", 1200, 800)),
            List.of(), 1, 3, false, null, "demo-story-20", "lisbon-approves-40-km-of-cycle-lanes-bus-corridors");

    /** No byline, no standfirst, no image, no agency version: the fallbacks. */
    private final Article brief = new Article(
            ArticleId.of("standard", "urn:test:en-brief"),
            new WireReference("standard", "urn:test:en-brief", null),
            1, Status.USABLE, Language.EN,
            "Markets open higher",
            null,
            "<p>Markets opened higher on Friday.</p>",
            null, "Demo Wire", "Demo Wire", null,
            Instant.parse("2026-11-26T07:05:00Z"), Instant.parse("2026-11-26T07:05:00Z"),
            Section.ECONOMY, ContentType.NEWS, List.of(), List.of(), List.of(),
            List.of(), 1, 5, false, null, null, "markets-open-higher");

    private final Article sahelArabic = new Article(
            ArticleId.of("demo", "demo-ar-20261127-01"),
            new WireReference("demo", "demo-ar-20261127-01", null),
            1, Status.USABLE, Language.AR,
            ARABIC_HEADLINE,
            "أكد الرئيس الروسي فلاديمير بوتين ورئيس المرحلة الانتقالية في مالي أسيمي غويتا عزمهما على تعزيز التعاون الأمني.",
            "<p>موسكو (وكالات) - أكد الرئيس الروسي فلاديمير بوتين ورئيس المرحلة الانتقالية في مالي.</p>",
            "قسم الأخبار الدولية", "Demo Wire", "Demo Wire", null,
            Instant.parse("2026-11-27T11:05:00Z"), Instant.parse("2026-11-27T11:20:00Z"),
            Section.POLITICS, ContentType.NEWS, List.of(Region.AFRICA), List.of("روسيا", "مالي"),
            List.of(new Image("https://images.example.org/mali-kremlin.jpg", "الرئيس الروسي فلاديمير بوتين",
                    "بافل أورلوف / ديمو", "image/jpeg", 1200, 800)),
            List.of(), 1, 3, false, null, "demo-story-01", ARABIC_SLUG);

    // ---------------------------------------------------------------- RSS 2.0

    @Test
    void rssParsesBackWithRome() throws Exception {
        SyndFeed feed = rome(new RssFeedWriter(urls).write(englishPage(FeedFormat.RSS, null)));

        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getTitle()).isEqualTo("Wiregate News — Latest news");
        assertThat(feed.getLanguage()).isEqualTo("en");
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle)
                .containsExactly("Lisbon approves 40 km of cycle lanes & bus corridors", "Markets open higher");
        assertThat(feed.getEntries().get(0).getLink()).isEqualTo(urls.article(lisbon));
    }

    @Test
    void rssChannelHasAtomSelfLink() {
        Document rss = xml(new RssFeedWriter(urls).write(englishPage(FeedFormat.RSS, null)));

        Element self = atomLink(rss, "self");
        assertThat(self).as("atom:link rel=self").isNotNull();
        assertThat(self.getAttribute("href")).isEqualTo(BASE + "/feeds/en.rss");
        assertThat(self.getAttribute("type")).isEqualTo("application/rss+xml");
    }

    @Test
    void rssChannelHasAtomNextLinkOnlyWhenThereIsANextPage() {
        Document withNext = xml(new RssFeedWriter(urls).write(englishPage(FeedFormat.RSS, BASE + "/feeds/en.rss?page=2")));
        Document withoutNext = xml(new RssFeedWriter(urls).write(englishPage(FeedFormat.RSS, null)));

        assertThat(atomLink(withNext, "next")).isNotNull()
                .satisfies(next -> assertThat(next.getAttribute("href")).isEqualTo(BASE + "/feeds/en.rss?page=2"));
        assertThat(atomLink(withoutNext, "next")).isNull();
    }

    @Test
    void rssGuidIsTheArticleUrnAndNotAPermalink() {
        Document rss = xml(new RssFeedWriter(urls).write(englishPage(FeedFormat.RSS, null)));

        List<Element> guids = elements(rss, null, "guid");
        assertThat(guids).hasSize(2);
        assertThat(guids.get(0).getTextContent()).isEqualTo(lisbon.id().urn());
        assertThat(guids.get(0).getAttribute("isPermaLink")).isEqualTo("false");
        assertThat(guids.get(1).getTextContent()).isEqualTo(brief.id().urn());
        assertThat(guids.get(1).getAttribute("isPermaLink")).isEqualTo("false");
    }

    @Test
    void rssPubDateIsRfc822InGmt() {
        Document rss = xml(new RssFeedWriter(urls).write(englishPage(FeedFormat.RSS, null)));

        List<String> dates = texts(elements(rss, null, "pubDate"));
        assertThat(dates).allMatch(d -> d.matches(RFC_822), "RFC 822 date");
        assertThat(dates).contains("Fri, 27 Nov 2026 09:12:00 GMT", "Thu, 26 Nov 2026 07:05:00 GMT");
    }

    @Test
    void rssPubDateDoesNotDependOnTheJvmTimeZoneOrLocale() {
        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        byte[] bytes;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Riyadh"));
            Locale.setDefault(Locale.forLanguageTag("ar-SA"));
            bytes = new RssFeedWriter(urls).write(englishPage(FeedFormat.RSS, null));
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
        }

        assertThat(texts(elements(xml(bytes), null, "pubDate"))).contains("Fri, 27 Nov 2026 09:12:00 GMT");
    }

    @Test
    void rssDescriptionComesBeforeContentEncodedInEveryItem() {
        Document rss = xml(new RssFeedWriter(urls).write(englishPage(FeedFormat.RSS, null)));

        List<Element> items = elements(rss, null, "item");
        assertThat(items).hasSize(2);
        for (Element item : items) {
            List<Element> children = children(item);
            int description = indexOf(children, null, "description");
            int encoded = indexOf(children, CONTENT_NS, "encoded");
            assertThat(description).as("description present").isNotNegative();
            assertThat(encoded).as("content:encoded present").isNotNegative();
            assertThat(description).as("description before content:encoded").isLessThan(encoded);
        }
    }

    @Test
    void rssDescriptionIsTheStandfirstOrElseTheHeadline() {
        Document rss = xml(new RssFeedWriter(urls).write(englishPage(FeedFormat.RSS, null)));

        List<String> descriptions = texts(descendants(elements(rss, null, "item"), null, "description"));
        assertThat(descriptions).containsExactly(lisbon.standfirst(), brief.headline());
    }

    @Test
    void rssContentEncodedCarriesTheFullHtmlWithDirection() {
        Document rss = xml(new RssFeedWriter(urls).write(arabicPage(FeedFormat.RSS)));

        String html = elements(rss, CONTENT_NS, "encoded").get(0).getTextContent();
        assertThat(html).startsWith("<div lang=\"ar\" dir=\"rtl\">").contains(sahelArabic.bodyHtml())
                .contains("<figcaption>الرئيس الروسي فلاديمير بوتين (بافل أورلوف / ديمو)</figcaption>");
    }

    @Test
    void rssDcCreatorIsTheBylineOrElseTheAgency() {
        Document rss = xml(new RssFeedWriter(urls).write(englishPage(FeedFormat.RSS, null)));

        assertThat(texts(elements(rss, DC_NS, "creator"))).containsExactly("Ana Costa", "Demo Wire");
    }

    @Test
    void rssChannelLanguageIsThePageLanguage() {
        Document english = xml(new RssFeedWriter(urls).write(englishPage(FeedFormat.RSS, null)));
        Document arabic = xml(new RssFeedWriter(urls).write(arabicPage(FeedFormat.RSS)));

        assertThat(texts(elements(english, null, "language"))).containsExactly("en");
        assertThat(texts(elements(arabic, null, "language"))).containsExactly("ar");
    }

    @Test
    void rssCategoriesAreInTheArticleLanguage() {
        Document rss = xml(new RssFeedWriter(urls).write(arabicPage(FeedFormat.RSS)));

        assertThat(texts(elements(rss, null, "category"))).containsExactly("سياسة", "أفريقيا", "روسيا", "مالي");
    }

    @Test
    void rssImageIsMediaContentWithCaptionAndCredit() {
        Document rss = xml(new RssFeedWriter(urls).write(englishPage(FeedFormat.RSS, null)));

        List<Element> media = elements(rss, MEDIA_NS, "content");
        assertThat(media).hasSize(1);
        assertThat(media.get(0).getAttribute("url")).isEqualTo("https://images.example.org/lisbon.jpg");
        assertThat(media.get(0).getAttribute("medium")).isEqualTo("image");
        assertThat(texts(elements(rss, MEDIA_NS, "description"))).containsExactly("Cyclists by the river");
        assertThat(texts(elements(rss, MEDIA_NS, "credit"))).containsExactly("Rui Almeida / Demo Wire");
    }

    // ---------------------------------------------------------------- Atom 1.0

    @Test
    void atomParsesBackWithRome() throws Exception {
        SyndFeed feed = rome(new AtomFeedWriter(urls).write(englishPage(FeedFormat.ATOM, null)));

        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getEntries()).extracting(SyndEntry::getUri)
                .containsExactly(lisbon.id().urn(), brief.id().urn());
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle)
                .containsExactly("Lisbon approves 40 km of cycle lanes & bus corridors", "Markets open higher");
    }

    @Test
    void atomRootCarriesXmlLangOfThePage() {
        Document arabic = xml(new AtomFeedWriter(urls).write(arabicPage(FeedFormat.ATOM)));
        Document english = xml(new AtomFeedWriter(urls).write(englishPage(FeedFormat.ATOM, null)));

        assertThat(arabic.getDocumentElement().getAttributeNS(XML_NS, "lang")).isEqualTo("ar");
        assertThat(english.getDocumentElement().getAttributeNS(XML_NS, "lang")).isEqualTo("en");
    }

    @Test
    void atomEntryIdIsTheArticleUrn() {
        Document atom = xml(new AtomFeedWriter(urls).write(englishPage(FeedFormat.ATOM, null)));

        List<String> entryIds = texts(descendants(elements(atom, ATOM_NS, "entry"), ATOM_NS, "id"));
        assertThat(entryIds).containsExactly(lisbon.id().urn(), brief.id().urn());
    }

    @Test
    void atomEntryTimesAreRfc3339() {
        Document atom = xml(new AtomFeedWriter(urls).write(englishPage(FeedFormat.ATOM, null)));

        Element entry = elements(atom, ATOM_NS, "entry").get(0);
        String published = child(entry, ATOM_NS, "published").getTextContent();
        String updated = child(entry, ATOM_NS, "updated").getTextContent();
        assertThat(published).matches(RFC_3339);
        assertThat(updated).matches(RFC_3339);
        assertThat(Instant.parse(published)).isEqualTo(lisbon.firstPublished());
        assertThat(Instant.parse(updated)).isEqualTo(lisbon.updated());
    }

    @Test
    void atomFeedHasSelfLinkAndUpdatedTime() {
        Document atom = xml(new AtomFeedWriter(urls).write(englishPage(FeedFormat.ATOM, null)));

        Element self = atomLink(atom, "self");
        assertThat(self).isNotNull();
        assertThat(self.getAttribute("href")).isEqualTo(BASE + "/feeds/en.atom");
        String feedUpdated = child(atom.getDocumentElement(), ATOM_NS, "updated").getTextContent();
        assertThat(feedUpdated).matches(RFC_3339);
        assertThat(Instant.parse(feedUpdated)).isEqualTo(lisbon.updated());
    }

    @Test
    void atomEntryAuthorIsTheBylineOrElseTheAgency() {
        Document atom = xml(new AtomFeedWriter(urls).write(englishPage(FeedFormat.ATOM, null)));

        List<Element> entries = elements(atom, ATOM_NS, "entry");
        assertThat(child(child(entries.get(0), ATOM_NS, "author"), ATOM_NS, "name").getTextContent()).isEqualTo("Ana Costa");
        assertThat(child(child(entries.get(1), ATOM_NS, "author"), ATOM_NS, "name").getTextContent()).isEqualTo("Demo Wire");
    }

    @Test
    void atomEntrySummaryIsTheStandfirst() {
        Document atom = xml(new AtomFeedWriter(urls).write(englishPage(FeedFormat.ATOM, null)));

        Element entry = elements(atom, ATOM_NS, "entry").get(0);
        assertThat(child(entry, ATOM_NS, "summary").getTextContent()).isEqualTo(lisbon.standfirst());
    }

    @Test
    void atomArabicContentIsHtmlWrappedRightToLeft() {
        Document atom = xml(new AtomFeedWriter(urls).write(arabicPage(FeedFormat.ATOM)));

        Element content = child(elements(atom, ATOM_NS, "entry").get(0), ATOM_NS, "content");
        assertThat(content).isNotNull();
        assertThat(content.getAttribute("type")).isEqualTo("html");
        assertThat(content.getTextContent()).startsWith("<div lang=\"ar\" dir=\"rtl\">").endsWith("</div>")
                .contains(sahelArabic.bodyHtml());
    }

    @Test
    void atomEnglishContentIsWrappedLeftToRight() {
        Document atom = xml(new AtomFeedWriter(urls).write(englishPage(FeedFormat.ATOM, null)));

        Element content = child(elements(atom, ATOM_NS, "entry").get(0), ATOM_NS, "content");
        assertThat(content.getTextContent()).startsWith("<div lang=\"en\" dir=\"ltr\">");
    }

    @Test
    void atomFeedHasNextLinkOnlyWhenThereIsANextPage() {
        Document withNext = xml(new AtomFeedWriter(urls).write(englishPage(FeedFormat.ATOM, BASE + "/feeds/en.atom?page=2")));
        Document withoutNext = xml(new AtomFeedWriter(urls).write(englishPage(FeedFormat.ATOM, null)));

        assertThat(atomLink(withNext, "next")).isNotNull();
        assertThat(atomLink(withoutNext, "next")).isNull();
    }

    // ---------------------------------------------------------------- JSON Feed 1.1

    @Test
    void jsonFeedDeclaresVersionLanguageAndUrls() {
        JsonNode feed = json(new JsonFeedWriter(urls).write(englishPage(FeedFormat.JSON, null)));

        assertThat(feed.path("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.path("language").asText()).isEqualTo("en");
        assertThat(feed.path("title").asText()).isEqualTo("Wiregate News — Latest news");
        assertThat(feed.path("home_page_url").asText()).isEqualTo(BASE + "/en/");
        assertThat(feed.path("feed_url").asText()).isEqualTo(BASE + "/feeds/en.json");
        assertThat(feed.path("items")).hasSize(2);
    }

    @Test
    void jsonFeedItemHasUrnIdAndAbsoluteUrl() {
        JsonNode item = json(new JsonFeedWriter(urls).write(englishPage(FeedFormat.JSON, null))).path("items").get(0);

        assertThat(item.path("id").asText()).isEqualTo(lisbon.id().urn());
        assertThat(item.path("url").asText())
                .isEqualTo(BASE + "/en/articles/" + lisbon.id().value() + "/lisbon-approves-40-km-of-cycle-lanes-bus-corridors");
        assertThat(item.path("title").asText()).isEqualTo(lisbon.headline());
    }

    @Test
    void jsonFeedArabicItemUrlIsAnAbsoluteAsciiUriWithTheSlugPercentEncoded() {
        JsonNode item = json(new JsonFeedWriter(urls).write(arabicPage(FeedFormat.JSON))).path("items").get(0);

        String url = item.path("url").asText();
        assertThat(url).startsWith(BASE + "/ar/articles/" + sahelArabic.id().value() + "/");
        assertThat(url.chars()).allMatch(c -> c < 0x80);
        assertThat(URI.create(url).isAbsolute()).isTrue();
        assertThat(URLDecoder.decode(url.substring(url.lastIndexOf('/') + 1), StandardCharsets.UTF_8)).isEqualTo(ARABIC_SLUG);
    }

    @Test
    void jsonFeedArabicContentHtmlIsRightToLeft() {
        JsonNode item = json(new JsonFeedWriter(urls).write(arabicPage(FeedFormat.JSON))).path("items").get(0);

        assertThat(item.path("content_html").asText()).startsWith("<div lang=\"ar\" dir=\"rtl\">")
                .contains(sahelArabic.bodyHtml());
        assertThat(item.path("language").asText()).isEqualTo("ar");
    }

    @Test
    void jsonFeedItemHasSummaryImageAndAuthors() {
        JsonNode items = json(new JsonFeedWriter(urls).write(englishPage(FeedFormat.JSON, null))).path("items");

        assertThat(items.get(0).path("summary").asText()).isEqualTo(lisbon.standfirst());
        assertThat(items.get(0).path("image").asText()).isEqualTo("https://images.example.org/lisbon.jpg");
        assertThat(items.get(0).path("authors").get(0).path("name").asText()).isEqualTo("Ana Costa");
        assertThat(items.get(1).has("summary")).isFalse();
        assertThat(items.get(1).has("image")).isFalse();
        assertThat(items.get(1).path("authors").get(0).path("name").asText()).isEqualTo("Demo Wire");
    }

    @Test
    void jsonFeedDatesAreRfc3339() {
        JsonNode item = json(new JsonFeedWriter(urls).write(englishPage(FeedFormat.JSON, null))).path("items").get(0);

        assertThat(item.path("date_published").asText()).matches(RFC_3339).isEqualTo("2026-11-27T09:12:00Z");
        assertThat(item.path("date_modified").asText()).matches(RFC_3339).isEqualTo("2026-11-27T09:40:00Z");
    }

    @Test
    void jsonFeedWireExtensionCarriesTheAgencyIdentity() {
        JsonNode items = json(new JsonFeedWriter(urls).write(englishPage(FeedFormat.JSON, null))).path("items");

        JsonNode wire = items.get(0).path("_wire");
        assertThat(wire.path("source").asText()).isEqualTo("standard");
        assertThat(wire.path("guid").asText()).isEqualTo("urn:test:en-lisbon");
        assertThat(wire.path("version").asText()).isEqualTo("2");
        assertThat(wire.path("section").asText()).isEqualTo("environment");
        assertThat(wire.path("regions").get(0).asText()).isEqualTo("europe");
        assertThat(wire.path("edition_group").asText()).isEqualTo("demo-story-20");
        assertThat(items.get(1).path("_wire").has("version")).isTrue();
        assertThat(items.get(1).path("_wire").path("version").isNull()).isTrue();
    }

    @Test
    void jsonFeedHasNextUrlOnlyWhenThereIsANextPage() {
        JsonNode withNext = json(new JsonFeedWriter(urls).write(englishPage(FeedFormat.JSON, BASE + "/feeds/en.json?page=2")));
        JsonNode withoutNext = json(new JsonFeedWriter(urls).write(englishPage(FeedFormat.JSON, null)));

        assertThat(withNext.path("next_url").asText()).isEqualTo(BASE + "/feeds/en.json?page=2");
        assertThat(withoutNext.has("next_url")).isFalse();
    }

    @Test
    void jsonFeedTagsAreInTheArticleLanguage() {
        JsonNode item = json(new JsonFeedWriter(urls).write(arabicPage(FeedFormat.JSON))).path("items").get(0);

        List<String> tags = new ArrayList<>();
        item.path("tags").forEach(t -> tags.add(t.asText()));
        assertThat(tags).containsExactly("سياسة", "أفريقيا", "روسيا", "مالي");
    }

    @Test
    void captionWithQuotesAndMarkupStaysTextInContentHtml() {
        String caption = "Protesters hold a \"<b onmouseover=x()>Free Press</b>\" sign & flags";
        Article withCaption = new Article(brief.id(), brief.wire(), 1, Status.USABLE, Language.EN, brief.headline(),
                null, brief.bodyHtml(), null, "Demo Wire", "Demo Wire", null, brief.firstPublished(), brief.updated(),
                Section.ECONOMY, ContentType.NEWS, List.of(), List.of(),
                List.of(new Image("https://images.example.org/protest.jpg", caption, null, "image/jpeg", 0, 0)),
                List.of(), 1, 5, false, null, null, brief.slug());
        JsonNode item = json(new JsonFeedWriter(urls).write(page(Language.EN, FeedFormat.JSON, List.of(withCaption), null)))
                .path("items").get(0);

        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parseBodyFragment(item.path("content_html").asText());

        assertThat(html.select("b")).isEmpty();
        assertThat(html.select("[onmouseover]")).isEmpty();
        assertThat(html.selectFirst("img").attr("alt")).isEqualTo(caption);
        assertThat(html.selectFirst("figcaption").text()).isEqualTo(caption);
    }

    // ---------------------------------------------------------------- all formats

    @ParameterizedTest
    @EnumSource(FeedFormat.class)
    void arabicHeadlineSurvivesByteExactly(FeedFormat format) {
        byte[] output = render(arabicPage(format));

        assertThat(indexOf(output, ARABIC_HEADLINE.getBytes(StandardCharsets.UTF_8)))
                .as("UTF-8 bytes of the Arabic headline in the %s output", format)
                .isNotNegative();
    }

    @ParameterizedTest
    @EnumSource(value = FeedFormat.class, names = {"RSS", "ATOM"})
    void arabicHeadlineParsesBackUnchanged(FeedFormat format) throws Exception {
        SyndFeed feed = rome(render(arabicPage(format)));

        assertThat(feed.getEntries()).singleElement()
                .satisfies(entry -> assertThat(entry.getTitle()).isEqualTo(ARABIC_HEADLINE));
    }

    @Test
    void arabicHeadlineParsesBackUnchangedFromJsonFeed() {
        JsonNode feed = json(render(arabicPage(FeedFormat.JSON)));

        assertThat(feed.path("items").get(0).path("title").asText()).isEqualTo(ARABIC_HEADLINE);
    }

    @ParameterizedTest
    @EnumSource(FeedFormat.class)
    void renderingTheSamePageTwiceGivesIdenticalBytes(FeedFormat format) {
        FeedPage page = englishPage(format, urls.feed(Language.EN, format, 2));

        byte[] first = render(page);
        byte[] second = render(page);

        assertThat(second).isEqualTo(first);
    }

    @ParameterizedTest
    @EnumSource(FeedFormat.class)
    void renderingAnEqualPageWithFreshWritersGivesIdenticalBytes(FeedFormat format) {
        byte[] first = render(arabicPage(format));
        byte[] second = render(arabicPage(format));

        assertThat(second).isEqualTo(first);
    }

    // ---------------------------------------------------------------- helpers

    private FeedPage englishPage(FeedFormat format, String nextUrl) {
        return page(Language.EN, format, List.of(lisbon, brief), nextUrl);
    }

    private FeedPage arabicPage(FeedFormat format) {
        return page(Language.AR, format, List.of(sahelArabic), null);
    }

    private FeedPage page(Language language, FeedFormat format, List<Article> items, String nextUrl) {
        Instant updated = items.stream().map(Article::updated).max(Instant::compareTo).orElse(Instant.EPOCH);
        return new FeedPage(language, format, 1, titles.latest(language), titles.latestDescription(language), items,
                updated, urls.feed(language, format, 1), urls.home(language), urls.feed(language, format, 1),
                nextUrl, null);
    }

    /** Each call uses new writers, so nothing cached in a writer can make two renders agree. */
    private byte[] render(FeedPage page) {
        return switch (page.format()) {
            case RSS -> new RssFeedWriter(new PublicUrls(BASE)).write(page);
            case ATOM -> new AtomFeedWriter(new PublicUrls(BASE)).write(page);
            case JSON -> new JsonFeedWriter(new PublicUrls(BASE)).write(page);
        };
    }

    private static SyndFeed rome(byte[] bytes) throws Exception {
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(bytes))) {
            return new SyndFeedInput().build(reader);
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            throw new AssertionError("output is not JSON", e);
        }
    }

    private static Document xml(byte[] bytes) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            throw new AssertionError("output is not well-formed XML", e);
        }
    }

    private static Element atomLink(Document document, String rel) {
        for (Element link : elements(document, ATOM_NS, "link")) {
            if (rel.equals(link.getAttribute("rel"))) {
                return link;
            }
        }
        return null;
    }

    /** Elements by namespace and local name; a null namespace means "no namespace". */
    private static List<Element> elements(Document document, String namespace, String localName) {
        return toList(document.getElementsByTagNameNS(namespace == null ? "" : namespace, localName), namespace);
    }

    private static List<Element> descendants(List<Element> parents, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Element parent : parents) {
            found.addAll(toList(parent.getElementsByTagNameNS(namespace == null ? "" : namespace, localName), namespace));
        }
        return found;
    }

    private static List<Element> toList(NodeList nodes, String namespace) {
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (namespace == null ? element.getNamespaceURI() == null : namespace.equals(element.getNamespaceURI())) {
                list.add(element);
            }
        }
        return list;
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    private static Element child(Element parent, String namespace, String localName) {
        for (Element element : children(parent)) {
            if (localName.equals(element.getLocalName()) && namespace.equals(element.getNamespaceURI())) {
                return element;
            }
        }
        return null;
    }

    private static int indexOf(List<Element> elements, String namespace, String localName) {
        for (int i = 0; i < elements.size(); i++) {
            Element e = elements.get(i);
            boolean sameNamespace = namespace == null ? e.getNamespaceURI() == null : namespace.equals(e.getNamespaceURI());
            if (sameNamespace && localName.equals(e.getLocalName())) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> texts(List<Element> elements) {
        return elements.stream().map(Element::getTextContent).toList();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void correctionNoteIsShownInTheItemsLanguageInEveryFormat() {
        Article corrected = sahelArabic.withCorrectionNote("صُحّح عدد الضحايا");
        FeedPage page = new FeedPage(Language.AR, FeedFormat.RSS, 1, "t", "d", List.of(corrected), corrected.updated(),
                "https://news.example.org/feeds/ar.rss", "https://news.example.org/ar/", "https://news.example.org/feeds/ar.rss",
                null, null);
        for (byte[] out : List.of(new RssFeedWriter(urls).write(page), new AtomFeedWriter(urls).write(page),
                new JsonFeedWriter(urls).write(page))) {
            assertThat(new String(out, StandardCharsets.UTF_8)).contains("تصحيح").contains("صُحّح عدد الضحايا");
        }
    }

    @Test
    void rssCategoriesPointAtTheirFeedsAndPicturesCarryThumbnailsAndAttachments() {
        String rss = new String(new RssFeedWriter(urls).write(englishPage(FeedFormat.RSS, null)), StandardCharsets.UTF_8);
        assertThat(rss).contains("<category domain=\"" + BASE + "/feeds/en/section/environment.rss\">Environment</category>")
                .contains("<category domain=\"" + BASE + "/feeds/en/region/europe.rss\">Europe</category>")
                .contains("<category domain=\"" + BASE + "/feeds/en/tag/cycling.rss\">cycling</category>")
                .contains("<media:thumbnail url=\"https://images.example.org/lisbon.jpg\"");
        String json = new String(new JsonFeedWriter(urls).write(englishPage(FeedFormat.JSON, null)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"attachments\":[{\"url\":\"https://images.example.org/lisbon.jpg\",\"mime_type\":\"image/jpeg\"");
    }
}
