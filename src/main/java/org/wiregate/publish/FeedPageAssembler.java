package org.wiregate.publish;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Language;
import org.wiregate.article.Slugs;
import org.wiregate.normalise.TextRepair;
import org.wiregate.store.ArticleListings;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.ArticleScope;
import org.wiregate.store.EditionRepository;

/**
 * Asks the store for one page of a feed and writes it: items, titles, paging and edition links,
 * tombstones, a contract's terms, and until when the bytes stay true (the next embargo lapse or
 * tombstone expiry). Keeps nothing: {@link FeedService} and {@link ContractFeedRenders} do.
 */
@Component
class FeedPageAssembler {

    /** A written page, before it is kept in either form. */
    record Assembled(byte[] body, Instant updated, Instant validUntil, int items) {}

    private static final Duration TOMBSTONE_AGE = Duration.ofHours(48);

    private final ArticleRepository articles;
    private final EditionRepository editions;
    private final FeedTitles titles;
    private final PublicUrls urls;
    private final RssFeedWriter rss;
    private final AtomFeedWriter atom;
    private final JsonFeedWriter json;
    private final int pageSize;
    private final int maxPages;
    /** Null when assembling only partner pages (tests): public pages then carry no archive links. */
    private final FeedArchives archives;

    private final ArticleListings listings;

    FeedPageAssembler(
            ArticleRepository articles,
            EditionRepository editions,
            FeedTitles titles,
            PublicUrls urls,
            RssFeedWriter rss,
            AtomFeedWriter atom,
            JsonFeedWriter json,
            int pageSize,
            int maxPages) {
        this(articles, editions, titles, urls, rss, atom, json, pageSize, maxPages, null, null);
    }

    @Autowired
    FeedPageAssembler(
            ArticleRepository articles,
            EditionRepository editions,
            FeedTitles titles,
            PublicUrls urls,
            RssFeedWriter rss,
            AtomFeedWriter atom,
            JsonFeedWriter json,
            @Value("${gateway.feeds.page-size:50}") int pageSize,
            @Value("${gateway.feeds.max-pages:100}") int maxPages,
            FeedArchives archives,
            ArticleListings listings) {
        this.archives = archives;
        this.listings = listings;
        this.articles = articles;
        this.editions = editions;
        this.titles = titles;
        this.urls = urls;
        this.rss = rss;
        this.atom = atom;
        this.json = json;
        this.pageSize = pageSize;
        this.maxPages = maxPages;
    }

    /** A public page, or empty when the page number is past the last page. */
    Optional<Assembled> assemble(FeedPageKey key, Instant now) {
        return assemble(key, null, null, now);
    }

    /**
     * A page cut for {@code audience}, with {@code rightsSlot} where the feed-level rights go; empty
     * past the last page.
     */
    Optional<Assembled> assemble(FeedPageKey key, FeedAudience audience, String rightsSlot, Instant now) {
        if (key.page() > maxPages) {
            // Feeds page back max-pages deep, no further: a render never skips more than that many
            // pages of rows, whatever the archive holds (older copy: the partner delta, article pages).
            return Optional.empty();
        }
        FeedSlice slice = key.slice();
        ArticleScope scope = audience == null ? ArticleScope.PUBLIC : audience.scope();
        String root = audience == null ? "/feeds" : audience.feedsPath();
        int offset = (key.page() - 1) * pageSize;
        List<Article> items = articles.findPublished(
                key.language(),
                slice.kind() == FeedSlice.Kind.ALL ? null : slice.kind().facet(),
                slice.slug(),
                scope,
                now,
                pageSize + 1,
                offset);
        if (items.isEmpty() && key.page() > 1) {
            return Optional.empty();
        }
        boolean hasNext = items.size() > pageSize && key.page() < maxPages;
        List<Article> shown = hasNext ? items.subList(0, pageSize) : items;
        boolean current = audience == null && key.page() == 1 && archives != null;
        if (current) {
            shown = withRevisedAfterArchiving(shown, key, now);
        }
        Instant updated =
                shown.stream().map(Article::updated).max(Instant::compareTo).orElse(Instant.EPOCH);
        String label = slice.kind() == FeedSlice.Kind.TAG ? tagName(slice.slug(), shown) : slice.label(key.language());
        FeedPage page = new FeedPage(
                key.language(),
                key.format(),
                key.page(),
                label == null ? titles.latest(key.language()) : titles.slice(key.language(), label),
                label == null
                        ? titles.latestDescription(key.language())
                        : titles.sliceDescription(key.language(), label),
                shown,
                updated,
                urls.feed(root, key.language(), slice, key.format(), key.page()),
                urls.home(key.language()),
                urls.feed(root, key.language(), slice, key.format(), 1),
                hasNext ? urls.feed(root, key.language(), slice, key.format(), key.page() + 1) : null,
                key.page() > 1 ? urls.feed(root, key.language(), slice, key.format(), key.page() - 1) : null,
                editionLinks(shown, scope, now),
                // The first page of every public feed is a WebSub topic the hub accepts (websub/WebSubTopics).
                audience == null && key.page() == 1 ? urls.hub() : null,
                // RFC 5005 rel="last" on the language's main feed, counted no deeper than the feed pages.
                slice.kind() == FeedSlice.Kind.ALL
                        ? urls.feed(
                                root, key.language(), FeedSlice.ALL, key.format(), lastPage(key.language(), scope, now))
                        : null,
                tombstones(key, audience == null, scope, now),
                audience == null ? null : terms(audience, rightsSlot, shown, now));
        if (current) {
            // RFC 5005 section 4: the current document leads to the newest closed archive.
            page = page.withArchive(archives.newestArchive(key.language(), slice, key.format(), now)
                    .map(FeedPage.Archive::currentDocument)
                    .orElse(null));
        }
        byte[] body = switch (key.format()) {
            case RSS -> rss.write(page);
            case ATOM -> atom.write(page);
            case JSON -> json.write(page);
        };
        Instant validUntil = articles.nextEmbargoLapse(key.language(), now).orElse(null);
        Instant tombstoneLapse = page.tombstones().stream()
                .map(t -> t.when().plus(TOMBSTONE_AGE))
                .min(Instant::compareTo)
                .orElse(null);
        if (tombstoneLapse != null && (validUntil == null || tombstoneLapse.isBefore(validUntil))) {
            validUntil = tombstoneLapse; // the page must drop the oldest tombstone when it ages out
        }
        if (current) {
            Instant closing = archives.nextClosing(now);
            if (validUntil == null || closing.isBefore(validUntil)) {
                validUntil = closing; // a day closes: prev-archive moves on, revised entries may join
            }
        }
        return Optional.of(new Assembled(body, updated, validUntil, shown.size()));
    }

