package org.wiregate.edition;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.wiregate.article.Language;
import org.wiregate.article.Section;

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

    /**
     * What two articles have in common, as the features read it: pictures, figures, names (with
     * their rarity), places. {@link EditionWindow} adds it up from its index for all of an arrival's
     * related candidates at once, in the same order as {@link #shared}, so the sums are identical.
     *
     * @param nameRarity  each shared name weighted by 1 / how many other articles of the window hold it
     * @param placeRarity the same for places and other CLDR concepts
     */
    record Shared(boolean image, int numbers, int names, double nameRarity, double placeRarity) {
        static final Shared NOTHING = new Shared(false, 0, 0, 0, 0);
    }

    /** What {@code a} and {@code b} share, counting from both articles; {@code df} counts the window for {@code a}. */
    static Shared shared(EditionEvidence a, EditionEvidence b, Counts df) {
        if (df.of() != a) {
            throw new IllegalArgumentException(
                    "rarity counts are for " + df.of().articleId() + ", not " + a.articleId());
        }
        return new Shared(
                overlaps(a.images(), b.images()),
                shared(a.keys().numbers(), b.keys().numbers()),
                shared(a.keys().names(), b.keys().names()),
                rarity(a.keys().names(), b.keys().names(), df.names()),
                rarity(a.keys().concepts(), b.keys().concepts(), df.concepts()));
    }

    /** The weight one shared key adds to a rarity sum, given how many articles of the window (both included) hold it. */
    static double rarityWeight(int holders) {
        return 1.0 / Math.max(1, holders - 1);
    }

    /** The features of a pair; {@code df} counts the window for {@code a}. */
    static double[] of(EditionEvidence a, EditionEvidence b, Counts df) {
        return of(a, b, shared(a, b, df));
    }

    /** The features of a pair, given what they share. */
    static double[] of(EditionEvidence a, EditionEvidence b, Shared common) {
        double[] x = withoutSets(a, b, common);
        addSets(a, b, x);
        return x;
    }

    /** The features read from sets of dates and regions, the costlier ones: 0 in {@link #withoutSets}. */
    static final int[] SET_FEATURES = {7, 8, 11};

    /** The features of a pair but those of {@link #SET_FEATURES}, left at 0. */
    static double[] withoutSets(EditionEvidence a, EditionEvidence b, Shared common) {
        return withoutSets(a, b, common, false);
    }

    /** The features that {@link #roughly} gives as a bound: the two rarities, the dateline, hours apart. */
    static final int[] ROUGH_FEATURES = {4, 6, 9, 12};

    /**
     * {@link #withoutSets} for a related member of the window, read from what the window gathered
     * (no article is followed into) and without a logarithm: the rarity sums as themselves (log(1 +
     * x) is never more than x), the dateline as shared when its hash is (never less than it is) and
     * hours apart as 0 (never more). A bound for a scorer that weighs the first three up and the
     * hours down, at a fraction of the cost.
     */
    static double[] roughly(EditionEvidence a, EditionWindow.Related related, int slot) {
        return withoutSets(
                a,
                related.language(slot),
                related.numberCount(slot),
                related.nameCount(slot),
                a.dateline() != null && a.dateline().hashCode() == related.datelineHash(slot),
                related.section(slot),
                0,
                related.shared(slot),
                true);
    }

    private static double[] withoutSets(EditionEvidence a, EditionEvidence b, Shared common, boolean rough) {
        return withoutSets(
                a,
                b.language(),
                b.keys().numbers().length,
                b.keys().names().length,
                a.dateline() != null && a.dateline().equals(b.dateline()),
                b.section(),
                b.published().getEpochSecond(),
                common,
                rough);
    }

    // b as the few values the features read of it
    private static double[] withoutSets(
            EditionEvidence a,
            Language lb,
            int bNumbers,
            int bNames,
            boolean sameDateline,
            Section bSection,
            long bPublishedSecond,
            Shared common,
            boolean rough) {
        double[] x = new double[NAMES.size()];
        x[0] = common.image() ? 1 : 0;
        int shared = common.numbers();
        int fewer = Math.min(a.keys().numbers().length, bNumbers);
        x[1] = fewer == 0 ? 0 : (double) shared / fewer;
        x[2] = shared < LOG1P.length ? LOG1P[shared] : Math.log1p(shared);
        x[3] = fewer >= 3 && (double) shared / fewer < 0.3 ? 1 : 0;
        x[4] = rough ? common.nameRarity() : Math.log1p(common.nameRarity());
        int fewerNames = Math.min(a.keys().names().length, bNames);
        x[5] = fewerNames == 0 ? 0 : (double) common.names() / fewerNames;
        x[6] = rough ? common.placeRarity() : Math.log1p(common.placeRarity());
        x[9] = sameDateline ? 1 : 0;
        x[10] = a.section() == bSection ? 1 : 0;
        x[12] = rough ? 0 : Math.log1p(Math.abs(a.published().getEpochSecond() - bPublishedSecond) / 60 / 60.0);
        Language la = a.language();
        x[13] = (la == Language.EN && lb == Language.AR) || (la == Language.AR && lb == Language.EN) ? 1 : 0;
        x[14] = (la == Language.EN && lb == Language.ES) || (la == Language.ES && lb == Language.EN) ? 1 : 0;
        x[15] = (la == Language.AR && lb == Language.ES) || (la == Language.ES && lb == Language.AR) ? 1 : 0;
        return x;
    }

    /** log(1 + k) for the counts of shared figures a pair usually has: the same values, looked up. */
    private static final double[] LOG1P = new double[64];

    static {
        for (int k = 0; k < LOG1P.length; k++) {
            LOG1P[k] = Math.log1p(k);
        }
    }

    /** Fills in the {@link #SET_FEATURES}: a day both mention, dates that disagree, regions apart. */
    static void addSets(EditionEvidence a, EditionEvidence b, double[] x) {
        boolean bothDated = !a.dates().isEmpty() && !b.dates().isEmpty();
        boolean sameDay = overlaps(a.dates(), b.dates());
        x[7] = sameDay ? 1 : 0;
        x[8] = bothDated && !sameDay ? 1 : 0;
        x[11] = !a.regions().isEmpty() && !b.regions().isEmpty() && !overlaps(a.regions(), b.regions()) ? 1 : 0;
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
                sum += rarityWeight(counts[i]);
                i++;
                j++;
            }
        }
        return sum;
    }

    static int shared(long[] a, long[] b) {
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
