package org.wiregate.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void englishHeadlineBecomesLowerCaseWordsJoinedByDashes() {
        assertThat(Slugs.of("Russia, Mali reaffirm security cooperation in Sahel"))
                .isEqualTo("russia-mali-reaffirm-security-cooperation-in-sahel");
    }

    @Test
    void spanishAccentsAreStripped() {
        assertThat(Slugs.of("Política económica")).isEqualTo("politica-economica");
    }

    @Test
    void spanishEnyeAndInvertedPunctuationAreHandled() {
        assertThat(Slugs.of("¿Qué pasará con el año fiscal en España?"))
                .isEqualTo("que-pasara-con-el-ano-fiscal-en-espana");
    }

    @Test
    void decomposedAndComposedAccentsGiveTheSameSlug() {
        String composed = "Pol\u00edtica";
        String decomposed = "Poli\u0301tica";

        assertThat(Slugs.of(decomposed)).isEqualTo(Slugs.of(composed)).isEqualTo("politica");
    }

    @Test
    void arabicKeepsItsLetters() {
        assertThat(Slugs.of("سياسة واقتصاد")).isEqualTo("سياسة-واقتصاد");
    }

    @Test
    void arabicLettersWithHamzaOrMaddaAreKeptAsTheyAre() {
        // أ إ آ ؤ ئ are letters of the alphabet, not harakat: "مسؤول" must not become the misspelling "مسوول".
        assertThat(Slugs.of("الأمم المتحدة")).isEqualTo("الأمم-المتحدة");
        assertThat(Slugs.of("مسؤول إسرائيلي")).isEqualTo("مسؤول-إسرائيلي");
        assertThat(Slugs.of("آسيا")).isEqualTo("آسيا");
    }

    @Test
    void arabicHarakatAreStripped() {
        assertThat(Slugs.of("كَتَبَ الوَلَدُ الدَّرْسَ")).isEqualTo("كتب-الولد-الدرس");
    }

    @Test
    void arabicTatweelIsStripped() {
        assertThat(Slugs.of("سيـــاسة")).isEqualTo("سياسة");
    }

    @Test
    void arabicIndicDigitsBecomeAsciiDigits() {
        assertThat(Slugs.of("٢٠٢٦")).isEqualTo("2026");
    }

    @Test
    void arabicIndicAndAsciiYearsGiveTheSameSlug() {
        assertThat(Slugs.of("انتخابات ٢٠٢٦"))
                .isEqualTo(Slugs.of("انتخابات 2026"))
                .isEqualTo("انتخابات-2026");
    }

    @Test
    void extendedArabicIndicDigitsBecomeAsciiDigits() {
        assertThat(Slugs.of("۲۰۲۶")).isEqualTo("2026");
    }

    @Test
    void arabicPunctuationSeparatesWords() {
        assertThat(Slugs.of("كينيا: فرز الأصوات، ونسبة المشاركة ٤٤٪"))
                .doesNotContain(":", "،", "٪", "--")
                .startsWith("كينيا-فرز")
                .endsWith("44");
    }

    @Test
    void runsOfPunctuationAndSpaceBecomeOneDashWithNoneAtTheEnds() {
        assertThat(Slugs.of("  -- Hello,   World! -- ")).isEqualTo("hello-world");
    }

    @Test
    void longHeadlineIsCappedAtEightyCharactersOnAWordBoundary() {
        String headline = "Lisbon approves forty kilometres of new protected cycle lanes across the city "
                + "as part of a wider push to cut car traffic in the Portuguese capital";

        String slug = Slugs.of(headline);

        assertThat(slug).hasSizeLessThanOrEqualTo(80).doesNotEndWith("-");
        assertThat(slug).startsWith("lisbon-approves-forty-kilometres");
        assertThat(Slugs.of(headline).length()).isGreaterThan(40);
        assertThat(headline.toLowerCase(Locale.ROOT).replace(' ', '-')).startsWith(slug + "-");
    }

    @Test
    void longWordWithoutBreaksIsCutAtTheCap() {
        assertThat(Slugs.of("a".repeat(200))).isEqualTo("a".repeat(80));
    }

    @Test
    void longArabicHeadlineIsCappedToo() {
        String slug = Slugs.of("برشلونة يقلب تأخره أمام بنفيكا إلى فوز ويقتحم المراكز الثمانية الأولى في دوري الأبطال "
                + "بعد مباراة مثيرة على ملعب النور في لشبونة");

        assertThat(slug).hasSizeLessThanOrEqualTo(80).doesNotEndWith("-").startsWith("برشلونة-يقلب");
    }

    @Test
    void textWithoutLettersOrDigitsGivesAFallbackSlug() {
        assertThat(Slugs.of("!!! ... ???")).isEqualTo("item");
        assertThat(Slugs.of("")).isEqualTo("item");
        assertThat(Slugs.of(null)).isEqualTo("item");
    }

    /** A cut at 80 UTF-16 units fell between the halves of a CJK extension B letter: a lone surrogate, "%3F" in URLs. */
    @Test
    void aLongSlugIsNeverCutInsideALetterOutsideTheBmp() {
        String slug = Slugs.of("a" + "\uD840\uDC01".repeat(60));

        assertThat(slug).hasSize(79).endsWith("\uD840\uDC01");
        assertThat(slug.chars().filter(c -> Character.isSurrogate((char) c)).count() % 2)
                .isZero();
    }
}
