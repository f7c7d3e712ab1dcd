package org.wiregate.edition;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.wiregate.article.Language;

/**
 * Words as the linker compares them in any of the three languages: lower case, accents and Arabic
 * vowel marks dropped, the Arabic letter variants writers mix up folded (أ إ آ ٱ to ا, ة to ه, ى to
 * ي, no tatweel), and the forms a word takes in running text undone: the Arabic proclitics و ف ب
 * ل ك and the article ال / لل written onto the word, Spanish plurals.
 */
final class TextFolding {

    private TextFolding() {}

    /** The folded words of a text, in order; numbers stay as they are written. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null) {
            return tokens;
        }
        String folded = fold(text);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                word.append(c);
            } else if (word.length() > 0) {
                tokens.add(word.toString());
                word.setLength(0);
            }
        }
        if (word.length() > 0) {
            tokens.add(word.toString());
        }
        return tokens;
    }

    /** Lower case without accents, Arabic marks or letter variants. */
    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || c == '\u0640') {
                continue; // accents, harakat, tatweel
            }
            out.append(
                    switch (c) {
                        case 'أ', 'إ', 'آ', 'ٱ' -> 'ا';
                        case 'ة' -> 'ه';
                        case 'ى' -> 'ي';
                        case 'ؤ' -> 'و';
                        case 'ئ' -> 'ي';
                        default -> Character.toLowerCase(c);
                    });
        }
        // NFD splits آ and أ into ا + a combining mark, which the loop already dropped
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * The forms a folded word may stand for in a lexicon, most literal first: an Arabic word without
     * the proclitics written onto it (وبيروت, فلبنان, بالأردن; للأردن is ل + الأردن), a Spanish or
     * English plural in the singular. The Arabic article stays: CLDR writes it where Arabic does.
     */
    static Set<String> variants(String token, Language language) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(token);
        if (isArabic(token)) {
            String rest = token;
            if ((rest.startsWith("و") || rest.startsWith("ف")) && rest.length() >= 4) {
                rest = rest.substring(1);
                forms.add(rest);
            }
            if (rest.startsWith("لل") && rest.length() >= 4) {
                forms.add("ال" + rest.substring(2));
            } else if ("بلك".indexOf(rest.charAt(0)) >= 0 && rest.length() >= 4) {
                forms.add(rest.substring(1));
            }
        } else if (token.length() >= 5 && language != Language.AR) {
            if (token.endsWith("es")) {
                forms.add(token.substring(0, token.length() - 2));
            }
            if (token.endsWith("s")) {
                forms.add(token.substring(0, token.length() - 1));
            }
        }
        return forms;
    }

    static boolean isArabic(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.UnicodeBlock.of(text.charAt(i)) == Character.UnicodeBlock.ARABIC) {
                return true;
            }
        }
        return false;
    }
}
