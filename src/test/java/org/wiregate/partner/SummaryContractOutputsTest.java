package org.wiregate.partner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Article;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.partner.webhook.WebhookDispatcher;
import org.wiregate.store.ArticleStore;
import org.wiregate.support.ArticleBuilder;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.MutableClock;
import org.wiregate.support.PartnerFixtures;
import org.wiregate.support.PartnerFixtures.Story;
import org.wiregate.support.TestDirectories;

/**
 * A {@code {"text": "summary"}} contract, as docs/partners.md promises it: "headline and standfirst
 * only (no body, no pictures, anywhere)". One test per output a partner can get — the delta, a single
 * item, each partner feed format and a webhook delivery — on copy that has a lead picture, a body
 * with a word found nowhere else, and an edition in another language. Nothing of the body (its
 * text, or the reading time counted from it) and nothing of the picture (its address, caption or
 * credit) may appear in the bytes the partner gets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SummaryContractOutputsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY_WORD = "bodyonlyxq7";
    private static final String PICTURE_HOST = "pictures-summary-test.example";
    private static final String CAPTION = "captiononlyzk3";
    private static final String CREDIT = "creditonlyjw5";
    private static final Story ENGLISH =
            Story.of("afp", "summary-en", Language.EN).group("summary-g");
    private static final Story SPANISH =
            Story.of("efe", "summary-es", Language.ES).group("summary-g");

    private static WireMockServer hooks;
    private static String key;

    @LocalServerPort
    int port;

    @Autowired
    ArticleStore store;

    @Autowired
    PartnerRepository partners;

    @Autowired
    PartnerKeys keys;

    @Autowired
    WebhookDispatcher dispatcher;

    @BeforeAll
    static void startHooks() {
        hooks = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        hooks.start();
        hooks.stubFor(
                post(WireMock.urlMatching("/hooks/.*")).willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    static void stopHooks() {
        hooks.stop();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(
                registry,
                "summary-outputs",
                TestDirectories.create("summary-outputs").resolve("inbox"));
        registry.add("gateway.partners.webhooks.poll-interval", () -> "PT1H");
        registry.add("gateway.partners.webhooks.allow-private-urls", () -> "true");
        registry.add("gateway.partners.release-every", () -> "PT1H");
    }

    /** Once for the class: the summary partner, its webhook, then the copy (so the webhook gets it). */
    private synchronized String summaryPartner() throws Exception {
        if (key == null) {
            key = PartnerFixtures.partnerWithKey(partners, keys, "summary-only", "{\"text\": \"summary\"}");
            HttpResponse<byte[]> registered =
                    send("/api/partner/webhooks", key, "{\"url\": \"" + hooks.baseUrl() + "/hooks/summary\"}");
            assertThat(registered.statusCode()).isEqualTo(201);
            store.save(withPictureAndBody(ENGLISH), null);
            store.save(withPictureAndBody(SPANISH), null);
            dispatcher.dispatch();
        }
        return key;
    }

    private static Article withPictureAndBody(Story story) {
        return ArticleBuilder.from(story.article())
                .bodyHtml("<p>The " + BODY_WORD + " paragraph of " + story.guid() + ".</p>")
                .readingTimeMinutes(7)
                .images(new Image(
                        "https://" + PICTURE_HOST + "/" + story.guid() + ".jpg",
                        CAPTION,
                        CREDIT,
                        "image/jpeg",
                        1200,
                        800))
                .build();
    }

    @Test
    void theDeltaCarriesHeadlineAndSummaryButNoBodyAndNoPicture() throws Exception {
        HttpResponse<byte[]> delta = get("/api/partner/articles?limit=100", summaryPartner());

        assertThat(delta.statusCode()).isEqualTo(200);
        assertNothingOfBodyOrPicture("delta", delta.body());
        List<JsonNode> items = new ArrayList<>();
        JSON.readTree(delta.body()).path("items").forEach(items::add);
        assertThat(items)
                .extracting(i -> i.path("uri").asText())
                .containsExactlyInAnyOrder(ENGLISH.id().urn(), SPANISH.id().urn());
        items.forEach(item -> assertHeadlineAndSummaryOnly("delta", item));
    }

    @Test
    void aSingleItemCarriesHeadlineAndSummaryButNoBodyAndNoPicture() throws Exception {
        for (Story story : List.of(ENGLISH, SPANISH)) {
            HttpResponse<byte[]> single =
                    get("/api/partner/articles/" + story.id().value(), summaryPartner());

            assertThat(single.statusCode()).isEqualTo(200);
            assertNothingOfBodyOrPicture("item " + story.guid(), single.body());
            assertHeadlineAndSummaryOnly("item " + story.guid(), JSON.readTree(single.body()));
        }
    }

    @Test
    void theRssFeedCarriesHeadlineAndSummaryButNoBodyAndNoPicture() throws Exception {
        for (Language language : List.of(Language.EN, Language.ES)) {
            HttpResponse<byte[]> feed = get("/partner/feeds/" + language.code() + ".rss", summaryPartner());

            assertThat(feed.statusCode()).isEqualTo(200);
            String xml = assertNothingOfBodyOrPicture("RSS " + language, feed.body());
            assertThat(xml)
                    .contains("Headline summary-", "Standfirst of summary-")
                    .doesNotContain("content:encoded");
        }
    }

    @Test
    void theAtomFeedCarriesHeadlineAndSummaryButNoBodyAndNoPicture() throws Exception {
        for (Language language : List.of(Language.EN, Language.ES)) {
            HttpResponse<byte[]> feed = get("/partner/feeds/" + language.code() + ".atom", summaryPartner());

            assertThat(feed.statusCode()).isEqualTo(200);
            String xml = assertNothingOfBodyOrPicture("Atom " + language, feed.body());
            assertThat(xml)
                    .contains("Headline summary-", "Standfirst of summary-")
                    .doesNotContain("<content");
        }
    }

    @Test
    void theJsonFeedCarriesHeadlineAndSummaryButNoBodyNorAnythingCountedFromIt() throws Exception {
        for (Language language : List.of(Language.EN, Language.ES)) {
            HttpResponse<byte[]> feed = get("/partner/feeds/" + language.code() + ".json", summaryPartner());

            assertThat(feed.statusCode()).isEqualTo(200);
            assertNothingOfBodyOrPicture("JSON Feed " + language, feed.body());
            JsonNode items = JSON.readTree(feed.body()).path("items");
            assertThat(items).hasSize(1);
            for (JsonNode item : items) {
                assertThat(item.path("title").asText()).startsWith("Headline summary-");
                assertThat(item.path("content_text").asText()).startsWith("Standfirst of summary-");
                assertThat(item.has("content_html")).isFalse();
                assertThat(item.path("_wire").has("reading_time_minutes"))
                        .as("JSON Feed %s: the reading time is counted from the body", language)
                        .isFalse();
            }
        }
    }

    @Test
    void aWebhookDeliveryCarriesHeadlineAndSummaryButNoBodyAndNoPicture() throws Exception {
        summaryPartner();
        List<LoggedRequest> deliveries = hooks.findAll(postRequestedFor(urlEqualTo("/hooks/summary")));

        assertThat(deliveries).hasSize(2);
        for (LoggedRequest delivery : deliveries) {
            assertNothingOfBodyOrPicture("webhook", delivery.getBody());
            assertHeadlineAndSummaryOnly(
                    "webhook", JSON.readTree(delivery.getBody()).path("item"));
        }
    }

    /** The whole answer, as text, has no word of the body and nothing of the picture. */
    private static String assertNothingOfBodyOrPicture(String what, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text)
                .as(what + ": nothing of the body or the picture")
                .doesNotContain(BODY_WORD, PICTURE_HOST, CAPTION, CREDIT);
        return text;
    }

    /** A ninjs item: headline and summary, no body, and no association but other-language editions. */
    private static void assertHeadlineAndSummaryOnly(String what, JsonNode item) {
        assertThat(item.at("/headlines/0/value").asText()).as(what).startsWith("Headline summary-");
        assertThat(item.at("/descriptions/0/value").asText()).as(what).startsWith("Standfirst of summary-");
        assertThat(item.has("bodies")).as(what + ": bodies").isFalse();
        assertThat(item.has("renditions")).as(what + ": renditions").isFalse();
        for (JsonNode association : item.path("associations")) {
            assertThat(association.path("name").asText())
                    .as(what + ": associations")
                    .isEqualTo("translation");
            assertThat(Set.of("picture", "graphic", "video", "audio"))
                    .as(what + ": association type")
                    .doesNotContain(association.path("type").asText());
        }
    }

    private HttpResponse<byte[]> get(String path, String partnerKey) throws Exception {
        return Http.get("http://localhost:" + port + path, "Authorization", "Bearer " + partnerKey);
    }

    private HttpResponse<byte[]> send(String path, String partnerKey, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + partnerKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    @TestConfiguration
    static class ClockConfiguration {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(NOW);
        }
    }
}
