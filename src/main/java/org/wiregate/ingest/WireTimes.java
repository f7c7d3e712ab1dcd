package org.wiregate.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Agency timestamps to UTC instants. */
final class WireTimes {

    private WireTimes() {}

    /**
     * Reads ISO 8601 / RFC 3339 times. A time with no offset is taken as UTC: that is what the
     * IPTC guidelines ask agencies to send, and guessing a local zone would be worse.
     */
    static Instant parseIso(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException withoutOffset) {
                throw new WireFormatException(field + " is not an ISO 8601 time: \"" + value + "\"");
            }
        }
    }
}
