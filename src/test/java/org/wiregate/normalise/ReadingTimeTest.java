package org.wiregate.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Language;

class ReadingTimeTest {

    @Test
    void twoHundredThirtyEnglishWordsTakeAboutOneMinute() {
        assertThat(ReadingTime.minutes(words("word", 230), Language.EN)).isEqualTo(1);
    }

    @Test
    void longerEnglishTextTakesProportionallyLonger() {
        assertThat(ReadingTime.minutes(words("word", 1150), Language.EN)).isEqualTo(5);
    }

    @Test
    void aSingleWordStillTakesOneMinute() {
        assertThat(ReadingTime.minutes("Breaking", Language.EN)).isEqualTo(1);
    }

    @Test
    void theSameNumberOfArabicWordsTakesLongerThanEnglish() {
        int count = 1000;

        int arabic = ReadingTime.minutes(words("كلمة", count), Language.AR);
        int english = ReadingTime.minutes(words("word", count), Language.EN);

        assertThat(arabic).isGreaterThan(english);
    }

    @Test
    void spanishIsReadAtItsOwnSpeedBetweenArabicAndEnglish() {
        int count = 2200;

        int spanish = ReadingTime.minutes(words("palabra", count), Language.ES);

        assertThat(spanish).isEqualTo(10);
        assertThat(spanish)
                .isGreaterThanOrEqualTo(ReadingTime.minutes(words("word", count), Language.EN))
                .isLessThanOrEqualTo(ReadingTime.minutes(words("كلمة", count), Language.AR));
    }

    @Test
    void emptyTextTakesNoTime() {
        assertThat(ReadingTime.minutes("", Language.EN)).isZero();
        assertThat(ReadingTime.minutes(null, Language.AR)).isZero();
        assertThat(ReadingTime.minutes("  \n\t ", Language.ES)).isZero();
        assertThat(ReadingTime.minutes(" — , . ! ", Language.EN)).isZero();
    }

    @Test
    void wordsAreSeparatedBySpacesAndPunctuationButNotByApostrophesOrHyphens() {
        assertThat(ReadingTime.countWords("Kenya's by-election, held on Thursday: turnout 44%."))
                .isEqualTo(7);
    }

    @Test
    void arabicWordsWithHarakatCountOnceEach() {
        assertThat(ReadingTime.countWords("كَتَبَ الوَلَدُ الدَّرْسَ")).isEqualTo(3);
    }

    @Test
    void accentedSpanishWordsCountOnceEach() {
        assertThat(ReadingTime.countWords("¿Qué pasará con el año fiscal en España?"))
                .isEqualTo(8);
    }

    private static String words(String word, int count) {
        return String.join(" ", Collections.nCopies(count, word));
    }
}
