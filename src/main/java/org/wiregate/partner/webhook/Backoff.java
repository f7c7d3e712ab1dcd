package org.wiregate.partner.webhook;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Waits between attempts: exponential with full jitter. The ceiling is {@code base * 2^(n-1)} after
 * the n-th failed attempt, capped; the wait is drawn uniformly below it, so endpoints that failed
 * together (one outage) do not come back in lockstep. At least one second, so a draw near zero does
 * not turn into an immediate hammering.
 */
final class Backoff {

    static final Duration FLOOR = Duration.ofSeconds(1);

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** The largest wait after the given number of failed attempts (1 for the first). */
    Duration ceiling(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 30));
        long millis = base.toMillis() << doublings;
        return millis <= 0 || millis > cap.toMillis() ? cap : Duration.ofMillis(millis);
    }

    /** The wait before the next attempt after the given number of failed attempts. */
    Duration next(int failedAttempts) {
        long ceiling = ceiling(failedAttempts).toMillis();
        long drawn = ceiling <= 0 ? 0 : random.nextLong(ceiling + 1);
        return Duration.ofMillis(Math.max(FLOOR.toMillis(), drawn));
    }
}
