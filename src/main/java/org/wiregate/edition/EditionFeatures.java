package org.wiregate.edition;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** How many of the pool mention each name, place or figure: the denominator of its weight. */
    static Map<String, Integer> documentFrequency(Collection<EditionEvidence> pool) {
        Map<String, Integer> df = new HashMap<>();
        for (EditionEvidence e : pool) {
            for (String name : e.names()) {
                df.merge(name, 1, Integer::sum);
            }
            for (String concept : e.concepts()) {
                df.merge(concept, 1, Integer::sum);
            }
        }
        return df;
    }

    /**
     * The same counts, for the names and places of one arrival only: all that scoring the arrival
     * against the window reads, for a fraction of the work (a window holds thousands of names).
     */
    static Map<String, Integer> documentFrequency(EditionEvidence arrival, Collection<EditionEvidence> pool) {
        Map<String, Integer> df = new HashMap<>();
        for (EditionEvidence e : pool) {
            count(arrival.names(), e.names(), df);
            count(arrival.concepts(), e.concepts(), df);
        }
        return df;
    }

    private static void count(Set<String> wanted, Set<String> present, Map<String, Integer> df) {
        Set<String> small = wanted.size() <= present.size() ? wanted : present;
        Set<String> large = small == wanted ? present : wanted;
        for (String key : small) {
            if (large.contains(key)) {
                df.merge(key, 1, Integer::sum);
            }
        }
    }

    /** Whether two articles share a picture, a figure, a name or a place: without any, only weak features are left. */
    static boolean shareEvidence(EditionEvidence a, EditionEvidence b) {
        return overlaps(a.names(), b.names())
                || overlaps(a.numbers(), b.numbers())
                || overlaps(a.concepts(), b.concepts())
                || overlaps(a.images(), b.images());
    }

    static double[] of(EditionEvidence a, EditionEvidence b, Map<String, Integer> df) {
        double[] x = new double[NAMES.size()];
        x[0] = overlaps(a.images(), b.images()) ? 1 : 0;
        int shared = shared(a.numbers(), b.numbers());
        int fewer = Math.min(a.numbers().size(), b.numbers().size());
        x[1] = fewer == 0 ? 0 : (double) shared / fewer;
        x[2] = Math.log1p(shared);
        x[3] = fewer >= 3 && (double) shared / fewer < 0.3 ? 1 : 0;
        x[4] = Math.log1p(rarity(a.names(), b.names(), df));
        int fewerNames = Math.min(a.names().size(), b.names().size());
        x[5] = fewerNames == 0 ? 0 : (double) shared(a.names(), b.names()) / fewerNames;
        x[6] = Math.log1p(rarity(a.concepts(), b.concepts(), df));
        boolean bothDated = !a.dates().isEmpty() && !b.dates().isEmpty();
        boolean sameDay = overlaps(a.dates(), b.dates());
        x[7] = sameDay ? 1 : 0;
        x[8] = bothDated && !sameDay ? 1 : 0;
        x[9] = a.dateline() != null && a.dateline().equals(b.dateline()) ? 1 : 0;
        x[10] = a.section() == b.section() ? 1 : 0;
        x[11] = !a.regions().isEmpty() && !b.regions().isEmpty() && !overlaps(a.regions(), b.regions()) ? 1 : 0;
        x[12] = Math.log1p(Duration.between(a.published(), b.published()).abs().toMinutes() / 60.0);
        Set<Language> pair = Set.of(a.language(), b.language());
        x[13] = pair.equals(Set.of(Language.EN, Language.AR)) ? 1 : 0;
        x[14] = pair.equals(Set.of(Language.EN, Language.ES)) ? 1 : 0;
        x[15] = pair.equals(Set.of(Language.AR, Language.ES)) ? 1 : 0;
        return x;
    }

    /** Each name both mention, weighted by 1 / how many other candidates mention it. */
    private static double rarity(Set<String> a, Set<String> b, Map<String, Integer> df) {
        double sum = 0;
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        for (String name : small) {
            if (large.contains(name)) {
                sum += 1.0 / Math.max(1, df.getOrDefault(name, 1) - 1);
            }
        }
        return sum;
    }

    private static <T> int shared(Set<T> a, Set<T> b) {
        if (a.size() > b.size()) {
            Set<T> swap = a;
            a = b;
            b = swap;
        }
        int n = 0;
        for (T t : a) {
            if (b.contains(t)) {
                n++;
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
        return Duration.between(a.published(), b.published()).abs().compareTo(window) <= 0;
    }
}
