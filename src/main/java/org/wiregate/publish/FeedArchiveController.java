package org.wiregate.publish;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wiregate.article.Language;

/**
 * RFC 5005 archive documents: {@code /feeds/{lang}/archive/{day}.{format}} and the same under each
 * slice ({@code /feeds/{lang}/breaking/archive/…}, {@code /feeds/{lang}/{kind}/{slug}/archive/…}).
 * A closed archive never changes, so it may be kept for a year and revalidated by its ETag.
 */
@RestController
class FeedArchiveController {

    /** Closed archives never change: a year, and immutable so browsers do not even revalidate. */
    static final CacheControl CLOSED =
            CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final FeedArchives archives;

    FeedArchiveController(FeedArchives archives) {
        this.archives = archives;
    }

    @GetMapping("/feeds/{lang}/archive/{day}.{format}")
    ResponseEntity<byte[]> main(
            @PathVariable String lang,
            @PathVariable String day,
            @PathVariable String format,
            HttpServletRequest request) {
        return serve(lang, FeedSlice.ALL, day, format, request);
    }

    @GetMapping("/feeds/{lang}/breaking/archive/{day}.{format}")
    ResponseEntity<byte[]> breaking(
            @PathVariable String lang,
            @PathVariable String day,
            @PathVariable String format,
            HttpServletRequest request) {
        return serve(lang, FeedSlice.BREAKING, day, format, request);
    }

    @GetMapping("/feeds/{lang}/{kind}/{slug}/archive/{day}.{format}")
    ResponseEntity<byte[]> slice(
            @PathVariable String lang,
            @PathVariable String kind,
            @PathVariable String slug,
            @PathVariable String day,
            @PathVariable String format,
            HttpServletRequest request) {
        FeedSlice slice = FeedSlice.parse(kind, slug)
                .orElseThrow(
                        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + kind + " feed '" + slug + "'"));
        return serve(lang, slice, day, format, request);
    }

    private ResponseEntity<byte[]> serve(
            String lang, FeedSlice slice, String day, String format, HttpServletRequest request) {
        Language language = Language.fromTag(lang)
                .filter(l -> l.code().equals(lang))
                .orElseThrow(
                        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no feeds in language '" + lang + "'"));
        FeedFormat feedFormat = FeedFormat.fromExtension(format)
                .orElseThrow(
                        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no feed format '" + format + "'"));
        LocalDate date = day(day);
        return archives.archive(language, slice, date, feedFormat)
                .map(feed -> FeedController.respond(feed, request, CLOSED))
                .orElseThrow(() -> new ResponseStatusException(
                        HttpStatus.NOT_FOUND,
                        archives.absence(language, slice, date).orElse("no archive for " + day)));
    }

    /** {@code yyyy-mm-dd}, a UTC day; anything else is a 404 before any query. */
    private static LocalDate day(String day) {
        if (!day.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "an archive is named by its UTC day, yyyy-mm-dd");
        }
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such day: " + day);
        }
    }
}
