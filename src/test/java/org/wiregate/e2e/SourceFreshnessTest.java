package org.wiregate.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.MutableClock;
import org.wiregate.support.TestDirectories;

/**
 * An agency polled over HTTP that is expected every 2 minutes: fresh after its first delivery,
 * stale (overall WARNING, still HTTP 200, still ready) once the clock passes 2 minutes with the
 * agency answering 304, fresh again when new copy arrives; the last-item-age gauge follows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
class SourceFreshnessTest {

    private static final Instant START = Instant.parse("2026-11-27T09:00:00Z");
    private static final String SOURCE = "fresh-wire";
    private static final Path work = TestDirectories.create("freshness");
    private static final WireMockServer wire = startWireMock();

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(START);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "freshness", work.resolve("inbox"));
        Path mappings = copyMappings(work.resolve("mappings"));
        try {
            String standard = Files.readString(Path.of("mappings", "standard.yaml"), StandardCharsets.UTF_8);
            Files.writeString(
                    mappings.resolve(SOURCE + ".yaml"),
                    standard + """

                    expectedEvery: PT2M
                    transport:
                      type: http-poll
                      url: %s/wire/en.rss
                      pollInterval: 100ms
                      connectTimeout: 10s
                      readTimeout: 10s
                    """.formatted(wire.baseUrl()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Generous timeouts: a failed poll backs off on the test's frozen clock, which never moves on
        // by itself, so a cold JVM's slow first poll must not count as a failure.
        registry.add("gateway.mappings", mappings::toString);
    }

    @AfterAll
    static void stopWireMock() {
        wire.stop();
    }

    @Test
    void staleWhenTheAgencyFallsSilentFreshAgainWhenCopyArrives() throws Exception {
        // 1. First poll delivers: fresh, the age is zero.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode source = freshness().at("/details/sources/" + SOURCE);
            assertThat(source.path("state").asText()).isEqualTo("fresh");
            assertThat(source.path("lastReceived").asText()).isEqualTo(START.toString());
            assertThat(source.path("expected").asText()).isEqualTo("PT2M");
        });
        assertThat(ageGauge()).isEqualTo(0.0);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> wire.countRequestsMatching(get("/wire/en.rss")
                                        .withHeader("If-None-Match", equalTo("\"v1\""))
                                        .build()
                                        .getRequest())
                                .getCount()
                        > 0);

        // 2. The agency has nothing new (304) for longer than expectedEvery: stale, WARNING, still 200.
        clock.advance(Duration.ofMinutes(3));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<byte[]> response = Http.asOperator(base() + "/actuator/health");
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode health = new ObjectMapper().readTree(response.body());
            assertThat(health.path("status").asText()).isEqualTo("WARNING");
            JsonNode freshness = health.at("/components/sourceFreshness");
            assertThat(freshness.path("status").asText()).isEqualTo("WARNING");
            assertThat(freshness.at("/details/sources/" + SOURCE + "/state").asText())
                    .isEqualTo("stale");
            assertThat(freshness
                            .at("/details/sources/" + SOURCE + "/ageSeconds")
                            .asLong())
                    .isEqualTo(180);
            // The other agencies are expected every 10 minutes or more and count from the start: fresh.
            assertThat(freshness.at("/details/sources/reuters/state").asText()).isEqualTo("fresh");
            assertThat(freshness.at("/details/sources/reuters/lastReceived").isNull())
                    .isTrue();
        });
        assertThat(ageGauge()).isEqualTo(180.0);
        // A silent agency does not take the feeds down.
        HttpResponse<byte[]> readiness = Http.asOperator(base() + "/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(readiness.body()).path("status").asText())
                .isEqualTo("UP");

        // 3. New copy: fresh again, the age starts over. The new stubs are added over the old ones
        // (WireMock answers with the newest match): no reset, so no poll can fall between two stubs,
        // get a 404 and back off on the frozen clock for good.
        wire.stubFor(get("/wire/en.rss")
                .withHeader("If-None-Match", equalTo("\"v1\""))
                .willReturn(rss("\"v2\"", "fresh-2", "Second story from the fresh wire")));
        wire.stubFor(get("/wire/en.rss")
                .withHeader("If-None-Match", equalTo("\"v2\""))
                .willReturn(aResponse().withStatus(304)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode health = new ObjectMapper()
                    .readTree(Http.asOperator(base() + "/actuator/health").body());
            assertThat(health.at("/components/sourceFreshness/details/sources/" + SOURCE + "/state")
                            .asText())
                    .isEqualTo("fresh");
            assertThat(health.at("/components/sourceFreshness/details/sources/" + SOURCE + "/lastReceived")
                            .asText())
                    .isEqualTo(START.plus(Duration.ofMinutes(3)).toString());
            assertThat(health.at("/components/sourceFreshness/status").asText()).isEqualTo("UP");
            assertThat(health.path("status").asText()).isEqualTo("UP");
        });
        assertThat(ageGauge()).isEqualTo(0.0);
        clock.advance(Duration.ofSeconds(30));
        assertThat(ageGauge()).isEqualTo(30.0);
    }

    private JsonNode freshness() throws Exception {
        return new ObjectMapper()
                .readTree(Http.asOperator(base() + "/actuator/health").body())
                .at("/components/sourceFreshness");
    }

    private double ageGauge() throws Exception {
        String metrics =
                new String(Http.asOperator(base() + "/actuator/prometheus").body(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^wiregate_source_last_item_age_seconds\\{source=\"" + SOURCE + "\"} (\\S+)$")
                .matcher(metrics);
        assertThat(m.find()).as(metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static ResponseDefinitionBuilder rss(String etag, String guid, String title) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/rss+xml")
                .withHeader("ETag", etag)
                .withBody("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <rss version="2.0"><channel><title>Fresh Wire</title><link>https://fresh.example</link>
                        <description>English service</description><language>en</language>
                        <item><guid isPermaLink="false">%s</guid><title>%s</title>
                          <description>Copy from an agency that is expected every two minutes.</description>
                          <pubDate>Fri, 27 Nov 2026 08:55:00 GMT</pubDate></item>
                        </channel></rss>
                        """.formatted(guid, title));
    }

    private static WireMockServer startWireMock() {
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get("/wire/en.rss")
                .withHeader("If-None-Match", absent())
                .willReturn(rss("\"v1\"", "fresh-1", "First story from the fresh wire")));
        server.stubFor(get("/wire/en.rss")
                .withHeader("If-None-Match", equalTo("\"v1\""))
                .willReturn(aResponse().withStatus(304)));
        return server;
    }

    /** The shipped mappings (mappings/*.yaml and mappings/names/) in a folder of the test's own. */
    static Path copyMappings(Path target) {
        try {
            Files.createDirectories(target.resolve("names"));
            try (Stream<Path> files = Files.list(Path.of("mappings"))) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
            try (Stream<Path> files = Files.list(Path.of("mappings", "names"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, target.resolve("names").resolve(file.getFileName()));
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
