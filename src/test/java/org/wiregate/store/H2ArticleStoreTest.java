package org.wiregate.store;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.TestDirectories;

/** The store contract on the embedded default database (H2 in PostgreSQL mode, as configured). */
@SpringBootTest
class H2ArticleStoreTest extends ArticleStoreContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("gateway.inbox", () -> TestDirectories.create("h2-store").resolve("inbox").toString());
        registry.add("gateway.demo.enabled", () -> "false");
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:mem:store;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }
}
