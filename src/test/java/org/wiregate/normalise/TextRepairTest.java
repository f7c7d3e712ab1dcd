package org.wiregate.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRepairTest {

    private final List<Repair> repairs = new ArrayList<>();

    private String clean(String text) {
        return TextRepair.clean(text, repairs::add);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F})
    void c0ControlsAreRemoved(int control) {
        assertThat(clean("Markets " + (char) control + " rally")).isEqualTo("Markets  rally");
        assertThat(repairs).containsExactly(Repair.CONTROL_CHARACTER);
    }

    /**
     * Regression (found by FeedWritersPropertyTest's feedparser sample): a headline with U+0085 or
     * U+0080 passed the gate, and python3-feedparser read it as "…" or "€" (windows-1252) while Rome
     * read the control, so two readers of one feed showed different titles.
     */
    @ParameterizedTest
    @ValueSource(ints = {0x7F, 0x80, 0x85, 0x92, 0x9F})
    void c1ControlsAndDeleteAreRemoved(int control) {
        assertThat(clean("Markets " + (char) control + " rally")).isEqualTo("Markets  rally");
        assertThat(repairs).containsExactly(Repair.CONTROL_CHARACTER);
    }

    @Test
    void referencesToC1CodesStayInHtmlWhereTheyAreWindows1252() {
        // HTML parsers read &#150; as an en dash (windows-1252), not as the control U+0096
        assertThat(TextRepair.cleanHtml("<p>1990&#150;2000</p>", repairs::add)).isEqualTo("<p>1990&#150;2000</p>");
        assertThat(repairs).isEmpty();
    }

    @Test
    void tabLineFeedAndCarriageReturnStay() {
        assertThat(clean("a\tb\nc\rd")).isEqualTo("a\tb\nc\rd");
        assertThat(repairs).isEmpty();
    }

    @Test
    void loneSurrogatesAreRemovedAndPairsKept() {
        assertThat(clean("x\uD83Dy\uDE00z 😀")).isEqualTo("xyz 😀");
        assertThat(repairs).containsExactly(Repair.LONE_SURROGATE);
    }

    @Test
    void nonCharactersAreRemoved() {
        assertThat(clean("a\uFFFEb\uFFFFc\uFFFDd")).isEqualTo("abc\uFFFDd");
        assertThat(repairs).containsExactly(Repair.NONCHARACTER);
    }

    @Test
    void eachKindIsReportedOnceAndInOrder() {
        assertThat(clean("\u0001\u0002\uFFFF\uD800\u202B")).isEmpty();
        assertThat(repairs)
                .containsExactly(
                        Repair.CONTROL_CHARACTER, Repair.LONE_SURROGATE, Repair.NONCHARACTER, Repair.UNBALANCED_BIDI);
    }

    @Test
    void arabicSpanishAndTheMarksArabicUsesAreUnchanged() {
        String arabic = "\u200Fقمة الدوحة\u061C: ٤٥ مليون دولار \u200E(AFP)\u200F";
        String spanish = "El Banco Central subió la tasa al 3,5 % — «señal» para España";
        assertThat(clean(arabic)).isSameAs(arabic);
        assertThat(clean(spanish)).isSameAs(spanish);
        assertThat(clean(null)).isNull();
        assertThat(repairs).isEmpty();
    }

    @Test
    void balancedEmbeddingsOverridesAndIsolatesStay() {
        String text =
                "\u202Bقال\u202C \u202Dabc\u202C \u2067غزة\u2069 \u2066x\u202Ay\u202Cz\u2069 \u2068f\u2069 \u202Eo\u202C";
        assertThat(clean(text)).isEqualTo(text);
        assertThat(repairs).isEmpty();
    }

    @Test
    void unclosedOpenersAreRemoved() {
        assertThat(clean("\u202Bقال")).isEqualTo("قال");
        assertThat(clean("a\u2067b")).isEqualTo("ab");
        assertThat(clean("\u202Ax\u202By\u202C")).isEqualTo("x\u202By\u202C");
        assertThat(repairs).containsOnly(Repair.UNBALANCED_BIDI);
    }

    @Test
    void unopenedClosersAreRemoved() {
        assertThat(clean("a\u202Cb")).isEqualTo("ab");
        assertThat(clean("a\u2069b")).isEqualTo("ab");
        assertThat(clean("\u202Aa\u202C\u202C")).isEqualTo("\u202Aa\u202C");
        assertThat(repairs).containsOnly(Repair.UNBALANCED_BIDI);
    }

    @Test
    void aPdfCannotCloseAnEmbeddingOutsideAnOpenIsolate() {
        // the PDF sits inside the isolate, so it cannot reach the RLE opened before it
        assertThat(clean("\u202Ba\u2067b\u202Cc\u2069")).isEqualTo("a\u2067bc\u2069");
        assertThat(repairs).containsExactly(Repair.UNBALANCED_BIDI);
    }

    @Test
    void aPdiClosesTheEmbeddingsLeftOpenInsideItsIsolate() {
        assertThat(clean("\u2067a\u202Bb\u2069")).isEqualTo("\u2067ab\u2069");
        assertThat(repairs).containsExactly(Repair.UNBALANCED_BIDI);
    }

    @Test
    void boundedCutsAtTheLastSpaceNearTheEndWithAnEllipsis() {
        assertThat(TextRepair.bounded("one two three four", 100, repairs::add)).isEqualTo("one two three four");
        assertThat(TextRepair.bounded(null, 3, repairs::add)).isNull();
        assertThat(repairs).isEmpty();
        assertThat(TextRepair.bounded("aaaaaaaa bbb", 12, repairs::add)).isEqualTo("aaaaaaaa bbb");
        assertThat(TextRepair.bounded("aaaaaaaa bbbb", 12, repairs::add)).isEqualTo("aaaaaaaa bb…");
        assertThat(TextRepair.bounded("aaaaaaaaaa bbbbbbbbbbbbb", 12, repairs::add))
                .isEqualTo("aaaaaaaaaa…");
        assertThat(TextRepair.bounded("aaaaaaaaaaaaaa", 5, repairs::add)).isEqualTo("aaaa…");
        assertThat(TextRepair.bounded("a bbbbbbbbbbbbbbb", 10, repairs::add)).isEqualTo("a bbbbbbb…");
        assertThat(repairs).containsOnly(Repair.TOO_LONG).hasSize(4);
    }

    @Test
    void boundedCountsCodePointsNotChars() {
        assertThat(TextRepair.bounded("😀😀😀", 3, repairs::add)).isEqualTo("😀😀😀");
        assertThat(TextRepair.bounded("😀😀😀😀", 3, repairs::add)).isEqualTo("😀😀…");
    }

    @Test
    void htmlLosesReferencesToForbiddenCharactersAndKeepsOthers() {
        assertThat(TextRepair.cleanHtml(
                        "<p>a&#1;b&#x1F;c&#xd800;d&#XFFFF;e&#1114112;f&#9;&#x41;&amp;&#233;\u0002</p>", repairs::add))
                .isEqualTo("<p>abcdef&#9;&#x41;&amp;&#233;</p>");
        assertThat(repairs)
                .containsExactly(
                        Repair.CONTROL_CHARACTER,
                        Repair.CONTROL_CHARACTER,
                        Repair.CONTROL_CHARACTER,
                        Repair.LONE_SURROGATE,
                        Repair.NONCHARACTER,
                        Repair.NONCHARACTER);
        assertThat(TextRepair.cleanHtml(null, repairs::add)).isNull();
        assertThat(TextRepair.cleanHtml("<p>a &amp; b</p>", repairs::add)).isEqualTo("<p>a &amp; b</p>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"})
    void eachBidiControlAloneIsRemoved(String control) {
        assertThat(clean("a" + control + "b")).isEqualTo("ab");
        assertThat(repairs).containsExactly(Repair.UNBALANCED_BIDI);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uFFFE", "\uFFFF", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\u0000", "\u001F"})
    void eachForbiddenCharacterAloneIsRemoved(String forbidden) {
        assertThat(clean("a" + forbidden + "b")).isEqualTo("ab");
        assertThat(repairs).hasSize(1);
    }

    @Test
    void theCharactersNextToTheForbiddenRangesStay() {
        String text = " \uD7FF\uE000\uFFFD\u202F\u2065\u206A\u2029\u2028 ";
        assertThat(clean(text)).isSameAs(text);
        assertThat(clean("\uDBFF\uDFFF\uD800\uDC00")).isEqualTo("\uDBFF\uDFFF\uD800\uDC00");
        assertThat(TextRepair.cleanHtml("&#x10FFFF;&#x20;&#xE000;&#xD7FF;", repairs::add))
                .isEqualTo("&#x10FFFF;&#x20;&#xE000;&#xD7FF;");
        assertThat(repairs).isEmpty();
    }

    @Test
    void aPdiWithOnlyEmbeddingsOpenClosesNothing() {
        assertThat(clean("\u202Ba\u2069b\u202C")).isEqualTo("\u202Bab\u202C");
        assertThat(repairs).containsExactly(Repair.UNBALANCED_BIDI);
    }

    @Test
    void boundedCutsAtASpaceOnlyInTheLastFifth() {
        assertThat(TextRepair.bounded("aaaaaaaaa bbbbbbbbb", 12, repairs::add)).isEqualTo("aaaaaaaaa…");
        assertThat(TextRepair.bounded("aaaaaaaa bbbbbbbbbb", 12, repairs::add)).isEqualTo("aaaaaaaa bb…");
    }

    @Test
    void withoutAConsumerTheTextIsStillRepaired() {
        assertThat(TextRepair.clean("Markets \u0001 rally")).isEqualTo("Markets  rally");
    }

    @Test
    void textOutsideTheBmpAndBalancedBidiIsReturnedAsItIs() {
        // found by TextRepairPropertyTest: a surrogate pair (emoji, CJK extension B) or a balanced
        // embedding made a new, equal string, which RenderGuard counted and logged as a repair
        String emoji = "Goal \uD83D\uDE00 \uD840\uDC00";
        String balanced = "\u202Bمرحبا\u202C";

        assertThat(clean(emoji)).isSameAs(emoji);
        assertThat(clean(balanced)).isSameAs(balanced);
        assertThat(TextRepair.cleanHtml(emoji, repairs::add)).isSameAs(emoji);
        assertThat(repairs).isEmpty();
        assertThat(clean("\uD83D\uDE00\uD83D")).isEqualTo("\uD83D\uDE00");
        repairs.clear();
        // found by FeedWritersPropertyTest: HTML whose only references are allowed ones, as the sanitiser writes
        // U+1D800
        String references = "<p>&#x1d800; &amp; &#233;</p>";
        assertThat(TextRepair.cleanHtml(references, repairs::add)).isSameAs(references);
        assertThat(repairs).isEmpty();
    }
}
