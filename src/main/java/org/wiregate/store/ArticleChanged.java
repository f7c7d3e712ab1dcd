package org.wiregate.store;

import org.wiregate.article.Article;

/**
 * Published after a transaction created or updated an article; feed caches listen and evict the
 * pages of the slices the article is in, and of those it was in before.
 *
 * @param article  the article as stored now
 * @param outcome  created or updated
 * @param previous the version this change replaced: the slices it was in (a section, tags, regions
 *                 it has left) are touched too. Null when created, or when the replaced version is
 *                 not known (then every page of the article's language is touched).
 */
public record ArticleChanged(Article article, StoreOutcome outcome, Article previous) {

    /** A change whose replaced version is not known (e.g. announced by another instance). */
    public ArticleChanged(Article article, StoreOutcome outcome) {
        this(article, outcome, null);
    }

    /** The article's edition links changed, nothing of its own: it is in the slices it was in. */
    public static ArticleChanged editionsOf(Article article) {
        return new ArticleChanged(article, StoreOutcome.UPDATED, article);
    }

    /** True when the slices the article was in before are not known. */
    public boolean previousUnknown() {
        return outcome != StoreOutcome.CREATED && previous == null;
    }
}
