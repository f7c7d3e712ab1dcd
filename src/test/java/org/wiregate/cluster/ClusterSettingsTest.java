package org.wiregate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.wiregate.leadership.ClusterSettings;

/** When the bus is on, which channel it uses, and what goes over it. */
class ClusterSettingsTest {

    private static final String H2 = "jdbc:h2:file:./data/wiregate;MODE=PostgreSQL";
    private static final String POSTGRES = "jdbc:postgresql://db:5432/wiregate?currentSchema=outlet_a";

    @Test
    void onByDefaultOnlyWhenTheStoreIsPostgres() {
        assertThat(settings("auto", "", POSTGRES).enabled()).isTrue();
        assertThat(settings("auto", "", H2).enabled()).as("H2 is one instance").isFalse();
        assertThat(settings("false", "", POSTGRES).enabled()).isFalse();
        assertThatThrownBy(() -> settings("true", "", H2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL");
        assertThatThrownBy(() -> settings("sometimes", "", POSTGRES)).hasMessageContaining("auto, true or false");
    }

    @Test
    void theChannelIsPerSchemaUnlessConfigured() {
        assertThat(settings("auto", "", POSTGRES).channelFor("outlet_a")).isEqualTo("wiregate_outlet_a");
        assertThat(settings("auto", "", POSTGRES).channelFor("Outlet-B")).isEqualTo("wiregate_outlet_b");
        assertThat(settings("auto", "", POSTGRES).channelFor("x".repeat(80))).hasSize(63);
        assertThat(settings("auto", "newsroom_bus", POSTGRES).channelFor("outlet_a"))
                .isEqualTo("newsroom_bus");
        assertThatThrownBy(() -> settings("auto", "bad channel; DROP", POSTGRES))
                .hasMessageContaining("gateway.cluster.channel");
    }

    @Test
    void everyStartIsANewInstanceUnlessNamed() {
        ClusterSettings first = new ClusterSettings("auto", "", "", POSTGRES, "u", "p");
        ClusterSettings second = new ClusterSettings("auto", "", "", POSTGRES, "u", "p");
        assertThat(first.instanceId()).isNotEqualTo(second.instanceId());
        assertThat(new ClusterSettings("auto", " gw-1 ", "", POSTGRES, "u", "p").instanceId())
                .isEqualTo("gw-1");
    }

    @Test
    void announcementsTravelAsSmallJsonAndAnythingElseIsIgnored() {
        Announcement sent = new Announcement("gw-1", Topic.ROUTE, "ingest-afp", "suspend");
        String payload = AnnouncementCodec.write(sent);
        assertThat(payload).contains("\"topic\":\"ROUTE\"").hasSizeLessThan(200);
        assertThat(AnnouncementCodec.read(payload)).contains(sent);
        assertThat(AnnouncementCodec.read("{\"from\":\"gw-2\",\"topic\":\"ARTICLE\",\"subject\":\"x\",\"extra\":1}"))
                .contains(new Announcement("gw-2", Topic.ARTICLE, "x", ""));
        assertThat(AnnouncementCodec.read("not json")).isEmpty();
        assertThat(AnnouncementCodec.read("{\"from\":\"gw-2\",\"topic\":\"NO_SUCH_TOPIC\"}"))
                .isEmpty();
        assertThat(AnnouncementCodec.read("{\"topic\":\"ARTICLE\"}"))
                .as("no sender")
                .isEmpty();
        assertThatThrownBy(() -> AnnouncementCodec.write(new Announcement("gw-1", Topic.ARTICLE, "x".repeat(8000), "")))
                .hasMessageContaining("too long");
    }

    @Test
    void aBusThatIsOffSendsNothingAndNeedsNoDatabase() {
        ClusterBus alone = ClusterBus.alone();
        assertThat(alone.enabled()).isFalse();
        alone.announce(Topic.PARTNERS, "", ""); // no JdbcClient behind it: would throw if it tried
    }

    private static ClusterSettings settings(String enabled, String channel, String url) {
        return new ClusterSettings(enabled, "gw", channel, url, "user", "");
    }
}
