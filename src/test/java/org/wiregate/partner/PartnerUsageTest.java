package org.wiregate.partner;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.GatewayTestProperties;

/** Usage accounting on the embedded H2. */
class PartnerUsageTest extends PartnerUsageContract {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        GatewayTestProperties.h2(registry, "partner-usage");
    }
}
