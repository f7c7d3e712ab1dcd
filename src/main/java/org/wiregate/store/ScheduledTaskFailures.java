package org.wiregate.store;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.stereotype.Component;

/**
 * Background tasks (embargo release, webhook delivery, usage flushes...) run again on their next
 * tick, so a database that is away is no news for each of them: while it lasts they log one line
 * every minute between them instead of a stack trace a second. Any other failure is logged in full.
 */
@Component
class ScheduledTaskFailures implements ThreadPoolTaskSchedulerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(ScheduledTaskFailures.class);
    private static final Duration QUIET = Duration.ofMinutes(1);

    private final AtomicReference<Instant> lastLine = new AtomicReference<>(Instant.EPOCH);

    @Override
    public void customize(org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler scheduler) {
        scheduler.setErrorHandler(this::handle);
    }

    void handle(Throwable failure) {
        if (!StoreFailures.isTransient(failure)) {
            log.error("Unexpected error occurred in scheduled task", failure);
            return;
        }
        Instant now = Instant.now();
        Instant last = lastLine.get();
        if (now.isAfter(last.plus(QUIET)) && lastLine.compareAndSet(last, now)) {
            log.warn("database unavailable; background tasks try again on their next run: {}", failure.getMessage());
        }
    }
}
