package org.wiregate.article;

import java.text.Normalizer;
import java.util.Locale;

/**
 * URL slugs from headlines in any of the three scripts: Spanish loses its accents ("política" ->
 * "politica"), Arabic keeps its letters (hamza and madda included) but loses harakat and tatweel, Arabic-Indic digits
 * become ASCII digits so "٢٠٢٦" and "2026" give the same slug.
 */
public final class Slugs {

    private static final int MAX_LENGTH = 80;

    private Slugs() {}

    public static String of(String text) {
        if (text == null) {
            return "item";
        }
        StringBuilder slug = new StringBuilder();
        boolean dash = false;
        String letters = withoutLatinAccents(Normalizer.normalize(text, Normalizer.Form.NFKC));
        for (int i = 0; i < letters.length(); ) {
            int cp = letters.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || cp == 0x0640) {
                continue; // accents, harakat, tatweel
            }
            if (Character.isDigit(cp)) {
                appendDash(slug, dash);
                dash = false;
                slug.append((char) ('0' + Character.digit(cp, 10)));
            } else if (Character.isLetter(cp)) {
                appendDash(slug, dash);
                dash = false;
                slug.appendCodePoint(Character.toLowerCase(cp));
            } else {
                dash = slug.length() > 0;
            }
        }
        String result = slug.toString();
        if (result.length() > MAX_LENGTH) {
            int cut = result.lastIndexOf('-', MAX_LENGTH);
            if (cut <= MAX_LENGTH / 2) {
                // never between the two halves of a letter outside the BMP (CJK extension B)
                cut = Character.isLowSurrogate(result.charAt(MAX_LENGTH)) ? MAX_LENGTH - 1 : MAX_LENGTH;
            }
            result = result.substring(0, cut);
        }
        return result.isEmpty() ? "item" : result.toLowerCase(Locale.ROOT);
    }

    /**
     * Decomposes Latin letters only ("í" -> "i" + accent), so Arabic letters that carry hamza or
     * madda (أ إ آ ؤ ئ) stay whole: they are letters, not accented ones. Harakat written as separate
     * marks are dropped afterwards, like the Latin accents.
     */
    private static String withoutLatinAccents(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                out.append(Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD));
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static void appendDash(StringBuilder slug, boolean dash) {
        if (dash) {
            slug.append('-');
        }
    }
}
