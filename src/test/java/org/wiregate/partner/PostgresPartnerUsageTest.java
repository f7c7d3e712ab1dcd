package org.wiregate.partner;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.PostgresSchema;
import org.wiregate.support.RequiresPostgres;

/** Usage accounting on PostgreSQL: the add-or-insert flush and the per-day reads. */
@ExtendWith(RequiresPostgres.class)
@ActiveProfiles("postgres")
class PostgresPartnerUsageTest extends PartnerUsageContract {

    private static final PostgresSchema SCHEMA = PostgresSchema.create("wiregate_usage");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        SCHEMA.drop();
    }
}
