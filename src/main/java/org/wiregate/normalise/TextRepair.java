package org.wiregate.normalise;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that any output can carry: without what XML 1.0 forbids (C0 controls but tab, LF and CR;
 * lone surrogates; U+FFFE, U+FFFF), without the C1 controls and DEL (U+007F to U+009F), which XML 1.0
 * allows but asks authors to avoid and python3-feedparser reads as windows-1252 ("€" for U+0080,
 * "…" for U+0085), so readers would disagree on the text, and without unbalanced bidi embeddings, overrides and isolates,
 * which would spill the direction of a headline onto whatever a reader shows after it. The marks
 * Arabic text uses (RLM, LRM, ALM) and balanced pairs stay.
 */
public final class TextRepair {

    private static final int LRE = 0x202A;
    private static final int RLE = 0x202B;
    private static final int PDF = 0x202C;
    private static final int LRO = 0x202D;
    private static final int RLO = 0x202E;
    private static final int LRI = 0x2066;
    private static final int RLI = 0x2067;
    private static final int FSI = 0x2068;
    private static final int PDI = 0x2069;

    private static final Pattern CHARACTER_REFERENCE = Pattern.compile("&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?");

    private TextRepair() {}

    /** {@code text} repaired, without saying what was done (the writers' last line of defence). */
    public static String clean(String text) {
        return clean(text, kind -> {});
    }

    /**
     * {@code text} repaired; each kind of repair made is passed to {@code repairs} once. Null stays
     * null, and text that needs nothing is returned as it is.
     */
    public static String clean(String text, Consumer<Repair> repairs) {
        if (text == null || isClean(text)) {
            return text;
        }
        int[] cps = text.codePoints().toArray();
        boolean[] drop = new boolean[cps.length];
        boolean control = false;
        boolean surrogate = false;
        boolean nonchar = false;
        for (int i = 0; i < cps.length; i++) {
            Repair forbidden = forbidden(cps[i]);
            drop[i] = forbidden != null;
            control |= forbidden == Repair.CONTROL_CHARACTER;
            surrogate |= forbidden == Repair.LONE_SURROGATE;
            nonchar |= forbidden == Repair.NONCHARACTER;
        }
        boolean bidi = balanceBidi(cps, drop);
        report(repairs, control, Repair.CONTROL_CHARACTER);
        report(repairs, surrogate, Repair.LONE_SURROGATE);
        report(repairs, nonchar, Repair.NONCHARACTER);
        report(repairs, bidi, Repair.UNBALANCED_BIDI);
        if (!(control || surrogate || nonchar || bidi)) {
            return text; // balanced bidi controls only: nothing to drop, the same instance as promised
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < cps.length; i++) {
            if (!drop[i]) {
                out.appendCodePoint(cps[i]);
            }
        }
        return out.toString();
    }

    /**
     * HTML repaired as {@link #clean(String, Consumer)} does, and without numeric character
     * references to what XML forbids ({@code &#1;}), which an HTML parser would turn back into the character.
     */
    public static String cleanHtml(String html, Consumer<Repair> repairs) {
        String cleaned = clean(html, repairs);
        if (cleaned == null || !cleaned.contains("&#")) {
            return cleaned;
        }
        Matcher m = CHARACTER_REFERENCE.matcher(cleaned);
        StringBuilder out = new StringBuilder(cleaned.length());
        boolean dropped = false;
        while (m.find()) {
            int c = m.group(1) != null ? Integer.parseInt(m.group(1), 16) : Integer.parseInt(m.group(2));
            // not forbidden(c): an HTML parser reads &#128; to &#159; as windows-1252 ("&#150;" is an en dash)
            Repair forbidden = forbiddenInXml(c);
            if (forbidden != null) {
                repairs.accept(forbidden);
                dropped = true;
            }
            m.appendReplacement(out, forbidden == null ? Matcher.quoteReplacement(m.group()) : "");
        }
        m.appendTail(out);
        return dropped ? out.toString() : cleaned; // only allowed references: the same instance
    }

    /** Null when a code point may appear in the text outputs carry: XML 1.0's rule, and no C1 control or DEL. */
    private static Repair forbidden(int c) {
        return c >= 0x7F && c <= 0x9F ? Repair.CONTROL_CHARACTER : forbiddenInXml(c);
    }

    /** What XML 1.0 says of a code point: null when it may appear. */
    private static Repair forbiddenInXml(int c) {
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            return Repair.CONTROL_CHARACTER;
        }
        if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
            return Repair.LONE_SURROGATE;
        }
        return c == 0xFFFE || c == 0xFFFF || c > Character.MAX_CODE_POINT ? Repair.NONCHARACTER : null;
    }

    /** At most {@code max} code points, cut at the last space when there is one in the last fifth, with an ellipsis. */
    public static String bounded(String text, int max, Consumer<Repair> repairs) {
        if (text == null || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        repairs.accept(Repair.TOO_LONG);
        String cut = text.substring(0, text.offsetByCodePoints(0, max - 1));
        int space = cut.lastIndexOf(' ');
        if (space > cut.length() * 4 / 5) {
            cut = cut.substring(0, space);
        }
        return cut.strip() + "…";
    }

    /** The common case in one pass: nothing forbidden and no bidi embedding control at all. */
    private static boolean isClean(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++; // a pair: a character outside the BMP (emoji, CJK extension B), which XML allows
                continue;
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                    || (c >= 0x7F && c <= 0x9F)
                    || Character.isSurrogate(c)
                    || c >= 0xFFFE
                    || (c >= LRE && c <= RLO)
                    || (c >= LRI && c <= PDI)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Marks unmatched bidi controls in {@code drop} as the Unicode bidi algorithm pairs them: a PDF
     * closes the innermost embedding or override when no isolate was opened after it; a PDI closes
     * the innermost isolate and whatever embeddings were left open inside it. Returns whether any was dropped.
     */
    private static boolean balanceBidi(int[] cps, boolean[] drop) {
        Deque<Integer> open = new ArrayDeque<>(); // indexes of openers, innermost first
        boolean dropped = false;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            if (drop[i]) {
                continue;
            }
            if (isEmbedding(c) || isIsolate(c)) {
                open.push(i);
            } else if (c == PDF) {
                if (!open.isEmpty() && isEmbedding(cps[open.peek()])) {
                    open.pop();
                } else {
                    drop[i] = dropped = true;
                }
            } else if (c == PDI) {
                if (open.stream().anyMatch(j -> isIsolate(cps[j]))) {
                    while (!isIsolate(cps[open.peek()])) {
                        drop[open.pop()] = dropped = true; // an embedding the isolate's end would close unasked
                    }
                    open.pop();
                } else {
                    drop[i] = dropped = true;
                }
            }
        }
        for (int j : open) {
            drop[j] = dropped = true;
        }
        return dropped;
    }

    private static boolean isEmbedding(int c) {
        return c == LRE || c == RLE || c == LRO || c == RLO;
    }

    private static boolean isIsolate(int c) {
        return c == LRI || c == RLI || c == FSI;
    }

    private static void report(Consumer<Repair> repairs, boolean happened, Repair kind) {
        if (happened) {
            repairs.accept(kind);
        }
    }
}
