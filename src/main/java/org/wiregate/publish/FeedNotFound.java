package org.wiregate.publish;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;

/** Errors of the feed URLs as plain text a person can act on: what went wrong, and which feeds exist. */
@RestControllerAdvice(
        assignableTypes = {FeedController.class, FeedSlices.class, FeedCatalogue.class, NewsSitemaps.class})
class FeedNotFound {

    private final PublicUrls urls;

    FeedNotFound(PublicUrls urls) {
        this.urls = urls;
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<byte[]> explain(ResponseStatusException e) {
        HttpStatusCode status = e.getStatusCode();
        StringBuilder text = new StringBuilder()
                .append(status.value())
                .append(": ")
                .append(e.getReason() == null ? "not found" : e.getReason())
                .append("\n");
        if (status.value() == 404) {
            text.append("\nFeeds exist in these languages: ")
                    .append(join(Language.values(), Language::code))
                    .append("\nand these formats: rss, atom, json\n")
                    .append("\n  /feeds/{lang}.{format}              everything, newest first")
                    .append("\n  /feeds/{lang}/breaking.{format}     breaking news")
                    .append("\n  /feeds/{lang}/section/{section}.{format}   ")
                    .append(join(Section.values(), Section::slug))
                    .append("\n  /feeds/{lang}/region/{region}.{format}     ")
                    .append(join(Region.values(), Region::slug))
                    .append("\n  /feeds/{lang}/type/{type}.{format}         ")
                    .append(join(ContentType.values(), ContentType::slug))
                    .append("\n  /feeds/{lang}/tag/{tag}.{format}           a tag: letters, digits and dashes")
                    .append("\n\nEvery feed is listed at ")
                    .append(urls.base())
                    .append("/feeds (?lang=en|ar|es) and ")
                    .append(urls.base())
                    .append("/feeds.opml\n");
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.parseMediaType("text/plain;charset=utf-8"))
                .cacheControl(CacheControl.noCache())
                .header("X-Content-Type-Options", "nosniff")
                .body(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static <E> String join(E[] values, Function<E, String> slug) {
        return Arrays.stream(values).map(slug).collect(Collectors.joining(", "));
    }
}
