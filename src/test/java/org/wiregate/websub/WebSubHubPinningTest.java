package org.wiregate.websub;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.wiregate.outbound.HostResolver;
import org.wiregate.outbound.OutboundHttpPinningTest;
import org.wiregate.publish.FeedService;
import org.wiregate.publish.PublicUrls;

/**
 * The hub calls only addresses that passed the callback policy: a callback whose name was public
 * at subscription and points at loopback when the hub calls it (DNS rebinding) is neither verified
 * nor delivered to; and {@code POST /websub/hub} answers every refused callback alike, so it tells
 * nobody whether an internal name exists.
 */
class WebSubHubPinningTest {

    private static final String EN_RSS = "https://news.example.org/feeds/en.rss";
    private static final WireMockServer wire = start();

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().globalTemplating(true));
        server.start();
        return server;
    }

    private final AtomicInteger lookups = new AtomicInteger();
    private WebSubSubscriptions subscriptions;
    private WebSubHttp http;
    private WebSubHub hub;

    @BeforeEach
    void hub() {
        wire.resetAll();
        wire.stubFor(
                any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{{request.query.[hub.challenge]}}")));
        HostResolver dns = host -> switch (host) {
            // public whenever the callback is checked, loopback while the hub connects (rebinding)
            case "localhost" -> {
                lookups.incrementAndGet();
                yield new InetAddress[] {
                    InetAddress.getByName(
                            OutboundHttpPinningTest.Rebinding.connecting() ? "127.0.0.1" : "93.184.215.14")
                };
            }
            case "intranet.corp.test" -> new InetAddress[] {InetAddress.getByName("10.1.2.3")};
            case "public.test" -> new InetAddress[] {InetAddress.getByName("93.184.215.14")};
            case "missing.corp.test" -> throw new UnknownHostException(host);
            default -> HostResolver.SYSTEM.resolve(host);
        };
        WebSubProperties properties = new WebSubProperties(
                List.of(),
                false,
                Duration.ofDays(5),
                Duration.ofHours(1),
                Duration.ofDays(10),
                List.of(),
                Duration.ofMillis(300),
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                1);
        PublicUrls urls = new PublicUrls("https://news.example.org");
        subscriptions = mock(WebSubSubscriptions.class);
        http = new WebSubHttp(properties, dns);
        hub = new WebSubHub(
                properties,
                subscriptions,
                new WebSubTopics(urls),
                mock(FeedService.class),
                urls,
                http,
                Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    @AfterEach
    void close() throws Exception {
        http.destroy();
    }

    @AfterAll
    static void stop() {
        wire.stop();
    }

    @Test
    void aCallbackThatRebindsToLoopbackIsNeitherVerifiedNorDeliveredTo() {
        String callback = "http://localhost:" + wire.port() + "/subscriber";
        WebSubHub.Request request = hub.validate("subscribe", EN_RSS, callback, null, null);
        assertThat(lookups).as("checked once at subscription").hasValue(1);

        hub.verify(request);
        hub.deliver(
                new WebSubSubscriptions.Subscription(
                        1, EN_RSS, callback, null, Instant.now().plusSeconds(3600)),
                "<rss/>".getBytes(StandardCharsets.UTF_8),
                "application/rss+xml",
                0);

        assertThat(lookups).as("resolved again for each connection").hasValue(3);
        assertThat(wire.getAllServeEvents())
                .as("the loopback subscriber was never reached")
                .isEmpty();
        verify(subscriptions, never()).confirm(any(), any(), any(), org.mockito.ArgumentMatchers.anyLong(), any());
    }

    @Test
    void everyRefusedCallbackGetsTheSameStatusAndText() {
        WebSubController controller = new WebSubController(hub);
        List<ResponseEntity<String>> answers = new ArrayList<>();
        for (String callback : List.of(
                "ftp://public.test/cb",
                "http://intranet.corp.test/cb",
                "http://missing.corp.test/cb",
                "http://[64:ff9b::a9fe:a9fe]/cb",
                "http://[::127.0.0.1]/cb",
                "http://169.254.169.254/latest/meta-data")) {
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("hub.mode", "subscribe");
            form.add("hub.topic", EN_RSS);
            form.add("hub.callback", callback);
            answers.add(controller.request(form));
        }
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.getStatusCode().value()).isEqualTo(400);
            assertThat(answer.getBody())
                    .isEqualTo(http.policy().answer() + "\n")
                    .startsWith("hub.callback refused: ");
        });

        // A public callback passes (validated only: nothing here may connect out of the machine).
        assertThat(hub.validate("subscribe", EN_RSS, "https://public.test/cb", null, null)
                        .callback())
                .hasHost("public.test");
    }
}
