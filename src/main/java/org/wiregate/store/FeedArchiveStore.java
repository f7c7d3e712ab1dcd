package org.wiregate.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.wiregate.article.Article;
import org.wiregate.article.Language;

/**
 * Closed days of the RFC 5005 archives: which days are closed, the items each held at closing, and
 * archive documents as first served. Nothing here is updated once written.
 */
@Repository
public class FeedArchiveStore {

    /** An item as its day's archive holds it: the article at closing, the feeds it was in, its edition links as JSON. */
    public record ArchivedItem(Article article, String facets, String editions) {}

    /** An item to archive. */
    public record ItemToArchive(Article article, String facets, String editions) {}

    /** An archive document as first served. */
    public record ArchiveDocument(byte[] body, Instant updated) {}

    /** The main feed of a language in {@code feed_archive_feed}; slices go by their mark. */
    private static final String MAIN_FEED = "*";

    private final JdbcClient jdbc;

    public FeedArchiveStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest closed day of a language. */
    public Optional<LocalDate> lastClosedDay(Language language) {
        return jdbc.sql("SELECT MAX(archive_day) FROM feed_archive_day WHERE language = ?")
                .param(language.code())
                .query((rs, n) -> rs.getObject(1, LocalDate.class))
                .optional();
    }

    /**
     * Closes a day with its items, once: true when this call closed it, false when it was closed
     * already (by this instance or another; a concurrent closer waits on the key, then finds it).
     */
    @Transactional
    public boolean close(Language language, LocalDate day, List<ItemToArchive> items, Instant now) {
        int claimed;
        try {
            claimed = jdbc.sql(
                            "INSERT INTO feed_archive_day (language, archive_day, closed_at, items) VALUES (?, ?, ?, ?)"
                                    + " ON CONFLICT DO NOTHING")
                    .params(language.code(), day, SqlTimes.utc(now), items.size())
                    .update();
        } catch (DuplicateKeyException raced) {
            return false;
        }
        if (claimed == 0) {
            return false;
        }
        Set<String> feeds = new LinkedHashSet<>();
        if (!items.isEmpty()) {
            feeds.add(MAIN_FEED);
        }
        for (ItemToArchive item : items) {
            for (String mark : item.facets().split("\\|")) {
                if (!mark.isEmpty()) {
                    feeds.add("|" + mark + "|");
                }
            }
            jdbc.sql("INSERT INTO feed_archive_item (language, archive_day, article_id, facets, document, editions)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(
                            language.code(),
                            day,
                            item.article().id().value(),
                            item.facets(),
                            ArticleDocuments.write(item.article()),
                            item.editions())
                    .update();
        }
        for (String feed : feeds) {
            jdbc.sql(
                            "INSERT INTO feed_archive_feed (language, feed, first_day) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(language.code(), feed, day)
                    .update();
        }
        return true;
    }

    /** The items a closed day held at closing. */
    public List<ArchivedItem> items(Language language, LocalDate day) {
        return jdbc.sql(
                        "SELECT document, facets, editions FROM feed_archive_item WHERE language = ? AND archive_day = ?"
                                + " ORDER BY article_id")
                .params(language.code(), day)
                .query((rs, n) ->
                        new ArchivedItem(ArticleDocuments.read(rs.getString(1)), rs.getString(2), rs.getString(3)))
                .list();
    }

    /**
     * The first closed day of a language that held an item with {@code facet} (e.g. {@code |tag:gaza|});
     * null facet: any item.
     */
    public Optional<LocalDate> firstDayWith(Language language, String facet) {
        return jdbc.sql("SELECT first_day FROM feed_archive_feed WHERE language = ? AND feed = ?")
                .params(language.code(), facet == null ? MAIN_FEED : facet)
                .query((rs, n) -> rs.getObject(1, LocalDate.class))
                .optional();
    }

    public Optional<ArchiveDocument> document(String path) {
        return jdbc.sql("SELECT body, updated FROM feed_archive_document WHERE path = ?")
                .param(path)
                .query((rs, n) -> new ArchiveDocument(
                        rs.getBytes(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Keeps a document as first served; when another instance kept one first, that one is returned. */
    public ArchiveDocument keep(String path, byte[] body, Instant updated, Instant now) {
        try {
            jdbc.sql("INSERT INTO feed_archive_document (path, body, updated, created_at) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING")
                    .params(path, body, SqlTimes.utc(updated), SqlTimes.utc(now))
                    .update();
        } catch (DuplicateKeyException raced) {
            // kept by another instance meanwhile: read below
        }
        return document(path).orElseThrow();
    }
}
