package org.wiregate.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header line of an IPTC 7901 or ANPA 1312 message, read token by token: which service and
 * sequence, how urgent, which category and subjects, and when. Kept apart from
 * {@link Iptc7901Parser}, which frames messages and reads their text, because agencies vary most
 * here and each optional field has its own rule. Any field may be null when the agency leaves it out.
 *
 * <pre>
 * service+sequence [selector] priority category [word count]
 *     [yyyyMMdd|yyyy-MM-dd [HH:mm|HHmm]] [subject numbers] [ANPA keyword]
 * </pre>
 */
record Iptc7901Header(
        String service,
        String sequence,
        Integer urgency,
        String category,
        String anpaKeyword,
        LocalDate date,
        Instant time,
        List<String> subjects,
        String raw) {

    /**
     * Priority to IPTC urgency (1 highest, 9 lowest). 7901 sends a digit, ANPA 1312 a letter.
     * <ul>
     * <li>7901 1 flash, 2 bulletin ("urgent" at most European agencies), 3 urgent/priority:
     *     1, 2 and 3; 4 routine/normal: 5, the IPTC default; 5 deferred: 6; 6 advance: 8.</li>
     * <li>ANPA f flash: 1, b bulletin: 2, u urgent: 3, r regular: 5, d deferred: 6, a advance: 8
     *     (s and w, "special"/"weekly" at some services, are not in the table).</li>
     * </ul>
     * Anything else leaves the urgency null and the mapping's default applies.
     */
    static final Map<String, Integer> URGENCY_BY_PRIORITY = Map.ofEntries(
            Map.entry("1", 1),
            Map.entry("2", 2),
            Map.entry("3", 3),
            Map.entry("4", 5),
            Map.entry("5", 6),
            Map.entry("6", 8),
            Map.entry("f", 1),
            Map.entry("b", 2),
            Map.entry("u", 3),
            Map.entry("r", 5),
            Map.entry("d", 6),
            Map.entry("a", 8));

    private static final Pattern SERVICE_AND_SEQUENCE = Pattern.compile("([A-Za-z]+)-?(\\d+)");
    private static final Pattern HEADER_DATE = Pattern.compile("(\\d{4})-?(\\d{2})-?(\\d{2})");
    private static final Pattern HEADER_TIME = Pattern.compile("(\\d{2}):?(\\d{2})");
    private static final Pattern SUBJECT_NUMBER = Pattern.compile("(?i)(?:subj:)?((?:0[1-9]|1[0-7])\\d{6})");
    private static final Pattern ANPA_KEYWORD = Pattern.compile("\\p{L}[\\p{L}\\p{N}]*(?:-[\\p{L}\\p{N}]+)+");

    static Iptc7901Header parse(String line) {
        String service = null;
        String sequence = null;
        Integer urgency = null;
        String category = null;
        String anpaKeyword = null;
        LocalDate date = null;
        Instant time = null;
        List<String> subjects = new ArrayList<>();
        String[] tokens = line.isBlank() ? new String[0] : line.trim().split("\\s+");
        int i = 0;
        if (tokens.length > 0) {
            Matcher id = SERVICE_AND_SEQUENCE.matcher(tokens[0]);
            if (id.matches()) {
                service = id.group(1).toUpperCase(Locale.ROOT);
                sequence = id.group(2);
                i = 1;
            }
        }
        // ANPA selector codes ("cpstf") come before the one-character priority
        while (i < tokens.length && tokens[i].length() > 1 && tokens[i].chars().allMatch(Character::isLetter)) {
            i++;
        }
        if (i < tokens.length && tokens[i].length() == 1) {
            urgency = URGENCY_BY_PRIORITY.get(tokens[i].toLowerCase(Locale.ROOT));
            i++;
            if (i < tokens.length
                    && tokens[i].length() <= 3
                    && tokens[i].chars().allMatch(Character::isLetter)) {
                category = tokens[i];
                i++;
            }
        }
        for (; i < tokens.length; i++) {
            String t = tokens[i];
            Matcher dateToken = HEADER_DATE.matcher(t);
            Matcher subject = SUBJECT_NUMBER.matcher(t);
            if (subject.matches()) {
                subjects.add(subject.group(1));
            } else if (dateToken.matches() && date == null) {
                date = date(dateToken);
                Matcher timeToken = i + 1 < tokens.length ? HEADER_TIME.matcher(tokens[i + 1]) : null;
                if (date != null && timeToken != null && timeToken.matches()) {
                    time = at(date, Integer.parseInt(timeToken.group(1)), Integer.parseInt(timeToken.group(2)));
                    i++;
                }
            } else if (anpaKeyword == null && ANPA_KEYWORD.matcher(t).matches()) {
                anpaKeyword = t;
            }
            // word counts, ANPA filing dates ("11-24") and other optional information are not needed
        }
        return new Iptc7901Header(
                service, sequence, urgency, category, anpaKeyword, date, time, List.copyOf(subjects), line);
    }

    /** How an error message names the message: its service and sequence, else the header as sent. */
    String label() {
        return service != null ? service + "-" + sequence : raw.isBlank() ? "no header" : '"' + raw + '"';
    }

    private static LocalDate date(Matcher m) {
        try {
            return LocalDate.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Instant at(LocalDate date, int hour, int minute) {
        try {
            return date.atTime(hour, minute).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // an impossible time is no time; the normaliser uses the receipt time
        }
    }
}
