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
}
