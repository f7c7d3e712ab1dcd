package org.wiregate.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Language;
import org.wiregate.store.ArticleRepository;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.TestDirectories;
import org.wiregate.support.TransportFixtures;

/**
 * An agency feed polled through Camel (timer route ingest-poll-fixture every 100 ms) from WireMock:
 * faults back off without hurting health, good RSS arrives in the English feed, the next poll is
 * conditional and gets a 304, and a 429 with Retry-After stops polling.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpPollTest {

    private static final String HEADLINE = "Flood barriers raised along the Thames as storm surge nears";
    private static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Poll Wire</title><link>https://poll.example</link>
            <description>English service</description><language>en</language>
            <item><guid isPermaLink="false">poll-fixture-1</guid><title>%s</title>
              <description>The Environment Agency raised flood barriers on Friday.</description>
              <pubDate>Fri, 27 Nov 2026 10:00:00 GMT</pubDate></item>
            </channel></rss>
            """.formatted(HEADLINE);
    private static final Path work = TestDirectories.create("poll");
    private static final WireMockServer wire = startWireMock();

    @LocalServerPort
    int port;

    @Autowired
    ArticleRepository articles;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "poll", work.resolve("inbox"));
        Path mappings = TransportFixtures.mappings(work, "poll-fixture", """
                transport:
                  type: http-poll
                  url: %s/wire/en.rss
                  pollInterval: 100ms
                  connectTimeout: 1s
                  readTimeout: 500ms
                  headers: { Accept: application/rss+xml }
                """.formatted(wire.baseUrl()));
        registry.add("gateway.mappings", mappings::toString);
        registry.add("gateway.ingest.http.max-backoff", () -> "800ms");
    }

    @AfterAll
    static void stopWireMock() {
        wire.stop();
    }

    @Test
    void faultsBackOffThenTheFeedArrivesThenPollsAreConditionalThenRetryAfterIsHonoured() throws Exception {
        // 1. The agency's server misbehaves in every way: the route backs off and stays healthy.
        List<ResponseDefinitionBuilder> faults = List.of(
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withFault(Fault.EMPTY_RESPONSE),
                aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK),
                aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
                aResponse().withStatus(200).withBody(RSS).withFixedDelay(1500),
                aResponse().withStatus(502));
        long start = System.nanoTime();
        for (ResponseDefinitionBuilder fault : faults) {
            long before = requests();
            wire.stubFor(get("/wire/en.rss").willReturn(fault));
            await().atMost(Duration.ofSeconds(10)).until(() -> requests() > before);
        }
        // Backoff doubles up to 800 ms; every 100 ms without it would be several times more requests.
        long seconds = Math.max(1, Duration.ofNanos(System.nanoTime() - start).toSeconds());
        long during = requests();
        assertThat(during).isLessThanOrEqualTo(2 * (faults.size() + 2 * (seconds + 1)));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> requests() - during <= 2 * 2);
        assertThat(healthStatus()).isEqualTo("UP");
        assertThat(articles.findPublished(Language.EN, Instant.now(), 100, 0))
                .noneMatch(a -> a.headline().equals(HEADLINE));

        // 2. Good RSS with an ETag: the item reaches the English feed.
        wire.resetAll();
        wire.stubFor(get("/wire/en.rss")
                .withHeader("If-None-Match", absent())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/rss+xml")
                        .withHeader("ETag", "\"feed-v1\"")
                        .withBody(RSS)));
        wire.stubFor(get("/wire/en.rss")
                .withHeader("If-None-Match", equalTo("\"feed-v1\""))
                .willReturn(aResponse().withStatus(304)));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(englishFeed()).contains(HEADLINE));

        // 3. The next polls are conditional and answered 304: nothing to do.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> wire.verify(getRequestedFor(urlEqualTo("/wire/en.rss"))
                        .withHeader("If-None-Match", equalTo("\"feed-v1\""))
                        .withHeader("Accept", equalTo("application/rss+xml"))));
        assertThat(wire.getAllServeEvents())
                .anySatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo(304));
        assertThat(wire.countRequestsMatching(getRequestedFor(urlEqualTo("/wire/en.rss"))
                                .withHeader("If-None-Match", absent())
                                .build())
                        .getCount())
                .isEqualTo(1);

        // 4. 429 with Retry-After: 120: no request in the next polls.
        wire.resetAll();
        wire.stubFor(get("/wire/en.rss").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        await().atMost(Duration.ofSeconds(5)).until(() -> requests() >= 1);
        long afterRetryAfter = requests();
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> requests() == afterRetryAfter);
        assertThat(afterRetryAfter).isEqualTo(1);
        assertThat(healthStatus()).isEqualTo("UP");
    }

    private static long requests() {
        return wire.countRequestsMatching(
                        getRequestedFor(urlEqualTo("/wire/en.rss")).build())
                .getCount();
    }

    private String englishFeed() throws Exception {
        HttpResponse<byte[]> feed = Http.get("http://localhost:" + port + "/feeds/en.rss");
        return new String(feed.body(), StandardCharsets.UTF_8);
    }

    private String healthStatus() throws Exception {
        HttpResponse<byte[]> health = Http.asOperator("http://localhost:" + port + "/actuator/health");
        return new ObjectMapper().readTree(health.body()).path("status").asText();
    }

    private static WireMockServer startWireMock() {
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get("/wire/en.rss").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        return server;
    }
}
