package org.wiregate.edition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shipped model file: readable, a probability where the evidence says so, and an honest skip bound. */
class EditionModelTest {

    private final EditionModel model = EditionModel.shipped();

    @Test
    void moreSharedEvidenceNeverLowersTheProbability() {
        double[] none = new double[EditionFeatures.NAMES.size()];
        none[EditionFeatures.NAMES.indexOf("pairEnAr")] = 1;
        double[] figures = none.clone();
        figures[EditionFeatures.NAMES.indexOf("figureShare")] = 1;
        figures[EditionFeatures.NAMES.indexOf("figuresShared")] = Math.log1p(4);
        double[] figuresAndPlaces = figures.clone();
        figuresAndPlaces[EditionFeatures.NAMES.indexOf("placeRarity")] = Math.log1p(2);

        assertThat(model.probability(none)).isLessThan(model.thresholds().suggestAt());
        assertThat(model.probability(figures)).isGreaterThan(model.probability(none));
        assertThat(model.probability(figuresAndPlaces)).isGreaterThanOrEqualTo(model.probability(figures));
    }

    @Test
    void noPairSharingNoEvidenceScoresAboveTheCeiling() {
        double ceiling = model.ceilingWithoutSharedEvidence();
        Random random = new Random(15);
        for (int n = 0; n < 10_000; n++) {
            double[] x = new double[EditionFeatures.NAMES.size()];
            for (String flag :
                    new String[] {"figureConflict", "dateShared", "dateConflict", "sameSection", "regionsDisjoint"}) {
                x[EditionFeatures.NAMES.indexOf(flag)] = random.nextBoolean() ? 1 : 0;
            }
            x[EditionFeatures.NAMES.indexOf("hoursApart")] = Math.log1p(random.nextDouble() * 48);
            x[EditionFeatures.NAMES.indexOf("pair" + new String[] {"EnAr", "EnEs", "ArEs"}[random.nextInt(3)])] = 1;
            assertThat(model.probability(x)).isLessThanOrEqualTo(ceiling + 1e-12);
        }
    }

    @Test
    void theBoundUnderAFloorIsNeverBelowTheTrueProbability() {
        assertThat(java.util.Arrays.stream(EditionFeatures.SET_FEATURES).mapToObj(EditionFeatures.NAMES::get))
                .containsExactly("dateShared", "dateConflict", "regionsDisjoint");
        assertThat(java.util.Arrays.stream(EditionFeatures.ROUGH_FEATURES).mapToObj(EditionFeatures.NAMES::get))
                .containsExactly("nameRarity", "placeRarity", "dateline", "hoursApart");
        EditionModel.Scorer scorer = model.scorer();
        NameFolding folding = EditionEvaluation.folding();
        int bounded = 0;
        int exact = 0;
        for (EditionCorpus.Stream stream : EditionCorpus.tuning()) {
            EditionWindow window = new EditionWindow();
            EditionEvaluation.evidence(stream, folding).values().forEach(window::add);
            for (EditionEvidence a : EditionEvaluation.evidence(stream, folding).values()) {
                EditionFeatures.Counts df = window.read(() -> window.counts(a, a));
                EditionWindow.Related related = window.read(() -> window.related(a, df));
                for (int slot = 0; slot < related.size(); slot++) {
                    EditionEvidence b = related.member(slot).evidence();
                    double truth = scorer.probability(a, b, df);
                    for (double floor : new double[] {0.05, 0.3, 0.6}) {
                        double p = scorer.probability(a, related, slot, df, floor);
                        if (p == truth) {
                            exact++;
                        } else {
                            bounded++;
                            // at most a rounding below: the same sum, in another order
                            assertThat(p)
                                    .as("%s %s", a.articleId(), b.articleId())
                                    .isGreaterThanOrEqualTo(truth * (1 - 1e-12));
                            assertThat(p).isLessThan(floor);
                        }
                    }
                }
            }
        }
        assertThat(bounded).as("pairs stopped at the bound").isGreaterThan(1000);
        assertThat(exact).as("pairs scored exactly").isGreaterThan(1000);
    }
}
