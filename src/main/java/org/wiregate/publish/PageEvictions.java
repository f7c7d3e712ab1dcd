package org.wiregate.publish;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * The evictions of kept pages, numbered, so that a render which overlapped one is not kept. A
 * render reads the database, a change commits and evicts the page, then the render finishes: kept,
 * its page (without the change) would be served, and sent to WebSub subscribers, until the next
 * change touching it, which on a quiet feed may be hours away. {@link FeedService} records each
 * eviction before removing the pages, here and in {@link ContractFeedRenders}; both keep a render
 * only if no eviction since its {@link #mark()} touched its page, checked again after the put.
 */
@Component
class PageEvictions {

    /** Evictions remembered with what they touched; a render older than these is not kept. */
    static final int REMEMBERED = 256;

    private record Eviction(long number, Predicate<FeedPageKey> pages) {}

    private final AtomicLong count = new AtomicLong();
    private final Deque<Eviction> recent = new ConcurrentLinkedDeque<>();
    /** How many {@link #recent} holds: the deque's own size() walks it (a profiled 1% of ingest). */
    private final AtomicInteger held = new AtomicInteger();

    /** Taken before a render reads the database. */
    long mark() {
        return count.get();
    }

    /** An eviction of {@code pages}: recorded before they are removed, so no render can slip in between. */
    void record(Predicate<FeedPageKey> pages) {
        recent.addLast(new Eviction(count.incrementAndGet(), pages));
        held.incrementAndGet();
        while (held.get() > REMEMBERED && recent.pollFirst() != null) {
            held.decrementAndGet();
        }
    }

    /**
     * Did an eviction recorded since {@code mark} touch {@code page}? Also true when some of those
     * evictions are no longer (or not yet) in the record: then nobody can say.
     */
    boolean touchedSince(long mark, FeedPageKey page) {
        long now = count.get();
        if (now == mark) {
            return false;
        }
        long found = 0;
        for (Eviction eviction : recent) {
            if (eviction.number() > mark && eviction.number() <= now) {
                if (eviction.pages().test(page)) {
                    return true;
                }
                found++;
            }
        }
        return found < now - mark;
    }
}
