package org.wiregate.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.outbound.HostResolver;
import org.wiregate.outbound.OutboundPolicy;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.TestDirectories;
import org.wiregate.websub.WebSubSubscriptions;

/**
 * WebSub end to end: feeds name the hub, a WireMock subscriber subscribes to the built-in hub,
 * answers the verification of intent, and receives the signed English feed within two seconds of
 * a story being stored; a callback failing twice is retried until delivered; an external hub in
 * publish-to is pinged. Topics are the configured public URLs (https://news.example.org), which
 * need not resolve: the hub renders from the feed service, never fetches its own topics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSubTest {

    private static final String BASE = "https://news.example.org";
    private static final String HUB = BASE + "/websub/hub";
    private static final String EN_RSS = BASE + "/feeds/en.rss";
    private static final String ES_ATOM = BASE + "/feeds/es.atom";
    private static final String ES_POLITICS_ATOM = BASE + "/feeds/es/section/politics.atom";
    private static final String EN_HEADLINE_PART = "electoral commission begins tallying by-election votes";
    private static final String SECRET = "correct horse battery staple";
    private static final Path work = TestDirectories.create("websub");
    private static final WireMockServer wire = startWireMock();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    WebSubSubscriptions subscriptions;

    @Autowired
    MeterRegistry registry;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "websub", work.resolve("inbox"));
        registry.add("gateway.public-base-url", () -> BASE);
        registry.add("gateway.websub.allow-private-callbacks", () -> "true");
        registry.add("gateway.websub.retry-delays", () -> "100ms,200ms,300ms");
        registry.add("gateway.websub.coalesce", () -> "200ms");
        registry.add("gateway.websub.publish-to[0]", () -> wire.baseUrl() + "/hub");
    }

    private static WireMockServer startWireMock() {
        WireMockServer server = new WireMockServer(options().dynamicPort().globalTemplating(true));
        server.start();
        // Verification of intent: echo hub.challenge.
        for (String path : List.of("/subscriber", "/flaky", "/flaky-section")) {
            server.stubFor(get(urlPathEqualTo(path))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "text/plain")
                            .withBody("{{request.query.[hub.challenge]}}")));
        }
        server.stubFor(
                post(urlPathEqualTo("/subscriber")).willReturn(aResponse().withStatus(204)));
        failsTwiceThenAccepts(server, "/flaky");
        // a subscriber of a section feed that fails twice: its retries must carry that feed, not the language's
        failsTwiceThenAccepts(server, "/flaky-section");
        server.stubFor(post(urlPathEqualTo("/hub")).willReturn(aResponse().withStatus(204)));
        return server;
    }

    /** A callback answering 500 to its first two deliveries and 200 from then on. */
    private static void failsTwiceThenAccepts(WireMockServer server, String path) {
        String[] states = {STARTED, "failed once", "failed twice"};
        for (int i = 0; i < states.length; i++) {
            var stub = post(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(states[i]);
            server.stubFor(
                    i < 2
                            ? stub.willReturn(aResponse().withStatus(500)).willSetStateTo(states[i + 1])
                            : stub.willReturn(aResponse().withStatus(200)));
        }
    }

    @AfterAll
    static void stopWireMock() {
        wire.stop();
    }

    @Test
    @Order(1)
    void everyFeedNamesTheHubAndItselfInTheBodyAndTheLinkHeader() throws Exception {
        HttpResponse<byte[]> rss = Http.get(url("/feeds/en.rss"));
        assertThat(rss.statusCode()).isEqualTo(200);
        String rssBody = new String(rss.body(), StandardCharsets.UTF_8);
        assertThat(rssBody)
                .containsPattern("<atom:link[^>]*href=\"" + HUB + "\"[^>]*rel=\"hub\"")
                .containsPattern("<atom:link[^>]*href=\"" + EN_RSS + "\"[^>]*rel=\"self\"");
        assertThat(rss.headers().allValues("Link"))
                .anySatisfy(link -> assertThat(link)
                        .contains("<" + HUB + ">; rel=\"hub\"")
                        .contains("<" + EN_RSS + ">; rel=\"self\""));

        HttpResponse<byte[]> atom = Http.get(url("/feeds/ar.atom"));
        String atomBody = new String(atom.body(), StandardCharsets.UTF_8);
        assertThat(atomBody)
                .containsPattern("<link[^>]*rel=\"hub\"[^>]*href=\"" + HUB + "\"")
                .containsPattern("<link[^>]*rel=\"self\"[^>]*href=\"" + BASE + "/feeds/ar.atom\"");
        assertThat(atom.headers().allValues("Link"))
                .anySatisfy(link -> assertThat(link).contains("rel=\"hub\""));

        HttpResponse<byte[]> json = Http.get(url("/feeds/es.json"));
        JsonNode feed = new ObjectMapper().readTree(json.body());
        assertThat(feed.path("hubs").get(0).path("type").asText()).isEqualTo("WebSub");
        assertThat(feed.path("hubs").get(0).path("url").asText()).isEqualTo(HUB);
        assertThat(feed.path("feed_url").asText()).isEqualTo(BASE + "/feeds/es.json");
        assertThat(json.headers().allValues("Link"))
                .anySatisfy(link -> assertThat(link).contains("<" + BASE + "/feeds/es.json>; rel=\"self\""));

        // A conditional poll's 304 names them too.
        HttpResponse<byte[]> notModified = Http.get(
                url("/feeds/en.rss"),
                "If-None-Match",
                rss.headers().firstValue("ETag").orElseThrow());
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.headers().allValues("Link")).isNotEmpty();
    }

    @Test
    @Order(2)
    void badRequestsAreRefusedWithAReason() throws Exception {
        HttpResponse<String> unknown =
                hub("subscribe", BASE + "/feeds/fr.rss", wire.baseUrl() + "/subscriber", null, null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("hub.topic is not a feed of this gateway");

        HttpResponse<String> page2 = hub("subscribe", EN_RSS + "?page=2", wire.baseUrl() + "/subscriber", null, null);
        assertThat(page2.statusCode()).isEqualTo(400);

        HttpResponse<String> badCallback = hub("subscribe", EN_RSS, "ftp://example.org/x", null, null);
        assertThat(badCallback.statusCode()).isEqualTo(400);
        assertThat(badCallback.body()).contains("hub.callback refused: it must be an absolute http or https URL");

        HttpResponse<String> badMode = hub("publish", EN_RSS, wire.baseUrl() + "/subscriber", null, null);
        assertThat(badMode.statusCode()).isEqualTo(400);
        assertThat(badMode.body()).contains("hub.mode");

        HttpResponse<String> longSecret =
                hub("subscribe", EN_RSS, wire.baseUrl() + "/subscriber", null, "x".repeat(200));
        assertThat(longSecret.statusCode()).isEqualTo(400);
        assertThat(longSecret.body()).contains("hub.secret");
    }

    @Test
    @Order(3)
    void privateCallbacksAreRefusedUnlessAllowed() {
        OutboundPolicy closed = new OutboundPolicy("hub.callback", false, HostResolver.SYSTEM);
        for (String callback : List.of(
                "http://127.0.0.1:8080/cb",
                "http://localhost/cb",
                "http://10.1.2.3/cb",
                "http://192.168.0.10/cb",
                "http://169.254.169.254/latest/meta-data",
                "http://[::1]/cb",
                "http://[fd00::1]/cb",
                "http://[::ffff:10.0.0.1]/cb",
                "http://100.64.0.1/cb",
                "http://0.0.0.0/cb")) {
            assertThatThrownBy(() -> closed.check(callback))
                    .as(callback)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(closed.answer());
        }
        assertThat(closed.check("https://93.184.215.14/websub?x=1")).hasHost("93.184.215.14");
        assertThat(new OutboundPolicy("hub.callback", true, HostResolver.SYSTEM).check("http://127.0.0.1:8080/cb"))
                .hasPort(8080);
    }

    @Test
    @Order(4)
    void aSubscriberIsVerifiedThenReceivesTheSignedFeedWithinTwoSecondsOfTheStory() throws Exception {
        String callback = wire.baseUrl() + "/subscriber?id=en";
        HttpResponse<String> accepted = hub("subscribe", EN_RSS, callback, "60", SECRET);
        assertThat(accepted.statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> !subscriptions.active(EN_RSS, Instant.now()).isEmpty());
        ServeEvent verification = wire.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("GET")
                        && e.getRequest().getUrl().startsWith("/subscriber"))
                .findFirst()
                .orElseThrow();
        assertThat(verification.getRequest().queryParameter("id").firstValue()).isEqualTo("en");
        assertThat(verification.getRequest().queryParameter("hub.mode").firstValue())
                .isEqualTo("subscribe");
        assertThat(verification.getRequest().queryParameter("hub.topic").firstValue())
                .isEqualTo(EN_RSS);
        assertThat(verification.getRequest().queryParameter("hub.lease_seconds").firstValue())
                .isEqualTo("3600"); // 60 s clamped to 1 h
        assertThat(subscriptions.active(EN_RSS, Instant.now()).get(0).leaseExpiresAt())
                .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3601));

        Fixtures.drop(
                work.resolve("inbox"),
                "standard",
                "kenya-en.json",
                Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json"));
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> new String(Http.get(url("/feeds/en.rss")).body(), StandardCharsets.UTF_8)
                        .contains(EN_HEADLINE_PART));
        await().atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !deliveries("/subscriber").isEmpty());

        List<ServeEvent> delivered = deliveries("/subscriber");
        assertThat(delivered).anySatisfy(e -> {
            assertThat(e.getRequest().getBodyAsString())
                    .contains(EN_HEADLINE_PART)
                    .contains("<rss");
            assertThat(e.getRequest().getHeader("Content-Type")).startsWith("application/rss+xml");
            assertThat(e.getRequest().getHeaders().getHeader("Link").values())
                    .anySatisfy(link -> assertThat(link)
                            .contains("<" + HUB + ">; rel=\"hub\"")
                            .contains("<" + EN_RSS + ">; rel=\"self\""));
        });
        for (ServeEvent e : delivered) {
            assertThat(e.getRequest().getHeader("X-Hub-Signature"))
                    .isEqualTo("sha256=" + hmac(SECRET, e.getRequest().getBody()));
        }
        // One story: one notification (the burst is coalesced), not one per stage or listener.
        assertThat(delivered).hasSize(1);
        assertThat(registry.get("wiregate.websub.deliveries")
                        .tag("outcome", "delivered")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(5)
    void aFailingCallbackIsRetriedWithBackoffUntilDelivered() throws Exception {
        assertThat(hub("subscribe", ES_ATOM, wire.baseUrl() + "/flaky", null, null)
                        .statusCode())
                .isEqualTo(202);
        assertThat(hub("subscribe", ES_POLITICS_ATOM, wire.baseUrl() + "/flaky-section", null, null)
                        .statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !subscriptions.active(ES_ATOM, Instant.now()).isEmpty()
                        && !subscriptions
                                .active(ES_POLITICS_ATOM, Instant.now())
                                .isEmpty());
        double retriedBefore = registry.get("wiregate.websub.deliveries")
                .tag("outcome", "retried")
                .counter()
                .count();

        Fixtures.drop(
                work.resolve("inbox"),
                "standard",
                "kenya-es.json",
                Fixtures.bytes("/fixtures/ninjs/es-ninjs1-item.json"));
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> deliveries("/flaky").stream()
                        .anyMatch(e -> e.getResponse().getStatus() == 200));
        List<ServeEvent> attempts = deliveries("/flaky");
        assertThat(attempts.stream().map(e -> e.getResponse().getStatus()).toList())
                .startsWith(500, 500, 200);
        assertThat(attempts.get(attempts.size() - 1).getRequest().getBodyAsString())
                .contains("Kenia inicia el recuento");
        assertThat(attempts.get(0).getRequest().getHeader("X-Hub-Signature")).isNull(); // no secret given
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> deliveries("/flaky-section").stream()
                        .anyMatch(e -> e.getResponse().getStatus() == 200));
        List<ServeEvent> sectionAttempts = deliveries("/flaky-section");
        // the story may change the section feed more than once: each failed delivery is retried
        assertThat(sectionAttempts.stream()
                        .map(e -> e.getResponse().getStatus())
                        .toList())
                .startsWith(500, 500)
                .contains(200);
        // every attempt, the retried ones too, carries the subscribed feed: its self link says which
        assertThat(sectionAttempts)
                .allSatisfy(attempt -> assertThat(selfLink(attempt.getRequest().getBodyAsString()))
                        .isEqualTo(ES_POLITICS_ATOM));
        assertThat(registry.get("wiregate.websub.deliveries")
                                .tag("outcome", "retried")
                                .counter()
                                .count()
                        - retriedBefore)
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(6)
    void theConfiguredExternalHubIsPingedForEachTopicOfTheChangedLanguages() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<String> pings = wire.findAll(postRequestedFor(urlPathEqualTo("/hub"))).stream()
                    .map(r -> r.getBodyAsString())
                    .toList();
            for (String topic : Stream.of("en.rss", "en.atom", "en.json", "es.rss", "es.atom", "es.json")
                    .map(f -> BASE + "/feeds/" + f)
                    .toList()) {
                assertThat(pings)
                        .contains("hub.mode=publish&hub.url=" + URLEncoder.encode(topic, StandardCharsets.UTF_8));
            }
        });
        assertThat(wire.findAll(postRequestedFor(urlPathEqualTo("/hub"))))
                .allSatisfy(
                        r -> assertThat(r.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded"));
        // Nothing ever pinged or delivered for a topic outside the gateway's own feeds.
        assertThat(wire.findAll(getRequestedFor(urlPathEqualTo("/subscriber")))).hasSize(1);
    }

    /** The href of an Atom document's rel="self" link. */
    private static String selfLink(String atom) {
        java.util.regex.Matcher link =
                java.util.regex.Pattern.compile("<link[^>]*rel=\"self\"[^>]*>").matcher(atom);
        assertThat(link.find()).as("a self link in %s", atom).isTrue();
        java.util.regex.Matcher href =
                java.util.regex.Pattern.compile("href=\"([^\"]+)\"").matcher(link.group());
        assertThat(href.find()).isTrue();
        return href.group(1);
    }

    private List<ServeEvent> deliveries(String path) {
        List<ServeEvent> events = wire.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("POST")
                        && e.getRequest().getUrl().split("\\?")[0].equals(path))
                .collect(Collectors.toList());
        Collections.reverse(events); // WireMock lists newest first
        return events;
    }

    private HttpResponse<String> hub(String mode, String topic, String callback, String lease, String secret)
            throws Exception {
        StringBuilder form = new StringBuilder("hub.mode=")
                .append(enc(mode))
                .append("&hub.topic=")
                .append(enc(topic))
                .append("&hub.callback=")
                .append(enc(callback));
        if (lease != null) {
            form.append("&hub.lease_seconds=").append(enc(lease));
        }
        if (secret != null) {
            form.append("&hub.secret=").append(enc(secret));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/websub/hub")))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
