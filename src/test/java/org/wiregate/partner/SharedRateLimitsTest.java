package org.wiregate.partner;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.GatewayTestProperties;

/** Shared rate limits on the embedded H2. */
class SharedRateLimitsTest extends SharedRateLimitsContract {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        GatewayTestProperties.h2(registry, "shared-rate-limits");
    }
}
