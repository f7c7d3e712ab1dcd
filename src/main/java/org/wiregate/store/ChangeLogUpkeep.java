package org.wiregate.store;

import java.time.Clock;
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

    private final ChangeLog changes;
    private final Clock clock;
    private final Leadership leadership;

    ChangeLogUpkeep(ChangeLog changes, Clock clock, Leadership leadership) {
        this.changes = changes;
        this.clock = clock;
        this.leadership = leadership;
    }

    @Scheduled(fixedDelayString = "${gateway.partners.release-every:PT1S}")
    void releaseLapsedEmbargoes() {
        if (!leadership.isLeader(Leadership.JOBS)) {
            return; // the instance that runs the jobs releases; a second one would only find nothing to do
        }
        int released = changes.releaseLapsedEmbargoes(clock.instant());
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
