package org.wiregate.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.wiregate.store.StoreOutcome;

/**
 * Counters an operator graphs per source: payloads received, what storing each item did, and
 * rejections. Exposed at /actuator/prometheus as wiregate_ingest_*.
 */
@Component("ingestMetrics")
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void received(String source, boolean duplicate) {
        Counter.builder("wiregate.ingest.payloads")
                .description("Files received, by source; duplicate = same bytes already processed")
                .tag("source", source).tag("duplicate", Boolean.toString(duplicate))
                .register(registry).increment();
    }

    public void stored(String source, StoreOutcome outcome) {
        Counter.builder("wiregate.ingest.items")
                .description("Items stored, by source and outcome (created, updated, unchanged, stale)")
                .tag("source", source).tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
    }

    void rejected(String source, String level) {
        Counter.builder("wiregate.ingest.rejections")
                .description("Files and items quarantined, by source and level (file, item)")
                .tag("source", source).tag("level", level)
                .register(registry).increment();
    }
}
