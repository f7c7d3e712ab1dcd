package org.wiregate.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Language;

/** Edition groups, suggestions and operators' decisions. */
@Repository
public class EditionRepository {

    /** A stored article with its current group, as the linker sees it. */
    public record Grouped(Article article, String group, String source) {}

    public record Suggestion(long id, ArticleId a, ArticleId b, double score, String status, Instant createdAt) {}

    private final JdbcClient jdbc;

    public EditionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Grouped> find(ArticleId id) {
        return jdbc.sql("SELECT document, edition_group, edition_source FROM article WHERE id = ?")
                .param(id.value())
                .query((rs, n) -> new Grouped(ArticleDocuments.read(rs.getString(1)), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /**
     * An article of the linking window without its document (the linker's evidence for it is
     * usually at hand already): enough to tell whether what it holds is current.
     */
    public record WindowRef(ArticleId id, int revision, Language language, boolean usable, Instant firstPublished) {}

    /** Usable articles first published in [from, to) ({@code to} null: no end), without their documents. */
    public List<WindowRef> usableFirstPublished(Instant from, Instant to) {
        List<WindowRef> refs = new ArrayList<>();
        for (Language language : Language.values()) {
            // one range per language: the feed-order index (language, first_published) serves it
            refs.addAll(jdbc.sql("SELECT id, revision, language, status, first_published FROM article"
                            + " WHERE language = ? AND first_published >= ?"
                            + (to == null ? "" : " AND first_published < ?")
                            + " AND status = 'USABLE'")
                    .params(
                            to == null
                                    ? List.of(language.code(), SqlTimes.utc(from))
                                    : List.of(language.code(), SqlTimes.utc(from), SqlTimes.utc(to)))
                    .query(EditionRepository::windowRef)
                    .list());
        }
        return refs;
    }

    /** Articles (whatever their status) stored at or after {@code since}: new ones, revisions, kills. */
    public List<WindowRef> storedSince(Instant since) {
        List<WindowRef> refs = new ArrayList<>();
        for (Language language : Language.values()) {
            refs.addAll(jdbc.sql("SELECT id, revision, language, status, first_published FROM article"
                            + " WHERE language = ? AND stored_at >= ?")
                    .params(language.code(), SqlTimes.utc(since))
                    .query(EditionRepository::windowRef)
                    .list());
        }
        return refs;
    }

    private static WindowRef windowRef(ResultSet rs, int n) throws SQLException {
        return new WindowRef(
                new ArticleId(rs.getString(1)),
                rs.getInt(2),
                Language.fromTag(rs.getString(3)).orElseThrow(),
                "USABLE".equals(rs.getString(4)),
                rs.getObject(5, OffsetDateTime.class).toInstant());
    }

    /** The current documents of these articles (those that exist), read in chunks. */
    public List<Article> documents(Collection<ArticleId> ids) {
        List<Article> found = new ArrayList<>(ids.size());
        inChunks(
                ids.stream().map(ArticleId::value).toList(),
                chunk -> found.addAll(
                        jdbc.sql("SELECT document FROM article WHERE id IN (" + placeholders(chunk.size()) + ")")
                                .params(chunk)
                                .query((rs, n) -> ArticleDocuments.read(rs.getString(1)))
                                .list()));
        return found;
    }

    /** The group of each of these articles that is in one (articles in none are left out). */
    public Map<String, String> groupsOf(Collection<String> ids) {
        Map<String, String> groups = new HashMap<>();
        inChunks(
                List.copyOf(ids),
                chunk -> jdbc.sql("SELECT id, edition_group FROM article WHERE id IN (" + placeholders(chunk.size())
                                + ") AND edition_group IS NOT NULL")
                        .params(chunk)
                        .query((rs, n) -> groups.put(rs.getString(1), rs.getString(2)))
                        .list());
        return groups;
    }

    private static final int CHUNK = 500;

    private static void inChunks(List<String> values, java.util.function.Consumer<List<String>> each) {
        for (int from = 0; from < values.size(); from += CHUNK) {
            each.accept(values.subList(from, Math.min(values.size(), from + CHUNK)));
        }
    }

    private static String placeholders(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    /** Languages present in each of the given groups. */
    public Map<String, Set<Language>> languagesOf(Collection<String> groups) {
        Map<String, Set<Language>> languages = new HashMap<>();
        inChunks(
                List.copyOf(groups),
                chunk -> jdbc.sql("SELECT DISTINCT edition_group, language FROM article" + " WHERE edition_group IN ("
                                + placeholders(chunk.size()) + ")")
                        .params(chunk)
                        .query((rs, n) -> languages
                                .computeIfAbsent(rs.getString(1), g -> new HashSet<>())
                                .add(Language.fromTag(rs.getString(2)).orElseThrow()))
                        .list());
        return languages;
    }

    /** The articles in any of {@code groups}, whatever their status, at most {@code limit}: who links to whom. */
    public List<Article> editionsIn(Set<String> groups, int limit) {
        if (groups.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>(groups);
        params.add(limit);
        return jdbc.sql("SELECT document FROM article WHERE edition_group IN ("
                        + String.join(",", Collections.nCopies(groups.size(), "?")) + ") LIMIT ?")
                .params(params)
                .query((rs, n) -> ArticleDocuments.read(rs.getString(1)))
                .list();
    }

    /** Puts an article in a group unless it is in one already; true when it moved. */
    public boolean assignIfUngrouped(ArticleId id, String group, String source) {
        return jdbc.sql(
                                "UPDATE article SET edition_group = ?, edition_source = ? WHERE id = ? AND edition_group IS NULL")
                        .params(group, source, id.value())
                        .update()
                == 1;
    }

    public void assign(ArticleId id, String group, String source) {
        jdbc.sql("UPDATE article SET edition_group = ?, edition_source = ? WHERE id = ?")
                .params(group, source, id.value())
                .update();
    }

    /**
     * The publishable editions of each article in other languages, for feed outputs, newest first
     * within a language (callers keep one per language).
     */
    public Map<ArticleId, List<Article>> publishedSiblings(List<ArticleId> ids, Instant now) {
        return publishedSiblings(ids, ArticleScope.PUBLIC, now);
    }

    /**
     * The editions a reader with {@code scope} may see. One self-join on the edition group with no
     * condition on the editions' own columns: with the scope's language (or the embargo) in the
     * query, H2 read the editions by the language index instead of the group's and scanned a third
     * of the table at a million articles. A story has a handful of editions, so the reader's scope is
     * applied here by {@link ArticleScope#showsAt}, which EntitlementsAcrossOutputsContract keeps in
     * step with the SQL form the feeds use.
     */
    public Map<ArticleId, List<Article>> publishedSiblings(List<ArticleId> ids, ArticleScope scope, Instant now) {
        Map<ArticleId, List<Article>> siblings = new HashMap<>();
        if (ids.isEmpty()) {
            return siblings;
        }
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        Map<String, Article> read = new HashMap<>(); // an edition shared by several asked articles is parsed once
        jdbc.sql("SELECT a.id, b.id, b.document FROM article a JOIN article b ON b.edition_group = a.edition_group"
                        + " AND b.id <> a.id AND b.language <> a.language"
                        + " WHERE a.id IN (" + marks + ")"
                        + " ORDER BY b.language, b.first_published DESC, b.id")
                .params(ids.stream().map(ArticleId::value).toList())
                .query(rs -> {
                    Article edition = read.get(rs.getString(2));
                    if (edition == null) {
                        edition = ArticleDocuments.read(rs.getString(3));
                        read.put(rs.getString(2), edition);
                    }
                    if (scope.showsAt(edition, now)) {
                        siblings.computeIfAbsent(new ArticleId(rs.getString(1)), k -> new ArrayList<>())
                                .add(edition);
                    }
                });
        return siblings;
    }

    public void suggest(ArticleId a, ArticleId b, double score, Instant at) {
        String first = a.value().compareTo(b.value()) < 0 ? a.value() : b.value();
        String second = first.equals(a.value()) ? b.value() : a.value();
        jdbc.sql(
                        "INSERT INTO edition_suggestion (article_a, article_b, score, status, created_at) VALUES (?, ?, ?, 'open', ?)"
                                + " ON CONFLICT DO NOTHING")
                .params(first, second, score, SqlTimes.utc(at))
                .update();
    }

    public List<Suggestion> suggestions(String status) {
        return jdbc.sql("SELECT * FROM edition_suggestion WHERE status = ? ORDER BY score DESC, id")
                .param(status)
                .query(EditionRepository::suggestion)
                .list();
    }

    private static Suggestion suggestion(ResultSet rs, int row) throws SQLException {
        return new Suggestion(
                rs.getLong("id"),
                new ArticleId(rs.getString("article_a")),
                new ArticleId(rs.getString("article_b")),
                rs.getDouble("score"),
                rs.getString("status"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    /**
     * Both articles of a suggestion must be visible to anyone at {@code now}: usable (a kill takes
     * the pair off the list) and out of embargo (an embargoed story is not named to anyone, operators'
     * lists included, before its time; the pair shows once the embargo lapses).
     */
    private static final String VISIBLE_PAIR =
            " JOIN article a ON a.id = s.article_a JOIN article b ON b.id = s.article_b"
                    + " WHERE s.status = 'open' AND a.status = 'USABLE' AND b.status = 'USABLE'"
                    + " AND (a.embargo_until IS NULL OR a.embargo_until <= ?) AND (b.embargo_until IS NULL OR b.embargo_until <= ?)";

    /** Open suggestions whose two articles are both published at {@code now}, best score first. */
    public List<Suggestion> openSuggestionsVisibleAt(Instant now) {
        return jdbc.sql("SELECT s.* FROM edition_suggestion s" + VISIBLE_PAIR + " ORDER BY s.score DESC, s.id")
                .params(SqlTimes.utc(now), SqlTimes.utc(now))
                .query(EditionRepository::suggestion)
                .list();
    }

    /** How many of {@link #openSuggestionsVisibleAt} there are. */
    public long countOpenSuggestionsVisibleAt(Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM edition_suggestion s" + VISIBLE_PAIR)
                .params(SqlTimes.utc(now), SqlTimes.utc(now))
                .query(Long.class)
                .single();
    }

    /** How many suggestions are in a state (e.g. "open": waiting for an operator). */
    public long countSuggestions(String status) {
        return jdbc.sql("SELECT COUNT(*) FROM edition_suggestion WHERE status = ?")
                .param(status)
                .query(Long.class)
                .single();
    }

    public Optional<Suggestion> suggestion(long id) {
        return jdbc.sql("SELECT * FROM edition_suggestion WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Suggestion(
                        rs.getLong("id"),
                        new ArticleId(rs.getString("article_a")),
                        new ArticleId(rs.getString("article_b")),
                        rs.getDouble("score"),
                        rs.getString("status"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Closes the open suggestions between members of one group: the story was decided without an operator. */
    public int closeSuggestionsWithin(String group) {
        return jdbc.sql("UPDATE edition_suggestion SET status = 'linked' WHERE status = 'open'"
                        + " AND article_a IN (SELECT id FROM article WHERE edition_group = ?)"
                        + " AND article_b IN (SELECT id FROM article WHERE edition_group = ?)")
                .params(group, group)
                .update();
    }

    public void closeSuggestion(long id, String status) {
        jdbc.sql("UPDATE edition_suggestion SET status = ? WHERE id = ?")
                .params(status, id)
                .update();
    }

    public void decide(ArticleId a, ArticleId b, String decision, String actor, Instant at) {
        jdbc.sql(
                        "INSERT INTO edition_decision (article_a, article_b, decision, actor, decided_at) VALUES (?, ?, ?, ?, ?)")
                .params(a.value(), b.value(), decision, actor, SqlTimes.utc(at))
                .update();
    }

    /** "a|b" keys (ordered) of every pair whose latest decision keeps them apart. */
    public Set<String> keptApart(ArticleId id) {
        Map<String, String> latest = new HashMap<>();
        jdbc.sql(
                        "SELECT article_a, article_b, decision FROM edition_decision WHERE article_a = ? OR article_b = ? ORDER BY id")
                .params(id.value(), id.value())
                .query((rs, n) -> new String[] {pair(rs.getString(1), rs.getString(2)), rs.getString(3)})
                .list()
                .forEach(row -> latest.put(row[0], row[1]));
        Set<String> apart = new HashSet<>();
        latest.forEach((pair, decision) -> {
            if ("unlink".equals(decision)) {
                apart.add(pair);
            }
        });
        return apart;
    }

    public List<ArticleId> members(String group) {
        return jdbc.sql("SELECT id FROM article WHERE edition_group = ?")
                .param(group)
                .query((rs, n) -> new ArticleId(rs.getString(1)))
                .list();
    }

    public static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }
}
