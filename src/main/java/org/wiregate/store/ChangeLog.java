package org.wiregate.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;

/**
 * The ordered log of article versions that partners page through (the delta API) and webhooks
 * deliver from. Each stored version gets the next sequence number from one counter row, taken
 * under that row's lock in the storing transaction: sequence order is therefore commit order, and
 * a reader that has seen sequence N never finds a smaller one appear later.
 *
 * <p>Embargoed versions enter as {@link Audience#PREVIEW}, seen only by partners with embargo
 * preview; when the embargo lapses {@link #releaseLapsedEmbargoes} adds a {@link Audience#RELEASE}
 * entry, which everyone else sees. So every partner gets each (id, version) exactly once, also when
 * several instances release at once: (article, revision, audience) is unique.
 */
@Repository
public class ChangeLog {

    /** Who an entry is for. */
    public enum Audience {
        ALL,
        PREVIEW,
        RELEASE
    }

    /** One entry as a reader gets it: its place in the log and the article's current version. */
    public record Entry(long seq, Instant changedAt, Article article, String editionGroup) {}

    private final JdbcClient jdbc;

    public ChangeLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends a stored version; must run in the transaction that stored it. */
    void append(Article stored, Instant now) {
        Audience audience =
                stored.embargoUntil() != null && stored.embargoUntil().isAfter(now) ? Audience.PREVIEW : Audience.ALL;
        append(stored.id().value(), stored.revision(), audience, now);
    }

