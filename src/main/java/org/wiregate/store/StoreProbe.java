package org.wiregate.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code wiregate_store_up}: 1 when the database answered the last probe, 0 when it did not, NaN
 * before the first probe. Nothing else says "the store is unreachable" while no copy arrives and no
 * feed page needs rendering; the counters that follow an outage ({@code
 * wiregate_ingest_database_waits_total}, {@code wiregate_feeds_stale_total}) move only with traffic.
 * The probe runs in the background (every {@code gateway.store.probe-every}, 10 s) so a scrape never
 * waits for the pool's connection timeout. Read by the WiregateStoreUnreachable alert.
 */
@Component
class StoreProbe {

    private static final Logger log = LoggerFactory.getLogger(StoreProbe.class);
    /** Seconds the driver may take to validate a connection the pool handed out. */
    private static final int VALIDATION_SECONDS = 2;

    private final DataSource dataSource;
    private volatile double up = Double.NaN;

    StoreProbe(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        Gauge.builder("wiregate.store.up", this, probe -> probe.up)
                .description("1 when the database answered the gateway's last probe (every 10 s), 0 when it did not")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${gateway.store.probe-every:PT10S}")
    void probe() {
        boolean answered = answers();
        double was = up;
        up = answered ? 1 : 0;
        // One line per change, not one per probe: the outage itself is logged by what it stops.
        if (!answered && was != 0) {
            log.warn("database probe: the store does not answer (wiregate_store_up 0)");
        } else if (answered && was == 0) {
            log.info("database probe: the store answers again (wiregate_store_up 1)");
        }
    }

    boolean answers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
