package org.wiregate.partner;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.TestDirectories;

/**
 * No log line ever holds a partner key or feed token, whole or its secret part: a session that
 * creates, uses (successfully and not), rotates and revokes keys and feed tokens runs with DEBUG
 * on the gateway and Spring Security and TRACE on Spring MVC (which then logs bodies in full), and
 * every captured line is searched for each secret, as text and as the byte list MVC prints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PartnerKeysNeverLoggedTest {

    private static final String OPS_TOKEN = "ops-token-for-log-tests";
    private static final Path inbox =
            TestDirectories.create("partner-keys-never-logged").resolve("inbox");

    @LocalServerPort
    int port;

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "partner-keys-never-logged", inbox);
        registry.add("gateway.ops.token", () -> OPS_TOKEN);
    }

    /**
     * The levels are set here and put back afterwards, not as context properties: logback is one per
     * JVM, and levels a context sets stay for every test class that runs after it (TRACE on Spring
     * MVC made the whole CI log tens of megabytes).
     */
    private static final Map<String, ch.qos.logback.classic.Level> LOUD = Map.of(
            "org.wiregate", ch.qos.logback.classic.Level.DEBUG,
            "org.springframework.web", ch.qos.logback.classic.Level.TRACE,
            "org.springframework.security", ch.qos.logback.classic.Level.DEBUG);

    private final Map<String, ch.qos.logback.classic.Level> before = new HashMap<>();

    @BeforeEach
    void capture() {
        LOUD.forEach((name, level) -> {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            before.put(name, logger.getLevel());
            logger.setLevel(level);
        });
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void release() {
        root.detachAppender(captured);
        captured.stop();
        before.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }

    @Test
    void noIssuedKeyOrTokenAppearsInAnyLogLine() throws Exception {
        PartnerAdminClient client = new PartnerAdminClient(port, OPS_TOKEN);
        List<String> secrets = new ArrayList<>();

        JsonNode created = client.create("logged", "\"entitlements\":{\"languages\":[\"en\"]}")
                .path("key");
        String first = created.path("key").asText();
        secrets.add(first);
        assertThat(client.me(first).statusCode()).isEqualTo(200);
        assertThat(client.send("GET", "/api/partner/articles", null, "X-Api-Key", first)
                        .statusCode())
                .isEqualTo(200);
        // failures: a wrong secret with a real id, the key with junk appended, an unknown id
        assertThat(client.me("wgp_" + PartnerAdminApiTest.idOf(first) + "_" + "B".repeat(43))
                        .statusCode())
                .isEqualTo(401);
        assertThat(client.me(first + "x").statusCode()).isEqualTo(401);
        assertThat(client.me("wgp_zzzzzzzzzzzz_" + PartnerAdminApiTest.secretOf(first))
                        .statusCode())
                .isEqualTo(401);

        JsonNode rotated = client.adminJson(
                "POST", "/ops/partners/logged/keys/" + created.path("id").asText() + "/rotate?overlap=PT1H", null, 201);
        String second = rotated.path("key").asText();
        secrets.add(second);
        String third = client.adminJson("POST", "/ops/partners/logged/keys", null, 201)
                .path("key")
                .asText();
        secrets.add(third);
        assertThat(client.me(second).statusCode()).isEqualTo(200);
        assertThat(client.me(first).statusCode()).isEqualTo(200);
        client.adminJson(
                "POST", "/ops/partners/logged/keys/" + rotated.path("id").asText() + "/revoke", null, 200);
        assertThat(client.me(second).statusCode()).isEqualTo(401);
        // a partner key on the admin API is refused (and the refusal logged, by key id only)
        assertThat(client.send("GET", "/ops/partners", null, "Authorization", "Bearer " + third)
                        .statusCode())
                .isEqualTo(403);

        JsonNode feedToken = client.adminJson(
                "POST", "/ops/partners/logged/feed-tokens", "{\"feed\":\"/partner/feeds/en.rss\"}", 201);
        String token = feedToken.path("token").asText();
        secrets.add(token);
        // the token opens its feed (whatever the feed answers, the filter let it through) and nothing else
        assertThat(client.send("GET", "/partner/feeds/en.rss?token=" + token, null)
                        .statusCode())
                .isNotEqualTo(401);
        assertThat(client.send("GET", "/partner/feeds/es.rss?token=" + token, null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(client.send("GET", "/partner/feeds/en.rss?token=" + token + "x", null)
                        .statusCode())
                .isEqualTo(401);
        client.adminJson(
                "POST",
                "/ops/partners/logged/feed-tokens/" + feedToken.path("id").asText() + "/revoke",
                null,
                200);
        assertThat(client.send("GET", "/partner/feeds/en.rss?page=1&token=" + token, null)
                        .statusCode())
                .isEqualTo(401);

        List<String> lines = captured.list.stream()
                .map(e -> e.getFormattedMessage()
                        + (e.getThrowableProxy() == null
                                ? ""
                                : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
        // The capture works and saw the session: request lines and the key ids (public halves) are there.
        assertThat(lines).anyMatch(line -> line.contains("/api/partner/me"));
        assertThat(lines).anyMatch(line -> line.contains("/partner/feeds/en.rss"));
        assertThat(lines).anyMatch(line -> line.contains(created.path("id").asText()));
        assertThat(lines).anyMatch(line -> line.contains(feedToken.path("id").asText()));
        for (String secret : secrets) {
            String secretPart = PartnerAdminApiTest.secretOf(secret);
            String asBytes = Arrays.toString(secretPart.getBytes(StandardCharsets.US_ASCII));
            String byteList = asBytes.substring(1, asBytes.length() - 1);
            assertThat(lines)
                    .as("log lines holding a secret")
                    .noneMatch(line -> line.contains(secret) || line.contains(secretPart) || line.contains(byteList));
        }
    }
}
