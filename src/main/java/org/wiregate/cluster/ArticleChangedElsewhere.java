package org.wiregate.cluster;

import org.wiregate.store.ArticleChanged;

/**
 * Another instance stored this change; published locally once it is known here. Caches evict as
 * for a local {@link ArticleChanged}, but nothing announces it again: the storing instance has
 * already pinged WebSub subscribers and queued webhooks, so they must not listen to this one.
 */
public record ArticleChangedElsewhere(ArticleChanged change) {}