    /**
     * Each item's terms (the contract's, plus the embargo while an item is shown before it lapses)
     * and the rights slot the reader's statement replaces.
     */
    private static FeedPage.Terms terms(FeedAudience audience, String rightsSlot, List<Article> shown, Instant now) {
        Map<ArticleId, String> usage = new HashMap<>();
        Map<ArticleId, Instant> embargoed = new HashMap<>();
        for (Article article : shown) {
            String terms = audience.usageTerms().apply(article);
            if (article.embargoUntil() != null && article.embargoUntil().isAfter(now)) {
                embargoed.put(article.id(), article.embargoUntil());
                String notice = FeedTerms.embargoLabel(article.embargoUntil()) + ": not for publication before then.";
                terms = terms == null || terms.isBlank() ? notice : terms + " " + notice;
            }
            if (terms != null && !terms.isBlank()) {
                usage.put(article.id(), terms);
            }
        }
        return new FeedPage.Terms(audience.summaryOnly(), rightsSlot, usage, embargoed);
    }

    /** A tag as its newest article spells it ("Inteligencia artificial" for inteligencia-artificial). */
    private static String tagName(String key, List<Article> shown) {
        for (Article article : shown) {
            for (String tag : article.tags()) {
                if (Slugs.of(tag).equals(key)) {
                    return TextRepair.clean(tag); // it titles the whole feed: the writers' item guard cannot reach it
                }
            }
        }
        return key;
    }

    private int lastPage(Language language, ArticleScope scope, Instant now) {
        long count = articles.countPublished(language, scope, now, (long) maxPages * pageSize);
        return (int) Math.max(1, (count + pageSize - 1) / pageSize);
    }

    /**
     * RFC 6721: the first Atom page of a feed lists the articles of its language killed in the last 48
     * hours (a public slice: those whose last version was in it), including those its closed archives keep.
     */
    private List<FeedPage.Tombstone> tombstones(FeedPageKey key, boolean isPublic, ArticleScope scope, Instant now) {
        if (key.format() != FeedFormat.ATOM || key.page() != 1) {
            return List.of();
        }
        if (!isPublic && key.slice().kind() != FeedSlice.Kind.ALL) {
            return List.of(); // partner slices have no archives, so nothing there needs telling apart
        }
        // Only items the reader could have seen: another contract's kills are not this reader's business.
        return articles.canceledSince(key.language(), scope, now.minus(TOMBSTONE_AGE)).stream()
                .filter(c -> key.slice().kind() == FeedSlice.Kind.ALL
                        || (c.last() != null && key.slice().contains(c.last())))
                .map(c -> new FeedPage.Tombstone(c.id().urn(), c.at()))
                .toList();
    }

    /**
     * RFC 5005 section 4: an entry changed after its day's archive closed is carried by the current
     * document (for {@link #TOMBSTONE_AGE}), since subscribers never fetch a closed archive again.
     * Listed after the newest entries, so the page's own order is untouched.
     */
    private List<Article> withRevisedAfterArchiving(List<Article> shown, FeedPageKey key, Instant now) {
        LocalDate newestClosed = archives.newestClosable(now);
        Instant openFrom = newestClosed.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Set<ArticleId> onPage = new HashSet<>();
        shown.forEach(article -> onPage.add(article.id()));
        List<Article> page = new ArrayList<>(shown);
        for (ArticleListings.Listed listed :
                listings.changedSince(key.language(), openFrom, now.minus(TOMBSTONE_AGE), now)) {
            LocalDate day = LocalDate.ofInstant(listed.listedAt(), ZoneOffset.UTC);
            if (listed.storedAt().isAfter(archives.closesAt(day))
                    && key.slice().contains(listed.article())
                    && onPage.add(listed.article().id())) {
                page.add(listed.article());
            }
        }
        return page;
    }

    private Map<ArticleId, List<FeedPage.EditionLink>> editionLinks(
            List<Article> shown, ArticleScope scope, Instant now) {
        Map<ArticleId, List<FeedPage.EditionLink>> links = new HashMap<>();
        editions.publishedSiblings(shown.stream().map(Article::id).toList(), scope, now)
                .forEach((id, siblings) -> {
                    // One edition per language, even when an agency reuses an edition-group id across stories.
                    Map<Language, FeedPage.EditionLink> perLanguage = new EnumMap<>(Language.class);
                    for (Article sibling : siblings) {
                        perLanguage.putIfAbsent(
                                sibling.language(),
                                new FeedPage.EditionLink(
                                        sibling.language(), sibling.id().urn(), urls.article(sibling)));
                    }
                    links.put(id, List.copyOf(perLanguage.values()));
                });
        return links;
    }
}
