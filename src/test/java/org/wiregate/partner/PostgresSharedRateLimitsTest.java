package org.wiregate.partner;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.PostgresSchema;
import org.wiregate.support.RequiresPostgres;

/** Shared rate limits on PostgreSQL, where several gateway instances would share them. */
@ExtendWith(RequiresPostgres.class)
@ActiveProfiles("postgres")
class PostgresSharedRateLimitsTest extends SharedRateLimitsContract {

    private static final PostgresSchema SCHEMA = PostgresSchema.create("wiregate_limits");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        SCHEMA.drop();
    }
}
