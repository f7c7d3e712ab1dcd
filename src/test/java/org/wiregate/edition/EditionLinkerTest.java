package org.wiregate.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.edition.EvidenceBuilder.anEvidence;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Language;

/**
 * How the linker decides a story from pair probabilities, whatever model gives them: here a table
 * of probabilities per pair, so each test names the ones it is about (every other pair is 0.01).
 */
class EditionLinkerTest {

    private static final EditionModel.Thresholds THRESHOLDS = new EditionModel.Thresholds(0.6, 0.3, 0.1);

    private final Map<String, Double> probabilities = new HashMap<>();
    private final EditionLinker linker = new EditionLinker(
            (a, b, df) -> probabilities.getOrDefault(EditionLinker.pairKey(a.articleId(), b.articleId()), 0.01),
            Duration.ofHours(24),
            THRESHOLDS);

    private final EditionEvidence english =
            anEvidence().id("en").language(Language.EN).build();
    private final EditionEvidence arabic =
            anEvidence().id("ar").language(Language.AR).build();
    private final EditionEvidence spanish =
            anEvidence().id("es").language(Language.ES).build();
    private final EditionEvidence otherArabic =
            anEvidence().id("ar2").language(Language.AR).build();

    private void p(EditionEvidence a, EditionEvidence b, double probability) {
        probabilities.put(EditionLinker.pairKey(a.articleId(), b.articleId()), probability);
    }

    @Test
    void theClearlyMostProbableCandidateOfALanguageLinks() {
        p(english, arabic, 0.9);
        p(english, otherArabic, 0.2);

        EditionLinker.Plan plan = linker.link(english, List.of(arabic, otherArabic), Map.of(), Map.of(), Set.of());

        assertThat(plan.groupOf()).containsOnlyKeys("en", "ar");
        assertThat(plan.matches()).singleElement().satisfies(m -> {
            assertThat(m.candidateId()).isEqualTo("ar");
            assertThat(m.linked()).isTrue();
        });
    }

    @Test
    void twoCandidatesTooCloseToTellApartAreOnlySuggested() {
        p(english, arabic, 0.9);
        p(english, otherArabic, 0.85);

        EditionLinker.Plan plan = linker.link(english, List.of(arabic, otherArabic), Map.of(), Map.of(), Set.of());

        assertThat(plan.groupOf()).isEmpty();
        assertThat(plan.matches())
                .singleElement()
                .satisfies(m -> assertThat(m.linked()).isFalse());
    }

    @Test
    void aLikelyButUncertainPairIsSuggestedAndAnUnlikelyOneIsNot() {
        p(english, arabic, 0.45);

        assertThat(linker.link(english, List.of(arabic), Map.of(), Map.of(), Set.of())
                        .matches())
                .singleElement()
                .satisfies(m -> assertThat(m.linked()).isFalse());
        p(english, arabic, 0.2);
        assertThat(linker.link(english, List.of(arabic), Map.of(), Map.of(), Set.of())
                        .matches())
                .isEmpty();
    }

    @Test
    void aLateEditionJoinsTwoEditionsThatWereNotLinkedToEachOther() {
        p(spanish, english, 0.9);
        p(spanish, arabic, 0.8);
        p(english, arabic, 0.4); // below linkAt on its own, but agrees with the story

        EditionLinker.Plan plan = linker.link(spanish, List.of(english, arabic), Map.of(), Map.of(), Set.of());

        assertThat(plan.groupOf()).containsOnlyKeys("es", "en", "ar");
        assertThat(Set.copyOf(plan.groupOf().values())).hasSize(1);
    }

    @Test
    void aStoryWhosePairsDisagreeDoesNotHold() {
        p(spanish, english, 0.9);
        p(spanish, arabic, 0.8);
        p(english, arabic, 0.05); // the English and Arabic editions tell different stories

        EditionLinker.Plan plan = linker.link(spanish, List.of(english, arabic), Map.of(), Map.of(), Set.of());

        assertThat(plan.groupOf()).containsOnlyKeys("es", "en");
        assertThat(plan.matches())
                .filteredOn(m -> m.candidateId().equals("ar"))
                .singleElement()
                .satisfies(m -> assertThat(m.linked()).as("left to an operator").isFalse());
    }

    @Test
    void aLateEditionJoinsAGroupOnlyWhenItAgreesWithEveryEditionInIt() {
        Map<String, String> groups = Map.of("en", "g", "ar", "g");
        Map<String, Set<Language>> members = Map.of("g", Set.of(Language.EN, Language.AR));
        p(spanish, english, 0.9);
        p(spanish, arabic, 0.1);

        EditionLinker.Plan disagreeing = linker.link(spanish, List.of(english, arabic), groups, members, Set.of());
        assertThat(disagreeing.groupOf()).isEmpty();

        p(spanish, arabic, 0.5);
        EditionLinker.Plan agreeing = linker.link(spanish, List.of(english, arabic), groups, members, Set.of());
        assertThat(agreeing.groupOf()).containsExactly(Map.entry("es", "g"));
    }

    @Test
    void aStoryThatHasItsEditionInTheArrivalsLanguageIsNotACandidate() {
        p(otherArabic, english, 0.95);

        EditionLinker.Plan plan = linker.link(
                otherArabic,
                List.of(english),
                Map.of("en", "g"),
                Map.of("g", Set.of(Language.EN, Language.AR)),
                Set.of());

        assertThat(plan.matches()).isEmpty();
    }

    @Test
    void aPairAnOperatorKeptApartIsNeverProposed() {
        p(english, arabic, 0.99);

        EditionLinker.Plan plan =
                linker.link(english, List.of(arabic), Map.of(), Map.of(), Set.of(EditionLinker.pairKey("en", "ar")));

        assertThat(plan.matches()).isEmpty();
    }

    @Test
    void candidatesOutsideTheWindowAreNotScored() {
        EditionEvidence late = anEvidence()
                .id("ar-late")
                .language(Language.AR)
                .published(english.published().plus(Duration.ofHours(30)))
                .build();
        p(english, late, 0.99);

        assertThat(linker.link(english, List.of(late), Map.of(), Map.of(), Set.of())
                        .matches())
                .isEmpty();
    }
}
