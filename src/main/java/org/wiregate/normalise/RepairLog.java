package org.wiregate.normalise;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.wiregate.web.OpsTable;

/**
 * Where the gate's repairs are recorded, never silently: one WARN line per repaired item (source,
 * item, what), the counter {@code wiregate.normalise.repairs{source,kind}}, and the ops page table
 * "Repaired copy" (counts per source and kind since start, and the latest repaired items).
 */
@Component
class RepairLog implements OpsTable {

    /** One repaired item: which fields got which repairs. */
    record Entry(Instant at, String source, String item, Map<String, Set<Repair>> repairs) {}

    static final int RECENT = 50;
    private static final Logger log = LoggerFactory.getLogger(RepairLog.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Deque<Entry> recent = new ArrayDeque<>();
    private final Map<String, Map<Repair, Long>> counts = new TreeMap<>();

    RepairLog(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** @param repairs field name to the repairs made to it, in field order; nothing happens when empty */
    void record(String source, String item, Map<String, Set<Repair>> repairs) {
        if (repairs.isEmpty()) {
            return;
        }
        String what = repairs.entrySet().stream()
                .map(e -> e.getKey() + " "
                        + e.getValue().stream().map(Repair::tag).collect(Collectors.joining("+")))
                .collect(Collectors.joining(", "));
        log.warn("source '{}' item {}: repaired {}", source, item, what);
        Set<Repair> kinds = EnumSet.noneOf(Repair.class);
        repairs.values().forEach(kinds::addAll);
        synchronized (this) {
            for (Repair kind : kinds) {
                counts.computeIfAbsent(source, s -> new TreeMap<>()).merge(kind, 1L, Long::sum);
            }
            recent.addFirst(new Entry(clock.instant(), source, item, Map.copyOf(repairs)));
            while (recent.size() > RECENT) {
                recent.removeLast();
            }
        }
        for (Repair kind : kinds) {
            Counter.builder("wiregate.normalise.repairs")
                    .description("Items whose copy the normaliser repaired, by source and kind of repair")
                    .tag("source", source)
                    .tag("kind", kind.tag())
                    .register(registry)
                    .increment();
        }
    }

    synchronized List<Entry> recent() {
        return List.copyOf(recent);
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public String id() {
        return "repairs";
    }

    @Override
    public String title() {
        return "Repaired copy (since start)";
    }

    @Override
    public List<String> headers() {
        return List.of("Source", "Item", "Repaired");
    }

    /** A line per source with its counts per kind, then the latest repaired items, newest first. */
    @Override
    public synchronized List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        counts.forEach((source, byKind) -> rows.add(new Row(
                List.of(
                        source,
                        "all items",
                        byKind.entrySet().stream()
                                .map(e -> e.getKey().tag() + " " + e.getValue())
                                .collect(Collectors.joining(", "))),
                false)));
        for (Entry e : recent) {
            rows.add(new Row(
                    List.of(
                            e.source(),
                            e.item() + " (" + TIME.format(e.at()) + ")",
                            new TreeMap<>(e.repairs())
                                    .entrySet().stream()
                                            .map(f -> f.getKey() + ": "
                                                    + f.getValue().stream()
                                                            .map(Repair::tag)
                                                            .sorted()
                                                            .collect(Collectors.joining(", ")))
                                            .collect(Collectors.joining("; "))),
                    true));
        }
        return rows;
    }
}
