package org.wiregate.publish;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import jakarta.servlet.http.HttpServletRequest;
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
class FeedController {

    private static final CacheControl CACHING = CacheControl.maxAge(java.time.Duration.ofMinutes(1)).cachePublic();

    private final FeedService feeds;

    FeedController(FeedService feeds) {
        this.feeds = feeds;
    }

    @GetMapping("/feeds/{lang}.{format}")
    ResponseEntity<byte[]> latest(@PathVariable String lang, @PathVariable String format,
                                  @RequestParam(defaultValue = "1") String page, HttpServletRequest request) {
        Language language = Language.fromTag(lang).filter(l -> l.code().equals(lang))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no feeds in language '" + lang + "' (en, ar, es)"));
        FeedFormat feedFormat = FeedFormat.fromExtension(format)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no feed format '" + format + "' (rss, atom, json)"));
        int pageNumber = pageNumber(page);
        Optional<RenderedFeed> rendered = feeds.latest(language, feedFormat, pageNumber);
        if (rendered.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "page " + pageNumber + " is past the end of the feed");
        }
        return respond(rendered.get(), request);
    }

    static ResponseEntity<byte[]> respond(RenderedFeed feed, HttpServletRequest request) {
        boolean gzip = acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        String etag = gzip ? feed.gzipEtag() : feed.etag();
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, feed.mediaType());
        headers.setETag(etag);
        headers.setLastModified(feed.lastModified().truncatedTo(ChronoUnit.SECONDS));
        headers.setCacheControl(CACHING);
        headers.setVary(java.util.List.of(HttpHeaders.ACCEPT_ENCODING));
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
                String tag = candidate.trim().replaceFirst("^W/", "");
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
        return since >= 0 && !feed.lastModified().truncatedTo(ChronoUnit.SECONDS).isAfter(Instant.ofEpochMilli(since));
    }

    private static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.toLowerCase(java.util.Locale.ROOT).split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equals("gzip")) {
                return !(parts.length > 1 && parts[1].trim().matches("q=0(\\.0*)?"));
            }
        }
        return false;
    }

    private static int pageNumber(String page) {
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
