package org.wiregate.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A schema of its own on the test PostgreSQL (127.0.0.1:5432, database test) for one test class:
 * Flyway creates it from the same migrations as H2, and {@link #drop} removes it afterwards. Use
 * with {@link RequiresPostgres} and the {@code postgres} profile.
 */
public final class PostgresSchema {

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    public static PostgresSchema create(String prefix) {
        return new PostgresSchema(
                prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    public String name() {
        return name;
    }

    /** Points the datasource and Flyway at this schema; registered after a class's H2 settings, these win. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> RequiresPostgres.URL + "?currentSchema=" + name);
        registry.add("spring.datasource.username", () -> RequiresPostgres.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> name);
        registry.add("spring.flyway.create-schemas", () -> "true");
    }

    public void drop() throws SQLException {
        try (Connection c = DriverManager.getConnection(RequiresPostgres.URL, RequiresPostgres.USER, "")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}
