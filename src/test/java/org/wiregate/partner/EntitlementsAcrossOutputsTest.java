package org.wiregate.partner;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.GatewayTestProperties;

/** The entitlement matrix on the embedded H2. */
class EntitlementsAcrossOutputsTest extends EntitlementsAcrossOutputsContract {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        GatewayTestProperties.h2(registry, "entitlements-matrix");
    }
}
