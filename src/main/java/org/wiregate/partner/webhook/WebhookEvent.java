package org.wiregate.partner.webhook;

import java.util.Locale;
import java.util.Optional;

/** What happened to an item, as a partner subscribes to it and as {@code Wiregate-Event} names it. */
public enum WebhookEvent {
    /** The first version this endpoint is told about: a new item, or an embargoed one released to this partner. */
    PUBLISHED,
    /** A later version of an item the endpoint has been told about (or that predates the endpoint). */
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
