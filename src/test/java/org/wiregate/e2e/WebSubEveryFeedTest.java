package org.wiregate.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wiregate.support.ArticleBuilder.anArticle;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.article.Section;
import org.wiregate.store.ArticleStore;
import org.wiregate.support.ArticleBuilder;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.TestDirectories;
import org.wiregate.websub.WebSubSubscriptions;

/**
 * Every feed is a WebSub topic: a WireMock subscriber of one tag feed (Arabic, so the topic URL is
 * percent-encoded) is verified, then notified, signed, when an item with that tag is stored, and only
 * then: not for items without the tag (a subscriber of the main feed proves those were announced),
 * but again when a tagged item loses the tag, since the feed it left changed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebSubEveryFeedTest {

    private static final String BASE = "https://news.example.org";
    private static final String TAG_TOPIC =
            BASE + "/feeds/ar/tag/" + URLEncoder.encode("غزة", StandardCharsets.UTF_8) + ".rss";
    private static final String MAIN_TOPIC = BASE + "/feeds/ar.atom";
    private static final String SECRET = "a tag subscriber's secret";
    private static final WireMockServer subscriber = startSubscriber();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    ArticleStore store;

    @Autowired
    WebSubSubscriptions subscriptions;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(
                registry,
                "websub-every-feed",
                TestDirectories.create("websub-every-feed").resolve("inbox"));
        registry.add("gateway.public-base-url", () -> BASE);
        registry.add("gateway.websub.allow-private-callbacks", () -> "true");
        registry.add("gateway.websub.coalesce", () -> "100ms");
    }

    private static WireMockServer startSubscriber() {
        WireMockServer server = new WireMockServer(options().dynamicPort().globalTemplating(true));
        server.start();
        for (String path : List.of("/tag", "/main")) {
            server.stubFor(get(urlPathEqualTo(path))
                    .willReturn(aResponse().withStatus(200).withBody("{{request.query.[hub.challenge]}}")));
            server.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(204)));
        }
        return server;
    }

    @AfterAll
    static void stop() {
        subscriber.stop();
    }

    @Test
    void aTagFeedSubscriberIsNotifiedWhenAndOnlyWhenAnItemWithThatTagIsStored() throws Exception {
        // The tag feed names the hub and itself, in the body and the Link header.
        HttpResponse<byte[]> feed = Http.get(local(TAG_TOPIC));
        assertThat(new String(feed.body(), StandardCharsets.UTF_8))
                .containsPattern("<atom:link[^>]*href=\"" + BASE + "/websub/hub\"[^>]*rel=\"hub\"")
                .contains("href=\"" + TAG_TOPIC + "\"");
        assertThat(feed.headers().allValues("Link"))
                .anySatisfy(link -> assertThat(link).contains("<" + TAG_TOPIC + ">; rel=\"self\""));

        // Subscribing with the IRI spelling gives the canonical (percent-encoded) topic.
        assertThat(subscribe(BASE + "/feeds/ar/tag/غزة.rss", subscriber.baseUrl() + "/tag", SECRET)
                        .statusCode())
                .isEqualTo(202);
        assertThat(subscribe(MAIN_TOPIC, subscriber.baseUrl() + "/main", null).statusCode())
                .isEqualTo(202);
        assertThat(subscribe(BASE + "/feeds/ar/tag/x/archive/2026-12-01.rss", subscriber.baseUrl() + "/tag", null)
                        .statusCode())
                .as("an archive never changes: not a topic")
                .isEqualTo(400);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !subscriptions.active(TAG_TOPIC, Instant.now()).isEmpty()
                        && !subscriptions.active(MAIN_TOPIC, Instant.now()).isEmpty());

        // An item without the tag: the main feed's subscriber hears of it, the tag's does not.
        store.save(article("untagged", "اقتصاد"), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("/main").size() == 1);
        assertThat(deliveries("/tag")).isEmpty();

        // An item with the tag: the tag feed, signed, with the item in it.
        Article tagged = article("tagged", "غزة");
        store.save(tagged, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("/tag").size() == 1);
        ServeEvent delivery = deliveries("/tag").get(0);
        assertThat(delivery.getRequest().getBodyAsString())
                .contains("headline tagged")
                .contains("<rss");
        assertThat(delivery.getRequest().getHeader("X-Hub-Signature"))
                .isEqualTo("sha256=" + hmac(delivery.getRequest().getBody()));
        assertThat(delivery.getRequest().getHeaders().getHeader("Link").values())
                .anySatisfy(link -> assertThat(link).contains("<" + TAG_TOPIC + ">; rel=\"self\""));
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("/main").size() == 2);

        // Another untagged item: nothing more for the tag.
        store.save(article("untagged-2", "رياضة"), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("/main").size() == 3);
        assertThat(deliveries("/tag")).hasSize(1);

        // The tagged item loses its tag: the feed it left changed, so its subscriber hears of it.
        store.save(
                ArticleBuilder.from(tagged)
                        .agencyVersion("2")
                        .tags("سياسة")
                        .updated(tagged.updated().plusSeconds(60))
                        .build(),
                null);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("/tag").size() == 2);
        assertThat(deliveries("/tag").get(0).getRequest().getBodyAsString()).doesNotContain("headline tagged");
    }

    private static Article article(String name, String tag) {
        return anArticle()
                .wire("websub-every-feed", "urn:wsef:" + name)
                .language(Language.AR)
                .headline("headline " + name)
                .publishedAt(Instant.now().minusSeconds(60))
                .section(Section.POLITICS)
                .tags(tag)
                .slug(name)
                .build();
    }

    /** Content deliveries (POSTs) to a callback path, newest first. */
    private static List<ServeEvent> deliveries(String path) {
        return subscriber.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("POST")
                        && e.getRequest().getUrl().startsWith(path))
                .toList();
    }

    private HttpResponse<String> subscribe(String topic, String callback, String secret) throws Exception {
        String form = "hub.mode=subscribe&hub.topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8)
                + "&hub.callback=" + URLEncoder.encode(callback, StandardCharsets.UTF_8)
                + (secret == null ? "" : "&hub.secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8));
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/websub/hub"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String local(String url) {
        return url.replace(BASE, "http://localhost:" + port);
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
