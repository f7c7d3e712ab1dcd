package org.wiregate.websub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.wiregate.leadership.Leadership;

/** Sends due WebSub retries ({@link WebSubHub#retryDue}) on the instance that runs the jobs. */
@Component
class WebSubRetries {

    private static final Logger log = LoggerFactory.getLogger(WebSubRetries.class);

    private final WebSubHub hub;
    private final Leadership leadership;

    WebSubRetries(WebSubHub hub, Leadership leadership) {
        this.hub = hub;
        this.leadership = leadership;
    }

    @Scheduled(fixedDelayString = "${gateway.websub.retry-every:PT1S}")
    void sendDue() {
        if (!leadership.isLeader(Leadership.JOBS)) {
            return;
        }
        try {
            hub.retryDue();
        } catch (RuntimeException e) {
            log.warn("WebSub retries not sent, next pass tries again: {}", e.toString());
        }
    }
}
