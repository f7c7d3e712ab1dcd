package org.wiregate.store;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
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

    @AfterAll
    static void dropSchema() throws SQLException {
        SCHEMA.drop();
    }
}
