package org.wiregate.partner;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.PostgresSchema;
import org.wiregate.support.RequiresPostgres;

/**
 * The entitlement matrix on PostgreSQL: the scope conditions, the change log join, partner keys
 * and the webhook queue run the same SQL there as on H2.
 */
@ExtendWith(RequiresPostgres.class)
@ActiveProfiles("postgres")
class PostgresEntitlementsAcrossOutputsTest extends EntitlementsAcrossOutputsContract {

    private static final PostgresSchema SCHEMA = PostgresSchema.create("wiregate_matrix");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        SCHEMA.register(registry);
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        SCHEMA.drop();
    }
}
