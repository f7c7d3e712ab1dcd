package org.wiregate.edition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Names that are not on the names list must still meet across scripts: the consonant skeleton of an
 * Arabic spelling and of its English or Spanish transliteration is the same key, and different
 * people keep different keys.
 */
class NameFoldingTest {

    private final NameFolding folding = new NameFolding(NamesList.load(Path.of("mappings/names")));

    @Test
    void anUnlistedNameFoldsToOneKeyInArabicEnglishAndSpanish() {
        assertThat(folding.key("Zelensky"))
                .as("not on the names list")
                .isNotNull()
                .doesNotStartWith("name:");
        assertThat(folding.key("زيلينسكي"))
                .isEqualTo(folding.key("Zelensky"))
                .as("the Spanish agencies' spelling")
                .isEqualTo(folding.key("Zelenski"));
    }

    @Test
    void aNameOfThreeConsonantsIsLongEnoughToBeAKey() {
        assertThat(folding.key("Biden")).isNotNull().isEqualTo(folding.key("بايدن"));
    }

    @Test
    void aNameTooShortToTellPeopleApartHasNoKey() {
        assertThat(folding.key("Ali")).isNull();
        assertThat(folding.key("علي")).isNull();
    }

    @Test
    void differentPeopleAndPlacesKeepDifferentKeys() {
        assertThat(folding.key("Biden")).isNotEqualTo(folding.key("Blinken"));
        assertThat(folding.key("بايدن")).isNotEqualTo(folding.key("بلينكن"));
        assertThat(folding.key("Kharkiv")).isNotEqualTo(folding.key("Kherson"));
        assertThat(folding.key("Egypt")).as("both on the names list").isNotEqualTo(folding.key("Lebanon"));
    }

    @Test
    void shortVowelsArabicLeavesUnwrittenDoNotKeepNamesApart() {
        assertThat(folding.key("رفح")).isNotNull().isEqualTo(folding.key("Rafah"));
        assertThat(folding.key("نابلس")).isNotNull().isEqualTo(folding.key("Nablus"));
    }

    @Test
    void lettersArabicHasNoSoundForFoldOntoTheOnesItUses() {
        assertThat(folding.key("لافروف")).as("v is written ف").isNotNull().isEqualTo(folding.key("Lavrov"));
        assertThat(folding.key("بيترو")).as("p is written ب").isNotNull().isEqualTo(folding.key("Petro"));
    }

    @Test
    void digraphsOfTheTransliterationAreOneLetter() {
        assertThat(folding.key("خاركيف")).isNotNull().isEqualTo(folding.key("Kharkiv"));
        assertThat(folding.key("شينباوم")).isNotNull().isEqualTo(folding.key("Sheinbaum"));
    }

    @Test
    void aDoubledLetterCountsOnceAsArabicWritesItOnce() {
        assertThat(folding.key("تبون")).isNotNull().isEqualTo(folding.key("Tebboune"));
    }

    @Test
    void accentsDoNotKeepASpanishNameApart() {
        assertThat(folding.key("Bogotá"))
                .isNotNull()
                .isEqualTo(folding.key("Bogota"))
                .isEqualTo(folding.key("بوغوتا"));
    }

    @Test
    void theArabicArticleIsNotPartOfAnUnlistedName() {
        assertThat(folding.key("الموصل")).isNotNull().isEqualTo(folding.key("Mosul"));
        assertThat(folding.key("الخرطوم")).isNotNull().isEqualTo(folding.key("Khartoum"));
    }

    @Test
    void inTheWrittenOntoAnUnlistedPlaceIsDropped() {
        assertThat(folding.key("بالخرطوم")).as("in Khartoum").isNotNull().isEqualTo(folding.key("Khartoum"));
    }

    @Test
    void inTheWrittenOntoAThreeLetterPlaceLeavesThePlace() {
        assertThat(folding.key("بالكرك")).as("in Karak").isNotNull().isEqualTo(folding.key("Karak"));
    }

    @Test
    void andTheWrittenOntoANameIsDropped() {
        assertThat(folding.key("والكرملين")).as("and the Kremlin").isEqualTo(folding.key("Kremlin"));
    }

    @Test
    void aNameThatMerelyBeginsLikeInTheIsNotCut() {
        // بالما is Palma (de Mallorca), not "in the" + ما
        assertThat(folding.key("بالما")).isNotNull().isEqualTo(folding.key("Palma"));
    }

    @Test
    void inWrittenOntoAListedCountryStillFindsIt() {
        assertThat(folding.key("بتونس"))
                .as("in Tunisia")
                .isEqualTo(folding.key("Tunisia"))
                .startsWith("name:");
    }

    @Test
    void andWrittenOntoAListedCountryStillFindsIt() {
        assertThat(folding.key("ولبنان"))
                .as("and Lebanon")
                .isEqualTo(folding.key("Lebanon"))
                .startsWith("name:");
    }

    @Test
    void toWrittenOntoAListedCountryStillFindsIt() {
        assertThat(folding.key("لإيران"))
                .as("to Iran")
                .isEqualTo(folding.key("Iran"))
                .startsWith("name:");
    }

    @Test
    void aLatinNameBeginningWithAlIsNotReadAsTheArabicArticle() {
        assertThat(folding.key("Alonso"))
                .as("Fernando Alonso keeps his L")
                .isNotNull()
                .isEqualTo(folding.key("ALONSO"));
    }

    @Test
    void aListedMultiWordNameIsTheSameInEveryScript() {
        assertThat(folding.listed("لولا دا سيلفا"))
                .isEqualTo(folding.listed("Lula da Silva"))
                .startsWith("name:");
    }

    @Test
    void aPhraseNotOnTheNamesListHasNoListedKey() {
        assertThat(folding.listed("Pedro Castillo")).isNull();
        assertThat(folding.listed("خان يونس")).isNull();
    }
}
