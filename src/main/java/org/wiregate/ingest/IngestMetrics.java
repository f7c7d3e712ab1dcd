package org.wiregate.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.wiregate.store.StoreOutcome;

/**
 * Counters an operator graphs per source: payloads received, what storing each item did, and
 * rejections. Exposed at /actuator/prometheus as wiregate_ingest_*.
 */
@Component("ingestMetrics")
public class IngestMetrics {

    /**
     * The goal: 99% of items in the feeds within a minute of their payload's arrival, the main
     * feeds' max-age (monitoring/alerts.yml, WiregateIngestToPublishSlow). A bucket ends exactly
     * there, and the buckets go on to 10 minutes (Micrometer stops at 30 s by default, past which a
     * p99 cannot be told from 30 s).
     */
    static final Duration PUBLISH_GOAL = Duration.ofSeconds(60);

    private static final Duration PUBLISH_HISTOGRAM_MAX = Duration.ofMinutes(10);

    private final MeterRegistry registry;
    private final Clock clock;

    public IngestMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * A file taken: counted when its transaction commits, so a payload rolled back by a database
     * outage and taken again counts once; a rejected file is counted by the quarantine.
     */
    public void received(String source, boolean duplicate) {
        onCommit(() -> Counter.builder("wiregate.ingest.payloads")
                .description("Files received, by source; duplicate = same bytes already processed")
                .tag("source", source)
                .tag("duplicate", Boolean.toString(duplicate))
                .register(registry)
                .increment());
    }

    public void stored(String source, StoreOutcome outcome) {
        onCommit(() -> Counter.builder("wiregate.ingest.items")
                .description("Items stored, by source and outcome (created, updated, unchanged, stale)")
                .tag("source", source)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment());
    }

    void rejected(String source, String level) {
        Counter.builder("wiregate.ingest.rejections")
                .description("Files and items quarantined, by source and level (file, item)")
                .tag("source", source)
                .tag("level", level)
                .register(registry)
                .increment();
    }

    /**
     * An article was stored (created or updated): how long since its payload arrived. Unchanged and
     * stale items publish nothing and are not timed.
     */
    public void published(String source, Instant receivedAt, StoreOutcome outcome) {
        if (receivedAt == null || (outcome != StoreOutcome.CREATED && outcome != StoreOutcome.UPDATED)) {
            return;
        }
        onCommit(() -> publishedNow(source, receivedAt));
    }

    private void publishedNow(String source, Instant receivedAt) {
        Duration took = Duration.between(receivedAt, clock.instant());
        Timer.builder("wiregate.ingest.to.publish")
                .description(
                        "From a payload's receipt to its article stored (visible in the feeds unless embargoed), by source")
                .tag("source", source)
                .publishPercentileHistogram()
                .serviceLevelObjectives(PUBLISH_GOAL)
                .maximumExpectedValue(PUBLISH_HISTOGRAM_MAX)
                .register(registry)
                .record(took.isNegative() ? Duration.ZERO : took);
    }

    /** Editions linked automatically (one per edition joined to a group). */
    public void editionsLinked(int count) {
        if (count > 0) {
            onCommit(() -> Counter.builder("wiregate.editions.linked")
                    .description("Editions linked automatically by the edition matcher")
                    .register(registry)
                    .increment(count));
        }
    }

    /**
     * Counts what a payload's transaction did once it commits (PayloadTransaction): a payload rolled
     * back and taken again, after a database outage, is counted once.
     */
    private static void onCommit(Runnable count) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            count.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                count.run();
            }
        });
    }
}