    private boolean append(String articleId, int revision, Audience audience, Instant now) {
        // The UPDATE takes the counter row's lock until commit: this is what orders commits.
        jdbc.sql("UPDATE change_counter SET last_seq = last_seq + 1 WHERE id = 1")
                .update();
        long seq = jdbc.sql("SELECT last_seq FROM change_counter WHERE id = 1")
                .query(Long.class)
                .single();
        // Once per (article, revision, audience): another instance may have released the same lapsed
        // embargo a moment ago. The skipped sequence number stays unused, which readers do not mind.
        return jdbc.sql("INSERT INTO article_change (seq, article_id, revision, audience, changed_at)"
                                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                        .params(seq, articleId, revision, audience.name(), SqlTimes.utc(now))
                        .update()
                > 0;
    }

    /**
     * Logs the articles of an edition group again after their group changed (an edition linked
     * after the others were published), so partners reading the log get each of them once more with
     * its editions. An earlier entry of the same version for everyone is dropped: a reader past it
     * has it already, and a reader not yet there gets the item once, at its new place. Embargoed
     * articles are left alone: their release entry will carry the group. Returns how many were logged.
     */
    public int editionsChanged(Collection<ArticleId> members, Instant now) {
        int logged = 0;
        for (ArticleId id : members) {
            record Current(int revision, Instant embargoUntil) {}
            Current current = jdbc.sql("SELECT revision, embargo_until FROM article WHERE id = ? AND status = 'USABLE'")
                    .param(id.value())
                    .query((rs, n) -> new Current(
                            rs.getInt(1),
                            rs.getObject(2, OffsetDateTime.class) == null
                                    ? null
                                    : rs.getObject(2, OffsetDateTime.class).toInstant()))
                    .optional()
                    .orElse(null);
            if (current == null
                    || (current.embargoUntil() != null && current.embargoUntil().isAfter(now))) {
                continue;
            }
            // A lapsed embargo's entry stays a RELEASE (webhooks call it the publication), moved up the log.
            boolean released = jdbc.sql("SELECT COUNT(*) FROM article_change WHERE article_id = ? AND revision = ?"
                                    + " AND audience = 'RELEASE'")
                            .params(id.value(), current.revision())
                            .query(Long.class)
                            .single()
                    > 0;
            jdbc.sql(
                            "DELETE FROM article_change WHERE article_id = ? AND revision = ? AND audience IN ('ALL', 'RELEASE')")
                    .params(id.value(), current.revision())
                    .update();
            append(id.value(), current.revision(), released ? Audience.RELEASE : Audience.ALL, now);
            logged++;
        }
        return logged;
    }

    /**
     * Adds a RELEASE entry for every usable article whose embargo has lapsed and whose current
     * version has no ALL or RELEASE entry yet. Returns how many were released.
     */
    @Transactional
    public int releaseLapsedEmbargoes(Instant now) {
        return releaseLapsedEmbargoes(null, now);
    }

    /**
     * As {@link #releaseLapsedEmbargoes(Instant)}, looking only at embargoes that lapsed after
     * {@code lapsedAfter} (all when null): a range of the embargo index, so a sweep every second
     * reads the few recent embargoes instead of every one the archive ever held.
     */
    @Transactional
    public int releaseLapsedEmbargoes(Instant lapsedAfter, Instant now) {
        record Lapsed(String id, int revision) {}
        List<Lapsed> lapsed = jdbc.sql("SELECT a.id, a.revision FROM article a WHERE a.embargo_until <= ?"
                        + (lapsedAfter == null ? "" : " AND a.embargo_until > ?")
                        + " AND a.status = 'USABLE'"
                        + " AND NOT EXISTS (SELECT 1 FROM article_change c WHERE c.article_id = a.id"
                        + " AND c.revision = a.revision AND c.audience IN ('ALL', 'RELEASE'))"
                        + " ORDER BY a.embargo_until, a.id")
                .params(
                        lapsedAfter == null
                                ? List.of(SqlTimes.utc(now))
                                : List.of(SqlTimes.utc(now), SqlTimes.utc(lapsedAfter)))
                .query((rs, n) -> new Lapsed(rs.getString(1), rs.getInt(2)))
                .list();
        int released = 0;
        for (Lapsed l : lapsed) {
            if (append(l.id(), l.revision(), Audience.RELEASE, now)) {
                released++;
            }
        }
        return released;
    }

    /**
     * What a reader has not seen yet, in log order, after {@code afterSeq}: only entries for the
     * article's current version (an article changed again shows once, at its newest entry), only
     * the audience the reader belongs to, and only articles in its scope. Withheld versions are not
     * delivered; canceled ones are, so the reader can take the article down.
     *
     * @param since when not null, only entries logged at or after it (a first request's start)
     */
    public List<Entry> after(long afterSeq, Instant since, ArticleScope scope, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        where.add("c.seq > ?");
        params.add(since == null ? afterSeq : Math.max(afterSeq, firstSeqAt(since) - 1));
        where.add("c.revision = a.revision");
        where.add("a.status IN ('USABLE', 'CANCELED')");
        where.add(scope.embargoPreview() ? "c.audience IN ('ALL', 'PREVIEW')" : "c.audience IN ('ALL', 'RELEASE')");
        if (since != null) {
            where.add("c.changed_at >= ?");
            params.add(SqlTimes.utc(since));
        }
        scope.appendTo(where, params, "a");
        params.add(limit);
        return jdbc.sql("SELECT c.seq, c.changed_at, a.document, a.edition_group FROM article_change c"
                        + " JOIN article a ON a.id = c.article_id WHERE " + String.join(" AND ", where)
                        + " ORDER BY c.seq LIMIT ?")
                .params(params)
                .query((rs, n) -> new Entry(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        ArticleDocuments.read(rs.getString(3)),
                        rs.getString(4)))
                .list();
    }

    /**
     * The first sequence logged at or after {@code since} (off the changed_at index), so a first
     * request reads the log from there rather than filtering it from its start; past the head when
     * nothing was logged since.
     */
    private long firstSeqAt(Instant since) {
        Long first = jdbc.sql(firstSeqSql(since)).query(Long.class).single();
        return first == null ? head() + 1 : first;
    }

    /**
     * The time is written into the statement, not bound: PostgreSQL's generic plan for a bound time
     * cannot know it is recent, walks the primary key from the log's start for the first match and
     * took 100-160 ms at a million changes (bench/archive.sh), where the plan for the value reads the
     * few index entries since. The value is an {@link Instant} formatted by {@link SqlTimes#literal},
     * never request text; it can only be earlier, so the answer is still a lower bound of what
     * {@link #after} reads.
     */
    static String firstSeqSql(Instant since) {
        return "SELECT MIN(seq) FROM article_change WHERE changed_at >= " + SqlTimes.literal(since);
    }

    /**
     * Deletes entries for versions a newer version superseded: {@link #after} never returns them
     * (it only joins the article's current revision), so they only cost space.
     */
    @Transactional
    public int pruneSuperseded() {
        return jdbc.sql("DELETE FROM article_change WHERE revision < (SELECT a.revision FROM article a"
                        + " WHERE a.id = article_change.article_id)")
                .update();
    }

    /**
     * The sequences among {@code seqs} that are embargo releases: the moment an item first becomes
     * visible to partners without embargo preview, whatever its revision. Webhooks call that a
     * publication; it cannot be told from the entry a reader gets, which carries no audience.
     */
    public Set<Long> releases(Collection<Long> seqs) {
        if (seqs.isEmpty()) {
            return Set.of();
        }
        String placeholders = String.join(", ", Collections.nCopies(seqs.size(), "?"));
        return new HashSet<>(
                jdbc.sql("SELECT seq FROM article_change WHERE seq IN (" + placeholders + ") AND audience = 'RELEASE'")
                        .params(new ArrayList<Object>(seqs))
                        .query(Long.class)
                        .list());
    }

    /** The newest sequence number handed out: where a reader that wants only what comes next starts. */
    public long head() {
        return jdbc.sql("SELECT last_seq FROM change_counter WHERE id = 1")
                .query(Long.class)
                .single();
    }
}
