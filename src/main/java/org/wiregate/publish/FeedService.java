package org.wiregate.publish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Service;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Language;
import org.wiregate.store.ArticleChanged;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.EditionRepository;
import org.wiregate.store.Sha256;

/**
 * Renders feed pages and keeps them: serving is a map lookup and a write of bytes. A stored
 * article change evicts its language's pages; a lapsing embargo expires the pages it affects.
 */
@Service
public class FeedService {

    private record Key(Language language, FeedSlice slice, FeedFormat format, int page) {
    }

    private final ArticleRepository articles;
    private final EditionRepository editions;
    private final FeedTitles titles;
    private final PublicUrls urls;
    private final RssFeedWriter rss;
    private final AtomFeedWriter atom;
    private final JsonFeedWriter json;
    private final Clock clock;
    private final int pageSize;
    private final Map<Key, RenderedFeed> cache = new ConcurrentHashMap<>();
    private static final java.time.Duration TOMBSTONE_AGE = java.time.Duration.ofHours(48);

    public FeedService(ArticleRepository articles, EditionRepository editions, FeedTitles titles, PublicUrls urls, RssFeedWriter rss,
                       AtomFeedWriter atom, JsonFeedWriter json, Clock clock,
                       @Value("${gateway.feeds.page-size:50}") int pageSize) {
        this.articles = articles;
        this.editions = editions;
        this.titles = titles;
        this.urls = urls;
        this.rss = rss;
        this.atom = atom;
        this.json = json;
        this.clock = clock;
        this.pageSize = pageSize;
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
        Key key = new Key(language, slice, format, page);
        Instant now = clock.instant();
        RenderedFeed cached = cache.get(key);
        if (cached != null && (cached.validUntil() == null || now.isBefore(cached.validUntil()))) {
            return Optional.of(cached);
        }
        Optional<RenderedFeed> rendered = render(key, now);
        rendered.filter(feed -> slice.kind() != FeedSlice.Kind.TAG || feed.lastModified().isAfter(Instant.EPOCH))
                .ifPresent(feed -> cache.put(key, feed));
        return rendered;
    }

    /** After commit: evicting earlier would let a concurrent request re-cache the old page. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onArticleChanged(ArticleChanged event) {
        // Every language: an article's editions list it, so its change (or kill) shows in their feeds too.
        cache.clear();
    }

    private Optional<RenderedFeed> render(Key key, Instant now) {
        FeedSlice slice = key.slice();
        int offset = (key.page() - 1) * pageSize;
        List<Article> items = slice.kind() == FeedSlice.Kind.ALL
                ? articles.findPublished(key.language(), now, pageSize + 1, offset)
                : articles.findPublished(key.language(), slice.kind().facet(), slice.slug(), now, pageSize + 1, offset);
        if (items.isEmpty() && key.page() > 1) {
            return Optional.empty();
        }
        boolean hasNext = items.size() > pageSize;
        List<Article> shown = hasNext ? items.subList(0, pageSize) : items;
        Instant updated = shown.stream().map(Article::updated).max(Instant::compareTo).orElse(Instant.EPOCH);
        String label = slice.kind() == FeedSlice.Kind.TAG ? tagName(slice.slug(), shown) : slice.label(key.language());
        FeedPage page = new FeedPage(key.language(), key.format(), key.page(),
                label == null ? titles.latest(key.language()) : titles.slice(key.language(), label),
                label == null ? titles.latestDescription(key.language()) : titles.sliceDescription(key.language(), label),
                shown, updated,
                urls.feed(key.language(), slice, key.format(), key.page()),
                urls.home(key.language()),
                urls.feed(key.language(), slice, key.format(), 1),
                hasNext ? urls.feed(key.language(), slice, key.format(), key.page() + 1) : null,
                key.page() > 1 ? urls.feed(key.language(), slice, key.format(), key.page() - 1) : null,
                editionLinks(shown, now),
                // Only the first page of a language's main feed is a WebSub topic the hub accepts.
                slice.kind() == FeedSlice.Kind.ALL && key.page() == 1 ? urls.hub() : null,
                // RFC 5005 rel="last" where the count is cheap: the language's main feed.
                slice.kind() == FeedSlice.Kind.ALL ? urls.feed(key.language(), key.format(), lastPage(key.language(), now)) : null,
                slice.kind() == FeedSlice.Kind.ALL ? tombstones(key, now) : List.of());
        byte[] body = switch (key.format()) {
            case RSS -> rss.write(page);
            case ATOM -> atom.write(page);
            case JSON -> json.write(page);
        };
        Instant validUntil = articles.nextEmbargoLapse(key.language(), now).orElse(null);
        Instant tombstoneLapse = page.tombstones().stream().map(t -> t.when().plus(TOMBSTONE_AGE)).min(Instant::compareTo).orElse(null);
        if (tombstoneLapse != null && (validUntil == null || tombstoneLapse.isBefore(validUntil))) {
            validUntil = tombstoneLapse; // the page must drop the oldest tombstone when it ages out
        }
        return Optional.of(new RenderedFeed(body, gzip(body), key.format().mediaType(),
                '"' + Sha256.hex(body).substring(0, 32) + '"', updated, validUntil));
    }

    /** A tag as its newest article spells it ("Inteligencia artificial" for inteligencia-artificial). */
    private static String tagName(String key, List<Article> shown) {
        for (Article article : shown) {
            for (String tag : article.tags()) {
                if (org.wiregate.normalise.Slugs.of(tag).equals(key)) {
                    return tag;
                }
            }
        }
        return key;
    }

    private int lastPage(Language language, Instant now) {
        long count = articles.countPublished(language, now);
        return (int) Math.max(1, (count + pageSize - 1) / pageSize);
    }

    /** RFC 6721: the first Atom page of a language lists its articles killed in the last 48 hours. */
    private List<FeedPage.Tombstone> tombstones(Key key, Instant now) {
        if (key.format() != FeedFormat.ATOM || key.page() != 1) {
            return List.of();
        }
        return articles.canceledSince(key.language(), now.minus(TOMBSTONE_AGE)).stream()
                .map(c -> new FeedPage.Tombstone(c.id().urn(), c.at())).toList();
    }

    private Map<ArticleId, List<FeedPage.EditionLink>> editionLinks(List<Article> shown, Instant now) {
        Map<ArticleId, List<FeedPage.EditionLink>> links = new HashMap<>();
        editions.publishedSiblings(shown.stream().map(Article::id).toList(), now).forEach((id, siblings) -> {
            // One edition per language, even when an agency reuses an edition-group id across stories.
            Map<Language, FeedPage.EditionLink> perLanguage = new java.util.EnumMap<>(Language.class);
            for (Article sibling : siblings) {
                perLanguage.putIfAbsent(sibling.language(),
                        new FeedPage.EditionLink(sibling.language(), sibling.id().urn(), urls.article(sibling)));
            }
            links.put(id, List.copyOf(perLanguage.values()));
        });
        return links;
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
