package org.wiregate.edition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.wiregate.article.Language;

/**
 * The articles an arrival is linked against, kept across arrivals with an inverted index from each
 * evidence key (name, place or other CLDR concept, figure, picture) to the articles holding it, and
 * per key how many articles of each language hold it (the rarity counts of {@link EditionFeatures}).
 * Articles enter and leave one at a time, so an arrival costs what its related articles cost, not
 * the whole window: {@link EditionLinker#link(EditionEvidence, EditionWindow, Map, Map, Set)} scores
 * only the articles sharing a key, which is exact where the model's skip bound holds.
 *
 * <p>An arrival's candidates are the articles of the other languages, in the order they entered;
 * that is the candidate list {@link EditionLinker#link(EditionEvidence, java.util.Collection, Map, Map,
 * Set)} is given, and the two give the same decisions. Safe for concurrent use: links read under a
 * shared lock, entering and leaving take it exclusively.
 */
final class EditionWindow {

    /**
     * An article of the window and the order it entered in (ties between equal scores go to the
     * earlier). Compared by identity: hashing the evidence itself would cost more than the lookups.
     */
    static final class Member {
        final EditionEvidence evidence;
        final long order;

        Member(EditionEvidence evidence, long order) {
            this.evidence = evidence;
            this.order = order;
        }

        EditionEvidence evidence() {
            return evidence;
        }

        long order() {
            return order;
        }
    }

    /** The articles holding one key, and how many of them per language. */
    private static final class Posting {
        final Set<Member> members = new HashSet<>();
        final int[] perLanguage = new int[Language.values().length];
    }

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Member> byId = new LinkedHashMap<>();
    private final Map<Long, Posting> names = new HashMap<>();
    private final Map<Long, Posting> concepts = new HashMap<>();
    private final Map<Long, Posting> numbers = new HashMap<>();
    private final Map<String, Posting> images = new HashMap<>();
    private long entered;

