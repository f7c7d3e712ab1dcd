package org.wiregate.edition;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How likely two articles in different languages are editions of one story, from evidence that
 * survives translation. Each kind of evidence adds to the score with a weight (documented in
 * docs/feeds.md and set by {@link Weights}); a name counts less the more candidates mention it, so
 * "Israel" in ten stories of the day tells little and a village named in two tells a lot.
 */
final class EditionMatcher {

    /**
     * @param image    same picture (rendition URL): agencies rarely share one across stories
     * @param number   a figure both state when they state few; subtracted when they state several but share few
     * @param numberCap the weight of the share of figures in common (casualties, amounts, scores)
     * @param name     a name both mention, times its rarity among the candidates (1 / how many mention it)
     * @param dateline the same dateline place
     * @param section  same section (added) or different (subtracted)
     * @param region   disjoint regions (subtracted)
     */
    record Weights(
            double image,
            double number,
            double numberCap,
            double name,
            double nameCap,
            double dateline,
            double section,
            double region) {

        static Weights defaults() {
            return new Weights(0.4, 0.3, 1.2, 0.2, 0.4, 0.1, 0.1, 0.3);
        }
    }

    private final Weights weights;

    EditionMatcher(Weights weights) {
        this.weights = weights;
    }

    /** How many of the pool mention each name: the denominator of a name's weight. */
    static Map<String, Integer> documentFrequency(Collection<EditionEvidence> pool) {
        Map<String, Integer> df = new HashMap<>();
        for (EditionEvidence e : pool) {
            for (String name : e.names()) {
                df.merge(name, 1, Integer::sum);
            }
            for (BigDecimal number : e.numbers()) {
                df.merge(numberKey(number), 1, Integer::sum);
            }
        }
        return df;
    }

    double score(EditionEvidence a, EditionEvidence b, Map<String, Integer> df) {
        if (a.language() == b.language()) {
            return 0;
        }
        double score = 0;
        if (!disjoint(a.images(), b.images())) {
            score += weights.image();
        }
        score += numbers(a.numbers(), b.numbers());
        double names = 0;
        for (String name : a.names()) {
            if (b.names().contains(name)) {
                names += weights.name() / Math.max(1, df.getOrDefault(name, 1) - 1);
            }
        }
        score += Math.min(weights.nameCap(), names);
        if (a.dateline() != null && a.dateline().equals(b.dateline())) {
            score += weights.dateline();
        }
        score += a.section() == b.section() ? weights.section() : -weights.section();
        if (!a.regions().isEmpty() && !b.regions().isEmpty() && disjoint(a.regions(), b.regions())) {
            score -= weights.region();
        }
        return score;
    }

    /**
     * Figures are the evidence that best survives translation, and the best against a false match:
     * editions of one story state the same ones, while two stories of the same place and day state
     * different ones. So what counts is the share of figures in common, and stating several
     * figures with almost none in common counts against.
     */
    private double numbers(Set<BigDecimal> a, Set<BigDecimal> b) {
        int shared = 0;
        for (BigDecimal n : a) {
            if (b.contains(n)) {
                shared++;
            }
        }
        int fewer = Math.min(a.size(), b.size());
        if (fewer < 2) {
            return shared * weights.number();
        }
        double share = (double) shared / fewer;
        if (fewer >= 3 && share < 0.3) {
            return -weights.number();
        }
        return weights.numberCap() * share;
    }

    private static String numberKey(BigDecimal number) {
        return "#" + number.toPlainString();
    }

    static boolean withinWindow(EditionEvidence a, EditionEvidence b, Duration window) {
        return Duration.between(a.published(), b.published()).abs().compareTo(window) <= 0;
    }

    private static <T> boolean disjoint(Set<T> a, Set<T> b) {
        for (T t : a) {
            if (b.contains(t)) {
                return false;
            }
        }
        return true;
    }
}
