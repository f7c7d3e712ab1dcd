package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.TestDirectories;
import org.wiregate.support.TransportFixtures;

/**
 * With the supervising route controller on, an agency whose FTP server is down (nothing listens
 * on its port) does not stop the rest: every route starts, file drops are ingested, and the
 * gateway is not DOWN, neither overall nor in its probes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SupervisionTest {

    private static final Path work = TestDirectories.create("supervision");
    private static final int closedPort = TransportFixtures.freePort();

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "supervision", work.resolve("inbox"));
        Path mappings = TransportFixtures.mappings(work, "ftp-down", """
                transport:
                  type: ftp
                  host: 127.0.0.1
                  port: %d
                  directory: /outgoing
                  usernameEnv: FTP_DOWN_USER
                  passwordEnv: FTP_DOWN_PASSWORD
                  passive: true
                  pollInterval: 200ms
                  connectTimeout: 500ms
                  readTimeout: 1s
                """.formatted(closedPort));
        try {
            Files.copy(Path.of("mappings", "standard.yaml"), mappings.resolve("standard.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("gateway.mappings", mappings::toString);
        registry.add("FTP_DOWN_USER", () -> "agency");
        registry.add("FTP_DOWN_PASSWORD", () -> "secret");
    }

    @Test
    void anFtpServerThatIsDownDoesNotStopTheOtherSources() throws Exception {
        assertThat(camel.getRouteController().getRouteStatus("ingest-standard")).isEqualTo(ServiceStatus.Started);
        assertThat(camel.getRouteController().getRouteStatus("store")).isEqualTo(ServiceStatus.Started);
        assertThat(camel.getRouteController().isSupervising()).isTrue();

        Path inbox = work.resolve("inbox");
        Fixtures.drop(inbox, "standard", "kenya-en.json", Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve("standard/.done/kenya-en.json")));
        String feed = new String(Http.get(base() + "/feeds/en.rss").body(), StandardCharsets.UTF_8);
        assertThat(feed).contains("<item>");

        // Several polls of the closed port have failed by now.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode health = health("/actuator/health");
            assertThat(health.path("status").asText()).as(health.toString()).isNotEqualTo("DOWN");
            assertThat(health.at("/components/camelHealth/details/route:ingest-ftp-down")
                            .asText())
                    .isEqualTo("UP");
        });
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<byte[]> response = Http.get(base() + probe);
            assertThat(response.statusCode())
                    .as(probe + " " + new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo(200);
        }
    }

    private JsonNode health(String path) throws Exception {
        return new ObjectMapper().readTree(Http.asOperator(base() + path).body());
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
