package org.wiregate.partner.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.wiregate.outbound.HostResolver;
import org.wiregate.outbound.OutboundHttpPinningTest;

/**
 * A webhook goes only to an address that passed the URL policy: an endpoint registered while its
 * name pointed at a public address, whose name then points at loopback (DNS rebinding), does not
 * reach the loopback receiver, and the delivery's error (which the partner can read) is the same
 * whether the name now points inside or does not resolve at all.
 */
class WebhookSenderPinningTest {

    private static final WireMockServer wire = start();
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        return server;
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    private static WebhookProperties properties(boolean allowPrivate) {
        return new WebhookProperties(
                Duration.ofSeconds(5),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                Duration.ofHours(72),
                Duration.ofHours(24),
                allowPrivate,
                1,
                10,
                Duration.ofHours(24),
                Duration.ofDays(7),
                Duration.ofDays(30));
    }

    private static WebhookEndpoint endpoint(String url) {
        return new WebhookEndpoint(
                "wh_pin",
                "partner-pin",
                url,
                EnumSet.allOf(WebhookEvent.class),
                "whsec_pin",
                null,
                null,
                WebhookEndpoint.State.ACTIVE,
                0,
                null,
                null,
                null,
                null,
                NOW);
    }

    private static WebhookDelivery delivery() {
        return new WebhookDelivery(
                "whd_pin",
                "wh_pin",
                1,
                "a1",
                1,
                WebhookEvent.PUBLISHED,
                "{\"event\":\"published\"}",
                0,
                WebhookDelivery.State.PENDING,
                NOW,
                null,
                null,
                null,
                null,
                NOW,
                null,
                null);
    }

    @Test
    void anEndpointWhoseNameRebindsToLoopbackAfterRegistrationIsNotReached() throws Exception {
        // Public whenever the URL is checked, 127.0.0.1 while a connection is being opened (as the
        // system resolver also says): a rebinding DNS server with a zero TTL.
        HostResolver rebinding = host -> new InetAddress[] {
            InetAddress.getByName(OutboundHttpPinningTest.Rebinding.connecting() ? "127.0.0.1" : "93.184.215.14")
        };
        EndpointUrls urls = new EndpointUrls(properties(false), rebinding);
        String url = "http://localhost:" + wire.port() + "/hooks";
        urls.check(url); // registration: the name is public now

        WebhookSender sender = new WebhookSender(properties(false), urls);
        try {
            WebhookSender.Outcome outcome = sender.send(endpoint(url), delivery(), NOW);
            assertThat(outcome.verdict()).isEqualTo(WebhookSender.Verdict.RETRY);
            assertThat(outcome.status()).isNull();
            assertThat(outcome.error())
                    .isEqualTo("url refused: the host did not resolve to public internet addresses only;"
                            + " nothing was sent");
        } finally {
            sender.destroy();
        }
        assertThat(wire.getAllServeEvents())
                .as("the loopback receiver was never reached")
                .isEmpty();

        HostResolver gone = host -> {
            throw new UnknownHostException(host);
        };
        WebhookSender unresolvable = new WebhookSender(properties(false), new EndpointUrls(properties(false), gone));
        try {
            assertThat(unresolvable.send(endpoint(url), delivery(), NOW))
                    .as("a name that does not resolve reads the same to the partner")
                    .isEqualTo(new WebhookSender.Outcome(
                            WebhookSender.Verdict.RETRY,
                            null,
                            "url refused: the host did not resolve to public internet addresses only;"
                                    + " nothing was sent",
                            null));
        } finally {
            unresolvable.destroy();
        }
    }

    @Test
    void withPrivateUrlsAllowedTheLoopbackReceiverGetsTheSignedDelivery() throws Exception {
        WebhookSender sender =
                new WebhookSender(properties(true), new EndpointUrls(properties(true), HostResolver.SYSTEM));
        try {
            WebhookSender.Outcome outcome = sender.send(endpoint(wire.baseUrl() + "/open"), delivery(), NOW);
            assertThat(outcome.verdict()).isEqualTo(WebhookSender.Verdict.DELIVERED);
        } finally {
            sender.destroy();
        }
        assertThat(wire.getAllServeEvents()).singleElement().satisfies(e -> {
            assertThat(e.getRequest().getHeader(WebhookSignature.HEADER)).startsWith("t=");
            assertThat(e.getRequest().getHeader("Content-Type")).isEqualTo("application/json");
            assertThat(e.getRequest().getBodyAsString()).isEqualTo("{\"event\":\"published\"}");
        });
    }
}
