package org.wiregate.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.article.Status;

/**
 * When each article first became publicly visible (RFC 5005 archives put it in that UTC day). The
 * instant is the store time, or the embargo's end when that is later; it follows new versions only
 * while nobody can have seen the article, so an item never enters a day that has already closed.
 */
@Repository
public class ArticleListings {

    /** A published article with when it was listed and when its current version was stored. */
    public record Listed(Article article, Instant listedAt, Instant storedAt) {}

    private final JdbcClient jdbc;

    public ArticleListings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Called by the version gate, in its transaction, for every stored version. */
    void record(Article article, Instant now) {
        Instant at =
                article.embargoUntil() != null && article.embargoUntil().isAfter(now) ? article.embargoUntil() : now;
        boolean usable = article.status() == Status.USABLE;
        Optional<Instant> listed = listedAt(article);
        if (listed.isEmpty()) {
            if (usable) {
                jdbc.sql("INSERT INTO article_listing (article_id, language, listed_at) VALUES (?, ?, ?)"
                                + " ON CONFLICT DO NOTHING")
                        .params(article.id().value(), article.language().code(), SqlTimes.utc(at))
                        .update();
            }
        } else if (listed.get().isAfter(now)) {
            // Still under embargo, so unseen: the listing follows the version (a new embargo, a withdrawal).
            if (usable) {
                jdbc.sql("UPDATE article_listing SET listed_at = ? WHERE article_id = ?")
                        .params(SqlTimes.utc(at), article.id().value())
                        .update();
            } else {
                jdbc.sql("DELETE FROM article_listing WHERE article_id = ?")
                        .param(article.id().value())
                        .update();
            }
        }
    }

    private Optional<Instant> listedAt(Article article) {
        return jdbc.sql("SELECT listed_at FROM article_listing WHERE article_id = ?")
                .param(article.id().value())
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .optional();
    }

    /** The articles of a language listed in [from, to) and published at {@code now}, oldest listing first. */
    public List<Listed> listedBetween(Language language, Instant from, Instant to, Instant now) {
        return jdbc.sql("SELECT a.document, l.listed_at, a.stored_at FROM article_listing l"
                        + " JOIN article a ON a.id = l.article_id"
                        + " WHERE l.language = ? AND l.listed_at >= ? AND l.listed_at < ?"
                        + " AND a.status = 'USABLE' AND (a.embargo_until IS NULL OR a.embargo_until <= ?)"
                        + " ORDER BY l.listed_at, a.id")
                .params(language.code(), SqlTimes.utc(from), SqlTimes.utc(to), SqlTimes.utc(now))
                .query((rs, n) -> new Listed(
                        ArticleDocuments.read(rs.getString(1)),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * Published articles of a language listed before {@code listedBefore} whose current version was
     * stored from {@code storedFrom}: the candidates for "changed after its archive closed".
     */
    public List<Listed> changedSince(Language language, Instant listedBefore, Instant storedFrom, Instant now) {
        return jdbc.sql("SELECT a.document, l.listed_at, a.stored_at FROM article_listing l"
                        + " JOIN article a ON a.id = l.article_id"
                        + " WHERE l.language = ? AND l.listed_at < ? AND a.stored_at >= ?"
                        + " AND a.status = 'USABLE' AND (a.embargo_until IS NULL OR a.embargo_until <= ?)"
                        + " ORDER BY a.stored_at DESC, a.id")
                .params(language.code(), SqlTimes.utc(listedBefore), SqlTimes.utc(storedFrom), SqlTimes.utc(now))
                .query((rs, n) -> new Listed(
                        ArticleDocuments.read(rs.getString(1)),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** The first instant anything of the language was listed, if anything was. */
    public Optional<Instant> firstListing(Language language) {
        return jdbc.sql("SELECT MIN(listed_at) FROM article_listing WHERE language = ?")
                .param(language.code())
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
                .optional()
                .map(OffsetDateTime::toInstant);
    }
}
