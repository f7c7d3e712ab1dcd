package org.wiregate.support;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generators of text for the property tests: arbitrary Unicode (every plane, C0/C1 controls, lone
 * surrogates, noncharacters, bidi controls, combining marks, emoji, markup and character
 * references), and "legitimate" text, which every output must carry unchanged: letters of many
 * scripts, digits, punctuation, combining marks after a letter, RLM/LRM/ALM and emoji.
 */
public final class UnicodeText {

    private UnicodeText() {}

    // ------------------------------------------------------------------ anything at all

    /** One code point (or lone surrogate) of any kind, weighted towards the awkward ones. */
    @SuppressWarnings("unchecked")
    public static Arbitrary<String> anyToken() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E).map(Character::toString)),
                Tuple.of(2, Arbitraries.integers().between(0x00, 0x1F).map(Character::toString)),
                Tuple.of(1, Arbitraries.integers().between(0x7F, 0x9F).map(Character::toString)),
                Tuple.of(2, Arbitraries.integers().between(0x0300, 0x036F).map(Character::toString)),
                Tuple.of(3, Arbitraries.integers().between(0x0590, 0x06FF).map(Character::toString)),
                Tuple.of(
                        3,
                        Arbitraries.of(
                                        0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067,
                                        0x2068, 0x2069, 0x200B, 0x200D, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x2028, 0x2029,
                                        0x00A0, 0x0085)
                                .map(Character::toString)),
                Tuple.of(2, Arbitraries.integers().between(0x1F300, 0x1FAFF).map(Character::toString)),
                Tuple.of(
                        1,
                        Arbitraries.integers().between(0xD800, 0xDFFF).map(c -> String.valueOf((char) c.intValue()))),
                Tuple.of(3, Arbitraries.integers().between(0, 0x10FFFF).map(UnicodeText::unit)),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                "<p>",
                                "</p>",
                                "<b>",
                                "</div>",
                                "<script>alert(1)</script>",
                                "&amp;",
                                "&#1;",
                                "&#x1F;",
                                "&#xD800;",
                                "&#65535;",
                                "&#x202E;",
                                "&nbsp;",
                                "&",
                                "<",
                                ">",
                                "\"",
                                "'",
                                "]]>",
                                "<![CDATA[",
                                "\r\n",
                                "\t")));
    }

    /** Up to {@code max} tokens of anything. */
    public static Arbitrary<String> anyText(int max) {
        return anyToken().list().ofMaxSize(max).map(tokens -> String.join("", tokens));
    }

    /** A string of {@code length} UTF-16 units, any of them (lone surrogates included). */
    public static Arbitrary<String> anyLongText(int length) {
        return Arbitraries.strings().all().ofLength(length);
    }

    private static String unit(int c) {
        return c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE
                ? String.valueOf((char) c)
                : Character.toString(c);
    }

    // ------------------------------------------------------------------ legitimate text

    private static final List<int[]> LETTERS = List.of(
            new int[] {'A', 'Z'},
            new int[] {'a', 'z'},
            new int[] {0x00C0, 0x00D6}, // Latin-1 letters
            new int[] {0x00D8, 0x00F6},
            new int[] {0x0621, 0x063A}, // Arabic
            new int[] {0x0641, 0x064A},
            new int[] {0x05D0, 0x05EA}, // Hebrew
            new int[] {0x0410, 0x044F}, // Cyrillic
            new int[] {0x03B1, 0x03C9}, // Greek
            new int[] {0x0905, 0x0939}, // Devanagari
            new int[] {0x4E00, 0x9FA5}, // CJK
            new int[] {0xAC00, 0xD7A3}, // Hangul
            new int[] {0x20000, 0x2A6D6}, // CJK extension B (plane 2)
            new int[] {0x1D400, 0x1D433}); // mathematical letters (plane 1)

    private static Arbitrary<String> letter() {
        // oneOf, not flatMap: jqwik's flatMap shrinking clashed with its store (ConcurrentModificationException)
        return Arbitraries.oneOf(LETTERS.stream()
                        .map(range -> Arbitraries.integers().between(range[0], range[1]))
                        .toList())
                .map(Character::toString);
    }

    @SuppressWarnings("unchecked")
    private static Arbitrary<String> legitimateUnit() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, letter()),
                // a letter with a combining mark: Latin acute, Arabic harakat
                Tuple.of(2, letter().map(l -> l + "\u0301")),
                Tuple.of(
                        2,
                        Arbitraries.integers()
                                .between(0x0628, 0x063A)
                                .map(c -> Character.toString(c) + "\u064E\u0651")),
                Tuple.of(
                        3,
                        Arbitraries.of("0", "1", "7", "9", "\u0660", "\u0665", "\u0669", "\u06F4", "\u06F9", "\u0967")),
                Tuple.of(
                        3,
                        Arbitraries.of(
                                ".", ",", ";", ":", "!", "?", "'", "\"", "(", ")", "-", "\u2013", "\u2014", "\u00AB",
                                "\u00BB", "\u060C", "\u061B", "\u061F", "\u2026", "&", "<", ">", "/", "%", "#", "@",
                                "\u20AC", "$", "\u00A9", "*", "[", "]")),
                Tuple.of(2, Arbitraries.of("\u200F", "\u200E", "\u061C")), // RLM, LRM, ALM
                Tuple.of(2, Arbitraries.integers().between(0x1F600, 0x1F64F).map(Character::toString)),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67", // family, ZWJ sequence
                                "\uD83C\uDDEA\uD83C\uDDF8", // flag ES
                                "\uD83D\uDC4D\uD83C\uDFFD", // thumbs up, skin tone
                                "\u2764\uFE0F")));
    }

    /** Words of legitimate units separated by single spaces, without leading or trailing whitespace. */
    public static Arbitrary<String> legitimateText(int maxWords) {
        return legitimateUnit()
                .list()
                .ofMinSize(1)
                .ofMaxSize(12)
                .map(units -> String.join("", units))
                .list()
                .ofMinSize(1)
                .ofMaxSize(maxWords)
                .map(words -> String.join(" ", words));
    }

    /** Legitimate text about {@code length} UTF-16 units long. */
    public static Arbitrary<String> legitimateLongText(int length) {
        return legitimateText(200).map(text -> {
            StringBuilder out = new StringBuilder(length + text.length() + 1);
            while (out.length() < length) {
                out.append(text).append(' ');
            }
            return out.toString().strip();
        });
    }
}
