package org.wiregate.publish;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.wiregate.cluster.AnnouncementsMissed;
import org.wiregate.cluster.ArticleChangedElsewhere;

/**
 * Feed pages of this instance follow changes stored by the others: a change heard from another
 * instance evicts exactly what the same change made here would; a gap in hearing them evicts all.
 */
@Component
class ClusterEvictions {

    private final FeedService feeds;

    ClusterEvictions(FeedService feeds) {
        this.feeds = feeds;
    }

    @EventListener
    void onArticleChangedElsewhere(ArticleChangedElsewhere event) {
        // the same eviction as a change made here: FeedService drops the contract renders too
        feeds.onArticleChanged(event.change());
    }

    @EventListener
    void onAnnouncementsMissed(AnnouncementsMissed event) {
        feeds.evictAll();
    }
}
