package org.wiregate.publish;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.wiregate.article.Language;
import org.wiregate.store.ArticleChanged;

/**
 * The public feed pages, rendered once and kept: serving is a map lookup and a write of bytes. A
 * stored article change evicts the pages; a lapsing embargo or aging tombstone expires the pages it
 * affects. Pages cut for a partner's contract are {@link ContractFeedRenders}'.
 */
@Service
public class FeedService {

    private final FeedPageAssembler assembler;
    private final Clock clock;
    private final Map<FeedPageKey, RenderedFeed> cache = new ConcurrentHashMap<>();

    FeedService(FeedPageAssembler assembler, Clock clock) {
        this.assembler = assembler;
        this.clock = clock;
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
        Optional<RenderedFeed> rendered =
                assembler.assemble(key, now).map(a -> RenderedFeed.of(a.body(), format, a.updated(), a.validUntil()));
        rendered.filter(feed -> key.worthKeeping(feed.lastModified())).ifPresent(feed -> cache.put(key, feed));
        return rendered;
    }

    /** After commit: evicting earlier would let a concurrent request re-cache the old page. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onArticleChanged(ArticleChanged event) {
        // Every language: an article's editions list it, so its change (or kill) shows in their feeds too.
        cache.clear();
    }
}
