package org.wiregate.partner.webhook;

import java.time.Instant;

/**
 * One delivery of one change to one endpoint: its body (signed afresh at every attempt) and how
 * it went so far.
 *
 * @param seq     the change-log entry it came from; deliveries of an endpoint are made in this order
 * @param version the item's version (ninjs {@code version}) in the body
 */
public record WebhookDelivery(
        String id,
        String endpointId,
        long seq,
        String articleId,
        int version,
        WebhookEvent event,
        String body,
        int attempts,
        State state,
        Instant nextAttemptAt,
        Instant firstAttemptAt,
        Instant lastAttemptAt,
        Integer lastStatus,
        String lastError,
        Instant createdAt,
        Instant deliveredAt,
        Instant deadAt) {

    public enum State {
        PENDING,
        DELIVERED,
        DEAD
    }

    @Override
    public String toString() {
        return "WebhookDelivery[id=" + id + ", endpoint=" + endpointId + ", seq=" + seq + ", event=" + event.wire()
                + ", state=" + state + ", attempts=" + attempts + "]";
    }
}
