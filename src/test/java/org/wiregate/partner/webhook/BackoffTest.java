package org.wiregate.partner.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Exponential backoff with full jitter: the ceiling doubles to the cap, draws spread below it. */
class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(1), new Random(7));

    @Test
    void theCeilingDoublesFromTheBaseUpToTheCap() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.ceiling(7)).isEqualTo(Duration.ofSeconds(1920));
        assertThat(backoff.ceiling(8)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.ceiling(500)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void waitsAreJitteredBelowTheCeilingAndGrowWithTheAttempts() {
        double previousMean = 0;
        for (int attempt = 1; attempt <= 8; attempt++) {
            Set<Duration> seen = new HashSet<>();
            long total = 0;
            for (int i = 0; i < 400; i++) {
                Duration wait = backoff.next(attempt);
                assertThat(wait).isBetween(Backoff.FLOOR, backoff.ceiling(attempt));
                seen.add(wait);
                total += wait.toMillis();
            }
            double mean = total / 400.0;
            // Full jitter: uniform below the ceiling, so the mean is about half of it, and no two alike.
            assertThat(mean)
                    .isBetween(
                            backoff.ceiling(attempt).toMillis() * 0.4,
                            backoff.ceiling(attempt).toMillis() * 0.6);
            assertThat(seen).hasSizeGreaterThan(300);
            assertThat(mean).isGreaterThan(previousMean);
            previousMean = mean;
        }
    }
}
