package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.SwitchableDataSource;
import org.wiregate.support.TestDirectories;

/**
 * The database goes away while the gateway runs (every request for a connection fails as the pool's
 * does when PostgreSQL restarts: {@link SwitchableDataSource}). Feeds keep answering with the pages as
 * last rendered, a page never rendered answers 503 with Retry-After, health shows the database DOWN
 * while readiness stays UP, and copy dropped meanwhile waits in the inbox and is stored once the
 * database answers again, with nothing quarantined.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
class DatabaseOutageEndToEndTest {

    private static final Path work = TestDirectories.create("database-outage");
    private static final Path inbox = work.resolve("inbox");

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "database-outage", inbox);
    }

    @TestConfiguration
    static class DatabaseSwitch {
        @Bean
        static BeanPostProcessor switchableDataSource() {
            return SwitchableDataSource.wrapper();
        }
    }

    @AfterEach
    void databaseBack() {
        database().comeBack();
    }

    @Test
    void feedsAnswerFromTheirLastRenderingAndCopyWaitsUntilTheDatabaseIsBack() throws Exception {
        drop("before.json", ninjs("urn:test:before", "Port reopens after the storm"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve("standard/.done/before.json")));
        HttpResponse<byte[]> rendered = get("/feeds/en.rss");
        assertThat(rendered.statusCode()).isEqualTo(200);
        assertThat(text(rendered)).contains("Port reopens after the storm");

        // A change evicts the rendered pages; the database goes away before anyone reads them again.
        drop("between.json", ninjs("urn:test:between", "Harbour master resigns"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve("standard/.done/between.json")));
        database().goAway();
        drop("during.json", ninjs("urn:test:during", "Ferries run again"));

        HttpResponse<byte[]> stale = get("/feeds/en.rss");
        assertThat(stale.statusCode()).as("the page as last rendered").isEqualTo(200);
        assertThat(stale.body()).isEqualTo(rendered.body());
        assertThat(get(
                                "/feeds/en.rss",
                                "If-None-Match",
                                rendered.headers().firstValue("ETag").orElseThrow())
                        .statusCode())
                .isEqualTo(304);

        HttpResponse<byte[]> neverRendered = get("/feeds/es.json");
        assertThat(neverRendered.statusCode())
                .as("nothing to fall back on: come back later")
                .isEqualTo(503);
        assertThat(neverRendered.headers().firstValue("Retry-After")).hasValue("30");

        HttpResponse<byte[]> health = Http.asOperator("http://localhost:" + port + "/actuator/health");
        assertThat(health.statusCode())
                .as("DOWN is answered 503, for monitors that read the status code")
                .isEqualTo(503);
        JsonNode components = new ObjectMapper().readTree(health.body()).path("components");
        assertThat(components.path("db").path("status").asText()).isEqualTo("DOWN");
        assertThat(get("/actuator/health/readiness").statusCode())
                .as("readiness does not take every instance out of the balancer for a database blip")
                .isEqualTo(200);

        // Meanwhile the dropped file waits: tried again and again, never quarantined.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> prometheus().contains("wiregate_ingest_database_waits_total{source=\"standard\"}"));
        assertThat(inbox.resolve("standard/during.json")).exists();
        assertThat(inbox.resolve("standard/.error/during.json")).doesNotExist();
        assertThat(prometheus()).containsPattern("wiregate_feeds_stale_total(\\{[^}]*})? [1-9]");

        database().comeBack();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve("standard/.done/during.json")));
        assertThat(inbox.resolve("standard/.error"))
                .satisfiesAnyOf(
                        f -> assertThat(f).doesNotExist(), f -> assertThat(f).isEmptyDirectory());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(text(get("/feeds/en.rss")))
                        .contains("Ferries run again", "Harbour master resigns", "Port reopens after the storm"));
        assertThat(get("/feeds/es.json").statusCode()).isEqualTo(200);
    }

    private SwitchableDataSource database() {
        return (SwitchableDataSource) dataSource;
    }

    private String prometheus() throws Exception {
        return text(Http.asOperator("http://localhost:" + port + "/actuator/prometheus"));
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return Http.get("http://localhost:" + port + path, headers);
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static void drop(String name, byte[] content) {
        Fixtures.drop(inbox, "standard", name, content);
    }

    private static byte[] ninjs(String uri, String headline) {
        return """
                {"uri": "%s", "type": "text", "version": "1", "firstcreated": "2026-11-19T16:30:00Z",
                 "versioncreated": "2026-11-19T16:30:00Z", "pubstatus": "usable", "language": "en",
                 "headlines": [{"role": "main", "value": "%s"}],
                 "bodies": [{"role": "main", "contenttype": "text/html", "value": "<p>Shipping resumed.</p>"}]}
                """.formatted(uri, headline).getBytes(StandardCharsets.UTF_8);
    }
}
