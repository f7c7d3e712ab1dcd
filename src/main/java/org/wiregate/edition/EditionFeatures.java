package org.wiregate.edition;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.wiregate.article.Language;

/**
 * The evidence two articles in different languages share, as the numbers the model weighs
 * ({@link EditionModel}). A name or place counts less the more candidates of the window mention it
 * ("Israel" in ten stories of the day tells little, a village named in two tells a lot); figures
 * count by the share in common, and several figures with almost none in common count against.
 */
final class EditionFeatures {

    /** The names of the features, in the order {@link #of} writes them; the model file names them too. */
    static final List<String> NAMES = List.of(
            "image",
            "figureShare",
            "figuresShared",
            "figureConflict",
            "nameRarity",
            "nameShare",
            "placeRarity",
            "dateShared",
            "dateConflict",
            "dateline",
            "sameSection",
            "regionsDisjoint",
            "hoursApart",
            "pairEnAr",
            "pairEnEs",
            "pairArEs");

    private EditionFeatures() {}

    /**
     * How many articles of the window (the article itself included) mention each of one article's
     * names and places, aligned with its {@link EditionEvidence.Keys}: the denominator of a name's
     * weight when that article is compared with another.
     */
    record Counts(EditionEvidence of, int[] names, int[] concepts, boolean[] sharing) {

        /** Whether the i-th article of the pool counted shares a name or place with {@link #of}. */
        boolean sharesNameOrPlace(int poolIndex) {
            return sharing[poolIndex];
        }
    }

    static Counts documentFrequency(EditionEvidence of, Collection<EditionEvidence> pool) {
        int[] names = new int[of.keys().names().length];
        int[] concepts = new int[of.keys().concepts().length];
        boolean[] sharing = new boolean[pool.size()];
        int index = 0;
        for (EditionEvidence e : pool) {
            boolean shares = count(of.keys().names(), e.keys().names(), names);
            shares |= count(of.keys().concepts(), e.keys().concepts(), concepts);
            sharing[index++] = shares;
        }
        return new Counts(of, names, concepts, sharing);
    }

    /** Adds one to counts[i] for every key[i] of {@code wanted} that {@code present} holds too (both sorted); true if any. */
    private static boolean count(long[] wanted, long[] present, int[] counts) {
        boolean any = false;
        int i = 0;
        int j = 0;
        while (i < wanted.length && j < present.length) {
            if (wanted[i] < present[j]) {
                i++;
            } else if (wanted[i] > present[j]) {
                j++;
            } else {
                counts[i++]++;
                j++;
                any = true;
            }
        }
        return any;
    }

    /** Whether two articles share a picture, a figure, a name or a place: without any, only weak features are left. */
    static boolean shareEvidence(EditionEvidence a, EditionEvidence b) {
        return shared(a.keys().names(), b.keys().names()) > 0
                || shared(a.keys().numbers(), b.keys().numbers()) > 0
                || shared(a.keys().concepts(), b.keys().concepts()) > 0
                || overlaps(a.images(), b.images());
    }

    /** The features of a pair; {@code df} counts the window for {@code a}. */
    static double[] of(EditionEvidence a, EditionEvidence b, Counts df) {
        if (df.of() != a) {
            throw new IllegalArgumentException(
                    "rarity counts are for " + df.of().articleId() + ", not " + a.articleId());
        }
        double[] x = new double[NAMES.size()];
        x[0] = overlaps(a.images(), b.images()) ? 1 : 0;
        int shared = shared(a.keys().numbers(), b.keys().numbers());
        int fewer = Math.min(a.keys().numbers().length, b.keys().numbers().length);
        x[1] = fewer == 0 ? 0 : (double) shared / fewer;
        x[2] = Math.log1p(shared);
        x[3] = fewer >= 3 && (double) shared / fewer < 0.3 ? 1 : 0;
        x[4] = Math.log1p(rarity(a.keys().names(), b.keys().names(), df.names()));
        int fewerNames = Math.min(a.keys().names().length, b.keys().names().length);
        x[5] = fewerNames == 0 ? 0 : (double) shared(a.keys().names(), b.keys().names()) / fewerNames;
        x[6] = Math.log1p(rarity(a.keys().concepts(), b.keys().concepts(), df.concepts()));
        boolean bothDated = !a.dates().isEmpty() && !b.dates().isEmpty();
        boolean sameDay = overlaps(a.dates(), b.dates());
        x[7] = sameDay ? 1 : 0;
        x[8] = bothDated && !sameDay ? 1 : 0;
        x[9] = a.dateline() != null && a.dateline().equals(b.dateline()) ? 1 : 0;
        x[10] = a.section() == b.section() ? 1 : 0;
        x[11] = !a.regions().isEmpty() && !b.regions().isEmpty() && !overlaps(a.regions(), b.regions()) ? 1 : 0;
        x[12] = Math.log1p(
                Math.abs(a.published().getEpochSecond() - b.published().getEpochSecond()) / 60 / 60.0);
        Language la = a.language();
        Language lb = b.language();
        x[13] = (la == Language.EN && lb == Language.AR) || (la == Language.AR && lb == Language.EN) ? 1 : 0;
        x[14] = (la == Language.EN && lb == Language.ES) || (la == Language.ES && lb == Language.EN) ? 1 : 0;
        x[15] = (la == Language.AR && lb == Language.ES) || (la == Language.ES && lb == Language.AR) ? 1 : 0;
        return x;
    }

    /** Each key both hold, weighted by 1 / how many other articles of the window hold it ({@code counts} aligned with a). */
    private static double rarity(long[] a, long[] b, int[] counts) {
        double sum = 0;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                sum += 1.0 / Math.max(1, counts[i] - 1);
                i++;
                j++;
            }
        }
        return sum;
    }

    private static int shared(long[] a, long[] b) {
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                n++;
                i++;
                j++;
            }
        }
        return n;
    }

    private static <T> boolean overlaps(Set<T> a, Set<T> b) {
        if (a.size() > b.size()) {
            Set<T> swap = a;
            a = b;
            b = swap;
        }
        for (T t : a) {
            if (b.contains(t)) {
                return true;
            }
        }
        return false;
    }

    static boolean withinWindow(EditionEvidence a, EditionEvidence b, Duration window) {
        return Math.abs(a.published().getEpochSecond() - b.published().getEpochSecond()) <= window.getSeconds();
    }
}
