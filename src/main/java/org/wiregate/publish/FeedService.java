package org.wiregate.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.wiregate.article.Language;
import org.wiregate.store.ArticleChanged;
import org.wiregate.store.StoreFailures;

/**
 * The public feed pages, rendered once and kept: serving is a map lookup and a write of bytes. A
 * stored article change evicts the pages of the slices it touches ({@link TouchedPages}), here and
 * in {@link ContractFeedRenders}; a lapsing embargo or aging tombstone expires the pages it affects.
 * While the database is away, pages are answered as last rendered.
 */
@Service
public class FeedService {

    /**
     * Pages kept after an eviction, at most this many (about 65 KB each, plain and gzipped), so a
     * database outage can be answered from them; first pages are asked for first and so kept first.
     */
    static final int MAX_LAST_RENDERED = 1_000;

    private static final Logger log = LoggerFactory.getLogger(FeedService.class);

    private final FeedPageAssembler assembler;
    private final ContractFeedRenders contractRenders;
    private final TouchedPages touched;
    private final PageEvictions evictions;
    private final Clock clock;
    private final Map<FeedPageKey, RenderedFeed> cache = new ConcurrentHashMap<>();
    /** The newest rendering of every page kept so far; not cleared by changes, only replaced. */
    private final Map<FeedPageKey, RenderedFeed> lastRendered = new ConcurrentHashMap<>();

    private final Counter staleAnswers;
    private volatile Instant lastStaleLog;

    FeedService(
            FeedPageAssembler assembler,
            ContractFeedRenders contractRenders,
            TouchedPages touched,
            PageEvictions evictions,
            Clock clock,
            MeterRegistry registry) {
        this.assembler = assembler;
        this.contractRenders = contractRenders;
        this.touched = touched;
        this.evictions = evictions;
        this.clock = clock;
        this.staleAnswers = Counter.builder("wiregate.feeds.stale")
                .description("Feed pages answered from their last rendering because the database was away")
                .register(registry);
    }

    /** The rendered page, or empty when the page number is past the last page. */
    public Optional<RenderedFeed> latest(Language language, FeedFormat format, int page) {
        return feed(language, FeedSlice.ALL, format, page);
    }

    /**
     * A page of any feed of a language. An empty tag feed is rendered but not kept, so requests
     * for tags nobody uses cannot fill the cache.
     */
    public Optional<RenderedFeed> feed(Language language, FeedSlice slice, FeedFormat format, int page) {
        FeedPageKey key = new FeedPageKey(language, slice, format, page);
        Instant now = clock.instant();
        RenderedFeed cached = cache.get(key);
        if (cached != null && (cached.validUntil() == null || now.isBefore(cached.validUntil()))) {
            return Optional.of(cached);
        }
        long mark = evictions.mark();
        Optional<RenderedFeed> rendered;
        try {
            rendered = assembler
                    .assemble(key, now)
                    .map(a -> RenderedFeed.of(a.body(), format, a.updated(), a.validUntil()));
        } catch (RuntimeException e) {
            return lastRenderingOf(key, cached, e);
        }
        rendered.filter(feed -> key.worthKeeping(feed.lastModified())).ifPresent(feed -> keep(key, feed, mark));
        return rendered;
    }

    /**
     * Kept unless a change touching the page committed while it was rendered: its reading may predate
     * the change, and the next request renders it again. Checked again after the put, for an eviction
     * that came in between.
     */
    private void keep(FeedPageKey key, RenderedFeed feed, long mark) {
        if (evictions.touchedSince(mark, key)) {
            return;
        }
        cache.put(key, feed);
        if (evictions.touchedSince(mark, key)) {
            cache.remove(key, feed);
            return;
        }
        if (lastRendered.size() < MAX_LAST_RENDERED || lastRendered.containsKey(key)) {
            lastRendered.put(key, feed);
        }
    }

    /**
     * The database is away: readers get the page as last rendered (an aggregator polling meanwhile sees
     * nothing new, which is true as far as anyone can tell) rather than an error. Only a page never
     * rendered since start has nothing to fall back on; the failure goes on to a 503 with Retry-After.
     */
    private Optional<RenderedFeed> lastRenderingOf(FeedPageKey key, RenderedFeed cached, RuntimeException failure) {
        if (!StoreFailures.isTransient(failure)) {
            throw failure;
        }
        RenderedFeed last = cached != null ? cached : lastRendered.get(key);
        if (last == null) {
            throw failure;
        }
        staleAnswers.increment();
        Instant now = clock.instant();
        Instant logged = lastStaleLog;
        if (logged == null || now.isAfter(logged.plusSeconds(30))) {
            // one line per 30 s, not one per request; wiregate_feeds_stale_total counts them all
            lastStaleLog = now;
            log.warn(
                    "database unavailable ({}); feed pages are answered as last rendered, e.g. {}",
                    failure.getMessage(),
                    key);
        }
        return Optional.of(last);
    }

    /**
     * Evicts the pages the change touches, public and per contract: the slices the article is in and
     * was in, and those of its editions (their items link to it). After commit: evicting earlier
     * would let a concurrent request re-cache the old page. Also the entry point for changes other
     * instances announce.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void onArticleChanged(ArticleChanged event) {
        if (cache.isEmpty() && contractRenders.isEmpty()) {
            // Nothing kept, nothing to evict: working out the touched pages reads the editions from the
            // database, once per stored article, which a backlog draining with no reader about would pay.
            // A render under way may still have read before this commit: it must not be kept.
            evictions.record(page -> true);
            return;
        }
        Predicate<FeedPageKey> pages = touched.by(event);
        evictions.record(pages);
        cache.keySet().removeIf(pages);
        contractRenders.evict(pages);
    }

    /**
     * Drops every kept page, public and per contract (not the last renderings kept for outages): a
     * missed change announcement, say, after which nobody can say what changed.
     */
    public void evictAll() {
        evictions.record(page -> true);
        cache.clear();
        contractRenders.evictAll();
    }
}
