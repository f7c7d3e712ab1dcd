package org.wiregate.store;

import org.wiregate.article.Article;

/** Published after a transaction created or updated an article; feed caches listen. */
public record ArticleChanged(Article article, StoreOutcome outcome) {}
