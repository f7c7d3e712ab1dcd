package org.wiregate.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
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

    private static final String SCHEMA = "wiregate_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gateway.inbox", () -> TestDirectories.create("pg-store").resolve("inbox").toString());
        registry.add("gateway.demo.enabled", () -> "false");
        registry.add("spring.datasource.url", () -> RequiresPostgres.URL + "?currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> RequiresPostgres.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.flyway.create-schemas", () -> "true");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(RequiresPostgres.URL, RequiresPostgres.USER, "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }
}
