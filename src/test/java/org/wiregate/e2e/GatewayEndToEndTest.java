package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;
import org.wiregate.store.Rejections;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.TestDirectories;

/**
 * The whole gateway on a random port with a temporary inbox: copy in three languages and three
 * formats plus a malformed file dropped as an agency would, feeds read back over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(
        tracing = false) // tests turn metrics export off unless asked; /actuator/prometheus is tested here
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayEndToEndTest {

    private static final String ARABIC_HEADLINE = arabicHeadline();

    /** Created here, not by @TempDir: the Spring context (and its properties) exists before JUnit injects one. */
    private static final Path work = TestDirectories.create("e2e");

    static {
        // An agency folder nobody wrote a mapping for: it must be reported, not silently ignored.
        work.resolve("inbox/unknown-agency").toFile().mkdirs();
    }

    @LocalServerPort
    int port;

    @Autowired
    Rejections rejections;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "e2e", work.resolve("inbox"));
        registry.add("gateway.public-base-url", () -> "https://news.example.org");
    }

    @BeforeAll
    void dropCopy() {
        Path inbox = work.resolve("inbox");
        Fixtures.drop(inbox, "standard", "kenya-en.json", Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json"));
        Fixtures.drop(inbox, "demo", "kenya-ar.xml", Fixtures.bytes("/fixtures/rss/ar-rss-item.xml"));
        Fixtures.drop(inbox, "standard", "kenya-es.json", Fixtures.bytes("/fixtures/ninjs/es-ninjs1-item.json"));
        Fixtures.drop(inbox, "standard", "broken.json", Fixtures.bytes("/fixtures/malformed/broken.json"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(inbox.resolve("standard/.error/broken.json"))
                        && Files.exists(inbox.resolve("standard/.done/kenya-en.json"))
                        && Files.exists(inbox.resolve("standard/.done/kenya-es.json"))
                        && Files.exists(inbox.resolve("demo/.done/kenya-ar.xml")));
    }

    @Test
    void englishNinjsItemIsInTheEnglishRssFeed() throws Exception {
        SyndFeed feed = rome(get("/feeds/en.rss"));
        assertThat(feed.getLanguage()).isEqualTo("en");
        assertThat(titles(feed))
                .containsExactly(json("/fixtures/ninjs/en-ninjs2-item.json")
                        .at("/headlines/0/value")
                        .asText());
    }

    @Test
    void arabicRssItemKeepsItsHeadlineExactlyInTheArabicAtomFeed() throws Exception {
        HttpResponse<byte[]> response = get("/feeds/ar.atom");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/atom+xml;charset=utf-8");
        String xml = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(xml).contains("xml:lang=\"ar\"").contains("dir=\"rtl\"");
        assertThat(titles(rome(response))).containsExactly(ARABIC_HEADLINE);
    }

    @Test
    void spanishNinjsItemIsInTheSpanishJsonFeed() throws Exception {
        HttpResponse<byte[]> response = get("/feeds/es.json");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/feed+json;charset=utf-8");
        JsonNode feed = new ObjectMapper().readTree(response.body());
        assertThat(feed.path("language").asText()).isEqualTo("es");
        assertThat(feed.path("items")).hasSize(1);
        JsonNode item = feed.path("items").get(0);
        assertThat(item.path("title").asText())
                .isEqualTo(json("/fixtures/ninjs/es-ninjs1-item.json")
                        .path("headline")
                        .asText());
        assertThat(item.path("url").asText()).startsWith("https://news.example.org/es/articles/");
        assertThat(item.at("/_wire/source").asText()).isEqualTo("standard");
        assertThat(item.at("/_wire/guid").asText()).isEqualTo("urn:newsml:fixture.example:es-1");
    }

    @Test
    void malformedFileIsQuarantinedByteIdenticalWithAReadableReason() throws Exception {
        Path error = work.resolve("inbox/standard/.error");
        assertThat(Files.readAllBytes(error.resolve("broken.json")))
                .isEqualTo(Fixtures.bytes("/fixtures/malformed/broken.json"));
        String reason = Files.readString(error.resolve("broken.json.reason.txt"), StandardCharsets.UTF_8);
        assertThat(reason).contains("broken.json").contains("source: standard").contains("malformed JSON");
        assertThat(rejections.recent(10)).anySatisfy(r -> {
            assertThat(r.fileName()).isEqualTo("inbox/standard/broken.json");
            assertThat(r.reason()).contains("malformed JSON");
        });
    }

    @Test
    void feedsAnswerConditionalGetsWith304AndServeGzip() throws Exception {
        HttpResponse<byte[]> first = get("/feeds/en.atom");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

        assertThat(get("/feeds/en.atom", "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get("/feeds/en.atom", "If-Modified-Since", lastModified).statusCode())
                .isEqualTo(304);
        assertThat(get("/feeds/en.atom", "If-None-Match", "\"stale\"").statusCode())
                .isEqualTo(200);

        HttpResponse<byte[]> gzipped = get("/feeds/en.atom", "Accept-Encoding", "gzip");
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().allValues("Vary")).anyMatch(v -> v.contains("Accept-Encoding"));
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes();
        assertThat(unzipped).isEqualTo(first.body());
    }

    @Test
    void theFastPathAnswersExactlyAsTheFullStackDoes() throws Exception {
        for (String accept : List.of("identity", "gzip")) {
            HttpResponse<byte[]> fast = get("/feeds/en.atom", "Accept-Encoding", accept);
            HttpResponse<byte[]> full = get("/feeds/en.atom?page=1", "Accept-Encoding", accept);
            assertThat(fast.statusCode()).isEqualTo(full.statusCode()).isEqualTo(200);
            assertThat(fast.body()).isEqualTo(full.body());
            for (String header : List.of(
                    "Content-Type",
                    "ETag",
                    "Last-Modified",
                    "Cache-Control",
                    "Vary",
                    "Content-Encoding",
                    "Link",
                    "X-Content-Type-Options",
                    "X-Frame-Options")) {
                assertThat(fast.headers().allValues(header))
                        .as(header + " with " + accept)
                        .isEqualTo(full.headers().allValues(header));
            }
        }
        String etag = get("/feeds/en.atom").headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> notModified = get("/feeds/en.atom", "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
    }

    /**
     * A poll the fast path answers is counted (by area, by feed) but not observed as an
     * http.server.requests timer, whose filter now runs behind the fast paths; the same page asked
     * through the full stack (a query string) still is.
     */
    @Test
    void fastPathAnswersAreCountedButNotObserved() throws Exception {
        get("/feeds/es.json?page=1"); // the full stack once, so the timer exists
        await().atMost(Duration.ofSeconds(5)).until(() -> feedTimerCount() > 0);
        double feeds = feedResponses();
        double fastCounted = feedRequests("es.json");
        long observed = feedTimerCount();

        for (int i = 0; i < 3; i++) {
            assertThat(get("/feeds/es.json").statusCode()).isEqualTo(200);
        }
        // Counted once the chain has returned, which may be just after the client has the answer.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(feedResponses()).isGreaterThanOrEqualTo(feeds + 3));
        assertThat(feedRequests("es.json")).isEqualTo(fastCounted + 3);
        assertThat(feedTimerCount()).isEqualTo(observed);

        assertThat(get("/feeds/es.json?page=1").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(feedTimerCount()).isEqualTo(observed + 1));
    }

    private double feedResponses() {
        return meters.get("wiregate.http.responses")
                .tag("area", "feeds")
                .tag("status", "2xx")
                .counter()
                .count();
    }

    private double feedRequests(String feed) {
        return meters.get("wiregate.feed.requests")
                .tag("feed", feed)
                .tag("status", "200")
                .counter()
                .count();
    }

    private long feedTimerCount() {
        return meters.find("http.server.requests").tag("uri", "/feeds/{lang}.{format}").timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }

    @Test
    void urlsComeFromTheConfiguredBaseNotTheHostHeader() throws Exception {
        String rss = new String(get("/feeds/en.rss").body(), StandardCharsets.UTF_8);
        assertThat(rss)
                .contains("<atom:link href=\"https://news.example.org/feeds/en.rss\" rel=\"self\"")
                .doesNotContain("localhost");
    }

    @Test
    void everyItemLinkResolvesToAPageInTheItemsLanguageAndDirection() throws Exception {
        for (String lang : List.of("en", "ar", "es")) {
            SyndFeed feed = rome(get("/feeds/" + lang + ".atom"));
            assertThat(feed.getEntries()).isNotEmpty();
            for (SyndEntry entry : feed.getEntries()) {
                String path = entry.getLink().replace("https://news.example.org", "");
                HttpResponse<byte[]> page = get(path);
                assertThat(page.statusCode()).as(path).isEqualTo(200);
                String html = new String(page.body(), StandardCharsets.UTF_8);
                assertThat(html)
                        .contains("<html lang=\"" + lang + "\" dir=\"" + (lang.equals("ar") ? "rtl" : "ltr") + "\"")
                        .contains(HtmlUtils.htmlEscape(entry.getTitle(), "UTF-8"))
                        .contains("rel=\"alternate\" type=\"application/rss+xml\"");
            }
            assertThat(get("/" + lang + "/").statusCode()).isEqualTo(200);
        }
        assertThat(get("/en/articles/aaaaaaaaaaaaaaaaaaaaaaaaaa").statusCode()).isEqualTo(404);
        assertThat(get("/en/articles/not-an-id").statusCode()).isEqualTo(404);
    }

    @Test
    void unknownLanguageOrFormatIs404AndBadPageIs400() throws Exception {
        assertThat(get("/feeds/fr.rss").statusCode()).isEqualTo(404);
        assertThat(get("/feeds/en.xml").statusCode()).isEqualTo(404);
        assertThat(get("/feeds/en.rss?page=zero").statusCode()).isEqualTo(400);
        assertThat(get("/feeds/en.rss?page=9").statusCode()).isEqualTo(404);
    }

    @Test
    void healthReportsRoutesConsumersInboxAndTheDatabase() throws Exception {
        JsonNode health = new ObjectMapper()
                .readTree(Http.asOperator("http://localhost:" + port + "/actuator/health")
                        .body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").has("db")).isTrue();
        JsonNode camel = health.at("/components/camelHealth/details");
        assertThat(camel.path("route:ingest-standard").asText()).isEqualTo("UP");
        assertThat(camel.path("consumer:ingest-demo").asText()).isEqualTo("UP");
        assertThat(camel.path("route:parse").asText()).isEqualTo("UP");
        JsonNode inbox = health.at("/components/inbox/details");
        assertThat(inbox.at("/sources/standard/quarantined").asInt()).isEqualTo(1);
        assertThat(inbox.path("unmappedFolders").toString()).contains("unknown-agency");
    }

    @Test
    void prometheusCountsPayloadsItemsAndRejectionsPerSource() throws Exception {
        String metrics = new String(
                Http.asOperator("http://localhost:" + port + "/actuator/prometheus")
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(metrics)
                .containsPattern("wiregate_ingest_items_total\\{outcome=\"created\",source=\"standard\"\\} 2\\.0")
                .containsPattern("wiregate_ingest_items_total\\{outcome=\"created\",source=\"demo\"\\} 1\\.0")
                .containsPattern("wiregate_ingest_rejections_total\\{level=\"file\",source=\"standard\"\\} 1\\.0")
                .containsPattern("wiregate_ingest_payloads_total\\{duplicate=\"false\",source=\"standard\"\\} 3\\.0");
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return Http.get("http://localhost:" + port + path, headers);
    }

    private static SyndFeed rome(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(200);
        return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(response.body())));
    }

    private static List<String> titles(SyndFeed feed) {
        return feed.getEntries().stream().map(SyndEntry::getTitle).toList();
    }

    private static JsonNode json(String resource) throws Exception {
        return new ObjectMapper().readTree(Fixtures.bytes(resource));
    }

    /** The title as written in the fixture, read independently of the gateway's parser. */
    private static String arabicHeadline() {
        String xml = new String(Fixtures.bytes("/fixtures/rss/ar-rss-item.xml"), StandardCharsets.UTF_8);
        int item = xml.indexOf("<item>");
        int start = xml.indexOf("<title>", item) + "<title>".length();
        return xml.substring(start, xml.indexOf("</title>", start)).trim();
    }
}
