package org.wiregate.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;
import org.wiregate.source.MappingRegistry;
import org.wiregate.source.SourceMapping;
import org.wiregate.store.StoreFailures;

/**
 * {@code sourceFreshness} in /actuator/health: for every source whose mapping declares
 * {@code expectedEvery}, when its copy last arrived, how long ago, and whether that is within the
 * expected interval (fresh) or not (stale). Any stale source makes the component WARNING, a
 * status ranked between DOWN and UP and answered with HTTP 200 (application.yaml): a silent agency
 * is an operator's call to make, not a reason for an orchestrator to restart or unroute the gateway.
 * It is therefore in neither the liveness nor the readiness group.
 */
@Component
class SourceFreshnessHealthIndicator implements HealthIndicator {

    static final Status WARNING = new Status("WARNING", "copy from at least one source is overdue");

    private final MappingRegistry mappings;
    private final SourceActivity activity;
    private final Clock clock;

    SourceFreshnessHealthIndicator(MappingRegistry mappings, SourceActivity activity, Clock clock) {
        this.mappings = mappings;
        this.activity = activity;
        this.clock = clock;
    }

    @Override
    public Health health() {
        // Cannot tell while the database is away; "db" DOWN says why.
        return StoreFailures.orWhileAway(
                this::check,
                away -> Health.unknown()
                        .withDetail("reason", "database unavailable: " + away.getMessage())
                        .build());
    }

    private Health check() {
        Instant now = clock.instant();
        Map<String, Object> sources = new LinkedHashMap<>();
        List<SourceMapping> watched = mappings.all().stream()
                .filter(m -> m.expectedEvery() != null)
                .sorted(Comparator.comparing(SourceMapping::id))
                .toList();
        int stale = 0;
        for (SourceMapping mapping : watched) {
            Duration age = activity.age(mapping.id());
            boolean fresh = age.compareTo(mapping.expectedEvery()) <= 0;
            if (!fresh) {
                stale++;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            // null: nothing from this source since start nor in the store; the age then counts from the start
            detail.put(
                    "lastReceived",
                    activity.lastReceived(mapping.id()).map(Instant::toString).orElse(null));
            detail.put("age", age.withNanos(0).toString());
            detail.put("ageSeconds", age.getSeconds());
            detail.put("expected", mapping.expectedEvery().toString());
            detail.put("state", fresh ? "fresh" : "stale");
            sources.put(mapping.id(), detail);
        }
        Health.Builder health = stale > 0 ? Health.status(WARNING) : Health.up();
        return health.withDetail("checkedAt", now.toString())
                .withDetail("startedAt", activity.startedAt().toString())
                .withDetail("stale", stale)
                .withDetail("sources", sources)
                .build();
    }
}
