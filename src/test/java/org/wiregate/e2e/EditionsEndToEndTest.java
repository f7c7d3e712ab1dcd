package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.ArticleId;
import org.wiregate.store.ArticleScope;
import org.wiregate.store.ChangeLog;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.TestDirectories;

/**
 * The English, Arabic and Spanish editions of a story find each other in the feeds: explicitly (a
 * shared edition-group id) or by matching (no id shared), a killed edition drops out of its
 * siblings' links, and an operator can link and unlink by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EditionsEndToEndTest {

    private static final Path inbox = TestDirectories.create("editions").resolve("inbox");
    private static final String TOKEN = "editions-ops-token";

    @LocalServerPort
    int port;

    @Autowired
    ChangeLog changes;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "editions", inbox);
        registry.add("gateway.ops.token", () -> TOKEN);
    }

    @Test
    @Order(1)
    void explicitEditionGroupLinksTheThreeEditionsInEveryFormat() throws Exception {
        ingest("standard", "kenya-en.json", "/fixtures/ninjs/en-ninjs2-item.json");
        ingest("standard", "kenya-es.json", "/fixtures/ninjs/es-ninjs1-item.json");
        ingest("demo", "kenya-ar.xml", "/fixtures/rss/ar-rss-item.xml");
        String english =
                ArticleId.of("standard", "urn:newsml:fixture.example:en-1").urn();

        JsonNode item = item("/feeds/en.json", english);
        assertThat(languagesOf(item)).containsExactlyInAnyOrder("ar", "es");
        assertThat(item.at("/_editions/0/url").asText()).startsWith("http://localhost:8080/");
        assertThat(text("/feeds/en.atom")).contains("hreflang=\"ar\"").contains("hreflang=\"es\"");
        assertThat(text("/feeds/ar.rss")).contains("rel=\"alternate\"").contains("hreflang=\"en\"");
    }

    @Test
    @Order(2)
    void editionsWithoutASharedIdAreMatchedAcrossScripts() throws Exception {
        for (String lang : List.of("en", "ar", "es")) {
            ingest("standard", "corpus-s01-" + lang + ".json", "/editions/corpus/s01-" + lang + ".json");
        }
        String english =
                ArticleId.of("standard", "urn:newsml:corpus.example:s01-en").urn();
        assertThat(languagesOf(item("/feeds/en.json", english))).containsExactlyInAnyOrder("ar", "es");
        String arabic =
                ArticleId.of("standard", "urn:newsml:corpus.example:s01-ar").urn();
        assertThat(languagesOf(item("/feeds/ar.json", arabic))).containsExactlyInAnyOrder("en", "es");
    }

    @Test
    @Order(3)
    void killedEditionDisappearsFromItsSiblingsLinks() throws Exception {
        byte[] killed = Fixtures.killNotice("/fixtures/ninjs/es-ninjs1-item.json");
        Fixtures.drop(inbox, "standard", "kenya-es-kill.json", killed);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(inbox.resolve("standard/.done/kenya-es-kill.json")));
        String english =
                ArticleId.of("standard", "urn:newsml:fixture.example:en-1").urn();
        assertThat(languagesOf(item("/feeds/en.json", english))).containsExactly("ar");
    }

    @Test
    @Order(4)
    void operatorLinksAndUnlinksByHandAndTheDecisionSticks() throws Exception {
        ingest("standard", "corpus-s02-en.json", "/editions/corpus/s02-en.json");
        ingest("standard", "corpus-s03-es.json", "/editions/corpus/s03-es.json");
        ArticleId english = ArticleId.of("standard", "urn:newsml:corpus.example:s02-en");
        ArticleId spanish = ArticleId.of("standard", "urn:newsml:corpus.example:s03-es");

        assertThat(post(
                                "/ops/editions/link",
                                "{\"articles\": [\"" + english.value() + "\", \"" + spanish.value() + "\"]}",
                                null)
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> linked = post(
                "/ops/editions/link",
                "{\"articles\": [\"" + english.value() + "\", \"" + spanish.value() + "\"]}",
                "Bearer " + TOKEN);
        assertThat(linked.statusCode()).isEqualTo(200);
        assertThat(languagesOf(item("/feeds/en.json", english.urn()))).containsExactly("es");

        assertThat(post("/ops/editions/" + spanish.value() + "/unlink", "", "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(200);
        assertThat(languagesOf(item("/feeds/en.json", english.urn()))).isEmpty();
        assertThat(post(
                                "/ops/editions/link",
                                "{\"articles\": [\"" + english.value() + "\", \"" + english.value() + "\"]}",
                                "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    @Order(5)
    void aLateEditionJoinsTheStoryAndReadersAndPartnersSeeIt() throws Exception {
        Instant now = Instant.now();
        ingestAt("corpus-s04-en.json", "/editions/corpus/s04-en.json", now.minus(Duration.ofHours(3)));
        ingestAt("corpus-s04-ar.json", "/editions/corpus/s04-ar.json", now.minus(Duration.ofHours(2)));
        ArticleId english = ArticleId.of("standard", "urn:newsml:corpus.example:s04-en");
        ArticleId arabic = ArticleId.of("standard", "urn:newsml:corpus.example:s04-ar");
        ArticleId spanish = ArticleId.of("standard", "urn:newsml:corpus.example:s04-es");
        assertThat(languagesOf(item("/feeds/en.json", english.urn()))).containsExactly("ar");
        long before = changes.head();

        ingestAt("corpus-s04-es.json", "/editions/corpus/s04-es.json", now.minus(Duration.ofHours(1)));

        assertThat(languagesOf(item("/feeds/en.json", english.urn()))).containsExactlyInAnyOrder("ar", "es");
        List<ChangeLog.Entry> logged = changes.after(before, null, ArticleScope.PUBLIC, 100);
        assertThat(logged)
                .as("the change log gives partners each edition of the story once more, with its group")
                .extracting(e -> e.article().id())
                .containsExactlyInAnyOrder(english, arabic, spanish);
        assertThat(logged)
                .extracting(ChangeLog.Entry::editionGroup)
                .containsOnly(logged.get(0).editionGroup());

        String page = text("/en/articles/" + english.value() + "/s04");
        assertThat(page)
                .contains("<link rel=\"alternate\" hreflang=\"ar\" href=\"http://localhost:8080/ar/articles/"
                        + arabic.value())
                .contains("<link rel=\"alternate\" hreflang=\"es\" href=\"http://localhost:8080/es/articles/"
                        + spanish.value())
                .contains("<link rel=\"alternate\" hreflang=\"en\" href=\"http://localhost:8080/en/articles/"
                        + english.value())
                .contains("hreflang=\"x-default\"")
                .contains("<nav class=\"editions\"")
                .contains("lang=\"ar\" dir=\"rtl\">العربية</a>")
                .contains("lang=\"es\" dir=\"ltr\">Español</a>");

        String sitemap = text("/sitemaps/news-ar.xml");
        assertThat(sitemap).contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
        org.jsoup.nodes.Document xml = org.jsoup.Jsoup.parse(sitemap, "", org.jsoup.parser.Parser.xmlParser());
        org.jsoup.nodes.Element url = xml.select("url").stream()
                .filter(u -> u.selectFirst("loc").text().contains(arabic.value()))
                .findFirst()
                .orElseThrow();
        assertThat(url.select("xhtml|link").eachAttr("hreflang")).containsExactly("en", "ar", "es");
    }

    private void ingestAt(String name, String fixture, Instant published) throws Exception {
        ObjectNode item = (ObjectNode) new ObjectMapper().readTree(Fixtures.bytes(fixture));
        item.put("firstcreated", published.toString());
        item.put("versioncreated", published.toString());
        Fixtures.drop(inbox, "standard", name, new ObjectMapper().writeValueAsBytes(item));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("standard/.done/" + name)));
    }

    private void ingest(String source, String name, String fixture) {
        Fixtures.drop(inbox, source, name, Fixtures.bytes(fixture));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve(source + "/.done/" + name)));
    }

    private JsonNode item(String feed, String id) throws Exception {
        for (JsonNode item :
                new ObjectMapper().readTree(Http.get(base() + feed).body()).path("items")) {
            if (item.path("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id + " in " + feed);
    }

    private static List<String> languagesOf(JsonNode item) {
        List<String> languages = new ArrayList<>();
        item.path("_editions").forEach(e -> languages.add(e.path("language").asText()));
        return languages;
    }

    private String text(String path) throws Exception {
        return new String(Http.get(base() + path).body(), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String path, String json, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/json")
                .header("X-Operator", "desk-editor")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
