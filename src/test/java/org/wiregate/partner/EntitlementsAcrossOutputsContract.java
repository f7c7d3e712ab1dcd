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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.partner.webhook.WebhookDispatcher;
import org.wiregate.store.ArticleStore;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.MutableClock;
import org.wiregate.support.PartnerFixtures;
import org.wiregate.support.PartnerFixtures.Story;
import org.wiregate.support.TestDirectories;

/**
 * One matrix for the acceptance: for every entitlement dimension, the same partner gets
 * exactly the same items through every output — the delta API, single items, the partner feeds
 * in all three languages, and its webhook — and every edition link in any of them points at an
 * item it may see. Summary contracts get no body anywhere; embargo preview shows the embargoed
 * item everywhere, and nowhere for the others. Runs on H2 and on PostgreSQL (the subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Imported, not nested-detected: Spring only finds nested configurations on the concrete test class.
@Import(EntitlementsAcrossOutputsContract.ClockConfiguration.class)
abstract class EntitlementsAcrossOutputsContract {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One receiver per test class run (the PostgreSQL subclass gets its own). */
    private static WireMockServer hooks;

    @BeforeAll
    static void startHooks() {
        hooks = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        hooks.start();
        hooks.stubFor(
                post(WireMock.urlMatching("/hooks/.*")).willReturn(aResponse().withStatus(204)));
    }

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

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.registerWithoutDatabase(
                registry, TestDirectories.create("entitlements-matrix").resolve("inbox"));
        registry.add("gateway.partners.webhooks.poll-interval", () -> "PT1H");
        registry.add("gateway.partners.webhooks.allow-private-urls", () -> "true");
        registry.add("gateway.partners.release-every", () -> "PT1H");
    }

    @AfterAll
    static void stopHooks() {
        hooks.stop();
    }

    private record Dimension(String name, String entitlements, Predicate<Story> allows) {}

    @Test
    void everyOutputShowsAPartnerExactlyWhatItsContractAllows() throws Exception {
        List<Dimension> dimensions = List.of(
                new Dimension("standard", null, s -> s.embargo() == null),
                new Dimension(
                        "languages",
                        "{\"languages\": [\"ar\", \"es\"]}",
                        s -> s.embargo() == null && s.language() != Language.EN),
                new Dimension(
                        "sections",
                        "{\"sections\": [\"politics\"]}",
                        s -> s.embargo() == null && s.section() == Section.POLITICS),
                new Dimension(
                        "regions",
                        "{\"regions\": [\"mena\", \"latin-america\"]}",
                        s -> s.embargo() == null
                                && (s.regions().contains(Region.MENA)
                                        || s.regions().contains(Region.LATIN_AMERICA))),
                new Dimension(
                        "types",
                        "{\"contentTypes\": [\"opinion\"]}",
                        s -> s.embargo() == null && s.type() == ContentType.OPINION),
                new Dimension(
                        "agencies",
                        "{\"agencies\": [\"qna\", \"reuters\"]}",
                        s -> s.embargo() == null && s.source().equals("qna")),
                new Dimension("summary", "{\"text\": \"summary\"}", s -> s.embargo() == null),
                new Dimension("preview", "{\"embargoPreview\": true}", s -> true));
        List<String> keysByDimension = new ArrayList<>();
        for (Dimension d : dimensions) {
            String key = PartnerFixtures.partnerWithKey(partners, keys, "m-" + d.name(), d.entitlements());
            HttpResponse<byte[]> registered = send(
                    "POST",
                    "/api/partner/webhooks",
                    key,
                    "{\"url\": \"" + hooks.baseUrl() + "/hooks/" + d.name() + "\"}");
            assertThat(registered.statusCode()).isEqualTo(201);
            keysByDimension.add(key);
        }

        List<Story> stories = List.of(
                Story.of("afp", "m-en", Language.EN).group("m-g"),
                Story.of("qna", "m-ar", Language.AR).regions(Region.MENA).group("m-g"),
                Story.of("efe", "m-es", Language.ES)
                        .section(Section.ECONOMY)
                        .regions(Region.LATIN_AMERICA)
                        .group("m-g"),
                Story.of("afp", "m-opinion", Language.EN)
                        .type(ContentType.OPINION)
                        .section(Section.SPORTS)
                        .regions(Region.ASIA),
                Story.of("qna", "m-embargoed", Language.AR).embargo(NOW.plus(Duration.ofHours(3))),
                // Own-site-only copy: in no partner's output, whatever its contract says.
                Story.of("reuters", "m-reuters", Language.EN).group("m-g"),
                Story.of("reuters", "m-reuters-ar", Language.AR).regions(Region.MENA));
        stories.forEach(s -> store.save(s.article(), null));
        dispatcher.dispatch();

        for (int i = 0; i < dimensions.size(); i++) {
            Dimension d = dimensions.get(i);
            String key = keysByDimension.get(i);
            Predicate<Story> visible =
                    s -> !s.source().equals("reuters") && d.allows().test(s);
            Set<String> expected =
                    stories.stream().filter(visible).map(s -> s.id().urn()).collect(Collectors.toSet());
            Set<String> visibleUris = expected;

            // The delta API.
            List<JsonNode> apiItems = new ArrayList<>();
            JsonNode page =
                    JSON.readTree(get("/api/partner/articles?limit=100", key).body());
            page.path("items").forEach(apiItems::add);
            assertThat(page.path("more").asBoolean()).isFalse();
            assertThat(uris(apiItems)).as(d.name() + ": API").isEqualTo(expected);

            // Single items: what is not visible is the same 404 as what does not exist.
            for (Story story : stories) {
                int status =
                        get("/api/partner/articles/" + story.id().value(), key).statusCode();
                assertThat(status).as(d.name() + ": item " + story.guid()).isEqualTo(visible.test(story) ? 200 : 404);
            }

            // The feeds, in every language (a language outside the contract is a 404 feed).
            List<JsonNode> feedItems = new ArrayList<>();
            for (Language language : Language.values()) {
                HttpResponse<byte[]> feed = get("/partner/feeds/" + language.code() + ".json", key);
                boolean allowed = !d.name().equals("languages") || language != Language.EN;
                assertThat(feed.statusCode())
                        .as(d.name() + ": " + language + " feed")
                        .isEqualTo(allowed ? 200 : 404);
                if (allowed) {
                    JSON.readTree(feed.body()).path("items").forEach(feedItems::add);
                }
            }
            assertThat(feedItems.stream().map(item -> item.path("id").asText()).collect(Collectors.toSet()))
                    .as(d.name() + ": feeds")
                    .isEqualTo(expected);

            // The webhook.
            List<JsonNode> hookItems = new ArrayList<>();
            for (LoggedRequest request : hooks.findAll(postRequestedFor(urlEqualTo("/hooks/" + d.name())))) {
                hookItems.add(JSON.readTree(request.getBody()).path("item"));
            }
            assertThat(uris(hookItems)).as(d.name() + ": webhook").isEqualTo(expected);
            assertThat(hookItems).as(d.name() + ": one delivery per item").hasSize(expected.size());

            // Edition links, wherever they appear, only to what the partner may see.
            for (JsonNode item : apiItems) {
                item.path("associations").forEach(a -> {
                    if (a.path("name").asText().equals("translation")) {
                        assertThat(visibleUris)
                                .as(d.name() + ": API edition link")
                                .contains(a.path("uri").asText());
                    }
                });
            }
            for (JsonNode item : feedItems) {
                item.path("_editions")
                        .forEach(e -> assertThat(visibleUris)
                                .as(d.name() + ": feed edition link")
                                .contains(e.path("id").asText()));
            }

            // How much of each item: a summary contract never gets a body, in any output.
            boolean summary = d.name().equals("summary");
            for (JsonNode item : apiItems) {
                assertThat(item.has("bodies")).as(d.name() + ": API body").isEqualTo(!summary);
                assertThat(item.path("usageterms").asText())
                        .as(d.name() + ": API usage terms")
                        .isNotBlank();
            }
            for (JsonNode item : hookItems) {
                assertThat(item.has("bodies")).as(d.name() + ": webhook body").isEqualTo(!summary);
            }
            for (JsonNode item : feedItems) {
                assertThat(item.has("content_html"))
                        .as(d.name() + ": feed body")
                        .isEqualTo(!summary);
                assertThat(item.at("/_wiregate/usage_terms").asText())
                        .as(d.name() + ": feed usage terms")
                        .isNotBlank();
            }
        }
        // The standard contract's English story links to both other editions, never to the Reuters one.
        JsonNode english =
                JSON.readTree(get("/api/partner/articles/" + stories.get(0).id().value(), keysByDimension.get(0))
                        .body());
        Set<String> linked = new HashSet<>();
        english.path("associations").forEach(a -> linked.add(a.path("uri").asText()));
        assertThat(linked)
                .contains(stories.get(1).id().urn(), stories.get(2).id().urn())
                .doesNotContain(stories.get(5).id().urn());
    }

    private static Set<String> uris(List<JsonNode> items) {
        return items.stream().map(i -> i.path("uri").asText()).collect(Collectors.toSet());
    }

    private HttpResponse<byte[]> get(String path, String key) throws Exception {
        return Http.get("http://localhost:" + port + path, "Authorization", "Bearer " + key);
    }

    private HttpResponse<byte[]> send(String method, String path, String key, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
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
