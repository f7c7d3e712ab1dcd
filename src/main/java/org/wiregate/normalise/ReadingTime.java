package org.wiregate.normalise;

import java.util.Map;
import org.wiregate.article.Language;

/**
 * Minutes to read a body, at a speed per language: Arabic words are longer and denser on the page
 * than English ones, so the same word count takes longer (published estimates: about 180 wpm for
 * Arabic, 220 for Spanish, 230 for English).
 */
public final class ReadingTime {

    private static final Map<Language, Integer> WORDS_PER_MINUTE = Map.of(
            Language.EN, 230,
            Language.ES, 220,
            Language.AR, 180);

    private ReadingTime() {}

    public static int minutes(String plainText, Language language) {
        int words = countWords(plainText);
        if (words == 0) {
            return 0;
        }
        return Math.max(1, Math.round((float) words / WORDS_PER_MINUTE.get(language)));
    }

    static int countWords(String text) {
        if (text == null) {
            return 0;
        }
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean wordChar = Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK;
            if (wordChar && !inWord) {
                words++;
            }
            inWord = wordChar || (inWord && (cp == '\'' || cp == '’' || cp == '-'));
            i += Character.charCount(cp);
        }
        return words;
    }
}
