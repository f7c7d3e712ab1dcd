package org.wiregate.article;

import java.util.Locale;
import java.util.Optional;

/** IPTC publication status: only usable articles are published. */
public enum Status {
    USABLE,
    WITHHELD,
    CANCELED;

    /** Reads ninjs/NewsML pubstatus values ("usable", "stat:withheld", "canceled", "cancelled"). */
    public static Optional<Status> fromWire(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        int colon = v.indexOf(':');
        if (colon >= 0) {
            v = v.substring(colon + 1);
        }
        return switch (v) {
            case "usable" -> Optional.of(USABLE);
            case "withheld", "embargoed" -> Optional.of(WITHHELD);
            case "canceled", "cancelled", "kill", "killed" -> Optional.of(CANCELED);
            default -> Optional.empty();
        };
    }
}
