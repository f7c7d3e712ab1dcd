/*
 * H2 file growth under a newsroom-like write workload, with and without MVStore auto-compaction.
 *
 * Standalone (JDK 17 single-file launch, only the H2 jar on the class path):
 *
 *   java -cp ~/.m2/repository/com/h2database/h2/2.3.232/h2-2.3.232.jar bench/H2Growth.java \
 *        DIR FILL_RATE ARTICLES END [OPTIONS]
 *
 *   DIR        folder of the database (DIR/wiregate.mv.db); an existing database is continued
 *   FILL_RATE  "default" (URL without AUTO_COMPACT_FILL_RATE, H2's 90) or a number appended as
 *              ;AUTO_COMPACT_FILL_RATE=<n>
 *   ARTICLES   new articles to insert in this pass (0: open and end only)
 *   END        close    - close the last connection (the gateway's normal stop: the pool closes)
 *              shutdown - SHUTDOWN
 *              compact  - SHUTDOWN COMPACT (rewrites the live data into a new file)
 *   OPTIONS    the URL options after the file name; default: the gateway's application.yaml URL
 *              (bench/h2-growth.sh passes the ones it reads from application.yaml)
 *
 * Workload, one transaction (one commit) per article operation, as the gateway commits per item:
 *   - insert an article: id = 26 base32 chars of SHA-256 (like ArticleId), 8 languages, published
 *     advancing 10 s of simulated time per article, document TEXT of 6-10 KB of random words
 *     (TEXT as in the gateway's V1 migration; in PostgreSQL mode H2 makes it CHARACTER VARYING,
 *     stored in the row, not as a LOB), plus one change-log row;
 *   - 30% of the articles get 1-3 later versions (each within the next 2,000 articles): the
 *     document is rewritten, revision + 1, plus one change-log row;
 *   - every 100 articles, change-log rows older than 3 simulated days (25,920 articles) are deleted.
 * Articles are never deleted, so the live data only grows; file size minus live size is the waste.
 *
 * -Darticles.per.second=N paces the inserts (default: as fast as the machine goes).
 *
 * Prints the file size and H2's own fill-rate figures every 10% of ARTICLES, then the size before
 * and after the chosen END. Not part of the gateway build.
 */

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;

public class H2Growth {

    static final String GATEWAY_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
            + "WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64";
    static final String[] LANGUAGES = {"en", "es", "fr", "de", "it", "pt", "nl", "ar"};
    static final long SECONDS_PER_ARTICLE = 10;
    static final long WINDOW_ARTICLES = 3 * 86_400 / SECONDS_PER_ARTICLE; // 3 simulated days
    static final long BASE_EPOCH_MS = 1_767_225_600_000L; // 2026-01-01T00:00Z
    static final int PRUNE_EVERY = 100;

    record Update(long due, String id, long article) {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: H2Growth DIR FILL_RATE|default ARTICLES close|shutdown|compact [URL_OPTIONS]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        String fill = args[1];
        long articles = Long.parseLong(args[2]);
        String end = args[3];
        String options = args.length > 4 ? args[4] : GATEWAY_OPTIONS;
        if (!end.equals("close") && !end.equals("shutdown") && !end.equals("compact")) {
            throw new IllegalArgumentException("END must be close, shutdown or compact: " + end);
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("wiregate.mv.db");
        String url = "jdbc:h2:file:" + dir.resolve("wiregate") + options
                + (fill.equals("default") ? "" : ";AUTO_COMPACT_FILL_RATE=" + Integer.parseInt(fill));
        System.out.println("url: " + url);
        System.out.println("size at start: " + size(file));

        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            schema(c);
            System.out.println("settings: " + settings(c, "WRITE_DELAY", "AUTO_COMPACT_FILL_RATE", "MAX_COMPACT_TIME",
                    "RETENTION_TIME", "REUSE_SPACE", "CACHE_SIZE"));
            System.out.println("MVStore threads: " + mvstoreThreads());
            long first = count(c, "SELECT COUNT(*) FROM article");
            System.out.println("articles already stored: " + first);
            header();
            report(c, file, first, started);
            run(c, file, first, articles, started);
            System.out.println("MVStore threads at end of workload: " + mvstoreThreads());
            System.out.println("size before " + end + ": " + size(file));
            long t = System.nanoTime();
            if (!end.equals("close")) {
                try (Statement s = c.createStatement()) {
                    s.execute(end.equals("shutdown") ? "SHUTDOWN" : "SHUTDOWN COMPACT");
                }
            }
            // for "close" the try-with-resources closes the only connection: H2 closes the database
            if (!end.equals("close")) {
                System.out.printf("size after %s: %d (%.1f s)%n", end, size(file), (System.nanoTime() - t) / 1e9);
            }
            t = System.nanoTime();
            c.close();
            if (end.equals("close")) {
                System.out.printf("size after close: %d (%.1f s)%n", size(file), (System.nanoTime() - t) / 1e9);
            }
        }
    }

