package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.wiregate.article.Language;

/**
 * The answers a main feed page's rendering is served with, built once per rendering: each request
 * gets the answer an answer built for it alone would be, headers included, and counted.
 */
class FeedAnswersTest {

    private static final Instant UPDATED = Instant.parse("2026-12-01T10:15:30.250Z");

    private final FeedService service = mock(FeedService.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FeedMaxAge maxAge =
            new FeedMaxAge(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(300));
    private final PublicUrls urls = new PublicUrls("https://news.example.org");
    private final FeedController controller = new FeedController(service, registry, urls, maxAge);

    private static RenderedFeed rendering(String text) {
        return RenderedFeed.of(text.getBytes(StandardCharsets.UTF_8), FeedFormat.RSS, UPDATED, null);
    }

    private static MockHttpServletRequest request(String... headers) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/feeds/en.rss");
        for (int i = 0; i < headers.length; i += 2) {
            request.addHeader(headers[i], headers[i + 1]);
        }
        return request;
    }

    /** What one request would get with the answer built for it alone, as before answers were kept. */
    private ResponseEntity<byte[]> builtAlone(RenderedFeed feed, MockHttpServletRequest request) {
        return FeedController.withWebSubLinks(
                FeedController.respond(feed, request, maxAge.cacheControl(FeedMaxAge.Kind.MAIN)),
                urls.hub(),
                urls.feed(Language.EN, FeedFormat.RSS, 1));
    }

    @Test
    void everyRequestGetsTheAnswerBuiltForItAloneHeadersAndBody() {
        RenderedFeed feed = rendering("<rss>one</rss>");
        when(service.latest(Language.EN, FeedFormat.RSS, 1)).thenReturn(Optional.of(feed));
        List<MockHttpServletRequest> requests = List.of(
                request(),
                request("Accept-Encoding", "gzip, deflate, br"),
                request("Accept-Encoding", "GZIP;q=0.5"),
                request("Accept-Encoding", "gzip;q=0"),
                request("If-None-Match", feed.etag()),
                request("If-None-Match", feed.gzipEtag(), "Accept-Encoding", "gzip"),
                request("If-None-Match", "\"other\", W/" + feed.etag()),
                request("If-None-Match", "\"stale\""),
                request("If-Modified-Since", "Tue, 01 Dec 2026 10:15:30 GMT"),
                request("If-Modified-Since", "Tue, 01 Dec 2026 10:15:29 GMT", "Accept-Encoding", "gzip"));
        for (MockHttpServletRequest request : requests) {
            FeedAnswer kept =
                    controller.answer(Language.EN, FeedFormat.RSS, 1, request).orElseThrow();
            ResponseEntity<byte[]> alone = builtAlone(feed, request);
            assertThat(kept.entity().getStatusCode()).isEqualTo(alone.getStatusCode());
            assertThat(kept.body()).isEqualTo(alone.getBody());
            assertThat(kept.entity().getHeaders()).isEqualTo(alone.getHeaders());
            // the flattened headers the fast path copies are the same headers, in order
            List<String> flat = alone.getHeaders().entrySet().stream()
                    .flatMap(h -> h.getValue().stream().map(v -> h.getKey() + ": " + v))
                    .toList();
            String[] names = kept.headerNames();
            String[] values = kept.headerValues();
            assertThat(Arrays.stream(names).toList())
                    .hasSameSizeAs(Arrays.stream(values).toList());
            List<String> keptFlat = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                keptFlat.add(names[i] + ": " + values[i]);
            }
            assertThat(keptFlat).isEqualTo(flat);
        }
        assertThat(registry.get("wiregate.feed.requests")
                        .tag("feed", "en.rss")
                        .tag("status", "200")
                        .counter()
                        .count())
                .isEqualTo(6);
        assertThat(registry.get("wiregate.feed.requests")
                        .tag("feed", "en.rss")
                        .tag("status", "304")
                        .counter()
                        .count())
                .isEqualTo(4);
    }

    @Test
    void aNewRenderingGetsNewAnswersAndBytesAreCountedAsSent() {
        RenderedFeed first = rendering("<rss>one</rss>");
        RenderedFeed second = rendering("<rss>two, longer</rss>");
        when(service.latest(Language.EN, FeedFormat.RSS, 1)).thenReturn(Optional.of(first));
        FeedAnswer before =
                controller.answer(Language.EN, FeedFormat.RSS, 1, request()).orElseThrow();
        when(service.latest(Language.EN, FeedFormat.RSS, 1)).thenReturn(Optional.of(second));
        FeedAnswer after =
                controller.answer(Language.EN, FeedFormat.RSS, 1, request()).orElseThrow();

        assertThat(before.body()).isEqualTo(first.body());
        assertThat(after.body()).isEqualTo(second.body());
        assertThat(after.entity().getHeaders().getETag()).isEqualTo(second.etag());
        // the old ETag is no longer a match: the poller gets the new page
        FeedAnswer poll = controller
                .answer(Language.EN, FeedFormat.RSS, 1, request("If-None-Match", first.etag()))
                .orElseThrow();
        assertThat(poll.status()).isEqualTo(200);
        assertThat(registry.get("wiregate.feed.bytes")
                        .tag("feed", "en.rss")
                        .counter()
                        .count())
                .isEqualTo(first.body().length + 2.0 * second.body().length);
    }

    @Test
    void laterPagesAreNotWebSubTopics() {
        RenderedFeed page2 = rendering("<rss>page two</rss>");
        when(service.latest(Language.EN, FeedFormat.RSS, 2)).thenReturn(Optional.of(page2));
        FeedAnswer answer =
                controller.answer(Language.EN, FeedFormat.RSS, 2, request()).orElseThrow();
        assertThat(answer.entity().getHeaders().get("Link")).isNull();
        assertThat(controller.answer(Language.EN, FeedFormat.RSS, 3, request())).isEmpty();
    }

    @Test
    void acceptEncodingIsReadAsBeforeWithoutSplitting() {
        assertThat(FeedController.acceptsGzip(null)).isFalse();
        assertThat(FeedController.acceptsGzip("")).isFalse();
        assertThat(FeedController.acceptsGzip("gzip")).isTrue();
        assertThat(FeedController.acceptsGzip(" GZip ")).isTrue();
        assertThat(FeedController.acceptsGzip("deflate, gzip")).isTrue();
        assertThat(FeedController.acceptsGzip("br,gzip;q=0.8")).isTrue();
        assertThat(FeedController.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(FeedController.acceptsGzip("gzip; Q=0.000")).isFalse();
        assertThat(FeedController.acceptsGzip("gzip;q=0;x=1")).isFalse();
        assertThat(FeedController.acceptsGzip("x-gzip")).isFalse();
        assertThat(FeedController.acceptsGzip("gzipped, identity")).isFalse();
        assertThat(FeedController.acceptsGzip("gzip;q=0, gzip")).isFalse(); // the first gzip coding decides
        assertThat(FeedController.acceptsGzip("identity, *")).isFalse();
    }
}
