package org.wiregate.partner.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Language;
import org.wiregate.article.Section;
import org.wiregate.partner.EntitlementsJson;
import org.wiregate.partner.Partner;
import org.wiregate.partner.PartnerKeys;
import org.wiregate.partner.PartnerRepository;
import org.wiregate.partner.webhook.WebhookSignature.Result;
import org.wiregate.store.ArticleStore;
import org.wiregate.store.ChangeLog;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.MutableClock;
import org.wiregate.support.PartnerFixtures;
import org.wiregate.support.PartnerFixtures.Story;
import org.wiregate.support.TestDirectories;
import org.wiregate.web.OpsTable;

/**
 * Partner webhooks against WireMock receivers, with the clock moved by hand and the dispatcher
 * (and the embargo release) called directly: signed deliveries a receiver can verify; faults
 * retried with backoff until delivered; a 400 a dead letter at once, listed and redelivered with
 * the same id; 72 h of 5xx a dead letter; a day of failures disables the endpoint (health WARNING,
 * gauge) until the partner enables it; and every entitlement applied to what is sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@ExtendWith(OutputCaptureExtension.class)
class PartnerWebhooksTest {

    private static final Instant START = Instant.parse("2026-11-20T12:00:00Z");
    private static final Path work = TestDirectories.create("webhooks");
    private static final WireMockServer wire = startWireMock();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration TOLERANCE = WebhookSignature.DEFAULT_TOLERANCE;
    /** A receiver slower than the request timeout (3 s). */
    private static final int SLOW_MILLIS = 5000;

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    PartnerRepository partners;

    @Autowired
    PartnerKeys keys;

    @Autowired
    ArticleStore store;

    @Autowired
    ChangeLog changes;

    @Autowired
    WebhookDispatcher dispatcher;

    @Autowired
    WebhookDeliveryRepository deliveryRows;

    @Autowired
    WebhookOpsTable opsTable;

    @Autowired
    JdbcClient jdbc;

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(START);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "webhooks", work.resolve("inbox"));
        // The test runs the dispatcher and the embargo release itself, with the clock where it wants it.
        registry.add("gateway.partners.webhooks.poll-interval", () -> "PT1H");
        registry.add("gateway.partners.release-every", () -> "PT1H");
        registry.add("gateway.partners.webhooks.allow-private-urls", () -> "true");
        registry.add("gateway.partners.webhooks.connect-timeout", () -> "PT1S");
        // Generous for a cold first request on a busy machine; the slow fault below outlasts it.
        registry.add("gateway.partners.webhooks.request-timeout", () -> "PT3S");
    }

    @AfterEach
    void forgetEndpoints() {
        jdbc.sql("DELETE FROM webhook_delivery").update();
        jdbc.sql("DELETE FROM webhook_endpoint").update();
        wire.resetAll();
    }

    @AfterAll
    static void stopWireMock() {
        wire.stop();
    }

    @Test
    void deliveriesAreThePartnersItemSignedSoTheReceiverCanVerifyThem(CapturedOutput output) throws Exception {
        String key = PartnerFixtures.partnerWithKey(partners, keys, "hook-signed", null);
        String otherKey = PartnerFixtures.partnerWithKey(partners, keys, "hook-nosy", null);
        wire.stubFor(post("/hooks/signed").willReturn(aResponse().withStatus(204)));

        HttpResponse<byte[]> created = call(
                "POST",
                key,
                "/api/partner/webhooks",
                "{\"url\": \"" + wire.baseUrl()
                        + "/hooks/signed\", \"events\": [\"published\", \"updated\", \"canceled\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode endpoint = JSON.readTree(created.body());
        String id = endpoint.path("id").asText();
        String secret = endpoint.path("secret").asText();
        assertThat(secret).startsWith("whsec_").hasSize("whsec_".length() + 43);
        assertThat(created.headers().firstValue("Location"))
                .hasValue("http://localhost:8080/api/partner/webhooks/" + id);
        assertThat(endpoint.path("events"))
                .extracting(JsonNode::asText)
                .containsExactly("published", "updated", "canceled");

        // The secret is shown once; the endpoint is the partner's alone.
        JsonNode shown = json("GET", key, "/api/partner/webhooks/" + id);
        assertThat(shown.has("secret")).isFalse();
        assertThat(shown.path("state").asText()).isEqualTo("active");
        assertThat(json("GET", key, "/api/partner/webhooks").path("items"))
                .extracting(n -> n.path("id").asText())
                .containsExactly(id);
        assertThat(call("GET", otherKey, "/api/partner/webhooks/" + id, null).statusCode())
                .isEqualTo(404);
        assertThat(call("DELETE", otherKey, "/api/partner/webhooks/" + id, null).statusCode())
                .isEqualTo(404);
        assertThat(call("GET", null, "/api/partner/webhooks", null).statusCode())
                .isEqualTo(401);

        Story story = Story.of("afp", "hook-signed-1", Language.EN);
        store.save(story.article(), null);
        dispatcher.dispatch();

        List<LoggedRequest> received = received("/hooks/signed");
        assertThat(received).hasSize(1);
        LoggedRequest request = received.get(0);
        JsonNode body = JSON.readTree(request.getBody());
        assertThat(body.path("event").asText()).isEqualTo("published");
        assertThat(request.getHeader("Wiregate-Event")).isEqualTo("published");
        assertThat(request.getHeader("Wiregate-Delivery"))
                .startsWith("whd_")
                .isEqualTo(body.path("delivery").asText());
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode item = body.path("item");
        assertThat(item.path("uri").asText()).isEqualTo(story.id().urn());
        assertThat(item.path("version").asText()).isEqualTo("1");
        assertThat(item.at("/bodies/0/value").asText()).contains("Body of hook-signed-1.");
        assertThat(item.path("usageterms").asText()).contains("Licensed to Partner hook-signed (hook-signed)");

        String signature = request.getHeader(WebhookSignature.HEADER);
        Instant now = clock.instant();
        assertThat(signature).startsWith("t=" + now.getEpochSecond() + ",v1=");
        assertThat(WebhookSignature.verify(secret, signature, request.getBody(), now, TOLERANCE))
                .isEqualTo(Result.VALID);
        byte[] tampered =
                request.getBodyAsString().replace("Body of", "Body 0f").getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.verify(secret, signature, tampered, now, TOLERANCE))
                .isEqualTo(Result.BAD_SIGNATURE);
        assertThat(WebhookSignature.verify(
                        secret,
                        signature,
                        request.getBody(),
                        now.plus(TOLERANCE).plusSeconds(1),
                        TOLERANCE))
                .isEqualTo(Result.STALE);
        assertThat(WebhookSignature.verify(WebhookEndpoints.newSecret(), signature, request.getBody(), now, TOLERANCE))
                .isEqualTo(Result.BAD_SIGNATURE);

        // A correction is an update, a kill a canceled notice without body; each its own delivery.
        clock.advance(Duration.ofMinutes(1));
        Story corrected = story.nextVersion("<p>Corrected body.</p>");
        store.save(corrected.article(), null);
        dispatcher.dispatch();
        clock.advance(Duration.ofMinutes(1));
        store.save(corrected.killed().article(), null);
        dispatcher.dispatch();

        received = received("/hooks/signed");
        assertThat(received)
                .extracting(r -> r.getHeader("Wiregate-Event"))
                .containsExactly("published", "updated", "canceled");
        assertThat(received).extracting(r -> r.getHeader("Wiregate-Delivery")).doesNotHaveDuplicates();
        JsonNode canceled = JSON.readTree(received.get(2).getBody()).path("item");
        assertThat(canceled.path("pubstatus").asText()).isEqualTo("canceled");
        assertThat(canceled.path("version").asText()).isEqualTo("3");
        assertThat(canceled.has("bodies")).isFalse();
        for (LoggedRequest r : received) {
            Instant signedAt = Instant.ofEpochSecond(
                    Long.parseLong(r.getHeader(WebhookSignature.HEADER).replaceAll("^t=([0-9]+),.*", "$1")));
            assertThat(WebhookSignature.verify(
                            secret, r.getHeader(WebhookSignature.HEADER), r.getBody(), signedAt, TOLERANCE))
                    .isEqualTo(Result.VALID);
        }
        assertThat(deliveries(id)).extracting(WebhookDelivery::state).containsOnly(WebhookDelivery.State.DELIVERED);
        assertThat(deliveries(id)).extracting(WebhookDelivery::attempts).containsOnly(1);

        // Rotation: the new secret signs, and the old one too while the receiver switches over.
        JsonNode rotated = json("POST", key, "/api/partner/webhooks/" + id + "/rotate-secret");
        String newSecret = rotated.path("secret").asText();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(secret);
        clock.advance(Duration.ofMinutes(1));
        store.save(Story.of("afp", "hook-signed-2", Language.EN).article(), null);
        dispatcher.dispatch();
        LoggedRequest afterRotation = received("/hooks/signed").get(3);
        String rotatedSignature = afterRotation.getHeader(WebhookSignature.HEADER);
        assertThat(WebhookSignature.verify(
                        newSecret, rotatedSignature, afterRotation.getBody(), clock.instant(), TOLERANCE))
                .isEqualTo(Result.VALID);
        assertThat(WebhookSignature.verify(
                        secret, rotatedSignature, afterRotation.getBody(), clock.instant(), TOLERANCE))
                .isEqualTo(Result.VALID);

        assertThat(call("DELETE", key, "/api/partner/webhooks/" + id, null).statusCode())
                .isEqualTo(204);
        assertThat(call("GET", key, "/api/partner/webhooks/" + id, null).statusCode())
                .isEqualTo(404);
        assertThat(output.getAll())
                .doesNotContain(secret)
                .doesNotContain(newSecret)
                .doesNotContain(key);
    }

    @Test
    void anEndpointGetsOnlyTheEventsItAskedForFromTheChangesAfterItsRegistration() throws Exception {
        String key = PartnerFixtures.partnerWithKey(partners, keys, "hook-events", null);
        wire.stubFor(post("/hooks/events").willReturn(aResponse().withStatus(200)));
        Story older = Story.of("afp", "hook-events-older", Language.EN);
        store.save(older.article(), null);

        HttpResponse<byte[]> created = call(
                "POST",
                key,
                "/api/partner/webhooks",
                "{\"url\": \"" + wire.baseUrl() + "/hooks/events\", \"events\": [\"updated\", \"canceled\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        dispatcher.dispatch();
        assertThat(received("/hooks/events"))
                .as("a new endpoint starts at the log head")
                .isEmpty();

        Story newer = Story.of("afp", "hook-events-newer", Language.EN);
        store.save(newer.article(), null); // published: not asked for
        dispatcher.dispatch();
        store.save(older.nextVersion("<p>Second version.</p>").article(), null); // predates the endpoint: updated
        store.save(newer.killed().article(), null);
        dispatcher.dispatch();

        List<LoggedRequest> received = received("/hooks/events");
        assertThat(received).extracting(r -> r.getHeader("Wiregate-Event")).containsExactly("updated", "canceled");
        assertThat(uris("/hooks/events"))
                .containsExactly(older.id().urn(), newer.id().urn());
    }

    @Test
    void registrationRefusesWhatItCannotDeliverTo() throws Exception {
        String key = PartnerFixtures.partnerWithKey(partners, keys, "hook-picky", null);
        for (String body : List.of(
                "{\"url\": \"ftp://example.com/hooks\"}",
                "{\"url\": \"/relative/hooks\"}",
                "{\"url\": \"https://user:pass@example.com/hooks\"}",
                "{\"url\": \"https://example.com/hooks\", \"events\": [\"deleted\"]}",
                "{\"url\": \"https://example.com/hooks\", \"events\": []}",
                "{\"url\": \"https://example.com/hooks\", \"secret\": \"mine\"}",
                "{\"events\": [\"published\"]}",
                "not json")) {
            HttpResponse<byte[]> response = call("POST", key, "/api/partner/webhooks", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        String good = "{\"url\": \"" + wire.baseUrl() + "/hooks/picky\"}";
        assertThat(call("POST", key, "/api/partner/webhooks", good).statusCode())
                .isEqualTo(201);
        assertThat(call("POST", key, "/api/partner/webhooks", good).statusCode())
                .isEqualTo(409);
    }

    @Test
    void faultsAreRetriedWithGrowingJitteredBackoffUntilDelivered() throws Exception {
        String key = PartnerFixtures.partnerWithKey(partners, keys, "hook-faults", null);
        wire.stubFor(post("/hooks/faults")
                .inScenario("faults")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("unavailable"));
        wire.stubFor(post("/hooks/faults")
                .inScenario("faults")
                .whenScenarioStateIs("unavailable")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("slow"));
        wire.stubFor(post("/hooks/faults")
                .inScenario("faults")
                .whenScenarioStateIs("slow")
                .willReturn(aResponse().withStatus(200).withFixedDelay(SLOW_MILLIS))
                .willSetStateTo("well"));
        wire.stubFor(post("/hooks/faults")
                .inScenario("faults")
                .whenScenarioStateIs("well")
                .willReturn(aResponse().withStatus(200)));
        String id = register(key, "/hooks/faults").path("id").asText();

        store.save(Story.of("afp", "hook-faults-1", Language.EN).article(), null);
        dispatcher.dispatch();

        List<Instant> attemptTimes = new ArrayList<>(List.of(clock.instant()));
        List<String> errors = List.of("connection failed", "HTTP 503", "timed out");
        for (int attempt = 1; attempt <= 3; attempt++) {
            WebhookDelivery delivery = single(id);
            assertThat(delivery.state()).isEqualTo(WebhookDelivery.State.PENDING);
            assertThat(delivery.attempts()).isEqualTo(attempt);
            assertThat(delivery.lastError()).startsWith(errors.get(attempt - 1));
            // Full jitter below a ceiling that doubles from 30 s: 30, 60, 120 s.
            Duration wait = Duration.between(delivery.lastAttemptAt(), delivery.nextAttemptAt());
            assertThat(wait).isBetween(Backoff.FLOOR, Duration.ofSeconds(30L << (attempt - 1)));

            clock.set(delivery.nextAttemptAt().minusMillis(500));
            assertThat(dispatcher.dispatch().attempted())
                    .as("not before its time")
                    .isZero();
            clock.set(delivery.nextAttemptAt());
            attemptTimes.add(clock.instant());
            dispatcher.dispatch();
        }
        WebhookDelivery delivered = single(id);
        assertThat(delivered.state()).isEqualTo(WebhookDelivery.State.DELIVERED);
        assertThat(delivered.attempts()).isEqualTo(4);
        assertThat(delivered.lastStatus()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> received("/hooks/faults").size() == 4);
        List<LoggedRequest> received = received("/hooks/faults");
        assertThat(received).extracting(r -> r.getHeader("Wiregate-Delivery")).containsOnly(delivered.id());
        // Every attempt is signed afresh, at its own time.
        assertThat(received)
                .extracting(r -> r.getHeader(WebhookSignature.HEADER).replaceAll("^t=([0-9]+),.*", "$1"))
                .containsExactlyElementsOf(attemptTimes.stream()
                        .map(t -> Long.toString(t.getEpochSecond()))
                        .toList());
    }

    @Test
    void aRejectedDeliveryIsADeadLetterAtOnceThatThePartnerCanRedeliver() throws Exception {
        String key = PartnerFixtures.partnerWithKey(partners, keys, "hook-dead", null);
        wire.stubFor(post("/hooks/dead").willReturn(aResponse().withStatus(400).withBody("unknown item type")));
        JsonNode endpoint = register(key, "/hooks/dead");
        String id = endpoint.path("id").asText();
        String secret = endpoint.path("secret").asText();

        Story story = Story.of("efe", "hook-dead-1", Language.ES);
        store.save(story.article(), null);
        dispatcher.dispatch();

        WebhookDelivery dead = single(id);
        assertThat(dead.state()).isEqualTo(WebhookDelivery.State.DEAD);
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.lastStatus()).isEqualTo(400);
        clock.advance(Duration.ofHours(1));
        assertThat(dispatcher.dispatch().attempted()).as("a 400 is not retried").isZero();
        assertThat(received("/hooks/dead")).hasSize(1);

        JsonNode letters = json("GET", key, "/api/partner/webhooks/" + id + "/dead-letters")
                .path("items");
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.get(0);
        assertThat(letter.path("delivery").asText()).isEqualTo(dead.id());
        assertThat(letter.path("event").asText()).isEqualTo("published");
        assertThat(letter.path("uri").asText()).isEqualTo(story.id().urn());
        assertThat(letter.path("version").asText()).isEqualTo("1");
        assertThat(letter.path("attempts").asInt()).isEqualTo(1);
        assertThat(letter.path("lastStatus").asInt()).isEqualTo(400);
        assertThat(letter.path("lastError").asText()).isEqualTo("HTTP 400: unknown item type");
        assertThat(Instant.parse(letter.path("deadAt").asText())).isEqualTo(dead.deadAt());

        // The receiver is fixed; the partner asks again, and gets the same delivery, freshly signed.
        wire.resetAll();
        wire.stubFor(post("/hooks/dead").willReturn(aResponse().withStatus(200)));
        String otherKey = PartnerFixtures.partnerWithKey(partners, keys, "hook-dead-other", null);
        String redeliver = "/api/partner/webhooks/" + id + "/deliveries/" + dead.id() + "/redeliver";
        assertThat(call("POST", otherKey, redeliver, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", key, "/api/partner/webhooks/" + id + "/deliveries/whd_nothing/redeliver", null)
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<byte[]> queued = call("POST", key, redeliver, null);
        assertThat(queued.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(queued.body()).path("state").asText()).isEqualTo("pending");
        assertThat(call("POST", key, redeliver, null).statusCode())
                .as("queued already")
                .isEqualTo(409);
        dispatcher.dispatch();

        List<LoggedRequest> received = received("/hooks/dead");
        assertThat(received).hasSize(1);
        LoggedRequest again = received.get(0);
        assertThat(again.getHeader("Wiregate-Delivery")).isEqualTo(dead.id());
        assertThat(again.getBodyAsString()).isEqualTo(dead.body());
        assertThat(again.getHeader(WebhookSignature.HEADER))
                .startsWith("t=" + clock.instant().getEpochSecond() + ",");
        assertThat(WebhookSignature.verify(
                        secret, again.getHeader(WebhookSignature.HEADER), again.getBody(), clock.instant(), TOLERANCE))
                .isEqualTo(Result.VALID);
        assertThat(single(id).state()).isEqualTo(WebhookDelivery.State.DELIVERED);
        assertThat(single(id).attempts()).isEqualTo(2);
        assertThat(json("GET", key, "/api/partner/webhooks/" + id + "/dead-letters")
                        .path("items"))
                .isEmpty();
    }

    /** What waits for a retry is checked against the contract as it is when sent, not as it was when queued. */
    @Test
    void aNarrowedContractWithdrawsWhatIsStillWaitingAndADisabledPartnerGetsNothing() throws Exception {
        String key = PartnerFixtures.partnerWithKey(partners, keys, "hook-narrowed", null);
        wire.stubFor(post("/hooks/narrowed").willReturn(aResponse().withStatus(503)));
        String id = register(key, "/hooks/narrowed").path("id").asText();
        Story spanish = Story.of("efe", "hook-narrowed-es", Language.ES);
        Story english = Story.of("afp", "hook-narrowed-en", Language.EN);
        store.save(spanish.article(), null);
        store.save(english.article(), null);
        dispatcher.dispatch(); // 503: both wait for a retry
        assertThat(deliveries(id)).hasSize(2).allMatch(d -> d.state() == WebhookDelivery.State.PENDING);

        // The operator takes Spanish out of the contract; the receiver comes back.
        Partner partner = partners.find("hook-narrowed").orElseThrow();
        partners.update(new Partner(
                partner.id(),
                partner.name(),
                EntitlementsJson.read("{\"languages\": [\"en\"]}"),
                partner.ratePerMinute(),
                partner.burst(),
                partner.createdAt(),
                null));
        wire.resetAll();
        wire.stubFor(post("/hooks/narrowed").willReturn(aResponse().withStatus(200)));
        clock.advance(Duration.ofHours(2));
        dispatcher.dispatch();

        assertThat(uris("/hooks/narrowed")).containsExactly(english.id().urn());
        WebhookDelivery withdrawn = deliveries(id).stream()
                .filter(d -> d.articleId().equals(spanish.id().value()))
                .findFirst()
                .orElseThrow();
        assertThat(withdrawn.state()).isEqualTo(WebhookDelivery.State.DEAD);
        assertThat(withdrawn.lastError()).isEqualTo("no longer in the partner's contract");
        // Redelivering it is checked again: still not sent.
        assertThat(call(
                                "POST",
                                key,
                                "/api/partner/webhooks/" + id + "/deliveries/" + withdrawn.id() + "/redeliver",
                                null)
                        .statusCode())
                .isEqualTo(202);
        dispatcher.dispatch();
        assertThat(uris("/hooks/narrowed")).containsExactly(english.id().urn());

        // A disabled partner's new deliveries wait rather than go out.
        partners.update(new Partner(
                partner.id(),
                partner.name(),
                EntitlementsJson.read("{\"languages\": [\"en\"]}"),
                partner.ratePerMinute(),
                partner.burst(),
                partner.createdAt(),
                clock.instant()));
        store.save(Story.of("afp", "hook-narrowed-en-2", Language.EN).article(), null);
        dispatcher.dispatch();
        assertThat(uris("/hooks/narrowed")).containsExactly(english.id().urn());
    }

    @Test
    void aDeliveryFailingFor72HoursIsADeadLetterWhileTheEndpointKeepsReceivingTheRest() throws Exception {
        String key = PartnerFixtures.partnerWithKey(partners, keys, "hook-poison", null);
        wire.stubFor(post("/hooks/poison")
                .atPriority(1)
                .withRequestBody(containing("poison-pill"))
                .willReturn(aResponse().withStatus(503)));
        wire.stubFor(post("/hooks/poison").atPriority(5).willReturn(aResponse().withStatus(200)));
        String id = register(key, "/hooks/poison").path("id").asText();

        store.save(Story.of("afp", "poison-pill", Language.EN).article(), null);
        dispatcher.dispatch();
        WebhookDelivery poison = single(id);
        Instant firstAttempt = poison.firstAttemptAt();
        assertThat(poison.state()).isEqualTo(WebhookDelivery.State.PENDING);

        int others = 0;
        Instant nextStory = clock.instant().plus(Duration.ofHours(6));
        for (int pass = 0; pass < 2000 && poison.state() == WebhookDelivery.State.PENDING; pass++) {
            assertThat(Duration.between(poison.lastAttemptAt(), poison.nextAttemptAt()))
                    .isLessThanOrEqualTo(Duration.ofHours(1));
            clock.set(poison.nextAttemptAt());
            dispatcher.dispatch();
            if (!clock.instant().isBefore(nextStory)) {
                // Other copy keeps arriving and is delivered: the endpoint works, one item does not.
                store.save(
                        Story.of("afp", "hook-steady-" + ++others, Language.EN).article(), null);
                clock.advance(Duration.ofSeconds(1));
                dispatcher.dispatch();
                nextStory = nextStory.plus(Duration.ofHours(6));
            }
            poison = deliveryRows.delivery(id, poison.id()).orElseThrow();
        }

        assertThat(poison.state()).isEqualTo(WebhookDelivery.State.DEAD);
        assertThat(poison.deadAt())
                .isBetween(firstAttempt.plus(Duration.ofHours(72)), firstAttempt.plus(Duration.ofHours(73)));
        assertThat(poison.attempts()).isGreaterThanOrEqualTo(72);
        assertThat(poison.lastStatus()).isEqualTo(503);
        assertThat(poison.lastError())
                .startsWith("HTTP 503")
                .contains("gave up after " + poison.attempts() + " attempts");
        assertThat(others).isGreaterThanOrEqualTo(11);
        assertThat(deliveries(id))
                .filteredOn(d -> !d.id().equals(single(id, "poison-pill").id()))
                .hasSize(others)
                .extracting(WebhookDelivery::state)
                .containsOnly(WebhookDelivery.State.DELIVERED);
        assertThat(json("GET", key, "/api/partner/webhooks/" + id).path("state").asText())
                .isEqualTo("active");
        assertThat(json("GET", key, "/api/partner/webhooks/" + id + "/dead-letters")
                        .path("items"))
                .extracting(n -> n.path("delivery").asText())
                .containsExactly(poison.id());
    }

    @Test
    void anEndpointFailingForADayIsDisabledTheOperatorSeesItAndThePartnerEnablesItAgain() throws Exception {
        String key = PartnerFixtures.partnerWithKey(partners, keys, "hook-down", null);
        wire.stubFor(post("/hooks/down").willReturn(aResponse().withStatus(503)));
        String id = register(key, "/hooks/down").path("id").asText();

        Story first = Story.of("afp", "hook-down-1", Language.EN);
        store.save(first.article(), null);
        Instant firstFailure = clock.instant();
        dispatcher.dispatch();
        assertThat(webhooksHealth().path("status").asText()).isEqualTo("UP");

        clock.advance(Duration.ofHours(23));
        dispatcher.dispatch();
        assertThat(json("GET", key, "/api/partner/webhooks/" + id).path("state").asText())
                .isEqualTo("active");
        clock.advance(Duration.ofHours(2));
        dispatcher.dispatch();

        JsonNode endpoint = json("GET", key, "/api/partner/webhooks/" + id);
        assertThat(endpoint.path("state").asText()).isEqualTo("disabled");
        assertThat(endpoint.path("disabledReason").asText())
                .startsWith("every delivery failed since " + firstFailure)
                .contains("HTTP 503");
        // WARNING answers 200. Right after start Camel's consumers are DOWN until their first poll (503), so wait for
        // that.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<byte[]> answer = Http.asOperator(base() + "/actuator/health");
            assertThat(answer.statusCode())
                    .as(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(200);
        });
        HttpResponse<byte[]> health = Http.asOperator(base() + "/actuator/health");
        JsonNode component = JSON.readTree(health.body()).at("/components/partnerWebhooks");
        assertThat(component.path("status").asText()).isEqualTo("WARNING");
        JsonNode disabled = component.at("/details/disabled/0");
        assertThat(disabled.path("partner").asText()).isEqualTo("hook-down");
        assertThat(disabled.path("endpoint").asText()).isEqualTo(id);
        assertThat(disabled.path("reason").asText()).contains("HTTP 503");
        String metrics =
                new String(Http.asOperator(base() + "/actuator/prometheus").body(), StandardCharsets.UTF_8);
        assertThat(metrics)
                .contains("wiregate_webhook_endpoints{state=\"disabled\"} 1.0")
                .containsPattern("wiregate_webhook_deliveries_total\\{outcome=\"retry\"} [1-9]");
        // The ops page's webhook table marks it, with why, and what is waiting.
        OpsTable.Row row = opsTable.rows().stream()
                .filter(r -> r.cells().get(1).startsWith(id))
                .findFirst()
                .orElseThrow();
        assertThat(row.warning()).isTrue();
        assertThat(row.cells().get(0)).isEqualTo("hook-down");
        assertThat(row.cells().get(3)).startsWith("disabled ").contains("HTTP 503");
        assertThat(row.cells().get(6)).isEqualTo("1");

        // Disabled: no more attempts, and new changes are held at its cursor rather than queued.
        int requests = received("/hooks/down").size();
        Story second = Story.of("afp", "hook-down-2", Language.EN);
        store.save(second.article(), null);
        clock.advance(Duration.ofHours(1));
        assertThat(dispatcher.dispatch().attempted()).isZero();
        assertThat(received("/hooks/down")).hasSize(requests);
        assertThat(deliveries(id)).hasSize(1);
        WebhookDelivery pending = single(id);
        assertThat(call("POST", key, "/api/partner/webhooks/" + id + "/deliveries/" + pending.id() + "/redeliver", null)
                        .statusCode())
                .isEqualTo(409);

        // The partner fixed its receiver and enables the endpoint: what waited goes out, in order.
        wire.resetAll();
        wire.stubFor(post("/hooks/down").willReturn(aResponse().withStatus(200)));
        JsonNode enabled = json("POST", key, "/api/partner/webhooks/" + id + "/enable");
        assertThat(enabled.path("state").asText()).isEqualTo("active");
        dispatcher.dispatch();
        assertThat(received("/hooks/down"))
                .extracting(r -> JSON.readTree(r.getBody()).at("/item/uri").asText())
                .containsExactly(first.id().urn(), second.id().urn());
        assertThat(webhooksHealth().path("status").asText()).isEqualTo("UP");
        assertThat(new String(Http.asOperator(base() + "/actuator/prometheus").body(), StandardCharsets.UTF_8))
                .contains("wiregate_webhook_endpoints{state=\"disabled\"} 0.0");
    }

    @Test
    void aPartnerOnlyEverReceivesWhatItsContractAllows() throws Exception {
        String narrowKey = PartnerFixtures.partnerWithKey(
                partners, keys, "hook-narrow", "{\"languages\": [\"en\"], \"sections\": [\"politics\"]}");
        String summaryKey = PartnerFixtures.partnerWithKey(partners, keys, "hook-summary", "{\"text\": \"summary\"}");
        wire.stubFor(post("/hooks/narrow").willReturn(aResponse().withStatus(200)));
        wire.stubFor(post("/hooks/summary").willReturn(aResponse().withStatus(200)));
        register(narrowKey, "/hooks/narrow");
        register(summaryKey, "/hooks/summary");

        Story inScope = Story.of("afp", "hook-scope-en", Language.EN);
        Story spanish = Story.of("efe", "hook-scope-es", Language.ES);
        Story sport = Story.of("afp", "hook-scope-sport", Language.EN).section(Section.SPORTS);
        Story reuters = Story.of("reuters", "hook-scope-reuters", Language.EN);
        for (Story story : List.of(inScope, spanish, sport, reuters)) {
            store.save(story.article(), null);
        }
        dispatcher.dispatch();

        assertThat(uris("/hooks/narrow")).containsExactly(inScope.id().urn());
        // Reuters' copy may not be passed on to any partner at all.
        assertThat(uris("/hooks/summary"))
                .containsExactly(
                        inScope.id().urn(), spanish.id().urn(), sport.id().urn());
        for (LoggedRequest request : received("/hooks/summary")) {
            JsonNode item = JSON.readTree(request.getBody()).path("item");
            assertThat(item.has("bodies")).isFalse();
            assertThat(item.at("/descriptions/0/value").asText()).startsWith("Standfirst of ");
            assertThat(item.path("usageterms").asText()).contains("for headline and summary only");
        }
        assertThat(received("/hooks/narrow").get(0).getBodyAsString()).contains("Body of hook-scope-en.");
    }

    @Test
    void anEmbargoedItemReachesPreviewPartnersEarlyAndTheOthersOnceItLapses() throws Exception {
        String previewKey =
                PartnerFixtures.partnerWithKey(partners, keys, "hook-preview", "{\"embargoPreview\": true}");
        String standardKey = PartnerFixtures.partnerWithKey(partners, keys, "hook-standard", null);
        wire.stubFor(post("/hooks/preview").willReturn(aResponse().withStatus(200)));
        wire.stubFor(post("/hooks/standard").willReturn(aResponse().withStatus(200)));
        register(previewKey, "/hooks/preview");
        register(standardKey, "/hooks/standard");

        Instant embargo = clock.instant().plus(Duration.ofHours(2));
        Story story = Story.of("afp", "hook-embargoed", Language.EN).embargo(embargo);
        store.save(story.article(), null);
        dispatcher.dispatch();

        assertThat(received("/hooks/preview")).hasSize(1);
        JsonNode early = JSON.readTree(received("/hooks/preview").get(0).getBody());
        assertThat(early.path("event").asText()).isEqualTo("published");
        assertThat(early.at("/item/embargoed").asText()).isEqualTo(embargo.toString());
        assertThat(early.at("/item/usageterms").asText()).contains("Embargoed until " + embargo);
        assertThat(received("/hooks/standard")).isEmpty();

        // Corrected under embargo: an update for the preview partner, still nothing for the other.
        clock.advance(Duration.ofHours(1));
        store.save(story.nextVersion("<p>Corrected under embargo.</p>").article(), null);
        assertThat(changes.releaseLapsedEmbargoes(clock.instant())).isZero();
        dispatcher.dispatch();
        assertThat(received("/hooks/preview"))
                .extracting(r -> r.getHeader("Wiregate-Event"))
                .containsExactly("published", "updated");
        assertThat(received("/hooks/standard")).isEmpty();

        clock.set(embargo.plusSeconds(60));
        assertThat(changes.releaseLapsedEmbargoes(clock.instant())).isEqualTo(1);
        dispatcher.dispatch();
        List<LoggedRequest> released = received("/hooks/standard");
        assertThat(released).hasSize(1);
        JsonNode late = JSON.readTree(released.get(0).getBody());
        assertThat(late.path("event").asText())
                .as("the first time this partner may see it")
                .isEqualTo("published");
        assertThat(late.at("/item/uri").asText()).isEqualTo(story.id().urn());
        assertThat(late.at("/item/version").asText()).isEqualTo("2");
        assertThat(late.at("/item/bodies/0/value").asText()).contains("Corrected under embargo.");
        assertThat(received("/hooks/preview"))
                .as("exactly once per version for the preview partner too")
                .hasSize(2);
    }

    // --- helpers ---

    private JsonNode register(String key, String path) throws Exception {
        HttpResponse<byte[]> response =
                call("POST", key, "/api/partner/webhooks", "{\"url\": \"" + wire.baseUrl() + path + "\"}");
        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private List<WebhookDelivery> deliveries(String endpointId) {
        List<WebhookDelivery> all = new ArrayList<>();
        for (WebhookDelivery.State state : WebhookDelivery.State.values()) {
            all.addAll(deliveryRows.deliveries(endpointId, state, 1000));
        }
        all.sort(Comparator.comparingLong(WebhookDelivery::seq));
        return all;
    }

    private WebhookDelivery single(String endpointId) {
        List<WebhookDelivery> all = deliveries(endpointId);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private WebhookDelivery single(String endpointId, String guid) {
        return deliveries(endpointId).stream()
                .filter(d -> d.body().contains(guid))
                .findFirst()
                .orElseThrow();
    }

    private static List<LoggedRequest> received(String path) {
        return wire.findAll(postRequestedFor(urlEqualTo(path)));
    }

    private static List<String> uris(String path) throws IOException {
        List<String> uris = new ArrayList<>();
        for (LoggedRequest request : received(path)) {
            uris.add(JSON.readTree(request.getBody()).at("/item/uri").asText());
        }
        return uris;
    }

    private JsonNode webhooksHealth() throws Exception {
        return JSON.readTree(Http.asOperator(base() + "/actuator/health").body())
                .at("/components/partnerWebhooks");
    }

    private JsonNode json(String method, String key, String path) throws Exception {
        HttpResponse<byte[]> response = call(method, key, path, null);
        assertThat(response.statusCode()).as(method + " " + path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<byte[]> call(String method, String key, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static WireMockServer startWireMock() {
        WireMockServer server =
                new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        return server;
    }
}
