package org.wiregate.websub;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.wiregate.leadership.Leadership;

/**
 * Forgets subscriptions whose lease ran out (they are already skipped when delivering); on the
 * instance that runs the jobs ({@link Leadership#JOBS}).
 */
@Component
class ExpiredSubscriptions {

    private static final Logger log = LoggerFactory.getLogger(ExpiredSubscriptions.class);

    private final WebSubSubscriptions subscriptions;
    private final Clock clock;
    private final Leadership leadership;

    ExpiredSubscriptions(WebSubSubscriptions subscriptions, Clock clock, Leadership leadership) {
        this.subscriptions = subscriptions;
        this.clock = clock;
        this.leadership = leadership;
    }

    @Scheduled(
            fixedDelayString = "${gateway.websub.purge-every:PT1H}",
            initialDelayString = "${gateway.websub.purge-every:PT1H}")
    void purge() {
        if (!leadership.isLeader(Leadership.JOBS)) {
            return;
        }
        int purged = subscriptions.purgeExpired(clock.instant());
        if (purged > 0) {
            log.info("WebSub: forgot {} subscription(s) whose lease ended", purged);
        }
    }
}
