package org.wiregate.edition;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.wiregate.article.Language;

/**
 * The figures a story states, as numbers whatever the script and convention: ٤٥ = 45, Spanish
 * 1.500 = English 1,500 = 1500, Spanish 3,5 % = 3.5. Years and small counts say little about which
 * story it is, so they are left out.
 */
final class NumberExtractor {

    private NumberExtractor() {}

    static Set<BigDecimal> significant(String text, Language language) {
        Set<BigDecimal> numbers = new LinkedHashSet<>();
        if (text == null) {
            return numbers;
        }
        int i = 0;
        while (i < text.length()) {
            if (!Character.isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && (Character.isDigit(text.charAt(i)) || isSeparator(text, i))) {
                i++;
            }
            BigDecimal value = parse(text.substring(start, i), language);
            if (value != null) {
                value = scaled(value, text, i, language);
            }
            if (value != null && isSignificant(value)) {
                numbers.add(value.stripTrailingZeros());
            }
        }
        return numbers;
    }

    private static boolean isSeparator(String text, int i) {
        char c = text.charAt(i);
        boolean separator = c == '.' || c == ',' || c == '\u066B' || c == '\u066C';
        return separator && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1));
    }

    /** Group separators and the decimal mark differ by language; Arabic digits read either way. */
    static BigDecimal parse(String raw, Language language) {
        StringBuilder ascii = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isDigit(c)) {
                ascii.append((char) ('0' + Character.digit(c, 10)));
            } else if (c == '\u066B') {
                ascii.append('.'); // Arabic decimal separator
            } else if (c == '\u066C') {
                continue; // Arabic thousands separator
            } else if (c == ',' || c == '.') {
                ascii.append(c);
            }
        }
        String s = ascii.toString();
        char decimal = language == Language.ES ? ',' : '.';
        char group = language == Language.ES ? '.' : ',';
        // "1.500" in Spanish is a thousand-grouping; a lone separator followed by three digits is too.
        s = s.replace(String.valueOf(group), "");
        s = s.replace(decimal, '.');
        // A figure has one decimal mark at most: several left are groups written the other way round
        // ("1.200.000" in English or Arabic copy, "1,200,000" in Mexican Spanish).
        if (s.chars().filter(c -> c == '.').count() > 1) {
            s = s.replace(".", "");
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** "3 millones", "٣ ملايين", "2.5 billion": the word after a figure multiplies it. */
    private static BigDecimal scaled(BigDecimal value, String text, int end, Language language) {
        int from = end;
        while (from < text.length() && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        int to = from;
        while (to < text.length() && Character.isLetter(text.charAt(to))) {
            to++;
        }
        if (to == from) {
            return value;
        }
        List<String> word = TextFolding.tokens(text.substring(from, to));
        Long scale = word.isEmpty() ? null : NumberWords.get().scale(word.get(0), language);
        return scale == null ? value : value.multiply(BigDecimal.valueOf(scale));
    }

    static boolean isSignificant(BigDecimal value) {
        boolean year = value.scale() <= 0
                && value.compareTo(BigDecimal.valueOf(1990)) >= 0
                && value.compareTo(BigDecimal.valueOf(2035)) <= 0;
        return !year && value.compareTo(BigDecimal.valueOf(3)) > 0;
    }
}
