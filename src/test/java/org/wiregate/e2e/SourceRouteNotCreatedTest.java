package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
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

/**
 * A routes/ folder that does not match the jar (here its file-drop template names a bean no build
 * has) used to leave the gateway healthy without a single ingest route. Now the other sources go on
 * and the one without a route is DOWN in the health, with its reason, and counted for the alert.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SourceRouteNotCreatedTest {

    private static final Path work = TestDirectories.create("route-not-created");
    private static final String PUSH_TOKEN = "route-not-created-push";

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "route-not-created", work.resolve("inbox"));
        try {
            Path routes = Files.createDirectories(work.resolve("routes"));
            for (String name : new String[] {"errors.yaml", "ops.yaml", "pipeline.yaml", "ingest.yaml"}) {
                String yaml = Files.readString(Path.of("routes", name), StandardCharsets.UTF_8);
                if (name.equals("ingest.yaml")) {
                    yaml = yaml.replace("pollStrategy: \"#sourcePolling\"", "pollStrategy: \"#noSuchBeanInThisBuild\"");
                    assertThat(yaml).contains("#noSuchBeanInThisBuild");
                }
                Files.writeString(routes.resolve(name), yaml, StandardCharsets.UTF_8);
            }
            Path mappings = Files.createDirectories(work.resolve("mappings"));
            String standard = Files.readString(Path.of("mappings", "standard.yaml"), StandardCharsets.UTF_8);
            Files.writeString(mappings.resolve("standard.yaml"), standard, StandardCharsets.UTF_8);
            Files.writeString(
                    mappings.resolve("pushed.yaml"),
                    standard + "\ntransport:\n  type: http-push\n  tokenEnv: ROUTE_NOT_CREATED_PUSH_TOKEN\n",
                    StandardCharsets.UTF_8);
            registry.add("camel.main.routes-include-pattern", () -> "file:" + routes + "/*.yaml");
            registry.add("gateway.mappings", mappings::toString);
            registry.add("ROUTE_NOT_CREATED_PUSH_TOKEN", () -> PUSH_TOKEN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theSourceWithoutARouteIsDownWithItsReasonAndTheOthersGoOn() throws Exception {
        assertThat(camel.getRoute("ingest-standard")).isNull();
        assertThat(camel.getRoute("ingest-pushed")).isNotNull();

        HttpResponse<byte[]> health = Http.asOperator("http://localhost:" + port + "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(503);
        JsonNode routes = new ObjectMapper().readTree(health.body()).at("/components/sourceRoutes");
        assertThat(routes.path("status").asText()).isEqualTo("DOWN");
        assertThat(routes.at("/details/notCreated/standard").asText()).contains("noSuchBeanInThisBuild");
        assertThat(routes.at("/details/notCreated").has("pushed")).isFalse();
        assertThat(meters.get("wiregate.source.routes.missing").gauge().value()).isEqualTo(1.0);

        // readiness is left alone: every instance has the same routes, and the feeds must go on
        assertThat(Http.get("http://localhost:" + port + "/actuator/health/readiness")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> pushed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ingest/pushed"))
                                .header("Authorization", "Bearer " + PUSH_TOKEN)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(
                                        Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(202);
    }
}