    static void schema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS article ("
                    + " id CHAR(26) PRIMARY KEY,"
                    + " language VARCHAR(8) NOT NULL,"
                    + " first_published TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " revision INT NOT NULL,"
                    + " document TEXT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS article_feed_order ON article (language, first_published DESC, id DESC)");
            s.execute("CREATE TABLE IF NOT EXISTS article_change ("
                    + " seq BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                    + " article_id CHAR(26) NOT NULL,"
                    + " revision INT NOT NULL,"
                    + " changed_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS article_change_time ON article_change (changed_at)");
        }
    }

    static void run(Connection c, Path file, long first, long articles, long started) throws Exception {
        Random random = new Random(42 + first);
        String[] words = vocabulary(random);
        PriorityQueue<Update> pending = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
        long step = Math.max(1, articles / 10);
        long updates = 0;
        double perSecond = Double.parseDouble(System.getProperty("articles.per.second", "0"));
        long passStart = System.nanoTime();
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO article (id, language, first_published, revision, document) VALUES (?, ?, ?, 1, ?)");
             PreparedStatement update = c.prepareStatement(
                     "UPDATE article SET revision = revision + 1, document = ? WHERE id = ?");
             PreparedStatement change = c.prepareStatement(
                     "INSERT INTO article_change (article_id, revision, changed_at) VALUES (?, (SELECT revision FROM article WHERE id = ?), ?)");
             PreparedStatement prune = c.prepareStatement("DELETE FROM article_change WHERE changed_at < ?")) {
            for (long n = first; n < first + articles; n++) {
                if (perSecond > 0) {
                    long due = passStart + (long) ((n - first) * 1e9 / perSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                Timestamp now = new Timestamp(BASE_EPOCH_MS + n * SECONDS_PER_ARTICLE * 1000);
                String id = id(n);
                insert.setString(1, id);
                insert.setString(2, LANGUAGES[(int) (n % LANGUAGES.length)]);
                insert.setTimestamp(3, now);
                insert.setString(4, document(random, words, n, 1));
                insert.executeUpdate();
                change.setString(1, id);
                change.setString(2, id);
                change.setTimestamp(3, now);
                change.executeUpdate();
                c.commit();
                if (random.nextInt(100) < 30) {
                    int versions = 1 + random.nextInt(3);
                    for (int v = 0; v < versions; v++) {
                        pending.add(new Update(n + 1 + random.nextInt(2000), id, n));
                    }
                }
                while (!pending.isEmpty() && pending.peek().due <= n) {
                    Update u = pending.poll();
                    update.setString(1, document(random, words, u.article, 2));
                    update.setString(2, u.id);
                    update.executeUpdate();
                    change.setString(1, u.id);
                    change.setString(2, u.id);
                    change.setTimestamp(3, now);
                    change.executeUpdate();
                    c.commit();
                    updates++;
                }
                if (n % PRUNE_EVERY == 0) {
                    prune.setTimestamp(1, new Timestamp(now.getTime() - WINDOW_ARTICLES * SECONDS_PER_ARTICLE * 1000));
                    prune.executeUpdate();
                    c.commit();
                }
                long done = n + 1 - first;
                if (done % step == 0 || done == articles) {
                    report(c, file, n + 1, started);
                    System.out.println("    (updates so far in this pass: " + updates + ")");
                }
            }
        }
        c.setAutoCommit(true);
    }

    static void header() {
        System.out.println("| articles | elapsed s | file bytes | article rows | change rows | FILL_RATE | CHUNKS_FILL_RATE | CHUNK_COUNT | load1 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
    }

    static void report(Connection c, Path file, long articles, long started) throws Exception {
        Map<String, String> info = info(c);
        System.out.printf("| %d | %.0f | %d | %d | %d | %s | %s | %s | %s |%n",
                articles, (System.nanoTime() - started) / 1e9, size(file),
                count(c, "SELECT COUNT(*) FROM article"), count(c, "SELECT COUNT(*) FROM article_change"),
                info.get("info.FILL_RATE"), info.get("info.CHUNKS_FILL_RATE"), info.get("info.CHUNK_COUNT"),
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    static Map<String, String> info(Connection c) throws SQLException {
        Map<String, String> m = new TreeMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT setting_name, setting_value FROM information_schema.settings WHERE setting_name LIKE 'info.%'")) {
            while (r.next()) {
                m.put(r.getString(1), r.getString(2));
            }
        }
        return m;
    }

    static Map<String, String> settings(Connection c, String... names) throws SQLException {
        Map<String, String> m = new TreeMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT setting_name, setting_value FROM information_schema.settings")) {
            while (r.next()) {
                for (String name : names) {
                    if (r.getString(1).equalsIgnoreCase(name)) {
                        m.put(r.getString(1), r.getString(2));
                    }
                }
            }
        }
        return m;
    }

    static List<String> mvstoreThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("MVStore") || t.getName().startsWith("H2-")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static long size(Path file) throws Exception {
        return Files.exists(file) ? Files.size(file) : -1;
    }

    static String id(long n) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(("bench\nguid-" + n).getBytes(StandardCharsets.UTF_8));
        char[] base32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
        StringBuilder id = new StringBuilder(26);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; id.length() < 26; i++) {
            buffer = (buffer << 8) | (digest[i] & 0xff);
            bits += 8;
            while (bits >= 5 && id.length() < 26) {
                id.append(base32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return id.toString();
    }

    static String[] vocabulary(Random random) {
        String[] words = new String[4000];
        for (int i = 0; i < words.length; i++) {
            StringBuilder w = new StringBuilder();
            int len = 2 + random.nextInt(9);
            for (int j = 0; j < len; j++) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            words[i] = w.toString();
        }
        return words;
    }

    static String document(Random random, String[] words, long article, int version) {
        int target = 6000 + random.nextInt(4001);
        StringBuilder body = new StringBuilder(target + 64);
        while (body.length() < target) {
            body.append(words[random.nextInt(words.length)]).append(' ');
        }
        return "{\"article\":" + article + ",\"version\":" + version + ",\"body\":\"" + body + "\"}";
    }
}
