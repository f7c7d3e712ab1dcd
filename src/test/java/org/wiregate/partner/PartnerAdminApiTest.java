package org.wiregate.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.MutableClock;
import org.wiregate.support.TestDirectories;

/**
 * The partner admin API end to end: a partner created over /ops/partners gets a key that works on
 * the partner API; rotation overlaps and then retires the old key; revocation and disabling take
 * effect within the auth cache time; every refused key gets the same 401; partner keys cannot
 * administer (403); the audit log follows it all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PartnerAdminApiTest {

    static final String OPS_TOKEN = "ops-token-for-partner-admin-tests";
    private static final Path inbox =
            TestDirectories.create("partner-admin-api").resolve("inbox");
    private static final Instant START = Instant.parse("2026-11-25T12:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    PartnerAdminClient client;

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(START);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "partner-admin-api", inbox);
        registry.add("gateway.ops.token", () -> OPS_TOKEN);
    }

    @BeforeEach
    void client() {
        client = new PartnerAdminClient(port, OPS_TOKEN);
    }

    @Test
    void createdPartnerGetsAKeyShownOnceThatWorksOnThePartnerApi() throws Exception {
        HttpResponse<byte[]> created = client.admin(
                "POST",
                "/ops/partners",
                "{\"id\":\"el-diario\",\"name\":\"El Diario\",\"entitlements\":{\"languages\":[\"es\"],\"text\":\"summary\"}}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(created.headers().firstValue("Location")).hasValue("/ops/partners/el-diario");
        JsonNode answer = PartnerAdminClient.JSON.readTree(created.body());
        String key = answer.path("key").path("key").asText();
        assertThat(key).matches("wgp_[a-z2-9]{12}_[A-Za-z0-9_-]{43}");
        assertThat(answer.path("key").path("warning").asText()).contains("shown once");
        assertThat(answer.path("partner").path("ratePerMinute").asInt())
                .isEqualTo(PartnerAdmin.DEFAULT_RATE_PER_MINUTE);
        assertThat(answer.path("partner").path("burst").asInt()).isEqualTo(PartnerAdmin.DEFAULT_BURST);

        HttpResponse<byte[]> me = client.me(key);
        assertThat(me.statusCode()).isEqualTo(200);
        JsonNode contract = PartnerAdminClient.JSON.readTree(me.body());
        assertThat(contract.path("id").asText()).isEqualTo("el-diario");
        assertThat(contract.path("entitlements").path("languages").toString()).isEqualTo("[\"es\"]");
        assertThat(contract.path("entitlements").path("text").asText()).isEqualTo("summary");

        // Shown once: the partner's page has the key's public id and dates, never the key or its hash.
        HttpResponse<byte[]> shown = client.admin("GET", "/ops/partners/el-diario", null);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Cache-Control")).hasValue("no-store");
        String page = new String(shown.body(), StandardCharsets.UTF_8);
        JsonNode details = PartnerAdminClient.JSON.readTree(page);
        JsonNode listedKey = details.path("keys").get(0);
        assertThat(listedKey.path("id").asText())
                .isEqualTo(answer.path("key").path("id").asText());
        assertThat(iterable(listedKey.fieldNames())).containsExactly("id", "created", "expires", "revoked", "lastUsed");
        assertThat(listedKey.path("lastUsed").isNull())
                .as("the key was just used")
                .isFalse();
        assertThat(page).doesNotContain(key).doesNotContain(secretOf(key)).doesNotContain(SecretTokens.hash(key));

        JsonNode list = client.adminJson("GET", "/ops/partners", null, 200);
        assertThat(list.path("partners").findValuesAsText("id")).contains("el-diario");
    }

    @Test
    void rotatedKeysBothWorkDuringTheOverlapAndTheOldOneExpiresAfterIt() throws Exception {
        JsonNode created = client.create("rotating", null);
        String oldKey = created.path("key").path("key").asText();
        String oldId = created.path("key").path("id").asText();
        assertThat(client.me(oldKey).statusCode()).isEqualTo(200);

        JsonNode rotated =
                client.adminJson("POST", "/ops/partners/rotating/keys/" + oldId + "/rotate?overlap=PT24H", null, 201);
        String newKey = rotated.path("key").asText();
        assertThat(newKey).isNotEqualTo(oldKey).startsWith("wgp_");
        assertThat(rotated.path("replaces").asText()).isEqualTo(oldId);

        assertThat(client.me(oldKey).statusCode()).isEqualTo(200);
        assertThat(client.me(newKey).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofHours(23));
        assertThat(client.me(oldKey).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(client.me(oldKey).statusCode()).isEqualTo(401);
        assertThat(client.me(newKey).statusCode()).isEqualTo(200);
        JsonNode keys =
                client.adminJson("GET", "/ops/partners/rotating", null, 200).path("keys");
        assertThat(keys.findValuesAsText("id"))
                .containsExactlyInAnyOrder(oldId, rotated.path("id").asText());
    }

    @Test
    void revokedKeyIsRefusedWithinTheCacheTime() throws Exception {
        JsonNode created = client.create("revoking", null);
        String key = created.path("key").path("key").asText();
        assertThat(client.me(key).statusCode()).isEqualTo(200); // now in the directory's cache

        long revokedAt = System.nanoTime();
        client.adminJson(
                "POST",
                "/ops/partners/revoking/keys/" + created.path("key").path("id").asText() + "/revoke",
                null,
                200);
        await().atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> client.me(key).statusCode() == 401);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(3));
        assertThat(client.me(key).statusCode()).isEqualTo(401);
    }

    @Test
    void disabledPartnerIsRefusedUntilEnabledAgain() throws Exception {
        String key = client.create("switching", null).path("key").path("key").asText();
        assertThat(client.me(key).statusCode()).isEqualTo(200);

        JsonNode disabled = client.adminJson("POST", "/ops/partners/switching/disable", null, 200);
        assertThat(disabled.path("active").asBoolean()).isFalse();
        assertThat(client.me(key).statusCode()).isEqualTo(401);

        client.adminJson("POST", "/ops/partners/switching/enable", null, 200);
        assertThat(client.me(key).statusCode()).isEqualTo(200);
    }

    @Test
    void everyRefusedKeyGetsTheSame401() throws Exception {
        JsonNode wrong = client.create("refusals", null).path("key");
        String valid = wrong.path("key").asText();
        String expired = client.adminJson("POST", "/ops/partners/refusals/keys", null, 201)
                .path("key")
                .asText();
        JsonNode toRevoke = client.adminJson("POST", "/ops/partners/refusals/keys", null, 201);
        String disabledKey =
                client.create("refusals-off", null).path("key").path("key").asText();

        client.adminJson("POST", "/ops/partners/refusals/keys/" + idOf(expired) + "/rotate?overlap=PT1M", null, 201);
        client.adminJson(
                "POST", "/ops/partners/refusals/keys/" + toRevoke.path("id").asText() + "/revoke", null, 200);
        client.adminJson("POST", "/ops/partners/refusals-off/disable", null, 200);
        clock.advance(Duration.ofMinutes(2));

        Map<String, String> presented = new LinkedHashMap<>();
        presented.put("missing", null);
        presented.put("malformed", "not-a-key");
        presented.put("unknown id", "wgp_zzzzzzzzzzzz_" + secretOf(valid));
        presented.put("wrong secret", "wgp_" + idOf(valid) + "_" + "A".repeat(43));
        presented.put("expired", expired);
        presented.put("revoked", toRevoke.path("key").asText());
        presented.put("disabled", disabledKey);

        List<HttpResponse<byte[]>> refusals = new ArrayList<>();
        for (var entry : presented.entrySet()) {
            HttpResponse<byte[]> response = client.me(entry.getValue());
            assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(401);
            refusals.add(response);
        }
        HttpResponse<byte[]> first = refusals.get(0);
        for (int i = 1; i < refusals.size(); i++) {
            assertThat(refusals.get(i).body())
                    .as(List.copyOf(presented.keySet()).get(i))
                    .isEqualTo(first.body());
            assertThat(headersBesidesDate(refusals.get(i)))
                    .as(List.copyOf(presented.keySet()).get(i))
                    .isEqualTo(headersBesidesDate(first));
        }
        assertThat(client.me(valid).statusCode()).isEqualTo(200); // the partner itself is fine
    }

    @Test
    void partnerKeysCannotAdministerPartnersAndNoTokenIsUnauthorized() throws Exception {
        JsonNode created = client.create("intruder", null).path("key");
        String key = created.path("key").asText();
        String keyId = created.path("id").asText();
        String tokenId = client.adminJson(
                        "POST", "/ops/partners/intruder/feed-tokens", "{\"feed\":\"/partner/feeds/en.rss\"}", 201)
                .path("id")
                .asText();
        List<String[]> endpoints = List.of(
                new String[] {"POST", "/ops/partners", "{\"id\":\"intruder-2\",\"name\":\"Two\"}"},
                new String[] {"GET", "/ops/partners", null},
                new String[] {"GET", "/ops/partners/intruder", null},
                new String[] {"PUT", "/ops/partners/intruder", "{\"ratePerMinute\":100000}"},
                new String[] {"POST", "/ops/partners/intruder/disable", null},
                new String[] {"POST", "/ops/partners/intruder/enable", null},
                new String[] {"POST", "/ops/partners/intruder/keys", null},
                new String[] {"POST", "/ops/partners/intruder/keys/" + keyId + "/rotate?overlap=PT1H", null},
                new String[] {"POST", "/ops/partners/intruder/keys/" + keyId + "/revoke", null},
                new String[] {"POST", "/ops/partners/intruder/feed-tokens", "{\"feed\":\"/partner/feeds/es.rss\"}"},
                new String[] {"POST", "/ops/partners/intruder/feed-tokens/" + tokenId + "/revoke", null},
                new String[] {"GET", "/ops/partners/intruder/audit", null});

        for (String[] e : endpoints) {
            String what = e[0] + " " + e[1];
            HttpResponse<byte[]> bearer = client.send(e[0], e[1], e[2], "Authorization", "Bearer " + key);
            assertThat(bearer.statusCode()).as(what + " with a partner key").isEqualTo(403);
            assertThat(new String(bearer.body(), StandardCharsets.UTF_8))
                    .as(what)
                    .contains("partner keys cannot administer partners")
                    .doesNotContain(key);
            assertThat(client.send(e[0], e[1], e[2], "X-Api-Key", key).statusCode())
                    .as(what + " with X-Api-Key")
                    .isEqualTo(403);

            HttpResponse<byte[]> none = client.send(e[0], e[1], e[2]);
            assertThat(none.statusCode()).as(what + " without a token").isEqualTo(401);
            assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"wiregate-ops\"");
            assertThat(client.send(e[0], e[1], e[2], "Authorization", "Bearer wrong-" + OPS_TOKEN)
                            .statusCode())
                    .as(what + " with a wrong operator token")
                    .isEqualTo(401);
        }

        // Nothing changed, and the attempts are on record.
        JsonNode details = client.adminJson("GET", "/ops/partners/intruder", null, 200);
        assertThat(details.path("active").asBoolean()).isTrue();
        assertThat(details.path("ratePerMinute").asInt()).isEqualTo(PartnerAdmin.DEFAULT_RATE_PER_MINUTE);
        assertThat(details.path("keys")).hasSize(1);
        assertThat(details.path("keys").get(0).path("revoked").isNull()).isTrue();
        assertThat(details.path("feedTokens")).hasSize(1);
        assertThat(client.admin("GET", "/ops/partners/intruder-2", null).statusCode())
                .isEqualTo(404);
        assertThat(client.me(key).statusCode()).isEqualTo(200);
        JsonNode audit = client.adminJson("GET", "/ops/partners/intruder/audit?limit=1000", null, 200)
                .path("entries");
        assertThat(audit.findValuesAsText("action").stream().filter("admin-refused"::equals))
                .hasSize(endpoints.size() * 2);
    }

    @Test
    void auditListsCreationUseRotationAndRevocationWithTheOperatorsName() throws Exception {
        JsonNode created = client.create("audited", null).path("key");
        assertThat(client.me(created.path("key").asText()).statusCode()).isEqualTo(200);
        String oldId = created.path("id").asText();
        String newId = client.adminJson("POST", "/ops/partners/audited/keys/" + oldId + "/rotate", null, 201)
                .path("id")
                .asText();
        client.adminJson("POST", "/ops/partners/audited/keys/" + newId + "/revoke", null, 200);

        JsonNode entries = client.adminJson("GET", "/ops/partners/audited/audit", null, 200)
                .path("entries");
        List<String> actions = new ArrayList<>();
        entries.forEach(e -> actions.add(e.path("action").asText() + " "
                + e.path("key").asText("") + " by " + e.path("actor").asText()));
        assertThat(actions)
                .contains(
                        "partner-created  by alice",
                        "key-created " + oldId + " by alice",
                        "key-used " + oldId + " by partner",
                        "key-rotated " + oldId + " by alice",
                        "key-created " + newId + " by alice",
                        "key-revoked " + newId + " by alice");
        JsonNode rotation = null;
        for (JsonNode e : entries) {
            if (e.path("action").asText().equals("key-rotated")) {
                rotation = e;
            }
        }
        assertThat(rotation).isNotNull();
        // The default overlap is 24 hours.
        assertThat(rotation.path("detail").asText())
                .contains(newId)
                .contains(Instant.parse(rotation.path("at").asText())
                        .plus(Duration.ofHours(24))
                        .toString());
    }

    @Test
    void contractChangesApplyToTheNextRequest() throws Exception {
        String key = client.create("changing", "\"ratePerMinute\":120,\"burst\":10")
                .path("key")
                .path("key")
                .asText();
        assertThat(PartnerAdminClient.JSON
                        .readTree(client.me(key).body())
                        .path("entitlements")
                        .path("languages")
                        .isNull())
                .isTrue();

        JsonNode changed = client.adminJson(
                "PUT",
                "/ops/partners/changing",
                "{\"entitlements\":{\"languages\":[\"ar\"],\"agencies\":[\"afp\"]},\"burst\":20}",
                200);
        assertThat(changed.path("ratePerMinute").asInt()).isEqualTo(120); // absent: kept
        assertThat(changed.path("burst").asInt()).isEqualTo(20);

        JsonNode me = PartnerAdminClient.JSON.readTree(client.me(key).body());
        assertThat(me.path("entitlements").path("languages").toString()).isEqualTo("[\"ar\"]");
        assertThat(me.path("agencies").toString()).isEqualTo("[\"afp\"]");
        assertThat(me.path("rateLimit").path("burst").asInt()).isEqualTo(20);
        JsonNode audit = client.adminJson("GET", "/ops/partners/changing/audit", null, 200)
                .path("entries");
        assertThat(audit.get(0).path("action").asText()).isEqualTo("contract-changed");
        assertThat(audit.get(0).path("detail").asText())
                .contains("burst 10 -> 20")
                .contains("\"ar\"");
    }

    @Test
    void feedTokensAreIssuedOnceListedAndRevoked() throws Exception {
        client.create("feeds", null);
        JsonNode token = client.adminJson(
                "POST", "/ops/partners/feeds/feed-tokens", "{\"feed\":\"/partner/feeds/en.rss\"}", 201);
        String secret = token.path("token").asText();
        assertThat(secret).matches("wgf_[a-z2-9]{12}_[A-Za-z0-9_-]{43}");
        assertThat(token.path("url").asText()).endsWith("/partner/feeds/en.rss?token=" + secret);

        HttpResponse<byte[]> shown = client.admin("GET", "/ops/partners/feeds", null);
        JsonNode listed = PartnerAdminClient.JSON
                .readTree(shown.body())
                .path("feedTokens")
                .get(0);
        assertThat(listed.path("id").asText()).isEqualTo(token.path("id").asText());
        assertThat(listed.path("feed").asText()).isEqualTo("/partner/feeds/en.rss");
        assertThat(new String(shown.body(), StandardCharsets.UTF_8)).doesNotContain(secretOf(secret));

        client.adminJson(
                "POST", "/ops/partners/feeds/feed-tokens/" + token.path("id").asText() + "/revoke", null, 200);
        listed = client.adminJson("GET", "/ops/partners/feeds", null, 200)
                .path("feedTokens")
                .get(0);
        assertThat(listed.path("revoked").isNull()).isFalse();
        assertThat(client.send("GET", "/partner/feeds/en.rss?token=" + secret, null)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void badRequestsAreProblemsNamingTheValue() throws Exception {
        assertProblem(client.admin("POST", "/ops/partners", "{\"id\":\"Bad_Id\",\"name\":\"Bad\"}"), 400, "Bad_Id");
        assertProblem(client.admin("POST", "/ops/partners", "{\"id\":\"x\",\"name\":\"Too short\"}"), 400, "'x'");
        assertProblem(
                client.admin(
                        "POST",
                        "/ops/partners",
                        "{\"id\":\"lang-typo\",\"name\":\"Typo\",\"entitlements\":{\"languages\":[\"fr\"]}}"),
                400,
                "'fr'");
        assertProblem(
                client.admin(
                        "POST", "/ops/partners", "{\"id\":\"rate-typo\",\"name\":\"Typo\",\"ratePerMinute\":\"fast\"}"),
                400,
                "fast");
        assertProblem(
                client.admin("POST", "/ops/partners", "{\"id\":\"field-typo\",\"name\":\"Typo\",\"rate\":5}"),
                400,
                "'rate'");
        assertProblem(client.admin("POST", "/ops/partners", "not json"), 400, "not valid JSON");

        client.create("taken", null);
        assertProblem(client.admin("POST", "/ops/partners", "{\"id\":\"taken\",\"name\":\"Again\"}"), 409, "taken");
        assertProblem(client.admin("GET", "/ops/partners/nobody", null), 404, "nobody");
        assertProblem(client.admin("POST", "/ops/partners/nobody/disable", null), 404, "nobody");

        String otherKeyId = client.create("other", null).path("key").path("id").asText();
        assertProblem(
                client.admin("POST", "/ops/partners/taken/keys/" + otherKeyId + "/revoke", null), 404, otherKeyId);
        assertProblem(
                client.admin("POST", "/ops/partners/other/keys/" + otherKeyId + "/rotate?overlap=tomorrow", null),
                400,
                "tomorrow");
        assertProblem(
                client.admin("POST", "/ops/partners/other/feed-tokens", "{\"feed\":\"/feeds/en.rss\"}"),
                400,
                "/feeds/en.rss");
        client.adminJson("POST", "/ops/partners/other/keys/" + otherKeyId + "/revoke", null, 200);
        assertProblem(
                client.admin("POST", "/ops/partners/other/keys/" + otherKeyId + "/rotate", null), 409, otherKeyId);
    }

    private static void assertProblem(HttpResponse<byte[]> response, int status, String detailContains)
            throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = PartnerAdminClient.JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).startsWith("https://wiregate.dev/problems/");
        assertThat(problem.path("detail").asText()).contains(detailContains);
    }

    private static Map<String, List<String>> headersBesidesDate(HttpResponse<?> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("date");
        return headers;
    }

    static String idOf(String key) {
        return key.split("_")[1];
    }

    /** The random part of a key or token (it may itself contain '_'). */
    static String secretOf(String token) {
        return token.substring(token.indexOf('_', 4) + 1);
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
