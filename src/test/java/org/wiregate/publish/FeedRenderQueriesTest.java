package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.support.ArticleBuilder.anArticle;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.article.Status;
import org.wiregate.store.ArticleStore;
import org.wiregate.support.ArticleBuilder;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.MutableClock;
import org.wiregate.support.TestDirectories;

/**
 * The shape of a render, which a slow archive would only show as time: every feed page costs a fixed
 * handful of queries, and each of them reads an index (H2's EXPLAIN names one, never a table scan);
 * the page itself comes off the index in feed order, not sorted after reading the slice.
 */
@SpringBootTest
class FeedRenderQueriesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    /**
     * The queries of a render: its page, edition links, the bounded count, tombstones, the next
     * embargo lapse, and on the current document (page 1) the items revised since their day's archive
     * closed. Whether a day is due for closing is asked once per language and day, not per render.
     */
    private static final int MAX_QUERIES = 6;

    /** SQL and parameters of every statement the test thread runs while recording. */
    private static final ThreadLocal<List<Statement>> RECORDED = new ThreadLocal<>();

    record Statement(String sql, Map<Integer, Object> params) {}

    @Autowired
    FeedService feeds;

    @Autowired
    ArticleStore store;

    @Autowired
    DataSource dataSource;

    @Autowired
    org.wiregate.store.ChangeLog changes;

    @Autowired
    org.wiregate.store.ArticleRepository articles;

    @Autowired
    JdbcClient jdbc;

    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private static boolean seeded;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(
                registry,
                "feed-render-queries",
                TestDirectories.create("feed-render-queries").resolve("inbox"));
        registry.add("gateway.feeds.page-size", () -> "5");
    }

    @BeforeAll
    static void reset() {
        seeded = false;
    }

    /** Enough copy that H2's planner sees slices of different sizes, with kills, embargoes and editions. */
    private void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        for (int i = 0; i < 120; i++) {
            String group = "story-" + i;
            for (Language language : Language.values()) {
                ArticleBuilder article = anArticle()
                        .wire("test", "urn:test:" + UUID.randomUUID())
                        .language(language)
                        .headline("headline " + i)
                        .publishedAt(NOW.minus(Duration.ofMinutes(i)))
                        .section(Section.values()[i % Section.values().length])
                        .contentType(ContentType.values()[i % 3])
                        .regions(List.of(Region.values()[i % Region.values().length]))
                        .tags(List.of("Tag " + (i % 7), "Tag " + (i % 11)))
                        .breaking(i % 9 == 0)
                        .editionGroup(group);
                if (i % 13 == 0) {
                    article.status(Status.CANCELED);
                }
                if (i % 17 == 0) {
                    article.embargoUntil(NOW.plus(Duration.ofHours(1)));
                }
                store.save(article.build(), null);
            }
        }
    }

    @Test
    void everyFeedRenderRunsAFewQueriesEachReadingAnIndex() throws Exception {
        seed();
        Map<String, FeedSlice> slices = new TreeMap<>();
        slices.put("all", FeedSlice.ALL);
        slices.put("breaking", FeedSlice.BREAKING);
        slices.put("section", FeedSlice.section(Section.ECONOMY));
        slices.put("type", FeedSlice.type(ContentType.OPINION));
        slices.put("region", FeedSlice.region(Region.EUROPE));
        slices.put("tag", FeedSlice.tag("tag-3").orElseThrow());
        // The first render of the day asks whether a day is due for closing (RFC 5005 archives): once.
        feeds.feed(Language.AR, FeedSlice.ALL, FeedFormat.RSS, 1);
        for (Map.Entry<String, FeedSlice> slice : slices.entrySet()) {
            for (FeedFormat format : FeedFormat.values()) {
                for (int page : new int[] {1, 3}) {
                    feeds.evictAll();
                    List<Statement> statements =
                            recording(() -> feeds.feed(Language.AR, slice.getValue(), format, page));
                    String render = slice.getKey() + " " + format + " page " + page;
                    assertThat(statements).as(render).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_QUERIES);
                    for (Statement statement : statements) {
                        String plan = explain(statement);
                        assertThat(plan).as(render + ": " + statement.sql()).doesNotContainIgnoringCase("tableScan");
                        if (statement.sql().contains("ORDER BY")
                                && statement.sql().contains("OFFSET")) {
                            // the page is read in feed order off the index: no sort of the whole slice
                            assertThat(plan).as(render + ": " + statement.sql()).contains("/* index sorted */");
                        }
                    }
                }
            }
        }
    }

    @Test
    void theEmbargoSweepEverySecondReadsARangeOfItsIndex() throws Exception {
        seed();
        for (Instant lapsedAfter : new Instant[] {NOW.minus(Duration.ofMinutes(10)), null}) {
            List<Statement> statements = recording(() -> changes.releaseLapsedEmbargoes(lapsedAfter, NOW));
            assertThat(statements).hasSize(1);
            assertThat(explain(statements.get(0)))
                    .as("lapsed after %s", lapsedAfter)
                    .doesNotContainIgnoringCase("tableScan")
                    .contains("article_embargo_lapse");
        }
    }

    /**
     * Every render asks when the next embargo lapses. H2 sorts the missing embargoes of ordinary
     * articles after every date, so an open range ("after now") read all of them: at a million
     * articles, 40 ms of each render. It must read the pending embargoes, not the archive.
     */
    @Test
    void theNextEmbargoLapseReadsThePendingEmbargoesOnly() throws Exception {
        seed();
        List<Statement> statements = recording(() -> articles.nextEmbargoLapse(Language.AR, NOW));
        assertThat(statements).hasSize(1);
        long pending = jdbc.sql("SELECT COUNT(*) FROM article WHERE language = 'ar' AND embargo_until > ?")
                .param(java.time.OffsetDateTime.ofInstant(NOW, java.time.ZoneOffset.UTC))
                .query(Long.class)
                .single();
        long ordinary = jdbc.sql("SELECT COUNT(*) FROM article WHERE language = 'ar' AND embargo_until IS NULL")
                .query(Long.class)
                .single();
        assertThat(pending).isPositive().isLessThan(ordinary / 5);
        assertThat(rowsRead(statements.get(0))).isLessThanOrEqualTo(pending + 1);
    }

    @Test
    void aPageIsTheSameWhicheverIndexReadsIt() {
        seed();
        // the tag page comes off the tag rows' index: same items, same order as filtering the main feed
        String tagPage = new String(
                feeds.feed(Language.ES, FeedSlice.tag("tag-3").orElseThrow(), FeedFormat.JSON, 2)
                        .orElseThrow()
                        .body(),
                java.nio.charset.StandardCharsets.UTF_8);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 120 && expected.size() < 10; i++) {
            if ((i % 7 == 3 || i % 11 == 3) && i % 13 != 0 && i % 17 != 0) {
                expected.add("headline " + i);
            }
        }
        assertThat(headlines(tagPage)).containsExactlyElementsOf(expected.subList(5, 10));
    }

    private static List<String> headlines(String json) {
        List<String> found = new ArrayList<>();
        int at = 0;
        while ((at = json.indexOf("\"title\":\"headline ", at)) >= 0) {
            int start = at + "\"title\":\"".length();
            found.add(json.substring(start, json.indexOf('"', start)));
            at = start;
        }
        return found;
    }

    /** The rows H2 read for a statement, from EXPLAIN ANALYZE (its scanCount, summed over the tables). */
    private long rowsRead(Statement statement) throws Exception {
        Matcher scanned = SCAN_COUNT.matcher(plan("EXPLAIN ANALYZE ", statement));
        long rows = 0;
        while (scanned.find()) {
            rows += Long.parseLong(scanned.group(1));
        }
        return rows;
    }

    private String explain(Statement statement) throws Exception {
        return plan("EXPLAIN ", statement);
    }

    private String plan(String explainCommand, Statement statement) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement explain = connection.prepareStatement(explainCommand + statement.sql())) {
            for (Map.Entry<Integer, Object> param : statement.params().entrySet()) {
                explain.setObject(param.getKey(), param.getValue());
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return plan.getString(1);
            }
        } finally {
            RECORDED.remove();
        }
    }

    private static List<Statement> recording(Runnable render) {
        List<Statement> statements = new ArrayList<>();
        RECORDED.set(statements);
        try {
            render.run();
        } finally {
            RECORDED.remove();
        }
        return statements;
    }

    /** Wraps the gateway's DataSource so the test thread's prepared statements are recorded with their parameters. */
    @TestConfiguration
    static class RecordingConfiguration {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(NOW);
        }

        @Bean
        static BeanPostProcessor recordingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource ? recording(dataSource) : bean;
                }
            };
        }

        private static DataSource recording(DataSource target) {
            return proxy(
                    DataSource.class,
                    target,
                    (method, args, result) -> method.getName().equals("getConnection")
                            ? proxy(
                                    Connection.class,
                                    result,
                                    (m, a, r) -> m.getName().equals("prepareStatement")
                                            ? statement((PreparedStatement) r, (String) a[0])
                                            : r)
                            : result);
        }

        private static PreparedStatement statement(PreparedStatement target, String sql) {
            Map<Integer, Object> params = new TreeMap<>();
            return (PreparedStatement) Proxy.newProxyInstance(
                    FeedRenderQueriesTest.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class},
                    (self, method, args) -> {
                        String name = method.getName();
                        if (name.startsWith("set")
                                && args != null
                                && args.length >= 2
                                && args[0] instanceof Integer i) {
                            params.put(i, args[1]);
                        }
                        if (name.startsWith("execute")
                                && RECORDED.get() != null
                                && sql.trim().toUpperCase(Locale.ROOT).startsWith("SELECT")) {
                            RECORDED.get().add(new Statement(sql, new TreeMap<>(params)));
                        }
                        try {
                            return method.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        interface After {
            Object apply(java.lang.reflect.Method method, Object[] args, Object result) throws Exception;
        }

        @SuppressWarnings("unchecked")
        private static <T> T proxy(Class<T> type, Object target, After after) {
            return (T) Proxy.newProxyInstance(
                    FeedRenderQueriesTest.class.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
                        Object result;
                        try {
                            result = method.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        return after.apply(method, args, result);
                    });
        }
    }
}
