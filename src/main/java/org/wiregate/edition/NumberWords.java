package org.wiregate.edition;

import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wiregate.article.Language;

/**
 * Numbers written as words in English, Spanish or Arabic ("thirteen", "trece", "ثلاثة عشر"), read
 * with the words ICU's rule-based spell-out formats write for them (every cardinal rule set of each
 * language: masculine and feminine), and the scale words that follow a figure ("3 millones", "٣
 * ملايين", "2.5 billion").
 */
final class NumberWords {

    private static final int LONGEST = 6;
    private static final NumberWords INSTANCE = new NumberWords();

    /** folded phrase -> value */
    private final Map<String, Long> phrases = new HashMap<>();
    /** the first word of every phrase: most words of a text are none, and are passed over at once */
    private final Set<String> firstWords = new java.util.HashSet<>();
    /** folded scale word -> multiplier */
    private final Map<String, Long> scales = new HashMap<>();

    static NumberWords get() {
        return INSTANCE;
    }

    private NumberWords() {
        for (String tag : new String[] {"en", "es", "ar"}) {
            RuleBasedNumberFormat spellout =
                    new RuleBasedNumberFormat(new ULocale(tag), RuleBasedNumberFormat.SPELLOUT);
            for (String ruleSet : spellout.getRuleSetNames()) {
                if (!ruleSet.startsWith("%spellout-cardinal")) {
                    continue;
                }
                for (long n = 1; n <= 2000; n++) {
                    add(spellout.format(n, ruleSet), n);
                }
                for (long n = 3; n <= 999; n++) {
                    add(spellout.format(n * 1000, ruleSet), n * 1000);
                }
                for (long scale : new long[] {1_000L, 1_000_000L, 1_000_000_000L}) {
                    for (long k : new long[] {1, 2, 3, 5, 11}) {
                        List<String> words = TextFolding.tokens(spellout.format(k * scale, ruleSet));
                        if (!words.isEmpty()) {
                            scales.putIfAbsent(words.get(words.size() - 1), scale);
                        }
                    }
                }
            }
        }
    }

    private void add(String spelled, long value) {
        List<String> words = TextFolding.tokens(spelled);
        if (words.isEmpty() || words.size() > LONGEST) {
            return;
        }
        String phrase = String.join(" ", words);
        phrases.putIfAbsent(phrase, value);
        firstWords.add(words.get(0));
        if (phrase.contains("ون")) {
            // Arabic tens in the oblique case: عشرين for عشرون
            String oblique = phrase.replace("ون", "ين");
            phrases.putIfAbsent(oblique, value);
            firstWords.add(oblique.split(" ", 2)[0]);
        }
    }

    /** The multiplier a word stands for after a figure ("million", "ملايين"), or null. */
    Long scale(String foldedWord, Language language) {
        for (String form : TextFolding.variants(foldedWord, language)) {
            Long scale = scales.get(form);
            if (scale != null) {
                return scale;
            }
        }
        return null;
    }

    /** Every number written in words in the folded text, with a scale word after it applied. */
    void read(List<String> words, Language language, Set<BigDecimal> into) {
        int i = 0;
        while (i < words.size()) {
            List<String> starts = TextFolding.variants(words.get(i), language).stream()
                    .filter(firstWords::contains)
                    .toList();
            if (starts.isEmpty()) {
                i++;
                continue;
            }
            int matchedEnd = -1;
            long value = 0;
            for (int length = Math.min(LONGEST, words.size() - i); length >= 1 && matchedEnd < 0; length--) {
                String rest = length > 1 ? " " + String.join(" ", words.subList(i + 1, i + length)) : "";
                for (String first : starts) {
                    Long found = phrases.get(first + rest);
                    if (found != null) {
                        value = found;
                        matchedEnd = i + length;
                        break;
                    }
                }
            }
            if (matchedEnd < 0) {
                i++;
                continue;
            }
            if (matchedEnd < words.size()) {
                Long scale = scale(words.get(matchedEnd), language);
                if (scale != null && value < 1000) {
                    value *= scale;
                    matchedEnd++;
                }
            }
            into.add(BigDecimal.valueOf(value));
            i = matchedEnd;
        }
    }
}