    /** Adds an article (or replaces the one with its id, e.g. a new revision). */
    void add(EditionEvidence e) {
        lock.writeLock().lock();
        try {
            removeLocked(e.articleId());
            Member m = new Member(e, entered++);
            byId.put(e.articleId(), m);
            EditionEvidence.Keys k = e.keys();
            for (long key : k.names()) {
                enter(names.computeIfAbsent(key, x -> new Posting()), m);
            }
            for (long key : k.concepts()) {
                enter(concepts.computeIfAbsent(key, x -> new Posting()), m);
            }
            for (long key : k.numbers()) {
                enter(numbers.computeIfAbsent(key, x -> new Posting()), m);
            }
            for (String image : e.images()) {
                enter(images.computeIfAbsent(image, x -> new Posting()), m);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes an article that left the window; nothing if it is not there. */
    void remove(String articleId) {
        lock.writeLock().lock();
        try {
            removeLocked(articleId);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes every article {@code leaves} accepts: those the window has moved past. */
    void removeIf(java.util.function.Predicate<EditionEvidence> leaves) {
        lock.writeLock().lock();
        try {
            List<String> leaving = new ArrayList<>();
            for (Member m : byId.values()) {
                if (leaves.test(m.evidence())) {
                    leaving.add(m.evidence().articleId());
                }
            }
            leaving.forEach(this::removeLocked);
        } finally {
            lock.writeLock().unlock();
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return byId.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    private void removeLocked(String articleId) {
        Member m = byId.remove(articleId);
        if (m == null) {
            return;
        }
        EditionEvidence.Keys k = m.evidence().keys();
        for (long key : k.names()) {
            leave(names, key, m);
        }
        for (long key : k.concepts()) {
            leave(concepts, key, m);
        }
        for (long key : k.numbers()) {
            leave(numbers, key, m);
        }
        for (String image : m.evidence().images()) {
            leave(images, image, m);
        }
    }

    private static void enter(Posting p, Member m) {
        p.members.add(m);
        p.perLanguage[m.evidence().language().ordinal()]++;
    }

    private static <K> void leave(Map<K, Posting> index, K key, Member m) {
        Posting p = index.get(key);
        if (p != null && p.members.remove(m)) {
            p.perLanguage[m.evidence().language().ordinal()]--;
            if (p.members.isEmpty()) {
                index.remove(key);
            }
        }
    }

    /** Runs {@code reading} under the shared lock: the window does not change while an arrival is linked. */
    <T> T read(java.util.function.Supplier<T> reading) {
        lock.readLock().lock();
        try {
            return reading.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    // The methods below are called from within read(...).

    /**
     * The rarity counts of {@code of} over the arrival's candidates and the arrival itself, as
     * {@link EditionFeatures#documentFrequency} counts them over the candidate list plus the arrival.
     */
    EditionFeatures.Counts counts(EditionEvidence of, EditionEvidence arrival) {
        long[] ofNames = of.keys().names();
        long[] ofConcepts = of.keys().concepts();
        int[] n = new int[ofNames.length];
        int[] c = new int[ofConcepts.length];
        Language excluded = arrival.language();
        for (int i = 0; i < ofNames.length; i++) {
            n[i] = held(names.get(ofNames[i]), excluded)
                    + (java.util.Arrays.binarySearch(arrival.keys().names(), ofNames[i]) >= 0 ? 1 : 0);
        }
        for (int i = 0; i < ofConcepts.length; i++) {
            c[i] = held(concepts.get(ofConcepts[i]), excluded)
                    + (java.util.Arrays.binarySearch(arrival.keys().concepts(), ofConcepts[i]) >= 0 ? 1 : 0);
        }
        return new EditionFeatures.Counts(of, n, c, new boolean[0]);
    }

    private static int held(Posting p, Language excluded) {
        if (p == null) {
            return 0;
        }
        int total = 0;
        for (int l = 0; l < p.perLanguage.length; l++) {
            if (l != excluded.ordinal()) {
                total += p.perLanguage[l];
            }
        }
        return total;
    }

    /**
     * The arrival's candidates sharing a name, place, figure or picture with it (what
     * {@link EditionFeatures#shareEvidence} asks), each once, in no particular order: {@link
     * Member#order()} tells the order they entered in.
     */
    List<Member> related(EditionEvidence arrival) {
        Language own = arrival.language();
        EditionEvidence.Keys k = arrival.keys();
        Seen seen =
                new Seen(byId.isEmpty() ? 0 : byId.values().iterator().next().order(), entered, byId.size());
        List<Member> found = new ArrayList<>();
        for (long key : k.names()) {
            collect(names.get(key), own, seen, found);
        }
        for (long key : k.concepts()) {
            collect(concepts.get(key), own, seen, found);
        }
        for (long key : k.numbers()) {
            collect(numbers.get(key), own, seen, found);
        }
        for (String image : arrival.images()) {
            collect(images.get(image), own, seen, found);
        }
        return found;
    }

    private static void collect(Posting p, Language own, Seen seen, List<Member> into) {
        if (p == null || p.members.size() == p.perLanguage[own.ordinal()]) {
            return;
        }
        for (Member m : p.members) {
            if (m.evidence().language() != own && seen.first(m)) {
                into.add(m);
            }
        }
    }

    /**
     * The members met so far while collecting, as one bit per entry order since the oldest member
     * (a few KB for a window of 20,000); an identity set if the orders are too spread out for that.
     */
    private static final class Seen {
        private final long base;
        private final long[] bits;
        private final Set<Member> set;

        Seen(long oldest, long next, int size) {
            base = oldest;
            long span = next - oldest;
            if (span <= 8L * size + 4096) {
                bits = new long[(int) (span >>> 6) + 1];
                set = null;
            } else {
                bits = null;
                set = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            }
        }

        /** True the first time a member is met. */
        boolean first(Member m) {
            if (bits == null) {
                return set.add(m);
            }
            long i = m.order() - base;
            long bit = 1L << (i & 63);
            int word = (int) (i >>> 6);
            if ((bits[word] & bit) != 0) {
                return false;
            }
            bits[word] |= bit;
            return true;
        }
    }

    /** All the arrival's candidates (the other languages), in the order they entered. */
    List<Member> candidates(EditionEvidence arrival) {
        List<Member> all = new ArrayList<>();
        for (Member m : byId.values()) {
            if (m.evidence().language() != arrival.language()) {
                all.add(m);
            }
        }
        return all;
    }

    /** The candidate of an arrival with that id, or null. */
    EditionEvidence candidate(String articleId, EditionEvidence arrival) {
        Member m = byId.get(articleId);
        return m == null || m.evidence().language() == arrival.language() ? null : m.evidence();
    }

    /** The order an article entered in, for sorting the members of a group as the candidate list has them. */
    long order(String articleId) {
        Member m = byId.get(articleId);
        return m == null ? Long.MAX_VALUE : m.order();
    }
}
