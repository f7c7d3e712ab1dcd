package org.wiregate.partner;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * One token bucket per credential (a partner key or a feed token), sized from the partner's
 * contract: {@code burst} tokens at most, refilled greedily at {@code ratePerMinute}. Every
 * credential of a partner gets the full contract: keys overlap during a rotation and a feed reader
 * must not be starved by the partner's API client.
 *
 * <p>Buckets are lock-free and independent, looked up in a concurrent map without a lock, so one
 * partner's burst never waits on or drains another's. The map holds only credentials that passed
 * authentication, and a sweep drops buckets that have refilled to full (dropping those loses
 * nothing: a new bucket starts full). The key includes rate and burst, so a contract change
 * takes effect with a new bucket as soon as the directory sees it; the old one is swept.
 *
 * <p>Bucket time is the application {@link Clock}, so tests move it instead of sleeping. These
 * buckets are per instance; when {@link SharedRateLimits} is on (the default on PostgreSQL) every
 * request goes to it instead, so several instances enforce one contract.
 */
@Component
public class PartnerRateLimits {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** The contract as sent in {@code RateLimit-Policy} (draft-ietf-httpapi-ratelimit-headers). */
    public record Policy(int perMinute, int burst) {

        public String header() {
            return perMinute + ";w=60;burst=" + burst;
        }
    }

    /**
     * One request's answer from the limiter.
     *
     * @param remaining         tokens left after this request
     * @param resetSeconds      whole seconds until the bucket is full again
     * @param retryAfterSeconds when refused, whole seconds until one token is back (at least 1); else 0
     */
    public record Decision(boolean allowed, Policy policy, long remaining, long resetSeconds, long retryAfterSeconds) {

        /** The most a credential can spend at once: the bucket's capacity. */
        public long limit() {
            return policy.burst();
        }
    }

    private record BucketKey(String credentialId, int perMinute, int burst) {}

    private final TimeMeter time;
    private final ConcurrentMap<BucketKey, LocalBucket> buckets = new ConcurrentHashMap<>();
    /** Set on PostgreSQL (or {@code gateway.partners.rate-limit.store=database}): buckets shared by every instance. */
    private final SharedRateLimits shared;

    public PartnerRateLimits(Clock clock, ObjectProvider<SharedRateLimits> shared) {
        this.time = new ClockTimeMeter(clock);
        this.shared = shared.getIfAvailable();
    }

    /** Takes one token from the credential's bucket, or says how long to wait. */
    public Decision take(PartnerAccess access) {
        Policy policy = new Policy(
                Math.max(1, access.partner().ratePerMinute()),
                Math.max(1, access.partner().burst()));
        if (shared != null) {
            return shared.take(access.credentialId(), policy);
        }
        BucketKey key = new BucketKey(access.credentialId(), policy.perMinute(), policy.burst());
        LocalBucket bucket = buckets.get(key);
        if (bucket == null) {
            bucket = buckets.computeIfAbsent(key, k -> newBucket(k, time));
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long reset = seconds(probe.getNanosToWaitForReset());
        if (probe.isConsumed()) {
            return new Decision(true, policy, probe.getRemainingTokens(), reset, 0);
        }
        return new Decision(false, policy, 0, reset, Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    /** Drops buckets that are full again: idle long enough that forgetting them changes nothing. */
    @Scheduled(fixedDelayString = "${gateway.partners.rate-limit-sweep:PT1M}")
    public int evictIdle() {
        int before = buckets.size();
        buckets.entrySet()
                .removeIf(e -> e.getValue().getAvailableTokens() >= e.getKey().burst());
        return before - buckets.size();
    }

    /** Buckets currently held, for tests and the ops view. */
    public int size() {
        return buckets.size();
    }

    private static LocalBucket newBucket(BucketKey key, TimeMeter time) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(key.burst()).refillGreedy(key.perMinute(), Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build();
    }

    private static long seconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }

    /** bucket4j time from the injected clock, in nanoseconds since the epoch. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * NANOS_PER_SECOND + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
