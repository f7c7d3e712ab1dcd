package org.wiregate.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;
import org.wiregate.source.MappingRegistry;
import org.wiregate.support.MutableClock;

/** The poller against WireMock, with a clock the test moves: validators, Retry-After, backoff, faults, size cap. */
class HttpPollerTest {

    private static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>t</title><link>https://a.example</link><description>d</description>
            <language>en</language><item><guid isPermaLink="false">poll-1</guid><title>Polled</title></item></channel></rss>
            """;
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration CAP = Duration.ofMillis(1600);

    @TempDir
    Path dir;

    WireMockServer wire;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));

    @BeforeEach
    void start() {
        wire = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wire.start();
    }

    @AfterEach
    void stop() {
        wire.stop();
    }

    @Test
    void conditionalGetSendsTheLastEtagAndLastModifiedAndTakes304AsNothingNew() {
        HttpPoller poller = poller(wire.baseUrl() + "/feed.rss", "");
        wire.stubFor(get("/feed.rss")
                .withHeader("If-None-Match", absent())
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("ETag", "\"v1\"")
                        .withHeader("Last-Modified", "Fri, 27 Nov 2026 09:00:00 GMT")
                        .withBody(RSS)));
        wire.stubFor(get("/feed.rss")
                .withHeader("If-None-Match", equalTo("\"v1\""))
                .willReturn(aResponse().withStatus(304)));

        assertThat(poller.poll("wire")).isEqualTo(RSS.getBytes(StandardCharsets.UTF_8));
        assertThat(poller.poll("wire")).isNull();

        wire.verify(
                1,
                getRequestedFor(urlEqualTo("/feed.rss"))
                        .withHeader("If-None-Match", equalTo("\"v1\""))
                        .withHeader("If-Modified-Since", equalTo("Fri, 27 Nov 2026 09:00:00 GMT")));
        assertThat(wire.getAllServeEvents())
                .anySatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo(304));
        assertThat(poller.waitingUntil("wire")).isEmpty();
    }

    @Test
    void configuredHeadersAndBearerTokenAreSent() {
        HttpPoller poller = poller(wire.baseUrl() + "/feed.rss", """
                  headers: { Accept: application/rss+xml }
                  tokenEnv: POLL_TOKEN
                """);
        wire.stubFor(get("/feed.rss").willReturn(aResponse().withStatus(200).withBody(RSS)));

        assertThat(poller.poll("wire")).isNotNull();

        wire.verify(getRequestedFor(urlEqualTo("/feed.rss"))
                .withHeader("Accept", equalTo("application/rss+xml"))
                .withHeader("Authorization", equalTo("Bearer t0ken")));
    }

    @Test
    void retryAfterInSecondsSkipsPollsUntilThen() {
        HttpPoller poller = poller(wire.baseUrl() + "/feed.rss", "");
        wire.stubFor(get("/feed.rss").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        assertThat(poller.poll("wire")).isNull();
        // Counted from here: under load the JDK client may itself resend the first GET once.
        long afterFirstPoll = requests();
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(11));
            assertThat(poller.poll("wire")).isNull();
        }
        assertThat(requests()).as("no request while Retry-After runs").isEqualTo(afterFirstPoll);

        clock.advance(Duration.ofSeconds(11));
        wire.stubFor(get("/feed.rss").willReturn(aResponse().withStatus(200).withBody(RSS)));
        assertThat(poller.poll("wire")).isNotNull();
        assertThat(requests()).isGreaterThan(afterFirstPoll);
    }

    @Test
    void retryAfterAsHttpDateOn503IsHonoured() {
        HttpPoller poller = poller(wire.baseUrl() + "/feed.rss", "");
        String inFiveMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plus(Duration.ofMinutes(5)).atOffset(ZoneOffset.UTC));
        wire.stubFor(get("/feed.rss").willReturn(aResponse().withStatus(503).withHeader("Retry-After", inFiveMinutes)));

        assertThat(poller.poll("wire")).isNull();

        assertThat(poller.waitingUntil("wire")).contains(clock.instant().plus(Duration.ofMinutes(5)));
    }

    @ParameterizedTest
    @EnumSource(
            value = Fault.class,
            names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK", "RANDOM_DATA_THEN_CLOSE"
            })
    void faultsBackOffDoublingUpToTheCapAndRecover(Fault fault) {
        HttpPoller poller = poller(wire.baseUrl() + "/feed.rss", "");
        wire.stubFor(get("/feed.rss").willReturn(aResponse().withFault(fault)));

        assertBacksOff(poller);

        wire.stubFor(get("/feed.rss").willReturn(aResponse().withStatus(200).withBody(RSS)));
        clock.advance(CAP);
        assertThat(poller.poll("wire")).isEqualTo(RSS.getBytes(StandardCharsets.UTF_8));
        assertThat(poller.waitingUntil("wire")).isEmpty();
    }

    @Test
    void answerSlowerThanTheReadTimeoutIsAFailureNotAHang() {
        HttpPoller poller = poller(wire.baseUrl() + "/feed.rss", "");
        wire.stubFor(get("/feed.rss")
                .willReturn(aResponse().withStatus(200).withBody(RSS).withFixedDelay(3000)));

        long started = System.nanoTime();
        assertThat(poller.poll("wire")).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        assertThat(poller.waitingUntil("wire")).contains(clock.instant().plus(INTERVAL.multipliedBy(2)));
    }

    @Test
    void serverErrorsBackOff() {
        HttpPoller poller = poller(wire.baseUrl() + "/feed.rss", "");
        wire.stubFor(get("/feed.rss").willReturn(aResponse().withStatus(500)));
        assertBacksOff(poller);
    }

    @Test
    void bodyDeclaredLargerThanTheCapIsRefusedUnread() {
        HttpPoller poller = poller(wire.baseUrl() + "/feed.rss", "");
        wire.stubFor(get("/feed.rss").willReturn(aResponse().withStatus(200).withBody(new byte[70 * 1024])));

        assertThatThrownBy(() -> poller.poll("wire"))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("exceeds gateway.ingest.max-payload-size");
        assertThat(poller.waitingUntil("wire")).isPresent();
    }

    @Test
    void endlessChunkedBodyIsCutOffAtTheCap() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicLong written = new AtomicLong();
            CompletableFuture<Void> agency = CompletableFuture.runAsync(() -> serveEndlessChunks(server, written));
            HttpPoller poller = poller("http://127.0.0.1:" + server.getLocalPort() + "/endless", "");

            assertThatThrownBy(() -> poller.poll("wire"))
                    .isInstanceOf(WireFormatException.class)
                    .hasMessageContaining("stopped reading");

            // The gateway hung up: the agency's writes fail soon after the cap, not after megabytes.
            agency.get(10, TimeUnit.SECONDS);
            assertThat(written.get()).isLessThan(8L * 1024 * 1024);
        }
    }

    private void assertBacksOff(HttpPoller poller) {
        Duration expected = INTERVAL.multipliedBy(2);
        for (int failure = 1; failure <= 6; failure++) {
            long before = requests();
            assertThat(poller.poll("wire")).isNull();
            // java.net.http retries an idempotent GET once by itself when the connection drops
            assertThat(requests()).isBetween(before + 1, before + 2);
            long after = requests();
            assertThat(poller.waitingUntil("wire"))
                    .as("after failure %d", failure)
                    .contains(clock.instant().plus(expected));
            // polls in the meantime are skipped
            clock.advance(expected.minusMillis(1));
            assertThat(poller.poll("wire")).isNull();
            assertThat(requests()).isEqualTo(after);
            clock.advance(Duration.ofMillis(1));
            expected = expected.multipliedBy(2).compareTo(CAP) > 0 ? CAP : expected.multipliedBy(2);
        }
    }

    private long requests() {
        return wire.countRequestsMatching(
                        getRequestedFor(urlEqualTo("/feed.rss")).build())
                .getCount();
    }

    private HttpPoller poller(String url, String extra) {
        try {
            Files.writeString(dir.resolve("wire.yaml"), """
                    name: Wire
                    transport:
                      type: http-poll
                      url: %s
                      pollInterval: 100ms
                      connectTimeout: 1s
                      readTimeout: 1s
                    %s""".formatted(url, extra), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MappingRegistry mappings = new MappingRegistry(dir);
        TransportCredentials credentials =
                new TransportCredentials(mappings, new MockEnvironment().withProperty("POLL_TOKEN", "t0ken"));
        return new HttpPoller(mappings, credentials, clock, DataSize.ofKilobytes(64), CAP, 1000);
    }

    private static void serveEndlessChunks(ServerSocket server, AtomicLong written) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            byte[] request = new byte[4096];
            in.read(request);
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("2000\r\n" + " ".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            while (written.get() < 64L * 1024 * 1024) {
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
        } catch (IOException expected) {
            // the poller closed the connection
        }
    }
}
