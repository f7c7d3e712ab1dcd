package org.wiregate.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.article.Slugs;
import org.wiregate.article.Status;
import org.wiregate.article.WireReference;

/**
 * Bulk-loads a generated archive for bench/archive.sh, straight into the database with JDBC batch
 * inserts (not through the inbox): stories a minute apart going back from now, each in English,
 * Arabic and Spanish (edition-linked), 2,000 distinct tags per language drawn with a Zipf-like skew,
 * sections, types, regions, 1% kills, 1% lapsed embargoes and a few pending ones, and one
 * change-log entry per article, as the store writes them. The schema is Flyway's, migrated first.
 *
 * <pre>java -cp … org.wiregate.store.ArchiveLoader JDBC_URL USER PASSWORD SCHEMA|- ARTICLES</pre>
 */
public final class ArchiveLoader {

    static final int TAGS = 2_000;
    private static final int BATCH = 2_000;
    private static final String[] TOPIC = {"Topic", "موضوع", "Tema"};
    private static final String[] WORDS = {
        "minister", "market", "talks", "storm", "election", "league", "festival", "vaccine", "startup", "river"
    };

    private ArchiveLoader() {}

    public static void main(String[] args) throws SQLException {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        String schema = args[3];
        int total = Integer.parseInt(args[4]);
        var flyway = Flyway.configure().dataSource(url, user, password);
        if (!"-".equals(schema)) {
            flyway.schemas(schema).defaultSchema(schema);
        }
        flyway.load().migrate();
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(url, user, password)) {
            if (!"-".equals(schema)) {
                db.createStatement().execute("SET search_path TO " + schema);
            }
            db.setAutoCommit(false);
            load(db, total);
            db.setAutoCommit(true);
            // planner statistics, as a database that grew over months has them (autovacuum on PostgreSQL)
            db.createStatement().execute("ANALYZE");
        }
        System.out.printf(Locale.ROOT, "loaded %d articles in %.1f s%n", total, (System.nanoTime() - started) / 1e9);
    }

    private static void load(Connection db, int total) throws SQLException {
        // A schema from before V13 (for before/after figures) has tag and region rows without language and date.
        boolean facetsDated;
        try (var columns = db.getMetaData().getColumns(null, null, "article_tag", "first_published")) {
            facetsDated = columns.next();
        }
        Random random = new Random(16);
        double[] zipf = zipfCumulative(TAGS);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (PreparedStatement article = db.prepareStatement("INSERT INTO article (id, source, agency_guid,"
                        + " agency_version, revision, status, language, section, content_type, first_published, updated,"
                        + " embargo_until, urgency, breaking, edition_group, content_hash, document, payload_id, stored_at,"
                        + " correction_note, edition_source) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?,"
                        + " NULL, ?)");
                PreparedStatement tag = db.prepareStatement(
                        facetsDated
                                ? "INSERT INTO article_tag (article_id, tag_key, tag, language, first_published) VALUES (?, ?, ?, ?, ?)"
                                : "INSERT INTO article_tag (article_id, tag_key, tag) VALUES (?, ?, ?)");
                PreparedStatement region = db.prepareStatement(
                        facetsDated
                                ? "INSERT INTO article_region (article_id, region, language, first_published) VALUES (?, ?, ?, ?)"
                                : "INSERT INTO article_region (article_id, region) VALUES (?, ?)");
                PreparedStatement change = db.prepareStatement("INSERT INTO article_change (seq, article_id, revision,"
                        + " audience, changed_at) VALUES (?, ?, 1, ?, ?)")) {
            int stories = (total + 2) / 3;
            int written = 0;
            // oldest story first, so change-log order is time order as it would have been
            for (int story = stories - 1; story >= 0 && written < total; story--) {
                Instant published = now.minus(Duration.ofMinutes(story)).minusSeconds(30);
                Section section = Section.values()[random.nextInt(Section.values().length)];
                ContentType type = random.nextInt(10) < 7
                        ? ContentType.NEWS
                        : ContentType.values()[random.nextInt(ContentType.values().length)];
                List<Region> regions = new ArrayList<>();
                regions.add(Region.values()[random.nextInt(Region.values().length)]);
                if (random.nextInt(4) == 0) {
                    Region second = Region.values()[random.nextInt(Region.values().length)];
                    if (!regions.contains(second)) {
                        regions.add(second);
                    }
                }
                Set<Integer> topics = new LinkedHashSet<>();
                int tagCount = 2 + random.nextInt(4);
                while (topics.size() < tagCount) {
                    topics.add(draw(zipf, random));
                }
                boolean breaking = random.nextInt(50) == 0;
                int fate = random.nextInt(100);
                Status status = fate == 0 ? Status.CANCELED : Status.USABLE;
                Instant embargo = fate == 1 ? published.plus(Duration.ofHours(1)) : null;
                if (story < 3 && fate > 90) {
                    embargo = now.plus(Duration.ofHours(2)); // a few embargoes still pending
                }
                for (Language language : Language.values()) {
                    if (written == total) {
                        break;
                    }
                    String guid = "urn:bench:" + story + ":" + language.code();
                    List<String> tags =
                            topics.stream().map(t -> tagName(language, t)).toList();
                    String headline =
                            headline(language, story, topics.iterator().next());
                    Article a = new Article(
                            ArticleId.of("demo", guid),
                            new WireReference("demo", guid, "1"),
                            1,
                            status,
                            language,
                            headline,
                            "Standfirst of story " + story + ".",
                            "<p>" + body(random) + "</p><p>" + body(random) + "</p>",
                            "By Bench Desk",
                            "DEMO",
                            "DEMO",
                            null,
                            published,
                            published.plusSeconds(random.nextInt(600)),
                            section,
                            type,
                            regions,
                            tags,
                            List.of(),
                            List.of(),
                            2,
                            breaking ? 1 : 5,
                            breaking,
                            embargo,
                            "story-" + story,
                            Slugs.of(headline),
                            null);
                    String document = ArticleDocuments.write(a);
                    Timestamp stored = Timestamp.from(a.updated());
                    article.setString(1, a.id().value());
                    article.setString(2, "demo");
                    article.setString(3, guid);
                    article.setString(4, "1");
                    article.setString(5, status.name());
                    article.setString(6, language.code());
                    article.setString(7, section.slug());
                    article.setString(8, type.slug());
                    article.setTimestamp(9, Timestamp.from(published));
                    article.setTimestamp(10, stored);
                    article.setTimestamp(11, embargo == null ? null : Timestamp.from(embargo));
                    article.setInt(12, a.urgency());
                    article.setBoolean(13, breaking);
                    article.setString(14, a.editionGroup());
                    article.setString(15, ArticleDocuments.sha256Hex(document.getBytes(StandardCharsets.UTF_8)));
                    article.setString(16, document);
                    article.setTimestamp(17, stored);
                    article.setString(18, "explicit");
                    article.addBatch();
                    for (String name : tags) {
                        tag.setString(1, a.id().value());
                        tag.setString(2, Slugs.of(name));
                        tag.setString(3, name);
                        if (facetsDated) {
                            tag.setString(4, language.code());
                            tag.setTimestamp(5, Timestamp.from(published));
                        }
                        tag.addBatch();
                    }
                    for (Region r : regions) {
                        region.setString(1, a.id().value());
                        region.setString(2, r.slug());
                        if (facetsDated) {
                            region.setString(3, language.code());
                            region.setTimestamp(4, Timestamp.from(published));
                        }
                        region.addBatch();
                    }
                    written++;
                    change.setLong(1, written);
                    change.setString(2, a.id().value());
                    change.setString(3, embargo != null && embargo.isAfter(now) ? "PREVIEW" : "ALL");
                    change.setTimestamp(4, stored);
                    change.addBatch();
                    if (written % BATCH == 0) {
                        flush(db, article, tag, region, change);
                    }
                    if (written % 100_000 == 0) {
                        System.out.println("  " + written + " articles");
                    }
                }
            }
            flush(db, article, tag, region, change);
            try (PreparedStatement counter =
                    db.prepareStatement("UPDATE change_counter SET last_seq = ? WHERE id = 1")) {
                counter.setLong(1, written);
                counter.executeUpdate();
            }
            db.commit();
        }
    }

    private static void flush(Connection db, PreparedStatement... statements) throws SQLException {
        for (PreparedStatement statement : statements) {
            statement.executeBatch();
        }
        db.commit();
    }

    /** "Topic 17" in English, "موضوع ١٧" in Arabic (Arabic-Indic digits), "Tema 17" in Spanish. */
    static String tagName(Language language, int topic) {
        String number = Integer.toString(topic);
        if (language == Language.AR) {
            StringBuilder arabic = new StringBuilder();
            number.chars().forEach(c -> arabic.append((char) ('\u0660' + (c - '0'))));
            number = arabic.toString();
        }
        return TOPIC[language.ordinal()] + " " + number;
    }

    private static String headline(Language language, int story, int topic) {
        return tagName(language, topic) + ": " + WORDS[story % WORDS.length] + " " + story;
    }

    private static String body(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return text.toString().trim() + ".";
    }

    /** Tag ranks drawn with weight 1/rank, as tag use is in a newsroom: a few everywhere, most rare. */
    private static double[] zipfCumulative(int n) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    private static int draw(double[] cumulative, Random random) {
        double u = random.nextDouble();
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] < u) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low + 1;
    }
}
