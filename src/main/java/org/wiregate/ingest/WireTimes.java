package org.wiregate.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Agency timestamps to UTC instants. */
final class WireTimes {

    /**
     * ISO 8601 in its extended ({@code 2026-11-27T09:45:00+03:00}) and basic
     * ({@code 20261127T094500+0300}) forms and what agencies make of them: an offset without a
     * colon ({@code +0300}) or without minutes ({@code +03}), a space or a lower-case {@code t}
     * for the {@code T}, fractional seconds (with a point or a comma), no seconds, a date alone.
     */
    private static final Pattern ISO = Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2})"
            + "(?:[Tt ](\\d{2}):?(\\d{2})(?::?(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
            + "\\s*([Zz]|[+-]\\d{2}(?::?\\d{2})?)?");

    private WireTimes() {}

    /**
     * Reads ISO 8601 / RFC 3339 times and the variants agencies send. A time with no offset is
     * taken as UTC: that is what the IPTC guidelines ask agencies to send, and guessing a local zone
     * would be worse.
     *
     * @throws WireFormatException naming the field and the value when it is no such time
     */
    static Instant parseIso(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim();
        Matcher m = ISO.matcher(value);
        if (!m.matches()) {
            throw notIso(field, value);
        }
        try {
            LocalDate date = LocalDate.of(number(m.group(1)), number(m.group(2)), number(m.group(3)));
            LocalTime time = m.group(4) == null
                    ? LocalTime.MIDNIGHT
                    : LocalTime.of(
                            number(m.group(4)),
                            number(m.group(5)),
                            m.group(6) == null ? 0 : number(m.group(6)),
                            m.group(7) == null ? 0 : number((m.group(7) + "00000000").substring(0, 9)));
            return OffsetDateTime.of(date, time, offset(m.group(8))).toInstant();
        } catch (DateTimeException e) {
            throw new WireFormatException(field + " is not a valid time: \"" + value + "\" (" + e.getMessage() + ")");
        }
    }

    /**
     * The instant of an ISO 8601 time in any of the variants {@link #parseIso} reads, or null when
     * the text is no such time (an RFC 822 date, say), for callers that have another reader.
     */
    static Instant parseIsoIfShaped(String text) {
        if (text == null || !ISO.matcher(text.trim()).matches()) {
            return null;
        }
        try {
            return parseIso(text, "time");
        } catch (WireFormatException e) {
            return null;
        }
    }

    private static ZoneOffset offset(String text) {
        if (text == null || text.equalsIgnoreCase("Z")) {
            return ZoneOffset.UTC;
        }
        String digits = text.substring(1).replace(":", "");
        int hours = number(digits.substring(0, 2));
        int minutes = digits.length() > 2 ? number(digits.substring(2)) : 0;
        return text.charAt(0) == '-'
                ? ZoneOffset.ofHoursMinutes(-hours, -minutes)
                : ZoneOffset.ofHoursMinutes(hours, minutes);
    }

    private static int number(String digits) {
        return Integer.parseInt(digits);
    }

    private static WireFormatException notIso(String field, String value) {
        return new WireFormatException(field + " is not an ISO 8601 time: \"" + value + "\"");
    }
}
