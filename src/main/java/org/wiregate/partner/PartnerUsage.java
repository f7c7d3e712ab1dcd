package org.wiregate.partner;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * What each partner took, per UTC day: requests served, items delivered, body bytes sent, and
 * requests refused by the rate limit ({@code limited}, apart from {@code requests}). Counted in
 * memory without locks on the request path, added to {@code partner_usage} every
 * {@code gateway.partners.usage-flush} (10 s by default) and on shutdown; reads add what is not
 * flushed yet, so a partner sees its own requests at once. The same counts go to Prometheus as
 * {@code wiregate_partner_requests_total{partner,outcome}}, {@code wiregate_partner_items_total}
 * and {@code wiregate_partner_bytes_total}, tagged with the partner's id (never a key).
 */
@Service
public class PartnerUsage {

    private static final Logger log = LoggerFactory.getLogger(PartnerUsage.class);

    /** One partner's counts for one UTC day. */
    public record Day(LocalDate day, long requests, long items, long bytes, long limited) {

        Day plus(Day other) {
            return new Day(
                    day, requests + other.requests, items + other.items, bytes + other.bytes, limited + other.limited);
        }

        boolean isEmpty() {
            return requests == 0 && items == 0 && bytes == 0 && limited == 0;
        }
    }

    private record Key(String partnerId, LocalDate day) {}

    private static final class Counts {
        final LongAdder requests = new LongAdder();
        final LongAdder items = new LongAdder();
        final LongAdder bytes = new LongAdder();
        final LongAdder limited = new LongAdder();

        Day peek(LocalDate day) {
            return new Day(day, requests.sum(), items.sum(), bytes.sum(), limited.sum());
        }

        /** Takes the counts out; each adder's drain is atomic per cell, so no concurrent increment is lost. */
        Day drain(LocalDate day) {
            return new Day(
                    day, requests.sumThenReset(), items.sumThenReset(), bytes.sumThenReset(), limited.sumThenReset());
        }

        /** Puts counts back after a failed flush. */
        void restore(Day day) {
            requests.add(day.requests());
            items.add(day.items());
            bytes.add(day.bytes());
            limited.add(day.limited());
        }
    }

    private record Meters(Counter ok, Counter limited, Counter items, Counter bytes) {}

    private final PartnerUsageRepository repository;
    private final MeterRegistry registry;
    private final Clock clock;
    private final ConcurrentMap<Key, Counts> pending = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Meters> meters = new ConcurrentHashMap<>();
    /** Serialises flushes with reads, so a read never sees a count both in memory and stored, or in neither. */
    private final Object flushLock = new Object();

    public PartnerUsage(PartnerUsageRepository repository, MeterRegistry registry, Clock clock) {
        this.repository = repository;
        this.registry = registry;
        this.clock = clock;
    }

    /** A request that passed the limit and was answered (whatever its status), counted on today's UTC day. */
    public void served(String partnerId, long items, long bytes) {
        served(partnerId, today(), items, bytes);
    }

    /**
     * A request answered, counted on the UTC day it arrived: the count is taken after the body is
     * sent, which can be just past midnight for a request that came in before it.
     */
    public void served(String partnerId, LocalDate day, long items, long bytes) {
        Counts counts = counts(partnerId, day);
        counts.requests.increment();
        counts.items.add(items);
        counts.bytes.add(bytes);
        Meters m = meters(partnerId);
        m.ok().increment();
        m.items().increment(items);
        m.bytes().increment(bytes);
    }

    /** A request refused with 429. */
    public void limited(String partnerId) {
        counts(partnerId, today()).limited.increment();
        meters(partnerId).limited().increment();
    }

    /** Days from {@code from} to {@code to} (inclusive) with any usage, oldest first, stored plus not yet flushed. */
    public List<Day> between(String partnerId, LocalDate from, LocalDate to) {
        synchronized (flushLock) {
            Map<LocalDate, Day> days = new TreeMap<>();
            for (Day stored : repository.between(partnerId, from, to)) {
                days.put(stored.day(), stored);
            }
            pending.forEach((key, counts) -> {
                if (key.partnerId().equals(partnerId)
                        && !key.day().isBefore(from)
                        && !key.day().isAfter(to)) {
                    days.merge(key.day(), counts.peek(key.day()), Day::plus);
                }
            });
            return new ArrayList<>(
                    days.values().stream().filter(d -> !d.isEmpty()).toList());
        }
    }

    /** Today in UTC by the application clock: the day usage is counted under. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Adds what was counted since the last flush to the table; returns the rows written. */
    @Scheduled(
            fixedDelayString = "${gateway.partners.usage-flush:PT10S}",
            initialDelayString = "${gateway.partners.usage-flush:PT10S}")
    public int flush() {
        synchronized (flushLock) {
            LocalDate today = today();
            int written = 0;
            for (Map.Entry<Key, Counts> entry : pending.entrySet()) {
                Key key = entry.getKey();
                Day drained = entry.getValue().drain(key.day());
                if (drained.isEmpty() && key.day().isBefore(today) && pending.remove(key, entry.getValue())) {
                    // A past day quiet for a whole flush period is done; drain once more for a
                    // request that held the counters across the removal.
                    drained = entry.getValue().drain(key.day());
                }
                if (drained.isEmpty()) {
                    continue;
                }
                try {
                    repository.add(key.partnerId(), drained);
                    written++;
                } catch (RuntimeException e) {
                    pending.computeIfAbsent(key, k -> new Counts()).restore(drained);
                    log.warn("Partner usage not flushed, kept in memory for the next try: {}", e.toString());
                    return written;
                }
            }
            return written;
        }
    }

    @PreDestroy
    void flushOnShutdown() {
        flush();
    }

    private Counts counts(String partnerId, LocalDate day) {
        Key key = new Key(partnerId, day);
        Counts counts = pending.get(key);
        return counts != null ? counts : pending.computeIfAbsent(key, k -> new Counts());
    }

    private Meters meters(String partnerId) {
        Meters m = meters.get(partnerId);
        return m != null
                ? m
                : meters.computeIfAbsent(
                        partnerId,
                        id -> new Meters(
                                Counter.builder("wiregate.partner.requests")
                                        .description("Partner requests, served (ok) or refused by the rate limit")
                                        .tag("partner", id)
                                        .tag("outcome", "ok")
                                        .register(registry),
                                Counter.builder("wiregate.partner.requests")
                                        .description("Partner requests, served (ok) or refused by the rate limit")
                                        .tag("partner", id)
                                        .tag("outcome", "limited")
                                        .register(registry),
                                Counter.builder("wiregate.partner.items")
                                        .description("Items delivered to partners")
                                        .tag("partner", id)
                                        .register(registry),
                                Counter.builder("wiregate.partner.bytes")
                                        .description("Response body bytes sent to partners")
                                        .tag("partner", id)
                                        .register(registry)));
    }
}
