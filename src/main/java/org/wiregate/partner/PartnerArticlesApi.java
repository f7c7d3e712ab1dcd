package org.wiregate.partner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Language;
import org.wiregate.article.Status;
import org.wiregate.publish.NinjsWriter;
import org.wiregate.publish.PublicUrls;
import org.wiregate.store.ArticleScope;
import org.wiregate.store.ChangeLog;
import org.wiregate.store.EditionRepository;
import org.wiregate.store.GatewaySecrets;
import org.wiregate.store.Sha256;

/**
 * The partner content API, in ninjs 2.x, under the caller's entitlements; {@code /api/articles}
 * is the same API under its first, shorter name (a key is required there too):
 * <ul>
 *   <li>{@code GET /api/partner/articles?since=&cursor=&limit=&lang=}: the delta. Every (id, version)
 *   the partner may see arrives exactly once, in change-log order, while new copy keeps arriving;
 *   a correction is the same id with a new version; a kill is {@code pubstatus: canceled} without body.</li>
 *   <li>{@code GET /api/partner/articles/{id}}: one item, by its short id or its {@code uri}, or the
 *   same 404 whether it does not exist or the partner may not see it.</li>
 *   <li>{@code GET /api/partner/me}: the caller's contract as the gateway applies it.</li>
 * </ul>
 */
@RestController
class PartnerArticlesApi {

    static final String MEDIA_TYPE = "application/json;charset=utf-8";
    static final String ITEMS_ATTRIBUTE = "org.wiregate.partner.items";
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 100;

    private final ChangeLog changes;
    private final EditionRepository editions;
    private final NinjsWriter writer;
    private final UsageTerms terms;
    private final PublicUrls urls;
    private final Clock clock;
    private final Duration cursorTtl;
    private final GatewaySecrets secrets;
    private static final String CURSOR_SECRET = "delta-cursor";

    PartnerArticlesApi(
            ChangeLog changes,
            EditionRepository editions,
            NinjsWriter writer,
            UsageTerms terms,
            PublicUrls urls,
            Clock clock,
            @Value("${gateway.partners.cursor-ttl:P7D}") Duration cursorTtl,
            GatewaySecrets secrets) {
        this.secrets = secrets;
        this.changes = changes;
        this.editions = editions;
        this.writer = writer;
        this.terms = terms;
        this.urls = urls;
        this.clock = clock;
        this.cursorTtl = cursorTtl;
    }

    @GetMapping({"/api/partner/articles", "/api/articles"})
    ResponseEntity<byte[]> delta(
            @RequestAttribute(PartnerAccess.ATTRIBUTE) PartnerAccess access,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String lang,
            HttpServletRequest request) {
        Instant now = clock.instant();
        int size = limit(limit);
        Language language = lang == null
                ? null
                : Language.fromTag(lang)
                        .filter(l -> l.code().equals(lang))
                        .orElseThrow(() -> Problems.badRequest("bad-parameter", "lang must be en, ar or es."));
        ArticleScope scope = language == null ? access.scope() : access.scope().onlyLanguage(language);
        long after = 0;
        Instant from = null;
        if (cursor != null) {
            DeltaCursor position = DeltaCursor.decode(cursor, access.partnerId(), secrets.secret(CURSOR_SECRET));
            if (position.issuedAt().plus(cursorTtl).isBefore(now)) {
                throw new Problems.ProblemException(
                        HttpStatus.GONE,
                        "cursor-expired",
                        "This cursor is older than "
                                + cursorTtl.toDays()
                                + " days. Start again with since=<the 'generated' time of the last page you read, less a few minutes>;"
                                + " items you already have may come again and are recognised by uri and version.");
            }
            after = position.seq();
        } else if (since != null) {
            from = instant(since);
        }
        List<ChangeLog.Entry> page = changes.after(after, from, scope, size);
        Map<ArticleId, List<Article>> siblings = editions.publishedSiblings(
                page.stream().map(e -> e.article().id()).toList(), access.scope(), now);

        ObjectNode answer = writer.mapper().createObjectNode();
        ArrayNode items = answer.putArray("items");
        for (ChangeLog.Entry entry : page) {
            Article article = entry.article();
            items.add(writer.item(
                    article,
                    entry.editionGroup(),
                    visible(siblings.getOrDefault(article.id(), List.of()), access, now),
                    cut(article, access)));
        }
        long last = page.isEmpty() ? after : page.get(page.size() - 1).seq();
        String next = new DeltaCursor(access.partnerId(), last, now).encode(secrets.secret(CURSOR_SECRET));
        answer.put("cursor", next);
        answer.put(
                "next",
                urls.base() + request.getRequestURI() + "?limit=" + size
                        + (language == null ? "" : "&lang=" + language.code()) + "&cursor="
                        + URLEncoder.encode(next, StandardCharsets.UTF_8));
        // A full page means more is waiting; a short one means caught up (poll next again later).
        answer.put("more", page.size() == size);
        answer.put("generated", now.toString());
        request.setAttribute(ITEMS_ATTRIBUTE, page.size());
        return json(writer.bytes(answer));
    }

