package org.wiregate.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.wiregate.leadership.Leadership;

/**
 * Keeps the change log current: releases lapsed embargoes to partners without embargo preview
 * (every second, so "exactly once after it" is also "within a second of it") and drops entries
 * for versions that a newer one superseded, which no reader can be given any more. In a cluster
 * only the instance holding {@link Leadership#JOBS} does it (the change log's unique key keeps a
 * release single even if two instances overlap during a takeover).
 */
@Component
class ChangeLogUpkeep {

    private static final Logger log = LoggerFactory.getLogger(ChangeLogUpkeep.class);

    /**
     * How far before the last sweep the next one looks again: a version stored under an embargo that
     * lapsed while its transaction was still open, or by an instance whose clock is behind, is
     * released by a later sweep as long as it is this recent.
     */
    static final Duration OVERLAP = Duration.ofMinutes(10);

    private final ChangeLog changes;
    private final Clock clock;
    private final Leadership leadership;
    /** When this instance last swept as the jobs leader; null before its first sweep (which looks at all). */
    private Instant lastSweep;

    ChangeLogUpkeep(ChangeLog changes, Clock clock, Leadership leadership) {
        this.changes = changes;
        this.clock = clock;
        this.leadership = leadership;
    }

    @Scheduled(fixedDelayString = "${gateway.partners.release-every:PT1S}")
    void releaseLapsedEmbargoes() {
        if (!leadership.isLeader(Leadership.JOBS)) {
            lastSweep =
                    null; // on becoming the leader again, look at every embargo once: others swept meanwhile, or not
            return; // the instance that runs the jobs releases; a second one would only find nothing to do
        }
        Instant now = clock.instant();
        int released = changes.releaseLapsedEmbargoes(lastSweep == null ? null : lastSweep.minus(OVERLAP), now);
        lastSweep = now;
        if (released > 0) {
            log.info("Released {} article(s) whose embargo lapsed to partners", released);
        }
    }

    @Scheduled(
            fixedDelayString = "${gateway.partners.prune-every:PT1H}",
            initialDelayString = "${gateway.partners.prune-every:PT1H}")
    void pruneSuperseded() {
        if (!leadership.isLeader(Leadership.JOBS)) {
            return;
        }
        int pruned = changes.pruneSuperseded();
        if (pruned > 0) {
            log.info("Pruned {} superseded change-log entries", pruned);
        }
    }
}
