package org.wiregate.publish;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Language;
import org.wiregate.article.Status;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.ArticleRepository.Change;
import org.wiregate.store.ArticleRepository.ChangeQuery;
import org.wiregate.store.EditionRepository;
import org.wiregate.store.Sha256;

/**
 * The partner API in ninjs 2.x: {@code GET /api/articles/{id}} and the change list
 * {@code GET /api/articles}, walked with an opaque keyset cursor. Public for now; partner keys
 * (and the entitlement predicate in {@link ArticleRepository#findChanged}) come later.
 */
@RestController
class NinjsApiController {

    static final String MEDIA_TYPE = "application/json;charset=utf-8";
    private static final int DEFAULT_LIMIT = 20;

    private final ArticleRepository articles;
    private final EditionRepository editions;
    private final NinjsWriter writer;
    private final PublicUrls urls;
    private final Clock clock;
    private final Duration settle;

    NinjsApiController(ArticleRepository articles, EditionRepository editions, NinjsWriter writer, PublicUrls urls, Clock clock,
                       @Value("${gateway.api.settle:1s}") Duration settle) {
        this.articles = articles;
        this.editions = editions;
        this.writer = writer;
        this.urls = urls;
        this.clock = clock;
        this.settle = settle;
    }

    @GetMapping("/api/articles/{id}")
    ResponseEntity<byte[]> article(@PathVariable String id,
                                   @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        ArticleId articleId;
        try {
            articleId = new ArticleId(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no article " + id);
        }
        Instant now = clock.instant();
        EditionRepository.Grouped found = editions.find(articleId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no article " + id));
        Article article = found.article();
        if (article.status() == Status.CANCELED) {
            throw new ResponseStatusException(HttpStatus.GONE, "this article was withdrawn by the agency");
        }
        if (!article.isPublishableAt(now)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no article " + id);
        }
        List<Article> siblings = editions.publishedSiblings(List.of(articleId), now).getOrDefault(articleId, List.of());
        byte[] body = writer.bytes(writer.item(article, found.group(), siblings));
        String etag = '"' + Sha256.hex(body).substring(0, 32) + '"';
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE);
        headers.setETag(etag);
        headers.setCacheControl(CacheControl.noCache());
        headers.set("X-Content-Type-Options", "nosniff");
        if (matches(ifNoneMatch, etag)) {
            return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
        }
        return new ResponseEntity<>(body, headers, HttpStatus.OK);
    }

    @GetMapping("/api/articles")
    ResponseEntity<byte[]> list(@RequestParam(required = false) String lang, @RequestParam(required = false) String since,
                                @RequestParam(required = false) String cursor, @RequestParam(required = false) String limit) {
        Language language = lang == null ? null : Language.fromTag(lang).filter(l -> l.code().equals(lang))
                .orElseThrow(() -> badRequest("lang must be en, ar or es"));
        Instant sinceInstant = since == null ? null : instant(since);
        int size = limit(limit);
        Cursor after = cursor == null ? null : Cursor.decode(cursor);
        Instant now = clock.instant();
        List<Change> changes = articles.findChanged(new ChangeQuery(language, sinceInstant,
                after == null ? null : after.storedAt(), after == null ? null : after.id(), size), now, settle);
        Map<ArticleId, List<Article>> siblings = editions.publishedSiblings(
                changes.stream().map(c -> c.article().id()).toList(), now);

        ObjectNode answer = writer.mapper().createObjectNode();
        ArrayNode items = answer.putArray("items");
        for (Change change : changes) {
            Article article = change.article();
            items.add(writer.item(article, change.editionGroup(), siblings.getOrDefault(article.id(), List.of())));
        }
        // Always a next link: an empty page means "caught up"; polling next later gets what arrived since.
        Cursor last = changes.isEmpty() ? after
                : new Cursor(changes.get(changes.size() - 1).storedAt(), changes.get(changes.size() - 1).article().id());
        answer.put("next", next(language, since, size, last));
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE).cacheControl(CacheControl.noCache())
                .header("X-Content-Type-Options", "nosniff").body(writer.bytes(answer));
    }

    private String next(Language language, String since, int limit, Cursor cursor) {
        StringBuilder url = new StringBuilder(urls.base()).append("/api/articles?limit=").append(limit);
        if (language != null) {
            url.append("&lang=").append(language.code());
        }
        if (since != null) {
            url.append("&since=").append(URLEncoder.encode(since, StandardCharsets.UTF_8));
        }
        if (cursor != null) {
            url.append("&cursor=").append(cursor.encode());
        }
        return url.toString();
    }

    /** The keyset position (stored_at, id) of the last item a client saw, as opaque base64url. */
    record Cursor(Instant storedAt, ArticleId id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((storedAt + "|" + id.value()).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String value) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|", 2);
                if (parts.length != 2) {
                    throw badRequest("cursor is not one this API gave");
                }
                return new Cursor(Instant.parse(parts[0]), new ArticleId(parts[1]));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw badRequest("cursor is not one this API gave");
            }
        }
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw badRequest("since must be an RFC 3339 date-time, e.g. 2026-11-19T16:30:00Z");
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 100) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the 400 below
        }
        throw badRequest("limit must be a number from 1 to 100");
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim().replaceFirst("^W/", "");
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static ResponseStatusException badRequest(String reason) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
    }
}
