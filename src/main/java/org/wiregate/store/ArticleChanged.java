package org.wiregate.store;

import org.wiregate.article.Article;

/**
 * Published after a transaction created or updated an article; feed caches and WebSub listen.
 *
 * @param previous the version this one replaced, when known (null for a new article or an edition link)
 */
public record ArticleChanged(Article article, StoreOutcome outcome, Article previous) {

    public ArticleChanged(Article article, StoreOutcome outcome) {
        this(article, outcome, null);
    }
}
