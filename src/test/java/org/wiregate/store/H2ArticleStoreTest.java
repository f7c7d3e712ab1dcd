package org.wiregate.store;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.TestDirectories;

/** The store contract on the embedded default database (H2 in PostgreSQL mode, as configured). */
@SpringBootTest
class H2ArticleStoreTest extends ArticleStoreContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(
                registry, "store", TestDirectories.create("h2-store").resolve("inbox"));
    }
}
