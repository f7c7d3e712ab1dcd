package org.wiregate.edition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A logistic regression over {@link EditionFeatures}: the probability that two articles are editions
 * of one story, with the thresholds it links and suggests at. Its coefficients and thresholds are
 * learned on the tuning part of the labelled corpora ({@code EditionModelTrainer}, see
 * docs/feeds.md) and shipped as the versioned resource {@code edition-model.json}, not typed by hand.
 *
 * @param features     feature names, in the order of {@link EditionFeatures#NAMES}
 * @param mean         per feature, subtracted before weighing
 * @param scale        per feature, divided by after the mean
 * @param coefficients per feature, on the standardised value
 * @param intercept    the log-odds of a pair with every feature at its mean
 * @param thresholds   where a probability links, suggests, and by how much the best must lead
 */
record EditionModel(
        List<String> features,
        double[] mean,
        double[] scale,
        double[] coefficients,
        double intercept,
        Thresholds thresholds) {

    /** The resource the gateway reads at start. */
    static final String RESOURCE = "/edition-model.json";

    /**
     * @param linkAt    probability from which the best candidate of a language links by itself
     * @param suggestAt probability from which it is offered to an operator; also the least every
     *                  pair of a group must reach for the group to hold
     * @param margin    how far the best candidate must lead the runner-up of its language to link
     */
    record Thresholds(double linkAt, double suggestAt, double margin) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    EditionModel {
        if (!features.equals(EditionFeatures.NAMES)) {
            throw new IllegalArgumentException("edition model features " + features
                    + " are not the ones the code computes " + EditionFeatures.NAMES + ": retrain it (docs/feeds.md)");
        }
    }

    double probability(EditionEvidence a, EditionEvidence b, EditionFeatures.Counts df) {
        return probability(EditionFeatures.of(a, b, df));
    }

    double probability(double[] x) {
        return scorer().probability(x);
    }

    /** The model as the linker evaluates it, its weights worked out once. */
    Scorer scorer() {
        return new Scorer(this);
    }

    /**
     * The model with each feature's mean and scale folded into one weight and the intercept, and a
     * bound that lets a pair stop before its date and region features when even their most
     * favourable values would leave it under what the linker needs.
     */
    static final class Scorer implements EditionLinker.PairScorer {
        private final double[] weights;
        private final double base;
        /** The most the date and region features can add: their positive weights. */
        private final double setFeaturesAtMost;
        /** Whether {@link EditionFeatures#roughly} bounds this model (rarities and dateline weighed up, hours down). */
        private final boolean roughBounds;
        /** The last floor asked for and its log-odds, to compare before taking an exponential. */
        private volatile double[] floorLogit = {Double.NaN, Double.NaN};

        private Scorer(EditionModel model) {
            int n = model.coefficients().length;
            weights = new double[n];
            double b = model.intercept();
            for (int i = 0; i < n; i++) {
                weights[i] = model.coefficients()[i] / model.scale()[i];
                b -= weights[i] * model.mean()[i];
            }
            base = b;
            double most = 0;
            for (int i : EditionFeatures.SET_FEATURES) {
                most += Math.max(0, weights[i]);
            }
            setFeaturesAtMost = most;
            roughBounds = weights[EditionFeatures.ROUGH_FEATURES[0]] >= 0
                    && weights[EditionFeatures.ROUGH_FEATURES[1]] >= 0
                    && weights[EditionFeatures.ROUGH_FEATURES[2]] >= 0
                    && weights[EditionFeatures.ROUGH_FEATURES[3]] <= 0;
        }

        double probability(double[] x) {
            return sigmoid(z(x));
        }

        /** See {@link EditionModel#ceilingWithoutSharedEvidence()}. */
        private double ceilingWithoutSharedEvidence() {
            // shared-evidence features are 0; the rest are 0/1 flags, or hours apart (0 at best if its weight is
            // negative)
            java.util.Set<String> shared = java.util.Set.of(
                    "image", "figureShare", "figuresShared", "nameRarity", "nameShare", "placeRarity", "dateline");
            double z = base;
            double bestPair = Double.NEGATIVE_INFINITY; // exactly one pair flag is 1
            for (int i = 0; i < weights.length; i++) {
                String name = EditionFeatures.NAMES.get(i);
                if (shared.contains(name)) {
                    continue;
                }
                if (name.equals("hoursApart")) {
                    z += weights[i] > 0 ? weights[i] * Math.log1p(24 * 365) : 0;
                } else if (name.startsWith("pair")) {
                    bestPair = Math.max(bestPair, weights[i]);
                } else {
                    z += Math.max(0, weights[i]);
                }
            }
            return sigmoid(z + bestPair);
        }

        private double z(double[] x) {
            double z = base;
            for (int i = 0; i < x.length; i++) {
                z += weights[i] * x[i];
            }
            return z;
        }

        private double logit(double p) {
            double[] known = floorLogit;
            if (known[0] != p) {
                known = new double[] {p, Math.log(p / (1 - p))};
                floorLogit = known;
            }
            return known[1];
        }

        private static double sigmoid(double z) {
            return 1 / (1 + Math.exp(-z));
        }

        @Override
        public double probability(EditionEvidence a, EditionEvidence b, EditionFeatures.Counts df) {
            return probability(EditionFeatures.of(a, b, df));
        }

        @Override
        public double probability(
                EditionEvidence a, EditionWindow.Related related, int slot, EditionFeatures.Counts df, double floor) {
            // a look without logarithms at what the window gathered first, then the exact features
            // bar the sets, each a bound for the next: most related candidates share only what many
            // articles share
            if (roughBounds && z(EditionFeatures.roughly(a, related, slot)) + setFeaturesAtMost < logit(floor)) {
                return Math.nextDown(floor); // still an upper bound, and under the floor
            }
            EditionEvidence b = related.member(slot).evidence();
            double[] x = EditionFeatures.withoutSets(a, b, related.shared(slot));
            double bound = sigmoid(z(x) + setFeaturesAtMost);
            if (bound < floor) {
                return bound; // an upper bound, under the floor: the exact value changes nothing
            }
            EditionFeatures.addSets(a, b, x);
            return probability(x);
        }
    }

    /**
     * The highest probability a pair can reach without sharing a picture, figure, name or place
     * (the other features at their most favourable): below {@code suggestAt}, such pairs need not be
     * scored at all.
     */
    double ceilingWithoutSharedEvidence() {
        return scorer().ceilingWithoutSharedEvidence();
    }

    static EditionModel shipped() {
        try (InputStream in = EditionModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the classpath");
            }
            return read(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static EditionModel read(JsonNode root) {
        List<String> names = new ArrayList<>();
        root.path("features").forEach(n -> names.add(n.asText()));
        JsonNode t = root.path("thresholds");
        return new EditionModel(
                names,
                doubles(root.path("mean")),
                doubles(root.path("scale")),
                doubles(root.path("coefficients")),
                root.path("intercept").asDouble(),
                new Thresholds(
                        t.path("linkAt").asDouble(),
                        t.path("suggestAt").asDouble(),
                        t.path("margin").asDouble()));
    }

    EditionModel withThresholds(Thresholds other) {
        return new EditionModel(features, mean, scale, coefficients, intercept, other);
    }

    private static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
