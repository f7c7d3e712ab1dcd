package org.wiregate.store;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the change log current: releases lapsed embargoes to partners without embargo preview
 * (every second, so "exactly once after it" is also "within a second of it") and drops entries
 * for versions that a newer one superseded, which no reader can be given any more.
 */
@Component
class ChangeLogUpkeep {

    private static final Logger log = LoggerFactory.getLogger(ChangeLogUpkeep.class);

    private final ChangeLog changes;
    private final Clock clock;

    ChangeLogUpkeep(ChangeLog changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${gateway.partners.release-every:PT1S}")
    void releaseLapsedEmbargoes() {
        int released = changes.releaseLapsedEmbargoes(clock.instant());
        if (released > 0) {
            log.info("Released {} article(s) whose embargo lapsed to partners", released);
        }
    }

    @Scheduled(
            fixedDelayString = "${gateway.partners.prune-every:PT1H}",
            initialDelayString = "${gateway.partners.prune-every:PT1H}")
    void pruneSuperseded() {
        int pruned = changes.pruneSuperseded();
        if (pruned > 0) {
            log.info("Pruned {} superseded change-log entries", pruned);
        }
    }
}
