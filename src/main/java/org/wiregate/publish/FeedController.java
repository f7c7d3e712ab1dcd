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
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;
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

    private static final Pattern ZERO_QUALITY = Pattern.compile("q=0(\\.0*)?");

    private final FeedService feeds;
    private final MeterRegistry registry;
    private final PublicUrls urls;
    private final FeedMaxAge maxAge;
    /** At most 3 x 3 feeds x 2 statuses, and 3 x 3 feeds: the keys come from validated values only. */
    private final Map<String, Counter> requestCounters = new ConcurrentHashMap<>();

    private final Map<String, Counter> byteCounters = new ConcurrentHashMap<>();

    /** The answers of each main feed's first page, by language and format, for the rendering they were built from. */
    private final AtomicReferenceArray<FeedAnswers> firstPages =
            new AtomicReferenceArray<>(Language.values().length * FeedFormat.values().length);

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
        return answer(language, feedFormat, pageNumber, request).map(FeedAnswer::entity);
    }

    /**
     * The same answer with its headers as name and value arrays, counted; empty past the last page.
     * A first page's four answers (plain or gzip, 200 or 304) are built once per rendering and kept
     * with it: a poll then costs two header comparisons and a counter, not a header map, a date
     * format and a Link string per request (a profiled third of the fast path's own time).
     */
    Optional<FeedAnswer> answer(Language language, FeedFormat feedFormat, int pageNumber, HttpServletRequest request) {
        Optional<RenderedFeed> rendered = feeds.latest(language, feedFormat, pageNumber);
        if (rendered.isEmpty()) {
            return Optional.empty();
        }
        RenderedFeed feed = rendered.get();
        FeedAnswers answers;
        if (pageNumber == 1) {
            int slot = language.ordinal() * FeedFormat.values().length + feedFormat.ordinal();
            answers = firstPages.get(slot);
            if (answers == null || answers.feed() != feed) {
                answers = answers(language, feedFormat, pageNumber, feed);
                firstPages.set(slot, answers);
            }
        } else {
            answers = answers(language, feedFormat, pageNumber, feed);
        }
        FeedAnswer answer = answers.pick(request);
        answer.count();
        return Optional.of(answer);
    }

    private FeedAnswers answers(Language language, FeedFormat feedFormat, int pageNumber, RenderedFeed feed) {
        String name = language.code() + "." + feedFormat.extension();
        CacheControl caching = maxAge.cacheControl(FeedMaxAge.Kind.MAIN);
        // Only first pages are WebSub topics (WebSubTopics); older pages do not change.
        String self = pageNumber == 1 ? urls.feed(language, feedFormat, 1) : null;
        return FeedAnswers.of(feed, (gzip, notModified) -> {
            ResponseEntity<byte[]> entity = respond(feed, gzip, notModified, caching);
            if (self != null) {
                entity = withWebSubLinks(entity, urls.hub(), self);
            }
            return new FeedAnswer(
                    entity,
                    requestCounter(name, entity),
                    bytesCounter(name),
                    entity.getBody() == null ? 0 : entity.getBody().length);
        });
    }

    /**
     * wiregate_feed_requests_total{feed,status} and wiregate_feed_bytes_total{feed}. The feed tag is
     * "{lang}.{format}" from the validated language and format, never the request path: at most
     * 3 x 3 values whatever clients send (unknown feeds are 404s and not counted). The counters are
     * looked up when a page's answers are built and kept with them: registering per request built a
     * meter id and searched the registry twice for every feed served.
     */
    private Counter requestCounter(String feed, ResponseEntity<byte[]> response) {
        String status = Integer.toString(response.getStatusCode().value());
        return requestCounters.computeIfAbsent(
                feed + ' ' + status,
                k -> Counter.builder("wiregate.feed.requests")
                        .description("Feed requests answered, by feed ({lang}.{format}) and status (200, 304)")
                        .tag("feed", feed)
                        .tag("status", status)
                        .register(registry));
    }

    private Counter bytesCounter(String feed) {
        return byteCounters.computeIfAbsent(
                feed,
                k -> Counter.builder("wiregate.feed.bytes")
                        .description("Feed body bytes sent (gzipped when the client asked), by feed")
                        .tag("feed", feed)
                        .register(registry));
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
        return respond(feed, gzip, notModified(request, feed, gzip ? feed.gzipEtag() : feed.etag()), caching);
    }

    /** One of the four answers for rendered feed bytes, by what the request asked. */
    static ResponseEntity<byte[]> respond(RenderedFeed feed, boolean gzip, boolean notModified, CacheControl caching) {
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
        if (notModified) {
            return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
        }
        if (gzip) {
            headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
            return new ResponseEntity<>(feed.gzipped(), headers, HttpStatus.OK);
        }
        return new ResponseEntity<>(feed.body(), headers, HttpStatus.OK);
    }

    /** If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2); either ETag variant matches. */
    static boolean notModified(HttpServletRequest request, RenderedFeed feed, String etag) {
        return notModified(request, feed.etag(), feed.gzipEtag(), etag, feed.lastModified());
    }

    static boolean notModified(
            HttpServletRequest request, String plainEtag, String gzipEtag, String etag, Instant lastModified) {
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            if (ifNoneMatch.equals(etag)) {
                return true; // what a poller sends back: the ETag it was given, alone
            }
            for (String candidate : ifNoneMatch.split(",")) {
                String tag = candidate.trim();
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.equals("*") || tag.equals(plainEtag) || tag.equals(gzipEtag) || tag.equals(etag)) {
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
        return since >= 0 && !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(Instant.ofEpochMilli(since));
    }

    /**
     * Whether Accept-Encoding names gzip without {@code q=0}: the first gzip coding decides. Read in
     * place, without lower-casing and splitting the header, as every poll asks it.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        int length = acceptEncoding.length();
        int start = 0;
        while (start < length) {
            int end = acceptEncoding.indexOf(',', start);
            if (end < 0) {
                end = length;
            }
            int semicolon = acceptEncoding.indexOf(';', start);
            int nameEnd = semicolon >= 0 && semicolon < end ? semicolon : end;
            if (isToken(acceptEncoding, start, nameEnd, "gzip")) {
                if (nameEnd == end) {
                    return true;
                }
                int paramEnd = acceptEncoding.indexOf(';', nameEnd + 1);
                String parameter = acceptEncoding
                        .substring(nameEnd + 1, paramEnd >= 0 && paramEnd < end ? paramEnd : end)
                        .trim()
                        .toLowerCase(Locale.ROOT);
                return !ZERO_QUALITY.matcher(parameter).matches();
            }
            start = end + 1;
        }
        return false;
    }

    /** Whether text[from, to), less surrounding whitespace, is the token, ignoring case. */
    private static boolean isToken(String text, int from, int to, String token) {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        return to - from == token.length() && text.regionMatches(true, from, token, 0, token.length());
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