    @GetMapping({"/api/partner/articles/{id}", "/api/articles/{id}"})
    ResponseEntity<byte[]> article(
            @RequestAttribute(PartnerAccess.ATTRIBUTE) PartnerAccess access,
            @PathVariable String id,
            @RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch,
            HttpServletRequest request) {
        ArticleId articleId = articleId(id).orElseThrow(Problems::notFound);
        Instant now = clock.instant();
        EditionRepository.Grouped found = editions.find(articleId).orElseThrow(Problems::notFound);
        Article article = found.article();
        boolean canceledInScope =
                article.status() == Status.CANCELED && access.scope().permits(article);
        if (!canceledInScope && !access.scope().showsAt(article, now)) {
            throw Problems.notFound();
        }
        List<Article> editionsOf = editions.publishedSiblings(List.of(articleId), access.scope(), now)
                .getOrDefault(articleId, List.of());
        byte[] body = writer.bytes(
                writer.item(article, found.group(), visible(editionsOf, access, now), cut(article, access)));
        String etag = '"' + Sha256.hex(body).substring(0, 32) + '"';
        if (matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(etag)
                    .cacheControl(CacheControl.noCache().cachePrivate())
                    .build();
        }
        request.setAttribute(ITEMS_ATTRIBUTE, 1);
        return ResponseEntity.ok()
                .header("Content-Type", MEDIA_TYPE)
                .eTag(etag)
                .cacheControl(CacheControl.noCache().cachePrivate())
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
    }

    @GetMapping("/api/partner/me")
    ResponseEntity<byte[]> me(@RequestAttribute(PartnerAccess.ATTRIBUTE) PartnerAccess access) {
        ObjectNode answer = writer.mapper().createObjectNode();
        answer.put("id", access.partnerId());
        answer.put("name", access.partner().name());
        answer.set("entitlements", EntitlementsJson.toJson(access.partner().entitlements()));
        ArrayNode sources = answer.putArray("agencies");
        access.scope().sources().stream().sorted().forEach(sources::add);
        answer.putObject("rateLimit")
                .put("perMinute", access.partner().ratePerMinute())
                .put("burst", access.partner().burst());
        return json(writer.bytes(answer));
    }

    private static final String URN_PREFIX = "urn:wiregate:article:";

    /**
     * The id in either form a partner is given: the short id, or the {@code uri} the delta, items and
     * edition links carry ({@code urn:wiregate:article:<id>}; its colons may arrive percent-encoded,
     * which the path variable has decoded). The prefix is matched regardless of case, as URN schemes
     * and namespaces are; the id itself is not.
     */
    static Optional<ArticleId> articleId(String id) {
        String value =
                id.regionMatches(true, 0, URN_PREFIX, 0, URN_PREFIX.length()) ? id.substring(URN_PREFIX.length()) : id;
        try {
            return Optional.of(new ArticleId(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Edition links only to what this partner may see (the query did it; the check keeps it so). */
    private static List<Article> visible(List<Article> siblings, PartnerAccess access, Instant now) {
        return siblings.stream().filter(s -> access.scope().showsAt(s, now)).toList();
    }

    private NinjsWriter.Cut cut(Article article, PartnerAccess access) {
        return new NinjsWriter.Cut(access.text() == TextAccess.SUMMARY, terms.of(article, access.partner()));
    }

    private static ResponseEntity<byte[]> json(byte[] body) {
        return ResponseEntity.ok()
                .header("Content-Type", MEDIA_TYPE)
                .cacheControl(CacheControl.noCache().cachePrivate())
                .header("X-Content-Type-Options", "nosniff")
                .body(body);
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

    /** RFC 3339 with any offset ({@code +03:00}, {@code -05:00}, {@code Z}), normalised to UTC. */
    static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value.replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw Problems.badRequest(
                    "bad-parameter",
                    "since must be an RFC 3339 date-time with an offset,"
                            + " e.g. 2026-11-19T16:30:00Z or 2026-11-19T19:30:00+03:00.");
        }
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // the 400 below
        }
        throw Problems.badRequest("bad-parameter", "limit must be a number from 1 to " + MAX_LIMIT + ".");
    }
}
