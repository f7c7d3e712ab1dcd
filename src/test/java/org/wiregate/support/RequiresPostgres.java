package org.wiregate.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class only when PostgreSQL answers at 127.0.0.1:5432 (database test, user postgres).
 * Locally it may skip; under CI=true a missing server is a failure, never a silent skip.
 */
public final class RequiresPostgres implements ExecutionCondition {

    public static final String URL =
            System.getenv().getOrDefault("WIREGATE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getenv().getOrDefault("WIREGATE_TEST_PG_USER", "postgres");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        DriverManager.setLoginTimeout(5);
        try (Connection connection = DriverManager.getConnection(URL, USER, "")) {
            return ConditionEvaluationResult.enabled(
                    "PostgreSQL " + connection.getMetaData().getDatabaseProductVersion() + " answers at " + URL);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(
                        "CI=true but PostgreSQL does not answer at " + URL + ": " + e.getMessage(), e);
            }
            return ConditionEvaluationResult.disabled(
                    "PostgreSQL not reachable at " + URL + " (" + e.getMessage() + ")");
        }
    }
}
