package org.wiregate.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.wiregate.source.MappingRegistry;
import org.wiregate.source.SourceMapping;
import org.wiregate.store.PayloadRepository;
import org.wiregate.store.StoreFailures;

/**
 * When copy last arrived from each source (the last payload received, duplicate bytes included:
 * the agency is alive). Read from the store (the newest {@code last_received_at} per source), so
 * every instance of a cluster tells the same, whichever one polls the agency; read again at most
 * every {@code gateway.ingest.freshness-refresh} (1 s), and what this instance captured meanwhile
 * counts at once. A source that never delivered counts from this instance's start. Exposed as the
 * gauge {@code wiregate_source_last_item_age_seconds{source}} and read by the
 * {@code sourceFreshness} health component; beside it {@code
 * wiregate_source_expected_every_seconds{source}} (the mapping's {@code expectedEvery}, NaN when it
 * declares none), so an alert compares the two as that component does (monitoring/alerts.yml).
 */
@Component
public class SourceActivity {

    private record Snapshot(Map<String, Instant> lastReceived, long readAtNanos) {}

    private final Clock clock;
    private final PayloadRepository payloads;
    private final MappingRegistry mappings;
    private final Duration refreshEvery;
    private final Instant startedAt;
    /** What this instance captured: counts before the next read of the store. */
    private final Map<String, Instant> receivedHere = new ConcurrentHashMap<>();

    private final MeterRegistry registry;
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();
    private volatile Snapshot stored;

    public SourceActivity(
            Clock clock,
            PayloadRepository payloads,
            MappingRegistry mappings,
            MeterRegistry registry,
            @Value("${gateway.ingest.freshness-refresh:PT1S}") Duration refreshEvery) {
        this.clock = clock;
        this.payloads = payloads;
        this.mappings = mappings;
        this.registry = registry;
        this.refreshEvery = refreshEvery;
        this.startedAt = clock.instant();
        for (SourceMapping mapping : mappings.all()) {
            gaugeFor(mapping.id());
            expectedGaugeFor(mapping.id());
        }
    }

    /** A payload from this source arrived at this instant. */
    public void received(String source, Instant at) {
        if (source == null || at == null) {
            return;
        }
        receivedHere.merge(source, at, SourceActivity::later);
        gaugeFor(source);
    }

    /**
     * When copy last arrived from a source, on any instance, if it ever did. Throws when the store
     * is away and was not read within the refresh time (the health component then says UNKNOWN).
     */
    public Optional<Instant> lastReceived(String source) {
        Instant anywhere = fromStore().get(source);
        Instant here = receivedHere.get(source);
        if (anywhere == null || here == null) {
            return Optional.ofNullable(anywhere != null ? anywhere : here);
        }
        return Optional.of(later(anywhere, here));
    }

    /** When the gateway started: the reference for sources that never delivered. */
    public Instant startedAt() {
        return startedAt;
    }

    /** Time since the last copy from the source, or since start when it never delivered; never negative. */
    public Duration age(String source) {
        return ageSince(lastReceived(source));
    }

    private Duration ageSince(Optional<Instant> last) {
        Duration age = Duration.between(last.orElse(startedAt), clock.instant());
        return age.isNegative() ? Duration.ZERO : age;
    }

    /** The store's times, read again when older than the refresh time. */
    private Map<String, Instant> fromStore() {
        Snapshot snapshot = stored;
        if (snapshot == null || System.nanoTime() - snapshot.readAtNanos() > refreshEvery.toNanos()) {
            synchronized (this) {
                snapshot = stored;
                if (snapshot == null || System.nanoTime() - snapshot.readAtNanos() > refreshEvery.toNanos()) {
                    Set<String> sources = new TreeSet<>(receivedHere.keySet());
                    mappings.all().forEach(m -> sources.add(m.id()));
                    snapshot = new Snapshot(payloads.lastReceivedOf(sources), System.nanoTime());
                    stored = snapshot;
                }
            }
        }
        return snapshot.lastReceived();
    }

    /** The gauge never fails a scrape: with the store away it counts from what this instance knows. */
    private double ageSecondsForGauge(String source) {
        try {
            return age(source).toMillis() / 1000.0;
        } catch (RuntimeException e) {
            if (!StoreFailures.isTransient(e)) {
                throw e;
            }
            Snapshot snapshot = stored;
            Optional<Instant> known = Optional.ofNullable(
                            snapshot == null ? null : snapshot.lastReceived().get(source))
                    .map(at -> later(at, receivedHere.getOrDefault(source, at)))
                    .or(() -> Optional.ofNullable(receivedHere.get(source)));
            return ageSince(known).toMillis() / 1000.0;
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private void gaugeFor(String source) {
        gauges.computeIfAbsent(
                source,
                s -> Gauge.builder("wiregate.source.last.item.age", this, activity -> activity.ageSecondsForGauge(s))
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
