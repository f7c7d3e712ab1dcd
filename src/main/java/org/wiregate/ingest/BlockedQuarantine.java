package org.wiregate.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Rejected inbox files that could not be moved to {@code .error/} (the folder is not writable, the
 * disk is full, {@code .error} is not a folder). Such a file stays in the inbox, and a greedy poll
 * would take it again at once, fail again and record it again, in a loop that burned a core and
 * filled the ledger. As the file filter of every file-drop route, this holds the file back from
 * polls, its wait doubling from {@code gateway.ingest.quarantine-retry.first-delay} up to
 * {@code max-delay}; {@link Quarantine} then only tries the move again, without a second ledger
 * row. Held in memory: after a restart a file is rejected, and recorded, once more.
 */
@Component("blockedQuarantine")
public class BlockedQuarantine implements GenericFileFilter<Object> {

    private static final Logger log = LoggerFactory.getLogger(BlockedQuarantine.class);

    /** A file that waits: its source, what blocks its move, when it may be polled again and after how long. */
    record Held(String source, String problem, int attempts, Duration heldFor, Instant next) {}

    private final Map<Path, Held> held = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration firstDelay;
    private final Duration maxDelay;

    BlockedQuarantine(
            Clock clock,
            MeterRegistry meters,
            @Value("${gateway.ingest.quarantine-retry.first-delay:5s}") Duration firstDelay,
            @Value("${gateway.ingest.quarantine-retry.max-delay:5m}") Duration maxDelay) {
        this.clock = clock;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay.compareTo(firstDelay) < 0 ? firstDelay : maxDelay;
        // The WiregateQuarantineBlocked alert (monitoring/alerts.yml).
        Gauge.builder(
                        "wiregate.ingest.quarantine.blocked.files",
                        this,
                        b -> b.prune().size())
                .description("Rejected inbox files that could not be moved to .error/ and wait in the inbox")
                .register(meters);
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory() || held.isEmpty()) {
            return true;
        }
        Held waiting = held.get(key(Path.of(file.getAbsoluteFilePath())));
        return waiting == null || !clock.instant().isBefore(waiting.next());
    }

    /** True when this file's rejection is already recorded and only its move is owed. */
    boolean isHeld(Path file) {
        return held.containsKey(key(file));
    }

    /** The move failed: the file waits, longer each time; one log line per file, not per attempt. */
    void moveFailed(Path file, String source, String reason, String problem) {
        Held next = held.compute(key(file), (path, before) -> {
            Duration wait = before == null ? firstDelay : min(before.heldFor().multipliedBy(2), maxDelay);
            int attempts = before == null ? 1 : before.attempts() + 1;
            return new Held(source, problem, attempts, wait, clock.instant().plus(wait));
        });
        if (next.attempts() == 1) {
            log.error(
                    "{}: rejected ({}) but not quarantined: {}. The file stays in the inbox and the move is tried"
                            + " again, first in {}, then less often, up to every {}; fix the folder and it moves",
                    file,
                    reason,
                    problem,
                    firstDelay,
                    maxDelay);
        } else {
            log.debug("{}: move to .error/ failed again ({} attempts): {}", file, next.attempts(), problem);
        }
    }

    /** The file reached .error/ at last. */
    void moved(Path file) {
        Held was = held.remove(key(file));
        if (was != null) {
            log.info("{}: quarantined in .error/ after {} failed attempts to move it", file, was.attempts());
        }
    }

    /** Files held back, per source, for the inbox health: file name, reason, what blocks the move. */
    Map<String, Map<String, String>> heldPerSource() {
        Map<String, Map<String, String>> out = new TreeMap<>();
        prune().forEach((file, h) -> out.computeIfAbsent(h.source(), s -> new TreeMap<>())
                .put(String.valueOf(file.getFileName()), h.problem() + " (" + h.attempts() + " attempts)"));
        return out;
    }

    /** Drops files that left the inbox another way (an operator moved or deleted them): nothing is owed. */
    private Map<Path, Held> prune() {
        held.keySet().removeIf(file -> !file.toFile().exists());
        return held;
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
