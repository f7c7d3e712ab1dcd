package org.wiregate.publish;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Article;
import org.wiregate.article.Language;

/**
 * One page of one feed, ready for any writer.
 *
 * @param updated    the newest {@code updated} of its items: the feed's own time, never "now",
 *                   so two instances render identical bytes
 * @param hubUrl     the WebSub hub the feed names (rel="hub"), or null for none
 * @param lastUrl    the last page (RFC 5005 rel="last"), or null
 * @param tombstones articles killed recently, announced in Atom with at:deleted-entry (RFC 6721)
 */
public record FeedPage(
        Language language,
        FeedFormat format,
        int page,
        String title,
        String description,
        List<Article> items,
        Instant updated,
        String selfUrl,
        String homeUrl,
        String firstUrl,
        String nextUrl,
        String previousUrl,
        Map<ArticleId, List<EditionLink>> editions,
        String hubUrl,
        String lastUrl,
        List<Tombstone> tombstones) {

    /** Another language's edition of an item: where aggregators and readers can switch to. */
    public record EditionLink(Language language, String id, String url) {
    }

    /** An article killed recently: Atom announces it with an RFC 6721 at:deleted-entry. */
    public record Tombstone(String ref, Instant when) {
    }

    public FeedPage {
        items = List.copyOf(items);
        editions = editions == null ? Map.of() : Map.copyOf(editions);
        tombstones = tombstones == null ? List.of() : List.copyOf(tombstones);
    }

    public FeedPage(Language language, FeedFormat format, int page, String title, String description, List<Article> items,
                    Instant updated, String selfUrl, String homeUrl, String firstUrl, String nextUrl, String previousUrl,
                    Map<ArticleId, List<EditionLink>> editions) {
        this(language, format, page, title, description, items, updated, selfUrl, homeUrl, firstUrl, nextUrl, previousUrl,
                editions, null, null, List.of());
    }

    public FeedPage(Language language, FeedFormat format, int page, String title, String description, List<Article> items,
                    Instant updated, String selfUrl, String homeUrl, String firstUrl, String nextUrl, String previousUrl) {
        this(language, format, page, title, description, items, updated, selfUrl, homeUrl, firstUrl, nextUrl, previousUrl,
                Map.of(), null, null, List.of());
    }

    /** The other editions of an item, empty when it has none. */
    public List<EditionLink> editionsOf(Article article) {
        return editions.getOrDefault(article.id(), List.of());
    }

    /** The page URL in another format, for alternate links. */
    public String urlIn(FeedFormat other, PublicUrls urls) {
        return urls.feed(language, other, page);
    }
}
