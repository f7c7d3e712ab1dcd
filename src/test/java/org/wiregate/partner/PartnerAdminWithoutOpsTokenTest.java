package org.wiregate.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.PartnerFixtures;
import org.wiregate.support.TestDirectories;

/** With no operator token configured the admin API is closed, reads included: contracts are confidential. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PartnerAdminWithoutOpsTokenTest {

    private static final Path inbox =
            TestDirectories.create("partner-admin-closed").resolve("inbox");

    @LocalServerPort
    int port;

    @Autowired
    PartnerRepository partners;

    @Autowired
    PartnerKeys keys;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "partner-admin-closed", inbox);
        registry.add("gateway.ops.token", () -> "");
    }

    @Test
    void everyAdminEndpointIsClosed() throws Exception {
        String key = PartnerFixtures.partnerWithKey(partners, keys, "closed", null);
        PartnerAdminClient client = new PartnerAdminClient(port, "anything");

        for (String[] e : new String[][] {
            {"GET", "/ops/partners"},
            {"GET", "/ops/partners/closed"},
            {"GET", "/ops/partners/closed/audit"},
            {"POST", "/ops/partners/closed/disable"}
        }) {
            HttpResponse<byte[]> anonymous = client.send(e[0], e[1], null);
            assertThat(anonymous.statusCode()).as(e[0] + " " + e[1]).isEqualTo(403);
            assertThat(new String(anonymous.body(), StandardCharsets.UTF_8))
                    .contains("gateway.ops.token")
                    .doesNotContain("Partner closed");
            assertThat(client.admin(e[0], e[1], null).statusCode())
                    .as("any bearer token")
                    .isEqualTo(403);
            assertThat(new String(
                            client.send(e[0], e[1], null, "Authorization", "Bearer " + key)
                                    .body(),
                            StandardCharsets.UTF_8))
                    .contains("partner keys cannot administer partners");
        }
        assertThat(client.admin("POST", "/ops/partners", "{\"id\":\"sneaky\",\"name\":\"Sneaky\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(partners.find("sneaky")).isEmpty();
        assertThat(partners.find("closed").orElseThrow().isActive()).isTrue();
    }
}
