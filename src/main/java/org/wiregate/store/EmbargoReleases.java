package org.wiregate.store;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Puts articles whose embargo lapsed into the change log for partners without embargo preview. */
@Component
class EmbargoReleases {

    private static final Logger log = LoggerFactory.getLogger(EmbargoReleases.class);

    private final ChangeLog changes;
    private final Clock clock;

    EmbargoReleases(ChangeLog changes, Clock clock) {
        this.changes = changes;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${gateway.partners.release-every:PT1S}")
    void release() {
        int released = changes.releaseLapsedEmbargoes(clock.instant());
        if (released > 0) {
            log.info("Released {} article(s) whose embargo lapsed to partners", released);
        }
    }
}
