package org.wiregate.edition;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wiregate.article.Language;

/**
 * The moments a story gives by the clock, resolved to instants: "(1640 GMT)", "a las 14.00 GMT",
 * "الساعة 14:00 بتوقيت غرينتش" in universal time; "3 p.m. local time", "11.00 hora local",
 * "بالتوقيت المحلي" in the zone of the dateline; "بتوقيت بيروت", "hora de Caracas" in the zone of a
 * city CLDR names (its time-zone exemplar cities, in all three languages). A time is taken on the day
 * of publication in its zone, or the day before when that would be more than an hour after
 * publication. Editions that give one event's time in different zones ("11.00 hora local (14.00
 * GMT)" and "1400 GMT") then name the same instant; the clock figures themselves are not amounts,
 * so {@link EditionEvidence} reads figures from the text with these spans left out.
 */
final class TimeMentions {

    /** A moment and where the text gave it. */
    record Moment(Instant instant, int start, int end) {}

    private static final String CLOCK = "(?<![\\d.,:])(?:(\\d{1,2})[:.h](\\d{2})|(\\d{2})(\\d{2})|(\\d{1,2}))"
            + "\\s*(a\\.?\\s?m\\.?|p\\.?\\s?m\\.?|صباحا|صباحاً|مساء|مساءً|ظهرا|ظهراً)?\\s*\\(?\\s*";

    static final Pattern UNIVERSAL = Pattern.compile(
            CLOCK + "(?:GMT|UTC|بتوقيت\\s+(?:غرينتش|غرينيتش|جرينتش|غرينتش)|ت\\.?\\s?غ\\b)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    static final Pattern LOCAL = Pattern.compile(
            CLOCK + "(?:local time|hora local|horas? locales?|\\(hora local\\)|بالتوقيت المحلي|حسب التوقيت المحلي)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    static final Pattern CITY = Pattern.compile(
            CLOCK + "(?:بتوقيت|hora de|hora en)\\s+(\\p{L}+)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private TimeMentions() {}

    /**
     * @param text      the story's text as written (digits in any script)
     * @param dateline  the zone of the dateline's place, or null when unknown ("local time" is then not read)
     */
    static List<Moment> read(String text, Language language, Instant published, ZoneId dateline) {
        List<Moment> moments = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return moments;
        }
        String ascii = asciiDigits(text);
        int[] starts = clockStarts(ascii);
        if (starts.length == 0) {
            return moments;
        }
        find(UNIVERSAL, ascii, starts, m -> ZoneOffset.UTC, published, moments);
        if (dateline != null) {
            find(LOCAL, ascii, starts, m -> dateline, published, moments);
        }
        find(CITY, ascii, starts, m -> cityZone(m.group(7), language), published, moments);
        return moments;
    }

    /**
     * Where a clock can begin: a digit not preceded by a digit, point, comma or colon (the patterns'
     * look-behind). Trying the patterns only there finds what {@link Matcher#find()} finds, leftmost
     * first, without letting the regex engine try every character of the story (it did, and that
     * was a tenth of an arrival's ingest cost).
     */
    static int[] clockStarts(String ascii) {
        int[] starts = new int[8];
        int count = 0;
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            if (c >= '0' && c <= '9' && (i == 0 || !isClockPart(ascii.charAt(i - 1)))) {
                if (count == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i;
            }
        }
        return java.util.Arrays.copyOf(starts, count);
    }

    private static boolean isClockPart(char c) {
        return (c >= '0' && c <= '9') || c == '.' || c == ',' || c == ':';
    }

    private static void find(
            Pattern pattern,
            String ascii,
            int[] starts,
            java.util.function.Function<MatchResult, ZoneId> zoneOf,
            Instant published,
            List<Moment> into) {
        for (MatchResult m : matches(pattern, ascii, starts)) {
            if (overlapsAny(into, m.start(), m.end())) {
                continue;
            }
            ZoneId zone = zoneOf.apply(m);
            Integer[] clock = clock(m);
            if (zone == null || clock == null) {
                continue;
            }
            try {
                LocalDate day = published.atZone(zone).toLocalDate();
                Instant at = day.atTime(clock[0], clock[1]).atZone(zone).toInstant();
                if (at.isAfter(published.plus(Duration.ofHours(1)))) {
                    at = at.minus(Duration.ofDays(1)); // "at 11 p.m." in copy filed at 1 a.m.: last night
                }
                into.add(new Moment(at, m.start(), m.end()));
            } catch (DateTimeException e) {
                // 25:00 and the like: not a time
            }
        }
    }

    /**
     * The matches {@code pattern.matcher(ascii).find()} gives, leftmost first, tried only at the clock
     * starts; transparent bounds let the look-behind see the character before each start.
     */
    static List<MatchResult> matches(Pattern pattern, String ascii, int[] starts) {
        List<MatchResult> found = new ArrayList<>(2);
        Matcher m = pattern.matcher(ascii).useTransparentBounds(true).useAnchoringBounds(false);
        int from = 0;
        for (int start : starts) {
            if (start >= from) {
                m.region(start, ascii.length());
                if (m.lookingAt()) {
                    found.add(m.toMatchResult());
                    from = m.end();
                }
            }
        }
        return found;
    }

    /** Hours and minutes of a match, with a.m./p.m. (or صباحا/مساء) applied; null when not a time of day. */
    private static Integer[] clock(MatchResult m) {
        int hour;
        int minute = 0;
        if (m.group(1) != null) {
            hour = Integer.parseInt(m.group(1));
            minute = Integer.parseInt(m.group(2));
        } else if (m.group(3) != null) {
            hour = Integer.parseInt(m.group(3));
            minute = Integer.parseInt(m.group(4));
        } else {
            hour = Integer.parseInt(m.group(5));
            if (m.group(6) == null) {
                return null; // "at 3 GMT" is rare; a bare number before a zone is more often something else
            }
        }
        String half = m.group(6) == null ? "" : m.group(6).toLowerCase(Locale.ROOT);
        boolean pm = half.startsWith("p") || half.startsWith("مساء") || (half.startsWith("ظهر") && hour < 12);
        boolean am = half.startsWith("a") || half.startsWith("صباح");
        if ((pm || am) && (hour < 1 || hour > 12)) {
            return null;
        }
        if (pm && hour < 12) {
            hour += 12;
        } else if (am && hour == 12) {
            hour = 0;
        }
        return hour <= 23 && minute <= 59 ? new Integer[] {hour, minute} : null;
    }

    /** The zone of a city CLDR names as a time-zone exemplar ("بيروت", "Caracas"), or null. */
    private static ZoneId cityZone(String word, Language language) {
        for (CldrLexicon.Mention mention : CldrLexicon.get().scan(TextFolding.tokens(word), language)) {
            for (String key : mention.keys()) {
                ZoneId zone = zoneOfKey(key);
                if (zone != null) {
                    return zone;
                }
            }
        }
        return null;
    }

    /** The zone a place key stands for: {@code city:Asia/Beirut}; null for anything else. */
    static ZoneId zoneOfKey(String key) {
        if (key == null || !key.startsWith("city:")) {
            return null;
        }
        try {
            return ZoneId.of(key.substring(5));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean overlapsAny(List<Moment> found, int start, int end) {
        for (Moment m : found) {
            if (start < m.end() && m.start() < end) {
                return true;
            }
        }
        return false;
    }

    /** Arabic-Indic and Persian digits as ASCII, one for one, so positions stay those of the text. */
    private static String asciiDigits(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int d = Character.digit(c, 10);
            out.append(d >= 0 && c > 127 ? (char) ('0' + d) : c);
        }
        return out.toString();
    }
}
