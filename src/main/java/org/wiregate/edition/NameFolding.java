package org.wiregate.edition;

import com.ibm.icu.text.Transliterator;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * Folds a name written in Arabic, English or Spanish to a consonant skeleton that is the same in
 * all three: بوتين, Putin and Putín all become "btn"; غويتا, Goita and Goïta become "gt". Arabic is
 * transliterated with ICU, accents are dropped, letters Arabic has no sound for are mapped onto the
 * ones it uses (p -> b, v -> f), digraphs are merged and vowels (including the w/y that carry
 * Arabic long vowels) are removed. A names list ({@link NamesList}) settles what folding cannot.
 */
final class NameFolding {

    private static final ThreadLocal<Transliterator> ARABIC =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Arabic-Latin; Latin-ASCII; Lower"));

    private final Map<String, String> canonical;

    /** @param canonical folded variant -> canonical key, from the names list */
    NameFolding(Map<String, String> canonical) {
        this.canonical = canonical;
    }

    /** The comparison key of one token, or null when it is too short to tell anything apart. */
    String key(String token) {
        String latin = latin(token);
        String listed = canonical.get(latin);
        if (listed != null) {
            return listed;
        }
        if (isArabic(token)) {
            // The word as written first (بوتين starts with ب), then without what Arabic writes onto it.
            latin = latin(withoutProclitics(token));
            listed = canonical.get(latin);
            if (listed != null) {
                return listed;
            }
            latin = latin(withoutArticle(token));
        }
        String skeleton = skeleton(latin, isArabic(token));
        return skeleton.length() >= 3 ? skeleton : null;
    }

    /** Only the article and its fused prepositions; single letters are too often part of the name. */
    static String withoutArticle(String word) {
        for (String prefix : new String[] {"وال", "بال", "فال", "كال", "لل", "ال"}) {
            if (word.startsWith(prefix) && word.length() - prefix.length() >= 3) {
                return word.substring(prefix.length());
            }
        }
        return word;
    }

    /** The key of a multi-word name ("Assimi Goita", "أسيمي غويتا") as listed, else null. */
    String listed(String phrase) {
        return canonical.get(latin(phrase));
    }

    /** Arabic writes "and", "in", "to" and "the" onto the word: وبوتين is "and Putin", بالدوحة "in Doha". */
    static String withoutProclitics(String word) {
        String stripped = withoutArticle(word);
        if (!stripped.equals(word)) {
            return stripped;
        }
        if ((word.startsWith("و") || word.startsWith("ب") || word.startsWith("ل")) && word.length() >= 5) {
            return word.substring(1);
        }
        return word;
    }

    /**
     * Words already put into Latin letters: ICU's transliteration is most of what reading an
     * article's names costs, and news copy repeats its words. Emptied when it grows too large.
     */
    private static final Map<String, String> LATIN = new java.util.concurrent.ConcurrentHashMap<>();

    private static final int LATIN_KEPT = 200_000;

    static String latin(String text) {
        String known = LATIN.get(text);
        if (known != null) {
            return known;
        }
        if (LATIN.size() >= LATIN_KEPT) {
            LATIN.clear();
        }
        String latin = toLatin(text);
        LATIN.put(text, latin);
        return latin;
    }

    private static String toLatin(String text) {
        String t = isArabic(text) ? ARABIC.get().transliterate(text) : text;
        String decomposed = Normalizer.normalize(t, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            out.append(Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : ' ');
        }
        return out.toString().trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    static String skeleton(String latin, boolean fromArabic) {
        String word = latin;
        if (fromArabic && word.startsWith("al") && word.length() > 4) {
            word = word.substring(2); // the definite article: الكرملين -> krmlyn
        }
        word = word.replace("tsh", "s")
                .replace("gh", "g")
                .replace("kh", "k")
                .replace("sh", "s")
                .replace("ch", "s")
                .replace("th", "t")
                .replace("dh", "d")
                .replace("ph", "f")
                .replace("ll", "l");
        StringBuilder out = new StringBuilder();
        char previous = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = switch (word.charAt(i)) {
                case 'p' -> 'b';
                case 'v' -> 'f';
                case 'q', 'c' -> 'k';
                case 'z' -> 's';
                case 'j' -> 'g';
                default -> word.charAt(i);
            };
            if ("aeiouyw".indexOf(c) >= 0 || !Character.isLetter(c) || c == previous) {
                continue;
            }
            out.append(c);
            previous = c;
        }
        return out.toString();
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
