package org.wiregate.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wiregate.article.Language;

/**
 * {@code /feeds/{lang}.{rss|atom|json}}: conditional GET (ETag, Last-Modified, 304) and gzip from
 * bytes rendered once, so a poll that finds nothing new costs a map lookup.
 */
@RestController
public class FeedController {

    private final FeedService feeds;
    private final MeterRegistry registry;
    private final PublicUrls urls;
    private final FeedMaxAge maxAge;
    /** At most 3 x 3 feeds x 2 statuses, and 3 x 3 feeds: the keys come from validated values only. */
    private final Map<String, Counter> requestCounters = new ConcurrentHashMap<>();

    private final Map<String, Counter> byteCounters = new ConcurrentHashMap<>();

    FeedController(FeedService feeds, MeterRegistry registry, PublicUrls urls, FeedMaxAge maxAge) {
        this.feeds = feeds;
        this.registry = registry;
        this.urls = urls;
        this.maxAge = maxAge;
    }

    @GetMapping("/feeds/{lang}.{format}")
    ResponseEntity<byte[]> latest(
            @PathVariable String lang,
            @PathVariable String format,
            @RequestParam(defaultValue = "1") String page,
            HttpServletRequest request) {
        Language language = Language.fromTag(lang)
                .filter(l -> l.code().equals(lang))
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "no feeds in language '" + lang + "' (en, ar, es)"));
        FeedFormat feedFormat = FeedFormat.fromExtension(format)
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "no feed format '" + format + "' (rss, atom, json)"));
        int pageNumber = pageNumber(page);
        Optional<ResponseEntity<byte[]>> response = serve(language, feedFormat, pageNumber, request);
        if (response.isEmpty()) {
            throw new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "page " + pageNumber + " is past the end of the feed");
        }
        return response.get();
    }

    /** The answer for one page of a language's main feed, counted; empty past the last page. */
    Optional<ResponseEntity<byte[]>> serve(
            Language language, FeedFormat feedFormat, int pageNumber, HttpServletRequest request) {
        Optional<RenderedFeed> rendered = feeds.latest(language, feedFormat, pageNumber);
        if (rendered.isEmpty()) {
            return Optional.empty();
        }
        ResponseEntity<byte[]> response = respond(rendered.get(), request, maxAge.cacheControl(FeedMaxAge.Kind.MAIN));
        if (pageNumber == 1) {
            // Only first pages are WebSub topics (WebSubTopics); older pages do not change.
            response = withWebSubLinks(response, urls.hub(), urls.feed(language, feedFormat, 1));
        }
        count(language.code() + "." + feedFormat.extension(), response);
        return Optional.of(response);
    }

    /**
     * wiregate_feed_requests_total{feed,status} and wiregate_feed_bytes_total{feed}. The feed tag is
     * "{lang}.{format}" from the validated language and format, never the request path: at most
     * 3 x 3 values whatever clients send (unknown feeds are 404s and not counted).
     */
    private void count(String feed, ResponseEntity<byte[]> response) {
        // The counters are looked up once per tag set and kept: registering per request built a meter id
        // and searched the registry twice for every feed served (a profiled share of the 304 path).
        String status = Integer.toString(response.getStatusCode().value());
        requestCounters
                .computeIfAbsent(
                        feed + ' ' + status,
                        k -> Counter.builder("wiregate.feed.requests")
                                .description("Feed requests answered, by feed ({lang}.{format}) and status (200, 304)")
                                .tag("feed", feed)
                                .tag("status", status)
                                .register(registry))
                .increment();
        byte[] body = response.getBody();
        byteCounters
                .computeIfAbsent(
                        feed,
                        k -> Counter.builder("wiregate.feed.bytes")
                                .description("Feed body bytes sent (gzipped when the client asked), by feed")
                                .tag("feed", feed)
                                .register(registry))
                .increment(body == null ? 0 : body.length);
    }

    /** WebSub discovery (W3C WebSub 4): {@code Link: <hub>; rel="hub", <self>; rel="self"} on every feed response. */
    static ResponseEntity<byte[]> withWebSubLinks(ResponseEntity<byte[]> response, String hub, String self) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(response.getHeaders());
        headers.add(HttpHeaders.LINK, "<" + hub + ">; rel=\"hub\", <" + self + ">; rel=\"self\"");
        return new ResponseEntity<>(response.getBody(), headers, response.getStatusCode());
    }

    /** The answer for rendered feed bytes: validators, 304, gzip; shared by public and partner feeds. */
    public static ResponseEntity<byte[]> respond(RenderedFeed feed, HttpServletRequest request, CacheControl caching) {
        boolean gzip = acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        String etag = gzip ? feed.gzipEtag() : feed.etag();
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, feed.mediaType());
        headers.setETag(etag);
        if (feed.lastModified().isAfter(Instant.EPOCH)) {
            // An empty feed has no newest item: no Last-Modified rather than 1970 (MVC drops that one anyway).
            headers.setLastModified(feed.lastModified().truncatedTo(ChronoUnit.SECONDS));
        }
        headers.setCacheControl(caching);
        headers.setVary(List.of(HttpHeaders.ACCEPT_ENCODING));
        headers.set("X-Content-Type-Options", "nosniff");
        if (notModified(request, feed, etag)) {
            return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
        }
        if (gzip) {
            headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
            return new ResponseEntity<>(feed.gzipped(), headers, HttpStatus.OK);
        }
        return new ResponseEntity<>(feed.body(), headers, HttpStatus.OK);
    }

    /** If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2); either ETag variant matches. */
    private static boolean notModified(HttpServletRequest request, RenderedFeed feed, String etag) {
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            for (String candidate : ifNoneMatch.split(",")) {
                String tag = candidate.trim();
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.equals("*") || tag.equals(feed.etag()) || tag.equals(feed.gzipEtag()) || tag.equals(etag)) {
                    return true;
                }
            }
            return false;
        }
        long since;
        try {
            since = request.getDateHeader(HttpHeaders.IF_MODIFIED_SINCE);
        } catch (IllegalArgumentException unparseable) {
            return false;
        }
        return since >= 0
                && !feed.lastModified().truncatedTo(ChronoUnit.SECONDS).isAfter(Instant.ofEpochMilli(since));
    }

    private static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equals("gzip")) {
                return !(parts.length > 1 && parts[1].trim().matches("q=0(\\.0*)?"));
            }
        }
        return false;
    }

    /** {@code ?page=}: 1 to 100,000, else a 400. */
    public static int pageNumber(String page) {
        try {
            int n = Integer.parseInt(page);
            if (n >= 1 && n <= 100_000) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the 400 below
        }
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be a number from 1");
    }
}
