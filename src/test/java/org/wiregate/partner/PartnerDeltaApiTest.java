package org.wiregate.partner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.store.ArticleStore;
import org.wiregate.store.ChangeLog;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.MutableClock;
import org.wiregate.support.PartnerFixtures;
import org.wiregate.support.PartnerFixtures.Story;
import org.wiregate.support.TestDirectories;

/**
 * The partner delta API under each entitlement dimension: what a partner may not see never
 * arrives, not as an item, not as an edition link, not as a single-item answer (the same 404 as
 * an id that does not exist); corrections, kills and embargoes arrive exactly once; cursors are
 * the partner's own and expire with a documented problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PartnerDeltaApiTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    ArticleStore store;

    @Autowired
    PartnerRepository partners;

    @Autowired
    PartnerKeys keys;

    @Autowired
    ChangeLog changes;

    @Autowired
    MutableClock clock;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(
                registry,
                "partner-delta",
                TestDirectories.create("partner-delta").resolve("inbox"));
        // The test releases embargoes itself, at the moment it chooses.
        registry.add("gateway.partners.release-every", () -> "PT1H");
    }

    @BeforeEach
    void resetClock() {
        clock.set(NOW);
    }

    /** One story in three languages plus copy that differs in one dimension each; the prefix keeps tests apart. */
    private List<Story> catalogue(String prefix) {
        List<Story> stories = List.of(
                Story.of("afp", prefix + "-en", Language.EN).group(prefix + "-g"),
                Story.of("qna", prefix + "-ar", Language.AR)
                        .regions(Region.MENA)
                        .group(prefix + "-g"),
                Story.of("efe", prefix + "-es", Language.ES)
                        .section(Section.ECONOMY)
                        .regions(Region.LATIN_AMERICA)
                        .group(prefix + "-g"),
                Story.of("afp", prefix + "-opinion", Language.EN)
                        .type(ContentType.OPINION)
                        .section(Section.SPORTS)
                        .regions(Region.ASIA),
                // Our Reuters contract is own-site only: no partner may ever get this.
                Story.of("reuters", prefix + "-reuters", Language.EN).group(prefix + "-g"));
        stories.forEach(s -> store.save(s.article(), null));
        return stories;
    }

    private record Dimension(String name, String entitlements, Predicate<Story> allows) {}

    @Test
    void eachEntitlementDimensionHoldsForItemsSingleItemsAndEditionLinks() throws Exception {
        List<Story> stories = catalogue("dim");
        Set<String> redistributable = Set.of("afp", "qna", "efe");
        Set<String> ours = stories.stream().map(s -> s.id().urn()).collect(Collectors.toSet());
        List<Dimension> dimensions = List.of(
                new Dimension("everything", null, s -> true),
                new Dimension("languages", "{\"languages\": [\"es\", \"ar\"]}", s -> s.language() != Language.EN),
                new Dimension("sections", "{\"sections\": [\"politics\"]}", s -> s.section() == Section.POLITICS),
                new Dimension(
                        "regions",
                        "{\"regions\": [\"europe\", \"mena\"]}",
                        s -> s.regions().contains(Region.EUROPE) || s.regions().contains(Region.MENA)),
                new Dimension("types", "{\"contentTypes\": [\"opinion\"]}", s -> s.type() == ContentType.OPINION),
                new Dimension(
                        "agencies",
                        "{\"agencies\": [\"efe\", \"reuters\"]}",
                        s -> s.source().equals("efe")));

        String missing = body(get(
                "/api/partner/articles/"
                        + Story.of("afp", "no-such-story", Language.EN).id().value(),
                key("dim-everything-probe", null)));
        for (Dimension dimension : dimensions) {
            String key = key("dim-" + dimension.name(), dimension.entitlements());
            Predicate<Story> visible = s ->
                    redistributable.contains(s.source()) && dimension.allows().test(s);
            Set<String> expected =
                    stories.stream().filter(visible).map(s -> s.id().urn()).collect(Collectors.toSet());

            List<JsonNode> items = walk(key, "");
            Set<String> received = items.stream()
                    .map(i -> i.path("uri").asText())
                    .filter(ours::contains)
                    .collect(Collectors.toSet());
            assertThat(received).as(dimension.name()).isEqualTo(expected);
            assertThat(received)
                    .as(dimension.name())
                    .doesNotContain(
                            Story.of("reuters", "dim-reuters", Language.EN).id().urn());

            for (Story story : stories) {
                HttpResponse<byte[]> single =
                        get("/api/partner/articles/" + story.id().value(), key);
                if (visible.test(story)) {
                    assertThat(single.statusCode())
                            .as(dimension.name() + " " + story.guid())
                            .isEqualTo(200);
                } else {
                    assertThat(single.statusCode())
                            .as(dimension.name() + " " + story.guid())
                            .isEqualTo(404);
                    assertThat(body(single))
                            .as("a hidden item answers like a missing one")
                            .isEqualTo(missing);
                }
            }
            // Edition links name only editions the partner may see.
            for (JsonNode item : items.stream()
                    .filter(i -> ours.contains(i.path("uri").asText()))
                    .toList()) {
                for (JsonNode association : item.path("associations")) {
                    if (association.path("name").asText().equals("translation")) {
                        String uri = association.path("uri").asText();
                        Story linked = stories.stream()
                                .filter(s -> s.id().urn().equals(uri))
                                .findFirst()
                                .orElseThrow();
                        assertThat(visible.test(linked))
                                .as(dimension.name() + " links to " + uri)
                                .isTrue();
                    }
                }
            }
        }
        // The unrestricted partner sees the three editions linked to each other, never the Reuters one.
        JsonNode english =
                JSON.readTree(get("/api/partner/articles/" + stories.get(0).id().value(), key("dim-links", null))
                        .body());
        assertThat(english.path("associations").findValuesAsText("language")).containsExactlyInAnyOrder("ar", "es");
    }

    @Test
    void summaryContractsGetNoBodyAndEveryItemCarriesUsageTerms() throws Exception {
        Set<String> ours = catalogue("sum").stream().map(s -> s.id().urn()).collect(Collectors.toSet());
        String summary = key("summary", "{\"text\": \"summary\"}");
        List<JsonNode> items = walk(summary, "").stream()
                .filter(i -> ours.contains(i.path("uri").asText()))
                .toList();
        assertThat(items).hasSize(4);
        for (JsonNode item : items) {
            assertThat(item.has("bodies")).isFalse();
            assertThat(item.at("/headlines/0/value").asText()).startsWith("Headline sum");
            assertThat(item.at("/descriptions/0/value").asText()).startsWith("Standfirst of sum");
            assertThat(item.path("usageterms").asText())
                    .contains("Licensed to Partner summary")
                    .contains("headline and summary only");
        }
        JsonNode afp = items.stream()
                .filter(i -> i.path("uri")
                        .asText()
                        .endsWith(Story.of("afp", "sum-en", Language.EN).id().value()))
                .findFirst()
                .orElseThrow();
        assertThat(afp.path("usageterms").asText()).startsWith("AFP copy:");

        List<JsonNode> full = walk(key("full", null), "").stream()
                .filter(i -> ours.contains(i.path("uri").asText()))
                .toList();
        assertThat(full)
                .allSatisfy(i -> assertThat(i.at("/bodies/0/value").asText()).contains("Body of sum"));
    }

    @Test
    void theUriTheDeltaGivesFetchesTheItemAsDoesTheShortIdAndEveryOtherSpelling() throws Exception {
        List<Story> stories = catalogue("uri");
        String key = key("uri", null);
        Story english = stories.get(0);
        JsonNode listed = walk(key, "").stream()
                .filter(i -> i.path("uri").asText().equals(english.id().urn()))
                .findFirst()
                .orElseThrow();
        String uri = listed.path("uri").asText();
        assertThat(uri).isEqualTo("urn:wiregate:article:" + english.id().value());
        HttpResponse<byte[]> byShortId =
                get("/api/partner/articles/" + english.id().value(), key);
        assertThat(byShortId.statusCode()).isEqualTo(200);

        for (String spelling : List.of(
                "/api/partner/articles/" + uri,
                "/api/partner/articles/" + uri.replace(":", "%3A"),
                "/api/partner/articles/" + uri.replace(":", "%3a"),
                "/api/articles/" + uri,
                "/api/articles/" + uri.replace(":", "%3A"))) {
            HttpResponse<byte[]> answer = get(spelling, key);
            assertThat(answer.statusCode()).as(spelling).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).path("uri").asText())
                    .as(spelling)
                    .isEqualTo(uri);
            assertThat(answer.headers().firstValue("ETag"))
                    .as(spelling + ": the same item, the same validator")
                    .isEqualTo(byShortId.headers().firstValue("ETag"));
        }
        // An edition link's uri fetches the edition the same way.
        String linked = listed.path("associations").findValuesAsText("uri").get(0);
        assertThat(get("/api/partner/articles/" + linked, key).statusCode()).isEqualTo(200);

        // Neither spelling opens what the contract hides, nor does anything that is not an id.
        String spanishOnly = key("uri-es", "{\"languages\": [\"es\"]}");
        String missing = body(get("/api/partner/articles/" + english.id().value(), spanishOnly));
        for (String spelling : List.of(
                uri,
                uri.replace(":", "%3A"),
                "urn:wiregate:article:",
                "urn:wiregate:article:" + uri,
                "urn:other:article:" + english.id().value(),
                "urn:wiregate:article:" + english.id().value().toUpperCase(java.util.Locale.ROOT))) {
            HttpResponse<byte[]> answer = get("/api/partner/articles/" + spelling, spanishOnly);
            assertThat(answer.statusCode()).as(spelling).isEqualTo(404);
            assertThat(body(answer)).as(spelling).isEqualTo(missing);
        }
    }

    @Test
    void embargoPreviewSeesTheItemEarlyAndEveryoneElseExactlyOnceAfterItLapses() throws Exception {
        String preview = key("preview", "{\"embargoPreview\": true}");
        String standard = key("standard", null);
        Instant lapse = NOW.plus(Duration.ofHours(2));
        String previewCursor = cursorAtEnd(preview);
        String standardCursor = cursorAtEnd(standard);
        Story embargoed = Story.of("afp", "emb-1", Language.EN).embargo(lapse);
        store.save(embargoed.article(), null);

        JsonNode early = page(preview, previewCursor);
        assertThat(early.path("items")).hasSize(1);
        assertThat(early.at("/items/0/embargoed").asText()).isEqualTo("2026-11-20T14:00:00Z");
        assertThat(early.at("/items/0/usageterms").asText()).contains("Embargoed until 2026-11-20T14:00:00Z");
        assertThat(get("/api/partner/articles/" + embargoed.id().value(), preview)
                        .statusCode())
                .isEqualTo(200);

        JsonNode notYet = page(standard, standardCursor);
        assertThat(notYet.path("items")).isEmpty();
        assertThat(get("/api/partner/articles/" + embargoed.id().value(), standard)
                        .statusCode())
                .isEqualTo(404);
        changes.releaseLapsedEmbargoes(clock.instant()); // nothing has lapsed yet
        assertThat(page(standard, standardCursor).path("items")).isEmpty();

        clock.set(lapse);
        assertThat(changes.releaseLapsedEmbargoes(clock.instant())).isEqualTo(1);
        assertThat(changes.releaseLapsedEmbargoes(clock.instant())).isZero();
        JsonNode released = page(standard, standardCursor);
        assertThat(released.path("items")).hasSize(1);
        assertThat(released.at("/items/0/uri").asText())
                .isEqualTo(embargoed.id().urn());
        assertThat(page(standard, released.path("cursor").asText()).path("items"))
                .isEmpty();
        // The preview partner already had this version: the release does not send it twice.
        assertThat(page(preview, early.path("cursor").asText()).path("items")).isEmpty();
    }

    @Test
    void correctionsComeAsNewVersionsAndKillsAsCanceledWithoutBody() throws Exception {
        String key = key("versions", null);
        String cursor = cursorAtEnd(key);
        Story story = Story.of("efe", "ver-1", Language.ES);
        store.save(story.article(), null);
        JsonNode first = page(key, cursor);
        assertThat(first.path("items")).hasSize(1);
        assertThat(first.at("/items/0/version").asText()).isEqualTo("1");

        Story corrected = story.nextVersion("<p>Cifra corregida: 41 muertos.</p>");
        store.save(corrected.article(), null);
        JsonNode second = page(key, first.path("cursor").asText());
        assertThat(second.path("items")).hasSize(1);
        assertThat(second.at("/items/0/uri").asText()).isEqualTo(story.id().urn());
        assertThat(second.at("/items/0/version").asText()).isEqualTo("2");
        assertThat(second.at("/items/0/bodies/0/value").asText()).contains("Cifra corregida");

        store.save(corrected.killed().article(), null);
        JsonNode third = page(key, second.path("cursor").asText());
        assertThat(third.path("items")).hasSize(1);
        JsonNode kill = third.path("items").get(0);
        assertThat(kill.path("uri").asText()).isEqualTo(story.id().urn());
        assertThat(kill.path("pubstatus").asText()).isEqualTo("canceled");
        assertThat(kill.path("version").asText()).isEqualTo("3");
        assertThat(kill.has("bodies")).isFalse();
        assertThat(kill.has("descriptions")).isFalse();
        assertThat(page(key, third.path("cursor").asText()).path("items")).isEmpty();
    }

    @Test
    void cursorsBelongToTheirPartnerExpireWithAProblemAndSinceTakesAnyOffset() throws Exception {
        String mine = key("cursor-owner", null);
        String theirs = key("cursor-other", null);
        String cursor = cursorAtEnd(mine);

        HttpResponse<byte[]> stolen = get("/api/partner/articles?cursor=" + cursor, theirs);
        assertThat(stolen.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(stolen.body()).path("type").asText())
                .isEqualTo("https://wiregate.dev/problems/cursor-not-yours");
        assertThat(stolen.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<byte[]> garbage = get("/api/partner/articles?cursor=not-a-cursor", mine);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(garbage.body()).path("type").asText())
                .isEqualTo("https://wiregate.dev/problems/bad-cursor");
        // Cursors are signed: one altered by hand (here: its issue time made younger) is not accepted.
        byte[] raw = Base64.getUrlDecoder().decode(cursor);
        String plain = new String(raw, 0, raw.length - 16, StandardCharsets.ISO_8859_1);
        byte[] forged = (plain.substring(0, plain.lastIndexOf('|') + 1) + (NOW.getEpochSecond() + 86_400 * 30))
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] withOldMac = Arrays.copyOf(forged, forged.length + 16);
        System.arraycopy(raw, raw.length - 16, withOldMac, forged.length, 16);
        HttpResponse<byte[]> altered = get(
                "/api/partner/articles?cursor="
                        + Base64.getUrlEncoder().withoutPadding().encodeToString(withOldMac),
                mine);
        assertThat(altered.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(altered.body()).path("type").asText())
                .isEqualTo("https://wiregate.dev/problems/bad-cursor");

        clock.advance(Duration.ofDays(8));
        HttpResponse<byte[]> expired = get("/api/partner/articles?cursor=" + cursor, mine);
        assertThat(expired.statusCode()).isEqualTo(410);
        JsonNode problem = JSON.readTree(expired.body());
        assertThat(problem.path("type").asText()).isEqualTo("https://wiregate.dev/problems/cursor-expired");
        assertThat(problem.path("detail").asText()).contains("since=");

        // The same instant in Doha, Madrid and UTC selects the same items; every time comes back in UTC.
        clock.set(NOW);
        store.save(Story.of("qna", "since-1", Language.AR).article(), null);
        clock.set(NOW.plusSeconds(3600));
        store.save(Story.of("qna", "since-2", Language.AR).article(), null);
        List<String> utc = uris(walk(mine, "&since=" + enc("2026-11-20T12:30:00Z")));
        assertThat(uris(walk(mine, "&since=" + enc("2026-11-20T15:30:00+03:00"))))
                .isEqualTo(utc);
        assertThat(uris(walk(mine, "&since=" + enc("2026-11-20T13:30:00+01:00"))))
                .isEqualTo(utc);
        assertThat(utc)
                .contains(Story.of("qna", "since-2", Language.AR).id().urn())
                .doesNotContain(Story.of("qna", "since-1", Language.AR).id().urn());
        for (JsonNode item : walk(mine, "&since=" + enc("2026-11-20T12:30:00Z"))) {
            assertThat(item.path("versioncreated").asText()).endsWith("Z");
            assertThat(item.path("firstcreated").asText()).endsWith("Z");
        }
        assertThat(get("/api/partner/articles?since=yesterday", mine).statusCode())
                .isEqualTo(400);
    }

    @Test
    void everyWayOfFailingToAuthenticateIsTheSame401() throws Exception {
        String key = key("auth", null);
        String wrongSecret = key.substring(0, key.length() - 4) + (key.endsWith("AAAA") ? "BBBB" : "AAAA");
        String unknownId = "wgp_zzzzzzzzzzzz_" + key.substring(key.length() - 43);
        List<HttpResponse<byte[]>> answers = new ArrayList<>();
        answers.add(Http.get(base() + "/api/partner/articles"));
        answers.add(get("/api/partner/articles", "not-a-key"));
        answers.add(get("/api/partner/articles", wrongSecret));
        answers.add(get("/api/partner/articles", unknownId));
        answers.add(Http.get(base() + "/api/partner/articles", "X-Api-Key", wrongSecret));
        for (HttpResponse<byte[]> answer : answers) {
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(body(answer)).isEqualTo(body(answers.get(0)));
            assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"wiregate-partners\"");
        }
        assertThat(Http.get(base() + "/api/partner/me", "X-Api-Key", key).statusCode())
                .isEqualTo(200);
        assertThat(get("/api/partner/me", key).statusCode()).isEqualTo(200);
    }

    // --- helpers -------------------------------------------------------------------------------

    private String key(String id, String entitlements) {
        return PartnerFixtures.partnerWithKey(partners, keys, id, entitlements);
    }

    /** Every item from the start (or from {@code query}'s since) to the end of the log. */
    private List<JsonNode> walk(String key, String query) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        JsonNode answer =
                JSON.readTree(get("/api/partner/articles?limit=2" + query, key).body());
        while (true) {
            answer.path("items").forEach(items::add);
            if (!answer.path("more").asBoolean()) {
                return items;
            }
            answer = page(key, answer.path("cursor").asText());
        }
    }

    /** A cursor past everything stored so far. */
    private String cursorAtEnd(String key) throws Exception {
        JsonNode answer =
                JSON.readTree(get("/api/partner/articles?limit=100", key).body());
        while (answer.path("more").asBoolean()) {
            answer = page(key, answer.path("cursor").asText());
        }
        return answer.path("cursor").asText();
    }

    private JsonNode page(String key, String cursor) throws Exception {
        HttpResponse<byte[]> response = get("/api/partner/articles?limit=100&cursor=" + cursor, key);
        assertThat(response.statusCode()).as(body(response)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> uris(List<JsonNode> items) {
        return items.stream().map(i -> i.path("uri").asText()).toList();
    }

    private HttpResponse<byte[]> get(String path, String key) throws Exception {
        return Http.get(base() + path, "Authorization", "Bearer " + key);
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String base() {
        return "http://localhost:" + port;
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
