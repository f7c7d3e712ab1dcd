package org.wiregate.partner.webhook;

import java.util.Locale;
import java.util.Optional;

/** What happened to an item, as a partner subscribes to it and as {@code Wiregate-Event} names it. */
public enum WebhookEvent {
    /** A new item (revision 1), or an embargoed one released to a partner without embargo preview (any revision). */
    PUBLISHED,
    /**
     * A later version. The endpoint may not have had the earlier ones (the item predates the
     * endpoint, or changed again before the dispatcher saw it), so receivers upsert by uri.
     */
    UPDATED,
    /** The item was killed: the ninjs item is a notice without body; take it down. */
    CANCELED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WebhookEvent> fromWire(String value) {
        for (WebhookEvent event : values()) {
            if (event.wire().equals(value)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }
}
