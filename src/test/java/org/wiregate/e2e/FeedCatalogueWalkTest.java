package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.wiregate.support.ArticleBuilder.anArticle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.wiregate.article.Article;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.article.Slugs;
import org.wiregate.publish.FeedSlice;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.ArticleStore;
import org.wiregate.support.FeedParserClient;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.JsonFeedConformance;
import org.wiregate.support.TestDirectories;

/**
 * A feed reader importing {@code /feeds.opml} and polling every feed in it: 300 articles in three
 * languages, every section, region, type, breaking and tag feed (Arabic and accented Spanish tags
 * too) read by Rome, python3-feedparser and the JSON Feed rules, headlines byte-exact, then the
 * validators, HEAD, the 404s and the news sitemaps.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FeedCatalogueWalkTest {

    /** Not this test's host: every URL the gateway writes must come from configuration. */
    private static final String PUBLIC = "https://news.example.test";

    private static final int PER_LANGUAGE = 100;
    private static final Path work = TestDirectories.create("catalogue-walk");
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Article> seeded = new HashMap<>();
    private static Instant seededAt;

    private static final Map<Language, List<String>> TAGS = Map.of(
            Language.EN, List.of("Climate", "Elections", "Artificial intelligence", "Oil", "Football"),
            Language.AR, List.of("غزة", "الانتخابات", "النفط", "الذكاء الاصطناعي", "كرة القدم"),
            Language.ES, List.of("Elecciones", "Energía", "Fútbol", "Inteligencia artificial", "Perú"));

    @LocalServerPort
    int port;

    @Autowired
    ArticleStore store;

    @MockitoSpyBean
    ArticleRepository repository;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "catalogue-walk", work.resolve("inbox"));
        registry.add("gateway.public-base-url", () -> PUBLIC);
    }

    @BeforeEach
    void seed() {
        synchronized (seeded) {
            if (!seeded.isEmpty()) {
                return;
            }
            seededAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (Language language : Language.values()) {
                for (int i = 0; i < PER_LANGUAGE; i++) {
                    Article article = article(language, i, seededAt);
                    store.save(article, null);
                    seeded.put(article.id().urn(), article);
                }
            }
        }
    }

    @Test
    void everyFeedInTheOpmlIsServedValidAndInItsLanguage() throws Exception {
        HttpResponse<byte[]> opml = get("/feeds.opml");
        assertThat(opml.statusCode()).isEqualTo(200);
        assertThat(opml.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("text/x-opml")
                .contains("utf-8");
        Document doc = parse(opml.body());
        assertThat(doc.getDocumentElement().getAttribute("version")).isEqualTo("2.0");

        Set<String> feeds = new LinkedHashSet<>();
        NodeList groups =
                doc.getDocumentElement().getElementsByTagName("body").item(0).getChildNodes();
        Map<String, Integer> perLanguage = new HashMap<>();
        for (int g = 0; g < groups.getLength(); g++) {
            if (!(groups.item(g) instanceof Element group)) {
                continue;
            }
            NodeList outlines = group.getElementsByTagName("outline");
            String lang = ((Element) outlines.item(0)).getAttribute("language");
            for (int i = 0; i < outlines.getLength(); i++) {
                Element outline = (Element) outlines.item(i);
                String url = outline.getAttribute("xmlUrl");
                assertThat(url).startsWith(PUBLIC + "/feeds/" + lang);
                assertThat(outline.getAttribute("language")).isEqualTo(lang);
                assertThat(feeds.add(url)).as("listed once: " + url).isTrue();
                perLanguage.merge(lang, 1, Integer::sum);
            }
        }
        // all + breaking + 8 sections + 8 regions + 8 types + 5 tags, in three formats
        assertThat(perLanguage).containsOnly(Map.entry("en", 93), Map.entry("ar", 93), Map.entry("es", 93));
        assertThat(feeds)
                .contains(
                        PUBLIC + "/feeds/ar/tag/" + enc("الذكاء-الاصطناعي") + ".rss",
                        PUBLIC + "/feeds/es/tag/energia.json",
                        PUBLIC + "/feeds/es/breaking.atom");
        assertThat(new String(opml.body(), StandardCharsets.UTF_8))
                .contains(
                        "title=\"Wiregate News — سياسة\"",
                        "title=\"Wiregate News — Deportes\"",
                        "title=\"Wiregate News — عاجل\"",
                        "title=\"Wiregate News — Última hora\"",
                        "title=\"Wiregate News — Breaking news\"");

        for (String url : feeds) {
            walk(url);
        }
    }

    private void walk(String url) throws Exception {
        HttpResponse<byte[]> response = get(url.substring(PUBLIC.length()));
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        assertThat(response.body().length)
                .as(url + " stays under 2 MB at the configured page size")
                .isLessThan(2_000_000);
        String path = URI.create(url).getRawPath();
        String[] parts = path.substring("/feeds/".length()).split("/");
        Language language = Language.fromTag(parts[0].replaceFirst("\\..*", "")).orElseThrow();
        String kind = parts.length == 1 ? "all" : parts.length == 2 ? "breaking" : parts[1];
        String slug = parts.length == 3
                ? URLDecoder.decode(parts[2].replaceFirst("\\.[a-z]+$", ""), StandardCharsets.UTF_8)
                : null;
        long maxAge = switch (kind) {
            case "all" -> 60;
            case "breaking" -> 30;
            default -> 300;
        };
        assertThat(response.headers().firstValue("Cache-Control").orElseThrow())
                .as(url)
                .contains("max-age=" + maxAge);

        List<String> ids = new ArrayList<>();
        List<String> headlines = new ArrayList<>();
        String contentType = response.headers().firstValue("Content-Type").orElseThrow();
        if (url.endsWith(".json")) {
            JsonNode feed = JSON.readTree(response.body());
            JsonFeedConformance.assertConforms(feed);
            assertThat(feed.path("feed_url").asText()).as(url).isEqualTo(url);
            assertThat(feed.path("language").asText()).as(url).isEqualTo(language.code());
            for (JsonNode item : feed.path("items")) {
                ids.add(item.path("id").asText());
                headlines.add(item.path("title").asText());
            }
        } else {
            JsonNode parsed = FeedParserClient.parse(response.body(), contentType, work);
            assertThat(parsed.path("bozo").asBoolean())
                    .as(url + ": " + parsed.path("bozo_exception").asText())
                    .isFalse();
            assertThat(parsed.path("language").asText()).as(url).isEqualTo(language.code());
            SyndFeed rome = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(response.body())));
            assertThat(rome.getEntries()).as(url).hasSameSizeAs(parsed.path("entries"));
            for (int i = 0; i < rome.getEntries().size(); i++) {
                SyndEntry entry = rome.getEntries().get(i);
                JsonNode fp = parsed.path("entries").get(i);
                String id = entry.getUri();
                assertThat(fp.path("id").asText()).as(url).isEqualTo(id);
                assertThat(fp.path("title").asText()).as(url).isEqualTo(entry.getTitle());
                ids.add(id);
                headlines.add(entry.getTitle());
            }
            assertThat(new String(response.body(), StandardCharsets.UTF_8))
                    .as(url)
                    .contains("rel=\"self\"")
                    .contains("href=\"" + url + "\"");
        }
        assertThat(ids).as(url + " is not empty").isNotEmpty();
        for (int i = 0; i < ids.size(); i++) {
            Article article = seeded.get(ids.get(i));
            assertThat(article).as(url + " item " + ids.get(i)).isNotNull();
            assertThat(headlines.get(i)).as(url).isEqualTo(article.headline());
            assertThat(new String(response.body(), StandardCharsets.UTF_8))
                    .contains(article.headline()); // byte-exact, not escaped
            assertThat(article.language()).isEqualTo(language);
            assertThat(belongs(article, kind, slug))
                    .as(url + " carries " + article.headline())
                    .isTrue();
        }
    }

    private static boolean belongs(Article article, String kind, String slug) {
        return switch (kind) {
            case "all" -> true;
            case "breaking" -> article.breaking();
            case "section" -> article.section().slug().equals(slug);
            case "region" -> article.regions().stream().anyMatch(r -> r.slug().equals(slug));
            case "type" -> article.contentType().slug().equals(slug);
            case "tag" -> article.tags().stream().anyMatch(t -> Slugs.of(t).equals(slug));
            default -> false;
        };
    }

    @Test
    void conditionalGetHeadAndTheFeedTitlesInTheirLanguage() throws Exception {
        for (String format : List.of("rss", "atom", "json")) {
            String path = "/feeds/ar/tag/" + enc("غزة") + "." + format;
            HttpResponse<byte[]> first = get(path);
            assertThat(first.statusCode()).isEqualTo(200);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            HttpResponse<byte[]> again = get(path, "If-None-Match", etag);
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            HttpResponse<byte[]> head = send(HttpRequest.newBuilder(URI.create(local(path)))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("ETag")).contains(etag);
            assertThat(head.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=300");
            assertThat(head.body()).isEmpty();
            HttpResponse<byte[]> gzipped = get(path, "Accept-Encoding", "gzip");
            assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        }
        String arabic = text(get("/feeds/ar/section/politics.json"));
        assertThat(JSON.readTree(arabic).path("title").asText()).isEqualTo("Wiregate News — سياسة");
        assertThat(JSON.readTree(text(get("/feeds/es/section/sports.json")))
                        .path("title")
                        .asText())
                .isEqualTo("Wiregate News — Deportes");
        assertThat(JSON.readTree(text(get("/feeds/es/breaking.json")))
                        .path("title")
                        .asText())
                .isEqualTo("Wiregate News — Última hora");
        assertThat(JSON.readTree(text(get("/feeds/ar/breaking.json")))
                        .path("title")
                        .asText())
                .isEqualTo("Wiregate News — عاجل");
        assertThat(JSON.readTree(text(get("/feeds/es/tag/energia.json")))
                        .path("title")
                        .asText())
                .isEqualTo("Wiregate News — Energía");
        assertThat(text(get("/feeds/en/breaking.rss?page=2"))).isNotEmpty();

        HttpResponse<byte[]> head = send(HttpRequest.newBuilder(URI.create(local("/feeds/en.rss")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(head.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=60");
        assertThat(get("/feeds/en/breaking.rss")
                        .headers()
                        .firstValue("Cache-Control")
                        .orElseThrow())
                .contains("max-age=30");
    }

    @Test
    void cataloguePageListsEveryFeedOfItsLanguage() throws Exception {
        String ar = text(get("/feeds?lang=ar"));
        assertThat(ar)
                .contains("<html lang=\"ar\" dir=\"rtl\">")
                .contains("<link rel=\"alternate\" type=\"application/rss+xml\" href=\"" + PUBLIC + "/feeds/ar.rss\"")
                .contains(
                        "<link rel=\"alternate\" type=\"application/feed+json\" href=\"" + PUBLIC + "/feeds/ar.json\"")
                .contains("Wiregate News — سياسة", "Wiregate News — النفط", "Wiregate News — عاجل")
                .contains(PUBLIC + "/feeds/ar/tag/" + enc("كرة-القدم") + ".atom");
        String en = text(get("/feeds"));
        assertThat(en)
                .contains("<html lang=\"en\" dir=\"ltr\">")
                .contains("Wiregate News — Artificial intelligence")
                .contains(PUBLIC + "/feeds/en/region/us-canada.json");
        assertThat(get("/feeds?lang=fr").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownFeedsAre404WithoutAQuery() throws Exception {
        clearInvocations(repository);
        for (String path : List.of(
                "/feeds/en/section/weather.rss",
                "/feeds/en/section/Politics.rss",
                "/feeds/en/region/mars.atom",
                "/feeds/en/type/podcast.json",
                "/feeds/fr/section/politics.rss",
                "/feeds/en/section/politics.xml",
                "/feeds/en/tag/a%20b.rss",
                "/feeds/en/tag/%3Cscript%3E.rss",
                "/feeds/en/tag/" + "x".repeat(81) + ".rss",
                "/feeds/en/colour/red.rss",
                "/feeds/en/breaking.txt",
                "/feeds/xx.rss",
                "/feeds/en/a/b/c.rss")) {
            HttpResponse<byte[]> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            String body = text(response);
            if (!body.isEmpty()) {
                assertThat(body)
                        .as(path)
                        .contains("/feeds.opml")
                        .contains("politics")
                        .contains("rss, atom, json");
            }
        }
        // Traversal in any spelling: the container or Spring Security's firewall refuses it (400) before
        // any handler, or the normalised path names no feed (404); the allow-list refuses it in any case.
        for (String path : List.of(
                "/feeds/en/tag/..%2F..%2Fetc.rss",
                "/feeds/en/tag/%2E%2E.rss",
                "/feeds/en/tag/..%5Cetc.rss",
                "/feeds/en/tag/../../passwd.rss",
                "/feeds/en/tag/..%252F..%252Fetc.rss")) {
            assertThat(get(path).statusCode()).as(path).isIn(400, 404);
        }
        for (String slug : List.of("../etc", "..", "a/b", "a.b", "a b", "x".repeat(81), "")) {
            assertThat(FeedSlice.parse("tag", slug)).as(slug).isEmpty();
        }
        assertThat(FeedSlice.parse("tag", "الذكاء-الاصطناعي")).isPresent();
        assertThat(FeedSlice.parse("tag", "energía-2026")).isPresent();
        verifyNoInteractions(repository);
    }

    @Test
    void newsSitemapsCarryTheLastTwoDaysOnly() throws Exception {
        HttpResponse<byte[]> index = get("/sitemaps/index.xml");
        Document indexDoc = parse(index.body());
        assertThat(indexDoc.getDocumentElement().getNamespaceURI())
                .isEqualTo("http://www.sitemaps.org/schemas/sitemap/0.9");
        assertThat(indexDoc.getDocumentElement().getLocalName()).isEqualTo("sitemapindex");
        assertThat(indexDoc.getElementsByTagNameNS("*", "loc").getLength()).isEqualTo(3);

        String news = "http://www.google.com/schemas/sitemap-news/0.9";
        for (Language language : Language.values()) {
            HttpResponse<byte[]> response = get("/sitemaps/news-" + language.code() + ".xml");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .contains("xml")
                    .contains("utf-8");
            assertThat(response.body().length).isLessThan(2_000_000);
            Document doc = parse(response.body());
            assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("urlset");
            assertThat(doc.getDocumentElement().getNamespaceURI())
                    .isEqualTo("http://www.sitemaps.org/schemas/sitemap/0.9");
            NodeList urls = doc.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "url");
            long expected = seeded.values().stream()
                    .filter(a -> a.language() == language)
                    .filter(a -> !a.firstPublished()
                            .isBefore(seededAt.minus(Duration.ofDays(2)).plus(Duration.ofMinutes(5))))
                    .count();
            assertThat(urls.getLength())
                    .isBetween((int) expected, (int) expected + 2)
                    .isLessThanOrEqualTo(1000);
            Instant floor = Instant.now().minus(Duration.ofDays(2)).minusSeconds(1);
            for (int i = 0; i < urls.getLength(); i++) {
                Element url = (Element) urls.item(i);
                assertThat(url.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "loc")
                                .item(0)
                                .getTextContent())
                        .startsWith(PUBLIC + "/" + language.code() + "/articles/");
                Element n = (Element) url.getElementsByTagNameNS(news, "news").item(0);
                assertThat(n.getElementsByTagNameNS(news, "name").item(0).getTextContent())
                        .isEqualTo("Wiregate News");
                assertThat(n.getElementsByTagNameNS(news, "language").item(0).getTextContent())
                        .isEqualTo(language.code());
                Instant date = OffsetDateTime.parse(n.getElementsByTagNameNS(news, "publication_date")
                                .item(0)
                                .getTextContent())
                        .toInstant();
                assertThat(date).isAfter(floor);
                String title = n.getElementsByTagNameNS(news, "title").item(0).getTextContent();
                assertThat(seeded.values()).anyMatch(a -> a.headline().equals(title));
            }
        }
    }

    private static Article article(Language language, int i, Instant now) {
        String guid = "urn:walk:" + language.code() + ":" + i + ":" + UUID.randomUUID();
        Instant published = now.minus(Duration.ofMinutes(40L * i + 1));
        String headline = switch (language) {
            case EN -> "Talks resume in Doha as ministers meet, round " + i;
            case AR -> "مُحادَثاتُ السَّلامِ تُستأنَفُ في الدَّوحة — الجولة " + i;
            case ES -> "Última hora: el Congreso aprueba la reforma energética, sesión nº " + i;
        };
        List<String> tags = TAGS.get(language);
        List<Region> regions = i % 3 == 0
                ? List.of(Region.values()[i % 8], Region.values()[(i + 3) % 8])
                : List.of(Region.values()[i % 8]);
        return anArticle()
                .wire("walk", guid)
                .language(language)
                .headline(headline)
                .standfirst("Standfirst " + i)
                .bodyHtml("<p>نص " + i + " texto " + i + "</p>")
                .byline(null)
                .agency("Demo Wire")
                .creditLine("Demo Wire")
                .publishedAt(published)
                .section(Section.values()[i % 8])
                .contentType(ContentType.values()[(i / 2) % 8])
                .regions(regions)
                .tags(tags.get(i % 5), tags.get((i + 2) % 5))
                .breaking(i % 7 == 0)
                .slug(Slugs.of(headline))
                .build();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(local(path)))
                .timeout(Duration.ofSeconds(20))
                .GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String local(String path) {
        return "http://localhost:" + port + path;
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String enc(String slug) {
        return URLEncoder.encode(slug, StandardCharsets.UTF_8);
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
