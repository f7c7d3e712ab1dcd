package org.wiregate.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wiregate.article.Language;

/**
 * {@code /feeds/{lang}/breaking.{format}} and {@code /feeds/{lang}/{section|region|tag|type}/{slug}.{format}}:
 * the same rendered-once pages, validators and gzip as the main feeds. Every segment is checked
 * against an allow-list before the store is asked anything; whatever else is asked for under
 * {@code /feeds/} is a 404 that says what exists.
 */
@RestController
class FeedSlices {

    private final FeedService feeds;
    private final FeedMaxAge maxAge;
    private final MeterRegistry registry;
    private final PublicUrls urls;

    FeedSlices(FeedService feeds, FeedMaxAge maxAge, MeterRegistry registry, PublicUrls urls) {
        this.feeds = feeds;
        this.maxAge = maxAge;
        this.registry = registry;
        this.urls = urls;
    }

    @GetMapping("/feeds/{lang}/breaking.{format}")
    ResponseEntity<byte[]> breaking(
            @PathVariable String lang,
            @PathVariable String format,
            @RequestParam(defaultValue = "1") String page,
            HttpServletRequest request) {
        return serve(lang, FeedSlice.BREAKING, format, page, request);
    }

    @GetMapping("/feeds/{lang}/{kind}/{slug}.{format}")
    ResponseEntity<byte[]> slice(
            @PathVariable String lang,
            @PathVariable String kind,
            @PathVariable String slug,
            @PathVariable String format,
            @RequestParam(defaultValue = "1") String page,
            HttpServletRequest request) {
        FeedSlice slice = FeedSlice.parse(kind, slug)
                .orElseThrow(
                        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + kind + " feed '" + slug + "'"));
        return serve(lang, slice, format, page, request);
    }

    /** Anything else under /feeds/: a 404 with the map of what exists (see {@link FeedNotFound}). */
    @RequestMapping("/feeds/**")
    ResponseEntity<byte[]> unknown() {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such feed");
    }

    private ResponseEntity<byte[]> serve(
            String lang, FeedSlice slice, String format, String page, HttpServletRequest request) {
        Language language = Language.fromTag(lang)
                .filter(l -> l.code().equals(lang))
                .orElseThrow(
                        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no feeds in language '" + lang + "'"));
        FeedFormat feedFormat = FeedFormat.fromExtension(format)
                .orElseThrow(
                        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no feed format '" + format + "'"));
        int pageNumber = FeedController.pageNumber(page);
        Optional<RenderedFeed> rendered = feeds.feed(language, slice, feedFormat, pageNumber);
        if (rendered.isEmpty()) {
            throw new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "page " + pageNumber + " is past the end of the feed");
        }
        ResponseEntity<byte[]> response =
                FeedController.respond(rendered.get(), request, maxAge.cacheControl(slice.cacheKind()));
        if (pageNumber == 1) {
            // Every feed's first page is a WebSub topic (websub/WebSubTopics).
            response = FeedController.withWebSubLinks(response, urls.hub(), urls.feed(language, slice, feedFormat, 1));
        }
        count(language.code() + "/" + slice.kind().segment() + "." + feedFormat.extension(), response);
        return response;
    }

    /** The main feeds' counters, tagged "{lang}/{kind}.{format}": never the slug, so at most 3 x 5 x 3 values. */
    private void count(String feed, ResponseEntity<byte[]> response) {
        Counter.builder("wiregate.feed.requests")
                .description("Feed requests answered, by feed ({lang}.{format}) and status (200, 304)")
                .tag("feed", feed)
                .tag("status", Integer.toString(response.getStatusCode().value()))
                .register(registry)
                .increment();
        byte[] body = response.getBody();
        Counter.builder("wiregate.feed.bytes")
                .description("Feed body bytes sent (gzipped when the client asked), by feed")
                .tag("feed", feed)
                .register(registry)
                .increment(body == null ? 0 : body.length);
    }
}
