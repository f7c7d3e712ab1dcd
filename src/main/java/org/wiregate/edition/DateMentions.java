package org.wiregate.edition;

import com.ibm.icu.text.RelativeDateTimeFormatter;
import com.ibm.icu.util.ULocale;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The days a story speaks of, resolved to dates from its publication instant: "24 November", "24 de
 * noviembre", "٢٤ تشرين الثاني" (a month from {@link CldrLexicon} next to a day), "on Tuesday", "el
 * martes", "الثلاثاء" (the last such day up to publication) and "yesterday", "ayer", "أمس" (CLDR's
 * relative day names). Editions of one story name the same days whatever the language.
 */
final class DateMentions {

    private static final Map<String, Integer> RELATIVE_DAYS = relativeDays();

    private DateMentions() {}

    static void read(List<String> words, List<CldrLexicon.Mention> mentions, Instant published, Set<LocalDate> into) {
        LocalDate today = published.atZone(ZoneOffset.UTC).toLocalDate();
        for (CldrLexicon.Mention mention : mentions) {
            for (String key : mention.keys()) {
                if (key.startsWith("month:")) {
                    int month = Integer.parseInt(key.substring(6));
                    Integer day = dayNear(words, mention.start(), mention.end());
                    if (day != null) {
                        date(today, month, day, into);
                    }
                } else if (key.startsWith("weekday:")) {
                    DayOfWeek weekday = DayOfWeek.of(Integer.parseInt(key.substring(8)));
                    into.add(today.with(TemporalAdjusters.previousOrSame(weekday)));
                }
            }
        }
        for (String word : words) {
            Integer offset = RELATIVE_DAYS.get(word);
            if (offset != null) {
                into.add(today.plusDays(offset));
            }
        }
    }

    /** A day number right before the month ("24 November", "24 de noviembre") or right after ("November 24"). */
    private static Integer dayNear(List<String> words, int start, int end) {
        Integer before = start >= 1 ? day(words.get(start - 1)) : null;
        if (before == null && start >= 2 && words.get(start - 1).length() <= 2) {
            before = day(words.get(start - 2)); // "de", "of"
        }
        if (before != null) {
            return before;
        }
        return end < words.size() ? day(words.get(end)) : null;
    }

    private static Integer day(String word) {
        if (word.isEmpty() || word.length() > 2) {
            return null;
        }
        int value = 0;
        for (int i = 0; i < word.length(); i++) {
            int digit = Character.digit(word.charAt(i), 10);
            if (digit < 0) {
                return null;
            }
            value = value * 10 + digit;
        }
        return value >= 1 && value <= 31 ? value : null;
    }

    /** The date nearest publication with that month and day: news speaks of the last weeks, or the next few. */
    private static void date(LocalDate today, int month, int day, Set<LocalDate> into) {
        for (int year = today.getYear() - 1; year <= today.getYear() + 1; year++) {
            try {
                LocalDate date = LocalDate.of(year, month, day);
                if (!date.isBefore(today.minusDays(300)) && !date.isAfter(today.plusDays(65))) {
                    into.add(date);
                }
            } catch (java.time.DateTimeException e) {
                // 31 April and the like: no such date
            }
        }
    }

    private static Map<String, Integer> relativeDays() {
        Map<String, Integer> days = new HashMap<>();
        for (String tag : new String[] {"en", "es", "ar"}) {
            RelativeDateTimeFormatter formatter = RelativeDateTimeFormatter.getInstance(new ULocale(tag));
            put(
                    days,
                    formatter.format(
                            RelativeDateTimeFormatter.Direction.LAST, RelativeDateTimeFormatter.AbsoluteUnit.DAY),
                    -1);
            put(
                    days,
                    formatter.format(
                            RelativeDateTimeFormatter.Direction.THIS, RelativeDateTimeFormatter.AbsoluteUnit.DAY),
                    0);
            put(
                    days,
                    formatter.format(
                            RelativeDateTimeFormatter.Direction.NEXT, RelativeDateTimeFormatter.AbsoluteUnit.DAY),
                    1);
        }
        return days;
    }

    private static void put(Map<String, Integer> days, String name, int offset) {
        List<String> words = TextFolding.tokens(name);
        if (words.size() == 1) {
            days.put(words.get(0), offset);
        }
    }
}
