package org.wiregate.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.wiregate.support.SwitchableDataSource;

/**
 * wiregate_store_up: NaN until the first probe, then 1 while the database answers and 0 while it
 * does not (the WiregateStoreUnreachable alert), and 1 again when it is back.
 */
class StoreProbeTest {

    @Test
    void followsWhetherTheDatabaseAnswers() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:store-probe;DB_CLOSE_DELAY=-1");
        SwitchableDataSource database = new SwitchableDataSource(h2);
        MeterRegistry registry = new SimpleMeterRegistry();
        StoreProbe probe = new StoreProbe(database, registry);
        assertThat(up(registry)).isNaN();

        probe.probe();
        assertThat(up(registry)).isEqualTo(1.0);

        database.goAway();
        probe.probe();
        assertThat(up(registry)).isEqualTo(0.0);

        database.comeBack();
        probe.probe();
        assertThat(up(registry)).isEqualTo(1.0);
    }

    private static double up(MeterRegistry registry) {
        return registry.get("wiregate.store.up").gauge().value();
    }
}
