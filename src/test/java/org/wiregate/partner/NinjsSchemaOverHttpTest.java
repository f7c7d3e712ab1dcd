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
import org.wiregate.article.ContentType;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.partner.webhook.WebhookDispatcher;
import org.wiregate.store.ArticleStore;
import org.wiregate.support.ArticleBuilder;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.MutableClock;
import org.wiregate.support.NinjsSchema;
import org.wiregate.support.PartnerFixtures;
import org.wiregate.support.PartnerFixtures.Story;
import org.wiregate.support.TestDirectories;

/**
 * Every ninjs item a partner can get over HTTP — each item of the delta, each single item, each
 * webhook delivery's {@code item} — is valid against IPTC's official ninjs 2.2 JSON Schema
 * ({@link NinjsSchema}), for every kind of contract: standard, each narrowing dimension, summary only
 * and embargo preview. The copy covers full text with a picture, tags and editions in three
 * languages, a corrected item, an embargoed item (shown early to the preview contract) and a killed
 * one. The writer on its own is checked in {@code publish/NinjsWriterSchemaTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NinjsSchemaOverHttpTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WireMockServer hooks;

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
                "ninjs-schema-http",
                TestDirectories.create("ninjs-schema-http").resolve("inbox"));
        registry.add("gateway.partners.webhooks.poll-interval", () -> "PT1H");
        registry.add("gateway.partners.webhooks.allow-private-urls", () -> "true");
        registry.add("gateway.partners.release-every", () -> "PT1H");
    }

    private record Contract(String name, String entitlements) {}

    @Test
    void everyNinjsItemEveryContractGetsIsValidAgainstTheNinjs22Schema() throws Exception {
        List<Contract> contracts = List.of(
                new Contract("standard", null),
                new Contract("languages", "{\"languages\": [\"ar\", \"es\"]}"),
                new Contract("sections", "{\"sections\": [\"politics\"]}"),
                new Contract("regions", "{\"regions\": [\"mena\", \"latin-america\"]}"),
                new Contract("types", "{\"contentTypes\": [\"opinion\"]}"),
                new Contract("agencies", "{\"agencies\": [\"qna\", \"efe\"]}"),
                new Contract("summary", "{\"text\": \"summary\"}"),
                new Contract("preview", "{\"embargoPreview\": true}"),
                new Contract("summary-preview", "{\"text\": \"summary\", \"embargoPreview\": true}"));
        List<String> partnerKeys = new ArrayList<>();
        for (Contract contract : contracts) {
            String key = PartnerFixtures.partnerWithKey(
                    partners, keys, "schema-" + contract.name(), contract.entitlements());
            HttpResponse<byte[]> registered = send(
                    "/api/partner/webhooks",
                    key,
                    "{\"url\": \"" + hooks.baseUrl() + "/hooks/" + contract.name() + "\"}");
            assertThat(registered.statusCode()).isEqualTo(201);
            partnerKeys.add(key);
        }

        Story english = Story.of("afp", "schema-en", Language.EN).group("schema-g");
        Story arabic =
                Story.of("qna", "schema-ar", Language.AR).regions(Region.MENA).group("schema-g");
        Story spanish = Story.of("efe", "schema-es", Language.ES)
                .section(Section.ECONOMY)
                .regions(Region.LATIN_AMERICA)
                .group("schema-g");
        Story opinion = Story.of("afp", "schema-opinion", Language.EN)
                .type(ContentType.OPINION)
                .section(Section.SPORTS)
                .regions(Region.ASIA);
        Story embargoed = Story.of("qna", "schema-embargoed", Language.AR)
                .regions(Region.MENA)
                .embargo(NOW.plus(Duration.ofHours(3)));
        Story killed = Story.of("efe", "schema-killed", Language.ES).regions(Region.LATIN_AMERICA);
        store.save(richly(english), null);
        store.save(richly(arabic), null);
        store.save(spanish.article(), null);
        store.save(opinion.article(), null);
        store.save(richly(embargoed), null);
        store.save(richly(killed), null);
        store.save(
                ArticleBuilder.from(richly(english.nextVersion("<p>Corrected body.</p>")))
                        .correctionNote("Corrects the minister's name")
                        .build(),
                null);
        store.save(killed.killed().article(), null);
        dispatcher.dispatch();

        Set<String> kinds = new HashSet<>();
        for (int i = 0; i < contracts.size(); i++) {
            Contract contract = contracts.get(i);
            String key = partnerKeys.get(i);

            JsonNode delta =
                    JSON.readTree(get("/api/partner/articles?limit=100", key).body());
            assertThat(delta.path("items")).as(contract.name() + ": delta").isNotEmpty();
            for (JsonNode item : delta.path("items")) {
                NinjsSchema.assertValid(contract.name() + ": delta item " + item.path("uri"), item);
                kinds.add(kind(item));

                String id = item.path("uri").asText().substring("urn:wiregate:article:".length());
                HttpResponse<byte[]> single = get("/api/partner/articles/" + id, key);
                assertThat(single.statusCode())
                        .as(contract.name() + ": " + item.path("uri"))
                        .isEqualTo(200);
                NinjsSchema.assertValid(
                        contract.name() + ": single item " + item.path("uri"), JSON.readTree(single.body()));
            }

            List<LoggedRequest> deliveries = hooks.findAll(postRequestedFor(urlEqualTo("/hooks/" + contract.name())));
            assertThat(deliveries).as(contract.name() + ": webhook").isNotEmpty();
            for (LoggedRequest delivery : deliveries) {
                JsonNode item = JSON.readTree(delivery.getBody()).path("item");
                NinjsSchema.assertValid(contract.name() + ": webhook item " + item.path("uri"), item);
            }
        }
        assertThat(kinds)
                .as("the shapes the contracts saw between them")
                .contains("full", "summary", "embargo-preview", "killed", "corrected");
    }

    /** With a lead picture, tags and a dateline, so the associations and subjects are all exercised. */
    private static Article richly(Story story) {
        return ArticleBuilder.from(story.article())
                .dateline("DATELINE")
                .tags("Tag one", "tag-two")
                .images(new Image(
                        "https://images.example.org/" + story.guid() + ".jpg",
                        "Caption of " + story.guid(),
                        "Photographer / Agency",
                        "image/jpeg",
                        1200,
                        800))
                .build();
    }

    private static String kind(JsonNode item) {
        if (item.path("pubstatus").asText().equals("canceled")) {
            return "killed";
        }
        if (item.has("embargoed")) {
            return "embargo-preview";
        }
        if (item.has("ednote")) {
            return "corrected";
        }
        return item.has("bodies") ? "full" : "summary";
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
