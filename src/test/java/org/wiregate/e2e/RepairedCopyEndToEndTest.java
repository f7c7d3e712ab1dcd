package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.TestDirectories;
import org.wiregate.web.OpsTable;

/**
 * The issue's two ninjs items (a control character in a headline, a space in a picture URL) used
 * to take the English RSS and Atom feeds down with a 500. They are repaired at the gate: every
 * feed answers 200 and parses, and the repairs are counted and on the ops page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepairedCopyEndToEndTest {

    private static final Path work = TestDirectories.create("repaired-copy");

    @LocalServerPort
    int port;

    @Autowired
    List<OpsTable> opsTables;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "repaired-copy", work.resolve("inbox"));
        registry.add("gateway.public-base-url", () -> "https://news.example.org");
    }

    private static byte[] ninjs(String uri, String headline, String pictureUrl) {
        String picture = pictureUrl == null ? "" : """
                , "associations": [{"name": "featureimage", "type": "picture", "uri": "urn:pic:1",
                   "renditions": [{"name": "baseImage", "href": "%s", "contenttype": "image/jpeg"}]}]
                """.formatted(pictureUrl);
        return """
                {"uri": "%s", "type": "text", "version": "1", "firstcreated": "2026-11-19T16:30:00Z",
                 "versioncreated": "2026-11-19T16:30:00Z", "pubstatus": "usable", "language": "en",
                 "headlines": [{"role": "main", "value": "%s"}],
                 "bodies": [{"role": "main", "contenttype": "text/html", "value": "<p>Shares rose.</p>"}]%s}
                """.formatted(uri, headline, picture).getBytes(StandardCharsets.UTF_8);
    }

    @BeforeAll
    void dropTheIssuesItems() {
        Path inbox = work.resolve("inbox");
        Fixtures.drop(inbox, "standard", "markets.json", ninjs("urn:test:markets", "Markets \\u0001 rally", null));
        Fixtures.drop(
                inbox,
                "standard",
                "picture.json",
                ninjs("urn:test:picture", "Harbour reopens", "https://images.example/a b.jpg"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(inbox.resolve("standard/.done/markets.json"))
                        && Files.exists(inbox.resolve("standard/.done/picture.json")));
    }

    @Test
    void rssAnswers200AndShowsTheRepairedItems() throws Exception {
        HttpResponse<byte[]> response = get("/feeds/en.rss");
        assertThat(response.statusCode()).isEqualTo(200);
        SyndFeed feed = rome(response);
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).contains("Markets rally", "Harbour reopens");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains("https://images.example/a%20b.jpg")
                .doesNotContain("a b.jpg");
    }

    @Test
    void atomAnswers200AndShowsTheRepairedItems() throws Exception {
        HttpResponse<byte[]> response = get("/feeds/en.atom");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(rome(response).getEntries())
                .extracting(SyndEntry::getTitle)
                .contains("Markets rally", "Harbour reopens");
    }

    @Test
    void jsonFeedAnswers200AndShowsTheRepairedItems() throws Exception {
        HttpResponse<byte[]> response = get("/feeds/en.json");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode items = new ObjectMapper().readTree(response.body()).path("items");
        assertThat(items.findValuesAsText("title")).contains("Markets rally", "Harbour reopens");
        assertThat(items.findValuesAsText("image")).containsExactly("https://images.example/a%20b.jpg");
    }

    @Test
    void theRepairsAreCountedAndOnTheOpsPage() throws Exception {
        String metrics = new String(
                Http.asOperator("http://localhost:" + port + "/actuator/prometheus")
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(metrics)
                .contains("wiregate_normalise_repairs_total{kind=\"control-character\",source=\"standard\"} 1.0")
                .contains("wiregate_normalise_repairs_total{kind=\"url-encoded\",source=\"standard\"} 1.0");

        OpsTable repairs = opsTables.stream()
                .filter(t -> t.id().equals("repairs"))
                .findFirst()
                .orElseThrow();
        assertThat(repairs.rows())
                .extracting(row -> String.join(" | ", row.cells()))
                .contains("standard | all items | control-character 1, url-encoded 1")
                .anySatisfy(row -> assertThat(row)
                        .startsWith("standard | urn:test:markets (")
                        .endsWith("headline: control-character"))
                .anySatisfy(row -> assertThat(row)
                        .startsWith("standard | urn:test:picture (")
                        .endsWith("image url: url-encoded"));
    }

    private static SyndFeed rome(HttpResponse<byte[]> response) throws Exception {
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(response.body()))) {
            return new SyndFeedInput().build(reader);
        }
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return Http.get("http://localhost:" + port + path);
    }
}
