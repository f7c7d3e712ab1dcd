package org.wiregate.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.wiregate.source.MappingRegistry;
import org.wiregate.source.SourceMapping;
import org.wiregate.store.PayloadRepository;

/**
 * When copy last arrived from each source (the last payload received, duplicate bytes included:
 * the agency is alive), kept in memory and updated by the capture stage. At start it is seeded
 * from the store (MAX(last_received_at) per source); a source that never delivered counts from
 * the start. Exposed as the gauge {@code wiregate_source_last_item_age_seconds{source}} and read
 * by the {@code sourceFreshness} health component; beside it {@code
 * wiregate_source_expected_every_seconds{source}} (the mapping's {@code expectedEvery}, NaN when it
 * declares none), so an alert compares the two as that component does (monitoring/alerts.yml).
 */
@Component
public class SourceActivity {

    private final Clock clock;
    private final PayloadRepository payloads;
    private final Instant startedAt;
    private final Map<String, Instant> lastReceived = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final MappingRegistry mappings;
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

    public SourceActivity(Clock clock, PayloadRepository payloads, MappingRegistry mappings, MeterRegistry registry) {
        this.clock = clock;
        this.payloads = payloads;
        this.registry = registry;
        this.mappings = mappings;
        this.startedAt = clock.instant();
        for (SourceMapping mapping : mappings.all()) {
            gaugeFor(mapping.id());
            expectedGaugeFor(mapping.id());
        }
    }

    /** Seeds the times from the store once the schema exists (Flyway has run by then). */
    @EventListener(ApplicationStartedEvent.class)
    public void loadFromStore() {
        payloads.lastReceivedPerSource().forEach(this::received);
    }

    /** A payload from this source arrived at this instant. */
    public void received(String source, Instant at) {
        if (source == null || at == null) {
            return;
        }
        lastReceived.merge(source, at, (a, b) -> a.isAfter(b) ? a : b);
        gaugeFor(source);
    }

    /** When copy last arrived from a source, if it ever did (in the store or since start). */
    public Optional<Instant> lastReceived(String source) {
        return Optional.ofNullable(lastReceived.get(source));
    }

    /** When the gateway started: the reference for sources that never delivered. */
    public Instant startedAt() {
        return startedAt;
    }

    /** Time since the last copy from the source, or since start when it never delivered; never negative. */
    public Duration age(String source) {
        Duration age = Duration.between(lastReceived(source).orElse(startedAt), clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }

    private void gaugeFor(String source) {
        gauges.computeIfAbsent(
                source,
                s -> Gauge.builder(
                                "wiregate.source.last.item.age",
                                this,
                                activity -> activity.age(s).toMillis() / 1000.0)
                        .description("Seconds since copy last arrived from the source (since start when it never did)")
                        .baseUnit("seconds")
                        .tag("source", s)
                        .register(registry));
    }

    /**
     * Read from the mappings at each scrape, so a mapping reload that sets or changes
     * {@code expectedEvery} shows at once; NaN while the mapping declares none (never stale).
     */
    private void expectedGaugeFor(String source) {
        Gauge.builder(
                        "wiregate.source.expected.every",
                        mappings,
                        current -> current.find(source)
                                .map(SourceMapping::expectedEvery)
                                .map(every -> every.toMillis() / 1000.0)
                                .orElse(Double.NaN))
                .description("How often copy is expected from the source (its mapping's expectedEvery)")
                .baseUnit("seconds")
                .tag("source", source)
                .register(registry);
    }
}
