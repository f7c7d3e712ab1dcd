package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wiregate.support.ArticleBuilder.anArticle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Language;
import org.wiregate.article.Section;
import org.wiregate.partner.PartnerKeys;
import org.wiregate.partner.PartnerRepository;
import org.wiregate.store.ArticleStore;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.NinjsSchema;
import org.wiregate.support.PartnerFixtures;
import org.wiregate.support.TestDirectories;

/**
 * The ninjs 2.x partner API: one article with its translations and edition group, checked against
 * IPTC's ninjs 2.2 JSON Schema; keyset paging that neither repeats nor skips while copy arrives;
 * a kill as a canceled notice without body; ETag and 304. Every call carries a partner key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NinjsApiTest {

    private static final Path inbox = TestDirectories.create("ninjs-api").resolve("inbox");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUBLIC_BASE = "http://localhost:8080";
    private static final ArticleId ENGLISH = ArticleId.of("standard", "urn:newsml:fixture.example:en-1");
    private static final ArticleId SPANISH = ArticleId.of("standard", "urn:newsml:fixture.example:es-1");

    /** The properties of the ninjs 2.2 schema's ninjsType, which allows no others (unevaluatedProperties: false). */
    private static final Set<String> NINJS_PROPERTIES = Set.of(
            "uri",
            "type",
            "representationtype",
            "profile",
            "version",
            "firstcreated",
            "versioncreated",
            "contentcreated",
            "embargoed",
            "pubstatus",
            "urgency",
            "copyrightholder",
            "copyrightnotice",
            "usageterms",
            "ednote",
            "language",
            "descriptions",
            "bodies",
            "headlines",
            "people",
            "organisations",
            "places",
            "subjects",
            "events",
            "objects",
            "infosources",
            "title",
            "by",
            "slugline",
            "located",
            "renditions",
            "associations",
            "altids",
            "trustindicators",
            "standard",
            "genres",
            "expires",
            "rightsinfo",
            "digitalsourcetype");

    @LocalServerPort
    int port;

    @Autowired
    ArticleStore store;

    @Autowired
    PartnerRepository partners;

    @Autowired
    PartnerKeys keys;

    private static String key;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "ninjs-api", inbox);
    }

    @Test
    @Order(1)
    void articleCarriesItsTranslationsAndEditionGroup() throws Exception {
        ingest("standard", "kenya-en.json", "/fixtures/ninjs/en-ninjs2-item.json");
        ingest("standard", "kenya-es.json", "/fixtures/ninjs/es-ninjs1-item.json");
        ingest("demo", "kenya-ar.xml", "/fixtures/rss/ar-rss-item.xml");

        HttpResponse<byte[]> response = api("/api/articles/" + ENGLISH.value());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        JsonNode item = JSON.readTree(response.body());
        validateNinjs(item, false);
        assertThat(item.path("uri").asText()).isEqualTo(ENGLISH.urn());
        assertThat(item.path("type").asText()).isEqualTo("text");
        assertThat(item.path("version").asText()).isEqualTo("1");
        assertThat(item.path("language").asText()).isEqualTo("en");
        assertThat(item.at("/headlines/0/role").asText()).isEqualTo("main");
        assertThat(item.at("/descriptions/0/role").asText()).isEqualTo("summary");
        assertThat(item.at("/bodies/0/contenttype").asText()).isEqualTo("text/html");
        assertThat(item.at("/bodies/0/value").asText()).startsWith("<div lang=\"en\" dir=\"ltr\">");
        assertThat(item.at("/subjects/0/uri").asText()).isEqualTo(PUBLIC_BASE + "/taxonomy/section/politics");
        assertThat(altid(item, "edition-group")).isEqualTo("fixture-story-1");
        assertThat(altid(item, "agency-guid")).isEqualTo("standard:urn:newsml:fixture.example:en-1");

        JsonNode picture = association(item, "featureimage").get(0);
        assertThat(picture.path("type").asText()).isEqualTo("picture");
        assertThat(picture.at("/renditions/0/href").asText())
                .isEqualTo("https://images.demo-wire.example/2026/11/kenya-tally.jpg");
        assertThat(picture.at("/renditions/0/width").asInt()).isEqualTo(1200);
        assertThat(picture.at("/descriptions/0/value").asText()).startsWith("Election officials count ballots");
        assertThat(picture.path("by").asText()).isEqualTo("Wanjiru Kamau / Demo Wire");

        List<JsonNode> translations = association(item, "translation");
        assertThat(translations).extracting(t -> t.path("language").asText()).containsExactlyInAnyOrder("ar", "es");
        JsonNode arabicRef = translations.stream()
                .filter(t -> t.path("language").asText().equals("ar"))
                .findFirst()
                .orElseThrow();
        assertThat(arabicRef.at("/headlines/0/value").asText()).startsWith("كينيا");

        String arabicId = arabicRef.path("uri").asText().replace("urn:wiregate:article:", "");
        JsonNode arabic = JSON.readTree(api("/api/articles/" + arabicId).body());
        validateNinjs(arabic, false);
        assertThat(arabic.at("/bodies/0/value").asText()).startsWith("<div lang=\"ar\" dir=\"rtl\">");
        assertThat(arabic.path("subjects").findValuesAsText("name")).contains("سياسة");
        assertThat(association(arabic, "translation"))
                .extracting(t -> t.path("language").asText())
                .containsExactlyInAnyOrder("en", "es");

        JsonNode list = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> JSON.readTree(api("/api/articles?lang=es").body()),
                        l -> l.path("items").size() == 1);
        list.path("items").forEach(i -> validateNinjs(i, false));
        assertThat(list.path("next").asText()).startsWith(PUBLIC_BASE + "/api/articles?limit=50&lang=es&cursor=");
    }

    @Test
    @Order(2)
    void etagAnswers304() throws Exception {
        HttpResponse<byte[]> first = api("/api/articles/" + ENGLISH.value());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = api("/api/articles/" + ENGLISH.value(), "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(api("/api/articles/" + ENGLISH.value(), "If-None-Match", "\"other\"")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    @Order(3)
    void keysetPagingSeesEveryArticleOnceWhileNewOnesArrive() throws Exception {
        Instant now = Instant.now();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(save("paging-" + i, now.minusSeconds(3600 - i)));
        }
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> JSON.readTree(api("/api/articles?limit=10").body())
                                .path("items")
                                .size()
                        == 10);

        List<String> seen = new ArrayList<>();
        String[] url = {base() + "/api/articles?limit=10"};
        int[] pages = {0};
        // Walk as far as the pages go; when caught up (an empty page), poll `next` again until all were seen.
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    while (true) {
                        JsonNode page = JSON.readTree(Http.get(url[0], "Authorization", "Bearer " + key())
                                .body());
                        assertThat(page.path("items").size()).isLessThanOrEqualTo(10);
                        page.path("items")
                                .forEach(item -> seen.add(item.path("uri").asText()));
                        url[0] = page.path("next").asText().replace(PUBLIC_BASE, base());
                        pages[0]++;
                        if (pages[0] == 2) {
                            for (int i = 0; i < 3; i++) {
                                // Older agency times than everything above: the keyset is the store order, not the
                                // agency's clock.
                                expected.add(save("late-" + i, now.minusSeconds(86_400)));
                            }
                        }
                        if (page.path("items").isEmpty()) {
                            return seen.containsAll(expected);
                        }
                    }
                });
        assertThat(seen).containsAll(expected);
        assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
        assertThat(pages[0]).isGreaterThan(3);

        assertThat(api("/api/articles?limit=0").statusCode()).isEqualTo(400);
        assertThat(api("/api/articles?limit=101").statusCode()).isEqualTo(400);
        assertThat(api("/api/articles?cursor=bm9wZQ").statusCode()).isEqualTo(400);
        assertThat(api("/api/articles?lang=fr").statusCode()).isEqualTo(400);
        // since= is when the gateway logged a change, whatever the agency's own times; any offset is read as UTC.
        Instant mark = Instant.now().plusMillis(1); // strictly after every change logged so far
        await().until(() -> Instant.now().isAfter(mark));
        List<String> afterMark = List.of(save("after-mark-1", now.minusSeconds(86_400 * 3)), save("after-mark-2", now));
        String doha = mark.atOffset(ZoneOffset.ofHours(3)).toString();
        JsonNode recent =
                JSON.readTree(api("/api/articles?limit=100&since=" + URLEncoder.encode(doha, StandardCharsets.UTF_8))
                        .body());
        List<String> recentUris = new ArrayList<>();
        recent.path("items").forEach(i -> recentUris.add(i.path("uri").asText()));
        assertThat(recentUris).containsExactlyElementsOf(afterMark);
    }

    @Test
    @Order(4)
    void killedArticleIsACanceledNoticeAndUnknownIsNotFound() throws Exception {
        byte[] killed = Fixtures.killNotice("/fixtures/ninjs/es-ninjs1-item.json");
        Fixtures.drop(inbox, "standard", "kenya-es-kill.json", killed);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Files.exists(inbox.resolve("standard/.done/kenya-es-kill.json")));

        HttpResponse<byte[]> killedItem = api("/api/articles/" + SPANISH.value());
        assertThat(killedItem.statusCode()).isEqualTo(200);
        JsonNode notice = JSON.readTree(killedItem.body());
        validateNinjs(notice, false);
        assertThat(notice.path("pubstatus").asText()).isEqualTo("canceled");
        assertThat(notice.has("bodies")).isFalse();
        assertThat(api("/api/articles/" + ArticleId.of("nowhere", "x").value()).statusCode())
                .isEqualTo(404);
        assertThat(api("/api/articles/not-an-id").statusCode()).isEqualTo(404);
        JsonNode english = JSON.readTree(api("/api/articles/" + ENGLISH.value()).body());
        assertThat(association(english, "translation"))
                .extracting(t -> t.path("language").asText())
                .containsExactly("ar");
    }

    // IPTC's ninjs 2.2 JSON Schema, then by hand (readable failures): required properties, types, enums,
    // and no property the schema does not define.
    private static void validateNinjs(JsonNode item, boolean association) {
        if (!association) {
            NinjsSchema.assertValid(item.path("uri").asText(), item);
        }
        assertThat(item.isObject()).as("ninjs item is an object").isTrue();
        for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!(association && name.equals("name"))) {
                assertThat(NINJS_PROPERTIES)
                        .as("property '%s' is defined by ninjs 2.2", name)
                        .contains(name);
            }
        }
        assertThat(item.path("uri").isTextual()).as("uri (required)").isTrue();
        assertThat(URI.create(item.path("uri").asText()).isAbsolute())
                .as("uri is an absolute URI")
                .isTrue();
        if (association) {
            assertThat(item.path("name").isTextual())
                    .as("association name (required)")
                    .isTrue();
        }
        enumeration(item, "type", Set.of("text", "audio", "video", "picture", "graphic", "composite", "component"));
        enumeration(item, "pubstatus", Set.of("usable", "withheld", "canceled"));
        for (String text :
                List.of("version", "language", "by", "located", "copyrightholder", "copyrightnotice", "ednote")) {
            assertThat(item.path(text).isMissingNode() || item.path(text).isTextual())
                    .as("%s is a string", text)
                    .isTrue();
        }
        for (String time : List.of("firstcreated", "versioncreated", "embargoed")) {
            if (item.has(time)) {
                OffsetDateTime.parse(item.path(time).asText()); // RFC 3339 date-time
            }
        }
        assertThat(item.path("urgency").isMissingNode() || item.path("urgency").isNumber())
                .as("urgency is a number")
                .isTrue();
        for (String texts : List.of("headlines", "descriptions", "bodies")) {
            objects(item, texts, Set.of("role", "contenttype", "value"), Set.of("value"));
        }
        objects(
                item,
                "subjects",
                Set.of("name", "rel", "uri", "literal", "creator", "relevance", "confidence"),
                Set.of());
        objects(item, "genres", Set.of("name", "uri", "literal"), Set.of());
        objects(item, "altids", Set.of("role", "value"), Set.of());
        objects(
                item,
                "renditions",
                Set.of("name", "href", "contenttype", "title", "height", "width", "sizeinbytes", "duration", "format"),
                Set.of("name"));
        item.path("renditions").forEach(r -> {
            assertThat(URI.create(r.path("href").asText()).isAbsolute()).isTrue();
            assertThat(r.path("width").isMissingNode() || r.path("width").isNumber())
                    .isTrue();
        });
        if (item.has("associations")) {
            assertThat(item.path("associations").isArray())
                    .as("associations is an array")
                    .isTrue();
            item.path("associations").forEach(a -> validateNinjs(a, true));
        }
    }

    private static void enumeration(JsonNode item, String field, Set<String> values) {
        if (item.has(field)) {
            assertThat(values).as(field).contains(item.path(field).asText());
        }
    }

    private static void objects(JsonNode item, String field, Set<String> allowed, Set<String> required) {
        if (!item.has(field)) {
            return;
        }
        assertThat(item.path(field).isArray()).as("%s is an array", field).isTrue();
        for (JsonNode element : item.path(field)) {
            assertThat(element.isObject()).as("%s element is an object", field).isTrue();
            for (Map.Entry<String, JsonNode> property : element.properties()) {
                assertThat(allowed)
                        .as("%s.%s is defined", field, property.getKey())
                        .contains(property.getKey());
                if (Set.of("relevance", "confidence", "height", "width", "sizeinbytes", "duration")
                        .contains(property.getKey())) {
                    assertThat(property.getValue().isNumber())
                            .as("%s.%s is a number", field, property.getKey())
                            .isTrue();
                } else {
                    assertThat(property.getValue().isTextual())
                            .as("%s.%s is a string", field, property.getKey())
                            .isTrue();
                }
            }
            required.forEach(r ->
                    assertThat(element.has(r)).as("%s.%s is required", field, r).isTrue());
        }
    }

    private static String altid(JsonNode item, String role) {
        for (JsonNode altid : item.path("altids")) {
            if (altid.path("role").asText().equals(role)) {
                return altid.path("value").asText();
            }
        }
        return null;
    }

    private static List<JsonNode> association(JsonNode item, String name) {
        List<JsonNode> found = new ArrayList<>();
        item.path("associations").forEach(a -> {
            if (a.path("name").asText().equals(name)) {
                found.add(a);
            }
        });
        return found;
    }

    private String save(String guid, Instant at) {
        Article article = anArticle()
                .wire("standard", "paging:" + guid)
                .language(Language.EN)
                .headline("Paging story " + guid)
                .standfirst("Standfirst " + guid)
                .bodyHtml("<p>Body " + guid + "</p>")
                .byline(null)
                .agency("Test Wire")
                .creditLine(null)
                .publishedAt(at)
                .section(Section.ECONOMY)
                .tags("paging")
                .slug("paging-story-" + guid)
                .build();
        store.save(article, null);
        return article.id().urn();
    }

    private void ingest(String source, String name, String fixture) {
        Fixtures.drop(inbox, source, name, Fixtures.bytes(fixture));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve(source + "/.done/" + name)));
    }

    /** The ninjs API is the partner API: every call carries a partner key with the standard contract. */
    private String key() {
        if (key == null) {
            key = PartnerFixtures.partnerWithKey(partners, keys, "ninjs-api", null);
        }
        return key;
    }

    private HttpResponse<byte[]> api(String path, String... headers) throws Exception {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Authorization";
        all[headers.length + 1] = "Bearer " + key();
        return Http.get(base() + path, all);
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
