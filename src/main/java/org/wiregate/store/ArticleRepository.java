package org.wiregate.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Slugs;

/** Reads and writes stored articles; the version rules live in {@link ArticleStore}. */
@Repository
public class ArticleRepository {

    /** The visibility rule in SQL: usable and out of embargo. Keep in step with {@link Article#isPublishableAt}. */
    private static final String PUBLISHABLE = "status = 'USABLE' AND (embargo_until IS NULL OR embargo_until <= ?)";

    /** {@link #PUBLISHABLE} on the article table aliased {@code a}. */
    private static final String PUBLISHABLE_A =
            "a.status = 'USABLE' AND (a.embargo_until IS NULL OR a.embargo_until <= ?)";

    /** A language's feed order, as its index (article_feed_order) holds it: see {@link Facet#order}. */
    private static final String MAIN_FEED_ORDER = "a.language, a.first_published DESC, a.id DESC";

    private final JdbcClient jdbc;

    public ArticleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Article> find(ArticleId id) {
        return jdbc.sql("SELECT document FROM article WHERE id = ?")
                .param(id.value())
                .query((rs, n) -> ArticleDocuments.read(rs.getString(1)))
                .optional();
    }

    /** One page of a language's feed: newest first, id breaking ties so every page is stable. */
    public List<Article> findPublished(Language language, Instant now, int limit, int offset) {
        return findPublished(language, null, null, ArticleScope.PUBLIC, now, limit, offset);
    }

    /**
     * The slices of a language's feed. Each reads one index in feed order (language, slice value,
     * first publication, id; V13), so a page costs its own rows however large the archive: section,
     * type and breaking are columns of the article, tags and regions rows of their own tables that
     * carry the article's language and first publication.
     */
    public enum Facet {
        SECTION(
                "article a",
                "a.section = ? AND a.language = ?",
                "a.language, a.section, a.first_published DESC, a.id DESC"),
        TYPE(
                "article a",
                "a.content_type = ? AND a.language = ?",
                "a.language, a.content_type, a.first_published DESC, a.id DESC"),
        REGION(
                "article_region f JOIN article a ON a.id = f.article_id",
                "f.region = ? AND f.language = ?",
                "f.region, f.language, f.first_published DESC, f.article_id DESC"),
        TAG(
                "article_tag f JOIN article a ON a.id = f.article_id",
                "f.tag_key = ? AND f.language = ?",
                "f.tag_key, f.language, f.first_published DESC, f.article_id DESC"),
        BREAKING(
                "article a",
                "a.breaking = TRUE AND a.language = ?",
                "a.language, a.breaking, a.first_published DESC, a.id DESC");

        private final String from;
        private final String condition;
        /**
         * The order of the slice's index, leading columns included: they are fixed by the condition,
         * so the order is the feed's, and H2 reads the page off the index only when ORDER BY names
         * them (without them it sorts the whole slice; PostgreSQL does well either way).
         */
        private final String order;

        Facet(String from, String condition, String order) {
            this.from = from;
            this.condition = condition;
            this.order = order;
        }
    }

    /** A tag as stored: its key (the URL slug) and one of the spellings agencies sent. */
    public record PublishedTag(String key, String name) {}

    /**
     * One page of a slice of a language's feed, in the order of {@link #findPublished(Language, Instant, int, int)}.
     * {@code value} is the section, content type or region slug or the tag key; ignored for {@link Facet#BREAKING}.
     */
    public List<Article> findPublished(
            Language language, Facet facet, String value, Instant now, int limit, int offset) {
        return findPublished(language, facet, value, ArticleScope.PUBLIC, now, limit, offset);
    }

