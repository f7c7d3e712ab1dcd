package org.wiregate.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code sourceRoutes} in /actuator/health (not in readiness): DOWN, naming each source and why, when
 * a source's ingest route could not be created from its template (a routes/ file naming a bean this
 * build lacks, a mapping whose transport settings make no valid endpoint). Without it the gateway
 * started healthy with no route for that copy, and only a stack trace in the log said so.
 */
@Component
class SourceRoutesHealthIndicator implements HealthIndicator {

    private final SourceRoutes routes;

    SourceRoutesHealthIndicator(SourceRoutes routes, MeterRegistry meters) {
        this.routes = routes;
        // The WiregateSourceRouteMissing alert (monitoring/alerts.yml).
        Gauge.builder(
                        "wiregate.source.routes.missing",
                        routes,
                        r -> r.notCreated().size())
                .description("Sources whose ingest route could not be created: their copy is not taken")
                .register(meters);
    }

    @Override
    public Health health() {
        Map<String, String> notCreated = routes.notCreated();
        if (notCreated.isEmpty()) {
            return Health.up().build();
        }
        return Health.down()
                .withDetail("notCreated", notCreated)
                .withDetail("reason", "no ingest route for these sources: their copy is not taken")
                .build();
    }
}
