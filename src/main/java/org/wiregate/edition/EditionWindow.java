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
import org.wiregate.article.Section;

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
        // what the walk over the postings and the first look at a pair read, kept here so that
        // the thousands of members an arrival meets are not each followed into their evidence
        private final Language language;
        private final int numberCount;
        private final int nameCount;
        private final Section section;
        private final long publishedSecond;
        private final int datelineHash;

        Member(EditionEvidence evidence, long order) {
            this.evidence = evidence;
            this.order = order;
            this.language = evidence.language();
            this.numberCount = evidence.keys().numbers().length;
            this.nameCount = evidence.keys().names().length;
            this.section = evidence.section();
            this.publishedSecond = evidence.published().getEpochSecond();
            this.datelineHash =
                    evidence.dateline() == null ? 0 : evidence.dateline().hashCode();
        }

        EditionEvidence evidence() {
            return evidence;
        }

        long order() {
            return order;
        }

        Language language() {
            return language;
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
        p.perLanguage[m.language().ordinal()]++;
    }

    private static <K> void leave(Map<K, Posting> index, K key, Member m) {
        Posting p = index.get(key);
        if (p != null && p.members.remove(m)) {
            p.perLanguage[m.language().ordinal()]--;
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
     * The arrival's candidates sharing a name, place, figure or picture with it (what {@link
     * EditionFeatures#shareEvidence} asks), each once, in no particular order ({@link Member#order()}
     * tells the order they entered in), with what each shares with the arrival, added up from the
     * index while collecting them: one pass over the arrival's keys instead of one comparison of key
     * lists per candidate. {@code df} counts the window for the arrival (the rarity weights).
     */
    Related related(EditionEvidence arrival, EditionFeatures.Counts df) {
        Language own = arrival.language();
        EditionEvidence.Keys k = arrival.keys();
        Related found =
                new Related(byId.isEmpty() ? 0 : byId.values().iterator().next().order(), entered, byId.size());
        long[] arrivalNames = k.names();
        for (int i = 0; i < arrivalNames.length; i++) {
            Posting p = names.get(arrivalNames[i]);
            if (relevant(p, own)) {
                double weight = EditionFeatures.rarityWeight(df.names()[i]);
                for (Member m : p.members) {
                    if (m.language() != own) {
                        int slot = found.slot(m); // before the arrays: a new slot may grow them
                        found.names[slot]++;
                        found.nameRarity[slot] += weight;
                    }
                }
            }
        }
        long[] arrivalConcepts = k.concepts();
        for (int i = 0; i < arrivalConcepts.length; i++) {
            Posting p = concepts.get(arrivalConcepts[i]);
            if (relevant(p, own)) {
                double weight = EditionFeatures.rarityWeight(df.concepts()[i]);
                for (Member m : p.members) {
                    if (m.language() != own) {
                        int slot = found.slot(m); // before the array: a new slot may grow it
                        found.placeRarity[slot] += weight;
                    }
                }
            }
        }
        for (long key : k.numbers()) {
            Posting p = numbers.get(key);
            if (relevant(p, own)) {
                for (Member m : p.members) {
                    if (m.language() != own) {
                        int slot = found.slot(m); // before the array: a new slot may grow it
                        found.numbers[slot]++;
                    }
                }
            }
        }
        for (String image : arrival.images()) {
            Posting p = images.get(image);
            if (relevant(p, own)) {
                for (Member m : p.members) {
                    if (m.language() != own) {
                        int slot = found.slot(m); // before the array: a new slot may grow it
                        found.image[slot] = true;
                    }
                }
            }
        }
        return found;
    }

    /** A posting worth walking: it holds an article of another language than the arrival's. */
    private static boolean relevant(Posting p, Language own) {
        return p != null && p.members.size() != p.perLanguage[own.ordinal()];
    }

    /**
     * An arrival's related candidates and what each shares with it, kept in parallel arrays by the
     * slot a candidate got when first met; a member's slot is found by its entry order (one int per
     * order since the oldest member, under 100 KB for a window of 20,000), or by an identity map
     * when the orders are too spread out for that.
     */
    static final class Related {
        private final long base;
        private final int[] slotOfOrder;
        private final Map<Member, Integer> slotOfMember;
        private final List<Member> members = new ArrayList<>();
        private int[] names = new int[64];
        private int[] numbers = new int[64];
        private double[] nameRarity = new double[64];
        private double[] placeRarity = new double[64];
        private boolean[] image = new boolean[64];
        // the member's own facts, copied while it is at hand: the first look at each pair reads these
        private Language[] language = new Language[64];
        private int[] numberCount = new int[64];
        private int[] nameCount = new int[64];
        private Section[] section = new Section[64];
        private long[] publishedSecond = new long[64];
        private int[] datelineHash = new int[64];

        Related(long oldest, long next, int size) {
            base = oldest;
            long span = next - oldest;
            if (span <= 4L * size + 4096) {
                slotOfOrder = new int[(int) span + 1];
                slotOfMember = null;
            } else {
                slotOfOrder = null;
                slotOfMember = new java.util.IdentityHashMap<>();
            }
        }

        private int slot(Member m) {
            if (slotOfOrder != null) {
                int i = (int) (m.order() - base);
                int slot = slotOfOrder[i] - 1;
                if (slot < 0) {
                    slot = add(m);
                    slotOfOrder[i] = slot + 1;
                }
                return slot;
            }
            Integer slot = slotOfMember.get(m);
            if (slot == null) {
                slot = add(m);
                slotOfMember.put(m, slot);
            }
            return slot;
        }

        private int add(Member m) {
            int slot = members.size();
            members.add(m);
            if (slot == names.length) {
                int grown = slot * 2;
                names = java.util.Arrays.copyOf(names, grown);
                numbers = java.util.Arrays.copyOf(numbers, grown);
                nameRarity = java.util.Arrays.copyOf(nameRarity, grown);
                placeRarity = java.util.Arrays.copyOf(placeRarity, grown);
                image = java.util.Arrays.copyOf(image, grown);
                language = java.util.Arrays.copyOf(language, grown);
                numberCount = java.util.Arrays.copyOf(numberCount, grown);
                nameCount = java.util.Arrays.copyOf(nameCount, grown);
                section = java.util.Arrays.copyOf(section, grown);
                publishedSecond = java.util.Arrays.copyOf(publishedSecond, grown);
                datelineHash = java.util.Arrays.copyOf(datelineHash, grown);
            }
            language[slot] = m.language;
            numberCount[slot] = m.numberCount;
            nameCount[slot] = m.nameCount;
            section[slot] = m.section;
            publishedSecond[slot] = m.publishedSecond;
            datelineHash[slot] = m.datelineHash;
            return slot;
        }

        int size() {
            return members.size();
        }

        Member member(int slot) {
            return members.get(slot);
        }

        List<Member> members() {
            return members;
        }

        Language language(int slot) {
            return language[slot];
        }

        int numberCount(int slot) {
            return numberCount[slot];
        }

        int nameCount(int slot) {
            return nameCount[slot];
        }

        Section section(int slot) {
            return section[slot];
        }

        long publishedSecond(int slot) {
            return publishedSecond[slot];
        }

        /** The hash of the member's dateline, 0 without one: equal datelines have equal hashes. */
        int datelineHash(int slot) {
            return datelineHash[slot];
        }

        EditionFeatures.Shared shared(int slot) {
            return new EditionFeatures.Shared(
                    image[slot], numbers[slot], names[slot], nameRarity[slot], placeRarity[slot]);
        }
    }

    /** All the arrival's candidates (the other languages), in the order they entered. */
    List<Member> candidates(EditionEvidence arrival) {
        List<Member> all = new ArrayList<>();
        for (Member m : byId.values()) {
            if (m.language() != arrival.language()) {
                all.add(m);
            }
        }
        return all;
    }

    /** The candidate of an arrival with that id, or null. */
    EditionEvidence candidate(String articleId, EditionEvidence arrival) {
        Member m = byId.get(articleId);
        return m == null || m.language() == arrival.language() ? null : m.evidence();
    }

    /** The order an article entered in, for sorting the members of a group as the candidate list has them. */
    long order(String articleId) {
        Member m = byId.get(articleId);
        return m == null ? Long.MAX_VALUE : m.order();
    }
}
