package org.wiregate.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.PostgresSchema;
import org.wiregate.support.RequiresPostgres;
import org.wiregate.support.TestDirectories;

/**
 * The store contract on a real PostgreSQL (127.0.0.1:5432, database test), in a schema of its own
 * that Flyway creates from the same migrations as H2 and that is dropped afterwards.
 */
@ExtendWith(RequiresPostgres.class)
@SpringBootTest
@ActiveProfiles("postgres")
class PostgresArticleStoreTest extends ArticleStoreContract {

    private static final PostgresSchema SCHEMA = PostgresSchema.create("wiregate_test");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "gateway.inbox",
                () -> TestDirectories.create("pg-store").resolve("inbox").toString());
        registry.add("gateway.demo.enabled", () -> "false");
        SCHEMA.register(registry);
    }

    @Autowired
    DataSource dataSource;

    /**
     * The partner delta's first look-up ({@code since=1h}) against a long log, planned the way a
     * pooled connection plans a statement it has run a few times (a generic plan): a bound time made
     * PostgreSQL walk the primary key from the log's start; the statement the gateway runs reads the
     * changed_at index. A temporary table of the log's shape (it shadows the real one on this
     * connection) holds 200,000 changes a minute apart.
     */
    @Test
    void theDeltasFirstLookUpReadsTheTimeIndexEvenInAGenericPlan() throws SQLException {
        Instant hourAgo = Instant.parse("2026-12-01T12:00:00Z").minusSeconds(3600);
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TEMPORARY TABLE article_change (LIKE article_change INCLUDING INDEXES)");
            try {
                sql.execute("INSERT INTO article_change (seq, article_id, revision, audience, changed_at)"
                        + " SELECT n, LPAD(n::text, 26, '0'), 1, 'ALL',"
                        + " TIMESTAMP WITH TIME ZONE '2026-12-01 12:00:00+00' - (200000 - n) * INTERVAL '1 minute'"
                        + " FROM generate_series(1, 200000) n");
                sql.execute("ANALYZE article_change");
                sql.execute("SET plan_cache_mode = force_generic_plan");

                sql.execute("PREPARE bound_time (timestamptz) AS"
                        + " SELECT MIN(seq) FROM article_change WHERE changed_at >= $1");
                String bound = plan(sql, "EXPLAIN EXECUTE bound_time ('" + hourAgo + "')");
                assertThat(bound)
                        .as("why the time is not bound: the generic plan of a bound time")
                        .doesNotContain("Index Cond: (changed_at >=");

                String gateway = plan(sql, "EXPLAIN " + ChangeLog.firstSeqSql(hourAgo));
                assertThat(gateway).contains("Index Cond: (changed_at >=");
                try (ResultSet first = sql.executeQuery(ChangeLog.firstSeqSql(hourAgo))) {
                    first.next();
                    assertThat(first.getLong(1)).isEqualTo(200000 - 60);
                }
            } finally {
                sql.execute("DEALLOCATE bound_time");
                sql.execute("RESET plan_cache_mode");
                sql.execute("DROP TABLE pg_temp.article_change");
            }
        }
    }

    private static String plan(Statement sql, String explain) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(explain)) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return String.join("\n", lines);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        SCHEMA.drop();
    }
}
