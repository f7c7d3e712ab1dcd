package org.wiregate.cluster;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.wiregate.store.ArticleChanged;

/**
 * Every stored change (new version, kill, edition link, operator decision) announced to the other
 * instances. Before commit, inside the storing transaction: the NOTIFY is then delivered exactly
 * when the change becomes visible, and not at all when it rolls back.
 */
@Component
class ArticleAnnouncer {

    private final ClusterBus bus;

    ArticleAnnouncer(ClusterBus bus) {
        this.bus = bus;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void onArticleChanged(ArticleChanged event) {
        bus.announce(
                Topic.ARTICLE, event.article().id().value(), event.outcome().name());
    }
}
