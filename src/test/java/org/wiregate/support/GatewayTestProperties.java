package org.wiregate.support;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The settings every test that starts the gateway shares: its own inbox and in-memory H2, fast polling, no demo. */
public final class GatewayTestProperties {

    private GatewayTestProperties() {}

    /** @param name names the in-memory database, so contexts of different test classes never share one */
    public static void register(DynamicPropertyRegistry registry, String name, Path inbox) {
        registerWithoutDatabase(registry, inbox);
        h2(registry, name);
    }

    /** An in-memory H2 of its own for a test class, in the PostgreSQL mode the gateway uses. */
    public static void h2(DynamicPropertyRegistry registry, String name) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:" + name
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }

    /** Everything but the database, for contracts that run on H2 and on PostgreSQL. */
    public static void registerWithoutDatabase(DynamicPropertyRegistry registry, Path inbox) {
        registry.add("gateway.inbox", inbox::toString);
        // Metrics and health details need the operator (Http.asOperator); a test may set its own token.
        registry.add("gateway.ops.token", () -> Http.OPS_TOKEN);
        registry.add("gateway.demo.enabled", () -> "false");
        registry.add("gateway.ingest.settle-time", () -> "200");
        registry.add("gateway.ingest.settle-check-interval", () -> "100");
        registry.add("gateway.ingest.poll-interval", () -> "200");
        // the database-outage tests wait through several attempts; 0.1 s doubling to 0.4 s keeps them short
        registry.add("gateway.ingest.database-retry.first-delay", () -> "100");
        registry.add("gateway.ingest.database-retry.max-delay", () -> "400");
    }
}
