package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.support.ArticleBuilder.anArticle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.wiregate.article.Article;
import org.wiregate.article.ContentType;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.article.Status;
import org.wiregate.store.ArticleStore;
import org.wiregate.support.ArticleBuilder;
import org.wiregate.support.FeedParserClient;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.JsonFeedConformance;
import org.wiregate.support.MutableClock;
import org.wiregate.support.TestDirectories;

/**
 * Every kind of document the gateway serves to readers, read back by an independent client
 * (python3-feedparser, with Debian's python3) and checked for the structure the W3C feed validator
 * asks for: the OPML, main feeds, an older page, breaking, section, region, type and (Arabic) tag
 * feeds, and RFC 5005 archive documents, in RSS, Atom and JSON Feed. The W3C checker itself is not a
 * package any registry here serves, so it is run by hand on these same documents (docs/feeds.md
 * records how and what it said): the test writes them to {@code target/feed-outputs} for that.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FeedOutputsConformanceTest {

    private static final String BASE = "https://news.example.org";
    private static final LocalDate DAY = LocalDate.parse("2026-12-04");
    private static final String TAG = URLEncoder.encode("غزة", StandardCharsets.UTF_8);
    private static final Path work = TestDirectories.create("feed-outputs");

    @LocalServerPort
    int port;

    @Autowired
    ArticleStore store;

    @Autowired
    MutableClock clock;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "feed-outputs", work.resolve("inbox"));
        registry.add("gateway.public-base-url", () -> BASE);
        registry.add("gateway.feeds.page-size", () -> "3");
    }

    @Test
    void everyKindOfOutputIsReadByFeedparserAndCarriesWhatTheValidatorAsksFor() throws Exception {
        clock.set(at(DAY, 9));
        List<Article> stored = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stored.add(save(Language.AR, "ar-" + i, at(DAY, 9).minusSeconds(60L * i), i == 0));
            stored.add(save(Language.EN, "en-" + i, at(DAY, 9).minusSeconds(60L * i), i == 0));
        }
        clock.set(at(DAY.plusDays(1), 10));
        stored.add(save(Language.AR, "ar-next", at(DAY.plusDays(1), 10), false));
        byte[] closed = Http.get(local("/feeds/ar/archive/" + DAY + ".atom")).body(); // the day closes
        // A kill and a correction after closing: a tombstone and a revised entry in the current documents.
        store.save(
                ArticleBuilder.from(stored.get(2))
                        .agencyVersion("2")
                        .status(Status.CANCELED)
                        .build(),
                null);
        store.save(
                ArticleBuilder.from(stored.get(4))
                        .agencyVersion("2")
                        .headline("عنوان مصحح")
                        .correctionNote("صُحّح الرقم.")
                        .updated(at(DAY.plusDays(1), 10))
                        .build(),
                null);

        Map<String, String> documents = new LinkedHashMap<>();
        for (String format : List.of("rss", "atom", "json")) {
            documents.put("main-ar." + format, "/feeds/ar." + format);
            documents.put("page2-en." + format, "/feeds/en." + format + "?page=2");
            documents.put("breaking-ar." + format, "/feeds/ar/breaking." + format);
            documents.put("section-ar." + format, "/feeds/ar/section/politics." + format);
            documents.put("region-ar." + format, "/feeds/ar/region/mena." + format);
            documents.put("type-en." + format, "/feeds/en/type/analysis." + format);
            documents.put("tag-ar." + format, "/feeds/ar/tag/" + TAG + "." + format);
            documents.put("archive-ar." + format, "/feeds/ar/archive/" + DAY + "." + format);
            documents.put("archive-tag-ar." + format, "/feeds/ar/tag/" + TAG + "/archive/" + DAY + "." + format);
            documents.put("archive-empty-en." + format, "/feeds/en/breaking/archive/" + DAY + "." + format);
        }
        Path out = Files.createDirectories(Path.of("target", "feed-outputs"));
        List<FeedParserClient.Document> xml = new ArrayList<>();
        List<String> xmlNames = new ArrayList<>();
        for (Map.Entry<String, String> document : documents.entrySet()) {
            HttpResponse<byte[]> response = Http.get(local(document.getValue()));
            assertThat(response.statusCode()).as(document.getValue()).isEqualTo(200);
            byte[] body = response.body();
            Files.write(out.resolve(document.getKey()), body);
            String type = response.headers().firstValue("Content-Type").orElseThrow();
            String self = BASE + document.getValue();
            if (document.getKey().endsWith(".json")) {
                JsonNode feed = new ObjectMapper().readTree(body);
                JsonFeedConformance.assertConforms(feed);
                assertThat(feed.path("feed_url").asText()).isEqualTo(self);
            } else {
                xml.add(new FeedParserClient.Document(body, type));
                xmlNames.add(document.getKey());
                assertStructure(document.getKey(), parse(body), self);
            }
        }
        List<JsonNode> parsed = FeedParserClient.parseAll(xml, work);
        for (int i = 0; i < parsed.size(); i++) {
            JsonNode feed = parsed.get(i);
            assertThat(feed.path("bozo").asBoolean())
                    .as(xmlNames.get(i) + ": " + feed.path("bozo_exception").asText())
                    .isFalse();
            assertThat(feed.path("version").asText()).isEqualTo(xmlNames.get(i).endsWith(".rss") ? "rss20" : "atom10");
            if (!xmlNames.get(i).startsWith("archive-empty")) {
                assertThat(feed.path("entries")).as(xmlNames.get(i)).isNotEmpty();
            }
        }
        assertThat(Files.readString(out.resolve("main-ar.atom")))
                .contains("عنوان مصحح")
                .contains("at:deleted-entry");
        assertThat(Files.readAllBytes(out.resolve("archive-ar.atom"))).isEqualTo(closed);
        assertThat(Files.readString(out.resolve("archive-ar.atom"))).doesNotContain("عنوان مصحح");

        HttpResponse<byte[]> opml = Http.get(local("/feeds.opml"));
        Files.write(out.resolve("feeds.opml"), opml.body());
        assertOpml(parse(opml.body()));
    }

    /** The validator's rules for a feed document, and RFC 5005's for archives. */
    private static void assertStructure(String name, Document doc, String self) {
        Element root = doc.getDocumentElement();
        List<Element> links = new ArrayList<>();
        NodeList all = root.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link");
        for (int i = 0; i < all.getLength(); i++) {
            Element link = (Element) all.item(i);
            if (link.getParentNode() == root
                    || link.getParentNode().getLocalName().equals("channel")) {
                links.add(link);
            }
        }
        assertThat(links).as(name + ": rel=self is the URL it was fetched from").anySatisfy(l -> {
            assertThat(l.getAttribute("rel")).isEqualTo("self");
            assertThat(l.getAttribute("href")).isEqualTo(self);
        });
        boolean archive = name.startsWith("archive");
        assertThat(root.getElementsByTagNameNS("http://purl.org/syndication/history/1.0", "archive")
                        .getLength())
                .as(name + ": fh:archive")
                .isEqualTo(archive ? 1 : 0);
        List<String> rels = links.stream().map(l -> l.getAttribute("rel")).toList();
        if (archive) {
            assertThat(rels).contains("current", "next-archive").doesNotContain("next", "first", "hub");
        } else if (!name.startsWith("page2")) {
            assertThat(rels).contains("hub");
        }
        if (name.startsWith("main") || name.startsWith("tag")) {
            assertThat(rels)
                    .as(name + ": the current document leads to the archives")
                    .contains("prev-archive");
        }
        if (name.endsWith(".rss")) {
            Element channel = (Element) root.getElementsByTagName("channel").item(0);
            for (String required : List.of("title", "link", "description")) {
                assertThat(channel.getElementsByTagName(required).getLength())
                        .as(name + " " + required)
                        .isPositive();
            }
        } else {
            for (String required : List.of("id", "title", "updated")) {
                assertThat(root.getElementsByTagNameNS("http://www.w3.org/2005/Atom", required)
                                .getLength())
                        .as(name + " " + required)
                        .isPositive();
            }
        }
    }

    /** OPML 2.0 as the validator reads it: every outline with xmlUrl says its type, text and version. */
    private void assertOpml(Document doc) throws Exception {
        assertThat(doc.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
        assertThat(doc.getElementsByTagName("title").getLength()).isEqualTo(1);
        assertThat(doc.getElementsByTagName("docs").getLength())
                .as("the checker knows no head docs")
                .isZero();
        NodeList outlines = doc.getElementsByTagName("outline");
        int feeds = 0;
        for (int i = 0; i < outlines.getLength(); i++) {
            Element outline = (Element) outlines.item(i);
            assertThat(outline.getAttribute("text")).isNotBlank();
            if (!outline.hasAttribute("xmlUrl")) {
                continue;
            }
            feeds++;
            assertThat(outline.getAttribute("type")).isEqualTo("rss");
            // The checker takes RSS, RSS1, RSS2 or scriptingNews: Atom and JSON Feed outlines name no version.
            if (outline.getAttribute("xmlUrl").endsWith(".rss")) {
                assertThat(outline.getAttribute("version")).isEqualTo("RSS2");
            } else {
                assertThat(outline.hasAttribute("version")).isFalse();
            }
        }
        for (int i = 0; i < outlines.getLength(); i++) {
            Element outline = (Element) outlines.item(i);
            if (outline.hasAttribute("xmlUrl")) {
                assertThat(outline.getAttribute("htmlUrl")).startsWith(BASE);
            } else {
                assertThat(outline.getAttributes().getLength())
                        .as("a folder outline is text only")
                        .isEqualTo(1);
            }
        }
        assertThat(feeds).isGreaterThan(3 * 3 * 27);
        assertThat(Http.get(local("/feeds/ar/tag/" + TAG + ".json")).statusCode())
                .isEqualTo(200);
    }

    private Article save(Language language, String name, Instant at, boolean breaking) {
        Article article = anArticle()
                .wire("outputs", "urn:outputs:" + name)
                .language(language)
                .headline(language == Language.AR ? "محادثات في القاهرة " + name : "Talks in Cairo & Doha " + name)
                .standfirst(language == Language.AR ? "ملخص <الخبر>" : "A standfirst with <angle brackets> & more")
                .publishedAt(at)
                .section(Section.POLITICS)
                .contentType(ContentType.ANALYSIS)
                .regions(Region.MENA)
                .tags("غزة", "Energy")
                .images(new Image(
                        "https://img.example.org/" + name + ".jpg", "caption", "credit", "image/jpeg", 800, 600))
                .breaking(breaking)
                .urgency(breaking ? 1 : 3)
                .slug(name)
                .build();
        store.save(article, null);
        return article;
    }

    private static Document parse(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    private String local(String path) {
        return "http://localhost:" + port + path;
    }

    private static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    @TestConfiguration
    static class ClockConfiguration {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(at(DAY, 0));
        }
    }
}
