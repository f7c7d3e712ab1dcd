package org.wiregate.publish;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Language;

/**
 * One page of one feed, ready for any writer.
 *
 * @param updated    the newest {@code updated} of its items: the feed's own time, never "now",
 *                   so two instances render identical bytes
 * @param hubUrl     the WebSub hub the feed names (rel="hub"), or null for none
 * @param lastUrl    the last page (RFC 5005 rel="last"), or null
 * @param tombstones articles killed recently, announced in Atom with at:deleted-entry (RFC 6721)
 * @param terms      what a reader's contract changes on the page; null on public feeds
 * @param archive    RFC 5005 archive links (and, on an archive document, fh:archive); null for none
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
        List<Tombstone> tombstones,
        Terms terms,
        Archive archive) {

    /**
     * RFC 5005 archived feeds: on the current document only {@code prevArchive} (the newest closed
     * archive); on an archive document {@code archived} (fh:archive), {@code current} and both neighbours.
     */
    public record Archive(boolean archived, String current, String prevArchive, String nextArchive) {

        /** The current document's link to the newest closed archive. */
        public static Archive currentDocument(String prevArchive) {
            return new Archive(false, null, prevArchive, null);
        }
    }

    /** Another language's edition of an item: where aggregators and readers can switch to. */
    public record EditionLink(Language language, String id, String url) {}

    /** An article killed recently: Atom announces it with an RFC 6721 at:deleted-entry. */
    public record Tombstone(String ref, Instant when) {}

    /**
     * A contract's cut of a page (partner feeds): no body, content or pictures when summary only,
     * feed-level rights, each item's usage terms, and the embargo of items shown before it lapses.
     *
     * @param rights     the feed's rights statement (RSS copyright, Atom rights, JSON Feed {@code _wiregate.rights})
     * @param usageTerms per item id; an item without an entry has none
     * @param embargoed  per item id, the embargo of items shown before it lapses (embargo preview)
     */
    public record Terms(
            boolean summaryOnly, String rights, Map<ArticleId, String> usageTerms, Map<ArticleId, Instant> embargoed) {
        public Terms {
            usageTerms = usageTerms == null ? Map.of() : Map.copyOf(usageTerms);
            embargoed = embargoed == null ? Map.of() : Map.copyOf(embargoed);
        }
    }

    public FeedPage {
        items = List.copyOf(items);
        editions = editions == null ? Map.of() : Map.copyOf(editions);
        tombstones = tombstones == null ? List.of() : List.copyOf(tombstones);
    }

    public FeedPage(
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
            List<Tombstone> tombstones,
            Terms terms) {
        this(
                language,
                format,
                page,
                title,
                description,
                items,
                updated,
                selfUrl,
                homeUrl,
                firstUrl,
                nextUrl,
                previousUrl,
                editions,
                hubUrl,
                lastUrl,
                tombstones,
                terms,
                null);
    }

    public FeedPage(
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
        this(
                language,
                format,
                page,
                title,
                description,
                items,
                updated,
                selfUrl,
                homeUrl,
                firstUrl,
                nextUrl,
                previousUrl,
                editions,
                hubUrl,
                lastUrl,
                tombstones,
                null);
    }

    public FeedPage(
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
            Map<ArticleId, List<EditionLink>> editions) {
        this(
                language,
                format,
                page,
                title,
                description,
                items,
                updated,
                selfUrl,
                homeUrl,
                firstUrl,
                nextUrl,
                previousUrl,
                editions,
                null,
                null,
                List.of(),
                null);
    }

    public FeedPage(
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
            String previousUrl) {
        this(
                language,
                format,
                page,
                title,
                description,
                items,
                updated,
                selfUrl,
                homeUrl,
                firstUrl,
                nextUrl,
                previousUrl,
                Map.of(),
                null,
                null,
                List.of(),
                null);
    }

    /** The same page with RFC 5005 archive links. */
    public FeedPage withArchive(Archive links) {
        return new FeedPage(
                language,
                format,
                page,
                title,
                description,
                items,
                updated,
                selfUrl,
                homeUrl,
                firstUrl,
                nextUrl,
                previousUrl,
                editions,
                hubUrl,
                lastUrl,
                tombstones,
                terms,
                links);
    }

    /** True for an RFC 5005 archive document (fh:archive): no paging links, nothing that changes. */
    public boolean archived() {
        return archive != null && archive.archived();
    }

    /** The other editions of an item, empty when it has none. */
    public List<EditionLink> editionsOf(Article article) {
        return editions.getOrDefault(article.id(), List.of());
    }

    /** True when the reader's contract covers headline and summary only: no body, content or pictures. */
    public boolean summaryOnly() {
        return terms != null && terms.summaryOnly();
    }

    /** The item's usage terms for this reader, or null (public feeds). */
    public String usageTermsOf(Article article) {
        return terms == null ? null : terms.usageTerms().get(article.id());
    }

    /** The embargo of an item shown before it lapses (embargo preview), or null. */
    public Instant embargoOf(Article article) {
        return terms == null ? null : terms.embargoed().get(article.id());
    }

    /** The page URL in another format, for alternate links. */
    public String urlIn(FeedFormat other, PublicUrls urls) {
        return urls.feed(language, other, page);
    }
}