    /**
     * A page of a feed as a reader with {@code scope} sees it: the scope is part of the query, so
     * what it may not see is never read. {@code facet} null means the language's whole feed.
     */
    public List<Article> findPublished(
            Language language, Facet facet, String value, ArticleScope scope, Instant now, int limit, int offset) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        String from = "article a";
        String order = MAIN_FEED_ORDER;
        if (facet == null) {
            where.add("a.language = ?");
        } else {
            from = facet.from;
            order = facet.order;
            where.add(facet.condition);
            if (facet != Facet.BREAKING) {
                params.add(value);
            }
        }
        params.add(language.code());
        visible(scope, now, where, params);
        params.add(limit);
        params.add(offset);
        return jdbc.sql("SELECT a.document FROM " + from + " WHERE " + String.join(" AND ", where) + " ORDER BY "
                        + order + " LIMIT ? OFFSET ?")
                .params(params)
                .query((rs, n) -> ArticleDocuments.read(rs.getString(1)))
                .list();
    }

    /** The visibility rule plus the scope's conditions, on the article table aliased {@code a}. */
    private static void visible(ArticleScope scope, Instant now, List<String> where, List<Object> params) {
        if (scope.embargoPreview()) {
            where.add("a.status = 'USABLE'");
        } else {
            where.add(PUBLISHABLE_A);
            params.add(SqlTimes.utc(now));
        }
        scope.appendTo(where, params, "a");
    }

    /**
     * The tags of a language with copy first published since {@code since}, at most {@code limit}:
     * those with the most such copy, by key. Reads the window of the tag rows' (language, first
     * publication) index, so the catalogue grows with the window's copy, not the archive.
     */
    public List<PublishedTag> recentTags(Language language, Instant since, Instant now, int limit) {
        return jdbc
                .sql("SELECT f.tag_key, MIN(f.tag) FROM article_tag f JOIN article a ON a.id = f.article_id"
                        + " WHERE f.language = ? AND f.first_published >= ? AND " + PUBLISHABLE_A
                        + " GROUP BY f.tag_key ORDER BY COUNT(*) DESC, f.tag_key LIMIT ?")
                .params(language.code(), SqlTimes.utc(since), SqlTimes.utc(now), limit)
                .query((rs, n) -> new PublishedTag(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .sorted(Comparator.comparing(PublishedTag::key))
                .toList();
    }

    /** Published articles first released from {@code since}, newest first, for news sitemaps. */
    public List<Article> findPublishedSince(Language language, Instant since, Instant now, int limit) {
        return jdbc.sql("SELECT a.document FROM article a WHERE a.language = ? AND a.first_published >= ? AND "
                        + PUBLISHABLE_A + " ORDER BY " + MAIN_FEED_ORDER + " LIMIT ?")
                .params(language.code(), SqlTimes.utc(since), SqlTimes.utc(now), limit)
                .query((rs, n) -> ArticleDocuments.read(rs.getString(1)))
                .list();
    }

    public long countPublished(Language language, Instant now) {
        return countPublished(language, ArticleScope.PUBLIC, now);
    }

    /** How many articles of a language a reader with {@code scope} sees now (reads them all: not for renders). */
    public long countPublished(Language language, ArticleScope scope, Instant now) {
        return countPublished(language, scope, now, Long.MAX_VALUE);
    }

    /**
     * How many articles of a language a reader with {@code scope} sees now, counting no further than
     * {@code atMost}: what a feed render may afford, as it reads at most that many index entries (for
     * the public scope entries of article_visible_count, V42, and not the rows).
     */
    public long countPublished(Language language, ArticleScope scope, Instant now, long atMost) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        where.add("a.language = ?");
        params.add(language.code());
        visible(scope, now, where, params);
        String rows = "SELECT 1 FROM article a WHERE " + String.join(" AND ", where);
        if (atMost == Long.MAX_VALUE) {
            return jdbc.sql("SELECT COUNT(*) FROM (" + rows + ") counted")
                    .params(params)
                    .query(Long.class)
                    .single();
        }
        params.add(atMost);
        return jdbc.sql("SELECT COUNT(*) FROM (" + rows + " LIMIT ?) counted")
                .params(params)
                .query(Long.class)
                .single();
    }

    /** Later than any embargo: the upper end of the range {@link #nextEmbargoLapse} reads. */
    private static final OffsetDateTime NO_EMBARGO_ENDS_LATER = OffsetDateTime.parse("9999-01-01T00:00:00Z");

    /**
     * When the next embargo in this language lapses, so cached feeds can be dropped at that moment.
     * The range has an upper end: H2 sorts the NULLs of articles without an embargo after every date
     * (DEFAULT_NULL_ORDERING=HIGH), so an open range read all of them, a third of a million rows per
     * render at a million articles; bounded, it reads the pending embargoes only.
     */
    public Optional<Instant> nextEmbargoLapse(Language language, Instant now) {
        return jdbc.sql("SELECT MIN(embargo_until) FROM article WHERE language = ? AND status = 'USABLE'"
                        + " AND embargo_until > ? AND embargo_until < ?")
                .params(language.code(), SqlTimes.utc(now), NO_EMBARGO_ENDS_LATER)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
                .optional()
                .map(OffsetDateTime::toInstant);
    }

    /**
     * An article canceled (killed) at {@code at}: what Atom tombstones announce; {@code last} is its
     * stored (killed) version, which says the slices it was in, or null when not read.
     */
    public record Canceled(ArticleId id, Instant at, Article last) {

        public Canceled(ArticleId id, Instant at) {
            this(id, at, null);
        }
    }

    /** Articles of a language canceled since {@code from}, latest first (stored_at is when the kill was stored). */
    public List<Canceled> canceledSince(Language language, Instant from) {
        return canceledSince(language, ArticleScope.PUBLIC, from);
    }

    /** Canceled articles a reader with {@code scope} would have seen: its tombstones. */
    public List<Canceled> canceledSince(Language language, ArticleScope scope, Instant from) {
        List<String> where = new ArrayList<>(List.of("language = ?", "status = 'CANCELED'", "stored_at >= ?"));
        List<Object> params = new ArrayList<>(List.of(language.code(), SqlTimes.utc(from)));
        scope.appendTo(where, params, "article");
        // the documents come along: a slice's tombstones are the kills whose last version was in it,
        // told in this one query rather than one look-up per kill
        return jdbc.sql("SELECT id, stored_at, document FROM article WHERE " + String.join(" AND ", where)
                        + " ORDER BY stored_at DESC, id")
                .params(params)
                .query((rs, n) -> new Canceled(
                        new ArticleId(rs.getString(1)),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        ArticleDocuments.read(rs.getString(3))))
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM article").query(Long.class).single();
    }

    /** The stored state the version gate compares against, locked for the rest of the transaction. */
    Optional<StoredVersion> lockVersion(ArticleId id) {
        return jdbc.sql("SELECT revision, agency_version, updated, first_published, content_hash, correction_note,"
                        + " document FROM article WHERE id = ? FOR UPDATE")
                .param(id.value())
                .query((rs, n) -> new StoredVersion(
                        rs.getInt("revision"),
                        rs.getString("agency_version"),
                        rs.getObject("updated", OffsetDateTime.class).toInstant(),
                        rs.getObject("first_published", OffsetDateTime.class).toInstant(),
                        rs.getString("content_hash"),
                        rs.getString("correction_note"),
                        rs.getString("document")))
                .optional();
    }

    void update(Article article, String contentHash, Long payloadId, Instant storedAt) {
        jdbc.sql("""
                UPDATE article SET agency_version = ?, revision = ?, status = ?, language = ?, section = ?,
                    content_type = ?, first_published = ?, updated = ?, embargo_until = ?, urgency = ?, breaking = ?,
                    edition_group = COALESCE(?, edition_group), content_hash = ?, document = ?, payload_id = ?,
                    stored_at = ?, correction_note = ?,
                    edition_source = COALESCE(?, edition_source)
                WHERE id = ?
                """)
                .params(updateParameters(article, contentHash, payloadId, storedAt))
                .update();
        jdbc.sql("DELETE FROM article_tag WHERE article_id = ?")
                .param(article.id().value())
                .update();
        jdbc.sql("DELETE FROM article_region WHERE article_id = ?")
                .param(article.id().value())
                .update();
        writeFacets(article);
    }

    /**
     * Tags and regions as rows too, with the article's language and first publication, so tag and
     * region feeds read one index range in feed order. One multi-row insert per table: one round trip
     * each, not one per row.
     */
    private void writeFacets(Article article) {
        OffsetDateTime published = SqlTimes.utc(article.firstPublished());
        String id = article.id().value();
        String language = article.language().code();
        Set<String> seen = new HashSet<>();
        List<Object> tagRows = new ArrayList<>();
        for (String tag : article.tags()) {
            String key = Slugs.of(tag);
            if (seen.add(key)) {
                tagRows.addAll(List.of(id, key, tag, language, published));
            }
        }
        insertRows("INSERT INTO article_tag (article_id, tag_key, tag, language, first_published) VALUES ", 5, tagRows);
        List<Object> regionRows = new ArrayList<>();
        for (Region region : article.regions()) {
            regionRows.addAll(List.of(id, region.slug(), language, published));
        }
        insertRows("INSERT INTO article_region (article_id, region, language, first_published) VALUES ", 4, regionRows);
    }

    private void insertRows(String insert, int columns, List<Object> values) {
        if (values.isEmpty()) {
            return;
        }
        String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        String sql = insert + String.join(", ", Collections.nCopies(values.size() / columns, row));
        jdbc.sql(sql).params(values).update();
    }

    record StoredVersion(
            int revision,
            String agencyVersion,
            Instant updated,
            Instant firstPublished,
            String contentHash,
            String correctionNote,
            String document) {

        /** The stored version itself, read only when a newer one replaces it (its slices are evicted too). */
        Article article() {
            return ArticleDocuments.read(document);
        }
    }

    /**
     * Claims (source, guid, version) for this transaction. False when that version was seen
     * before, by this instance or another: the caller then leaves the article alone.
     */
    boolean claimVersion(Article article, String versionKey, Long payloadId, Instant at) {
        return jdbc.sql(
                                "INSERT INTO item_version (source, agency_guid, version_key, article_id, outcome, payload_id, received_at)"
                                        + " VALUES (?, ?, ?, ?, 'CLAIMED', ?, ?) ON CONFLICT DO NOTHING")
                        .params(
                                article.wire().source(),
                                article.wire().guid(),
                                versionKey,
                                article.id().value(),
                                payloadId,
                                SqlTimes.utc(at))
                        .update()
                == 1;
    }

    void recordVersionOutcome(Article article, String versionKey, StoreOutcome outcome) {
        jdbc.sql("UPDATE item_version SET outcome = ? WHERE source = ? AND agency_guid = ? AND version_key = ?")
                .params(outcome.name(), article.wire().source(), article.wire().guid(), versionKey)
                .update();
    }

    /** Inserts the first version unless another transaction just did; false in that case. */
    boolean insertIfAbsent(Article article, String contentHash, Long payloadId, Instant storedAt) {
        int inserted = jdbc.sql(
                        "INSERT INTO article (id, source, agency_guid, agency_version, revision, status, language,"
                                + " section, content_type, first_published, updated, embargo_until, urgency, breaking, edition_group,"
                                + " content_hash, document, payload_id, stored_at, correction_note, edition_source)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(articleColumns(article, contentHash, payloadId, storedAt))
                .update();
        if (inserted == 1) {
            writeFacets(article);
        }
        return inserted == 1;
    }

    /** The insert's values less the row's identity (id, source, guid), which never changes, then the id to match. */
    private static Object[] updateParameters(Article article, String contentHash, Long payloadId, Instant storedAt) {
        Object[] columns = articleColumns(article, contentHash, payloadId, storedAt);
        Object[] parameters = Arrays.copyOfRange(columns, 3, columns.length + 1);
        parameters[parameters.length - 1] = article.id().value();
        return parameters;
    }

    private static Object[] articleColumns(Article article, String contentHash, Long payloadId, Instant storedAt) {
        return new Object[] {
            article.id().value(),
            article.wire().source(),
            article.wire().guid(),
            article.wire().agencyVersion(),
            article.revision(),
            article.status().name(),
            article.language().code(),
            article.section().slug(),
            article.contentType().slug(),
            SqlTimes.utc(article.firstPublished()),
            SqlTimes.utc(article.updated()),
            SqlTimes.utc(article.embargoUntil()),
            article.urgency(),
            article.breaking(),
            article.editionGroup(),
            contentHash,
            ArticleDocuments.write(article),
            payloadId,
            SqlTimes.utc(storedAt),
            article.correctionNote(),
            article.editionGroup() == null ? null : "explicit"
        };
    }
}
