package org.wiregate.partner.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Status;
import org.wiregate.partner.Partner;
import org.wiregate.partner.PartnerAccess;
import org.wiregate.partner.PartnerDirectory;
import org.wiregate.partner.PartnerRepository;
import org.wiregate.partner.TextAccess;
import org.wiregate.partner.UsageTerms;
import org.wiregate.publish.NinjsWriter;
import org.wiregate.store.ArticleScope;
import org.wiregate.store.ChangeLog;
import org.wiregate.store.EditionRepository;

/**
 * The first step of a webhook pass: for each active endpoint, read the change log past its cursor
 * under the partner's scope (so entitlements and embargoes apply exactly as in the delta API),
 * render each entry the endpoint subscribed to as the partner's ninjs item, and queue it as a
 * delivery row, moving the cursor in the same transaction. {@link WebhookCourier} sends them.
 */
@Component
class WebhookCollector {

    private static final int BATCH = 200;

    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;
    private final ChangeLog changes;
    private final EditionRepository editions;
    private final NinjsWriter writer;
    private final UsageTerms terms;
    private final PartnerRepository partners;
    private final PartnerDirectory directory;
    private final Clock clock;

    WebhookCollector(
            WebhookEndpointRepository endpoints,
            WebhookDeliveryRepository deliveries,
            ChangeLog changes,
            EditionRepository editions,
            NinjsWriter writer,
            UsageTerms terms,
            PartnerRepository partners,
            PartnerDirectory directory,
            Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.changes = changes;
        this.editions = editions;
        this.writer = writer;
        this.terms = terms;
        this.partners = partners;
        this.directory = directory;
        this.clock = clock;
    }

    /** How many deliveries were queued. */
    int collect() {
        int queued = 0;
        long head = changes.head();
        for (WebhookEndpoint endpoint : endpoints.serving()) {
            if (endpoint.cursorSeq() >= head) {
                continue; // nothing new: skip the query (most endpoints, most passes)
            }
            Optional<Partner> partner = partners.find(endpoint.partnerId()).filter(Partner::isActive);
            if (partner.isPresent()) {
                queued += collect(endpoint, directory.access(partner.get(), "webhook:" + endpoint.id(), null));
            }
        }
        return queued;
    }

    private int collect(WebhookEndpoint endpoint, PartnerAccess access) {
        ArticleScope scope = access.scope();
        long cursor = endpoint.cursorSeq();
        int queued = 0;
        while (true) {
            List<ChangeLog.Entry> page = changes.after(cursor, null, scope, BATCH);
            if (page.isEmpty()) {
                return queued;
            }
            Instant now = clock.instant();
            List<ArticleId> ids = page.stream().map(e -> e.article().id()).toList();
            // Not "has this endpoint seen it": superseded change-log entries are pruned, so that cannot be read back.
            Set<Long> releases =
                    changes.releases(page.stream().map(ChangeLog.Entry::seq).toList());
            Map<ArticleId, List<Article>> siblings = editions.publishedSiblings(ids, scope, now);
            List<WebhookDeliveryRepository.NewDelivery> batch = new ArrayList<>();
            for (ChangeLog.Entry entry : page) {
                Article article = entry.article();
                WebhookEvent event = article.status() == Status.CANCELED
                        ? WebhookEvent.CANCELED
                        : article.revision() == 1 || releases.contains(entry.seq())
                                ? WebhookEvent.PUBLISHED
                                : WebhookEvent.UPDATED;
                if (endpoint.events().contains(event)) {
                    String id = WebhookEndpoints.newId("whd_", 12);
                    List<Article> visible = siblings.getOrDefault(article.id(), List.of()).stream()
                            .filter(s -> scope.showsAt(s, now))
                            .toList();
                    batch.add(new WebhookDeliveryRepository.NewDelivery(
                            id,
                            entry.seq(),
                            article.id().value(),
                            article.revision(),
                            event,
                            body(event, id, entry, visible, access)));
                }
            }
            long last = page.get(page.size() - 1).seq();
            if (!deliveries.enqueue(endpoint.id(), cursor, last, batch, now)) {
                return queued; // another instance moved this cursor (or the endpoint was disabled) meanwhile
            }
            queued += batch.size();
            cursor = last;
            if (page.size() < BATCH) {
                return queued;
            }
        }
    }

    /** {"event", "delivery", "item"}: the item exactly as the partner API renders it for this partner. */
    private String body(
            WebhookEvent event,
            String deliveryId,
            ChangeLog.Entry entry,
            List<Article> editionsOf,
            PartnerAccess access) {
        Article article = entry.article();
        ObjectNode body = writer.mapper().createObjectNode();
        body.put("event", event.wire());
        body.put("delivery", deliveryId);
        body.set(
                "item",
                writer.item(
                        article,
                        entry.editionGroup(),
                        editionsOf,
                        new NinjsWriter.Cut(access.text() == TextAccess.SUMMARY, terms.of(article, access.partner()))));
        return new String(writer.bytes(body), StandardCharsets.UTF_8);
    }
}
