package org.wiregate.edition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.store.EditionRepository;
import org.wiregate.store.EditionRepository.WindowRef;

/**
 * The {@link EditionWindow} of the live gateway, kept in step with the store so that an arrival is
 * linked against the index instead of reading and scanning its whole window from the database.
 *
 * <ul>
 *   <li><b>Coverage.</b> The index holds every usable article first published at or after {@code
 *       covered}. An arrival needs the articles from its own publication time minus the window;
 *       when that is earlier (the first arrival after a start, or late copy) the missing range is
 *       read once and the coverage extended.
 *   <li><b>Changes.</b> Revisions, kills and articles stored by other instances are picked up from
 *       the store: at most once a second, the articles stored since the last look (minus a lookback
 *       for transactions that committed late and clocks a little apart) replace what the index holds
 *       of them. This instance's own arrivals enter as soon as they are linked.
 *   <li><b>Leaving.</b> Once a minute, articles first published more than two windows before the
 *       newest arrival (or now, if copy is dated ahead) leave, and the coverage moves up.
 * </ul>
 *
 * The rarity counts of the model are taken over the index, which spans a little more than the
 * arrival's own window; what is scored is still only what {@link EditionFeatures#withinWindow} lets
 * through.
 */
final class StoredWindow {

    /** How far back each look for changes reaches past the previous one. */
    static final Duration LOOKBACK = Duration.ofSeconds(10);

    /** Reads of fewer articles than this (a second's catch-up) are not worth handing to other threads. */
    private static final int PARALLEL_FROM = 64;

    /** How often the store is asked for changes (the service: a second) and old articles let go (a minute). */
    record Upkeep(Duration catchUpEvery, Duration pruneEvery) {}

    private final EditionRepository editions;
    private final Clock clock;
    private final Duration window;
    private final Function<Article, EditionEvidence> evidenceOf;
    private final long catchUpEveryNanos;
    private final long pruneEveryNanos;
    private final EditionWindow index = new EditionWindow();
    /** The revision held of each member, to tell a change from what is already in. */
    private final Map<String, Integer> revisions = new HashMap<>();

    /**
     * How many articles are held, for the size gauge: read without the lock, because the first
     * read of a large window holds it for seconds (17,000 articles at a million stored: 15 s) and a
     * Prometheus scrape waiting on it timed out.
     */
    private volatile int heldCount;

    private Instant covered; // null: nothing held yet
    private Instant lastLook;
    private long lastSyncNanos;
    private long lastPruneNanos;
    private Instant newestArrival = Instant.MIN;

    StoredWindow(
            EditionRepository editions,
            Clock clock,
            Duration window,
            Upkeep upkeep,
            Function<Article, EditionEvidence> evidenceOf) {
        this.catchUpEveryNanos = upkeep.catchUpEvery().toNanos();
        this.pruneEveryNanos = upkeep.pruneEvery().toNanos();
        this.editions = editions;
        this.clock = clock;
        this.window = window;
        this.evidenceOf = evidenceOf;
    }

    /**
     * The index, complete for an arrival first published at {@code published} and current with the
     * store as of at most a second ago.
     */
    synchronized EditionWindow readyFor(Instant published) {
        if (published.isAfter(newestArrival)) {
            newestArrival = published;
        }
        return cover(published.minus(window));
    }

    /** The index, holding every usable article published from {@code needed} on, caught up and pruned. */
    private EditionWindow cover(Instant needed) {
        long nanos = System.nanoTime();
        if (covered == null) {
            lastLook = clock.instant().minus(LOOKBACK);
            lastSyncNanos = nanos;
            lastPruneNanos = nanos;
            load(needed, null);
            covered = needed;
        } else {
            if (nanos - lastSyncNanos >= catchUpEveryNanos) {
                lastSyncNanos = nanos;
                catchUp();
            }
            if (nanos - lastPruneNanos >= pruneEveryNanos) {
                lastPruneNanos = nanos;
                prune();
            }
            if (needed.isBefore(covered)) {
                load(needed, covered);
                covered = needed;
            }
        }
        return index;
    }

    /**
     * Reads the window an arrival published now would need, so that the first arrival after a start
     * finds it held instead of reading it (at a million stored, 17,000 articles and tens of seconds)
     * while every file behind it waits.
     *
     * @return the articles held afterwards
     */
    synchronized int warmUp() {
        // Not an arrival: the newest arrival, which pruning measures from, stays unset, so a backlog of
        // old copy that follows is not pruned against today.
        cover(clock.instant().minus(window));
        return heldCount;
    }

    /** An article of this instance's, stored and linked: it is a candidate for what comes next. */
    synchronized void admit(Article article) {
        if (covered != null && !article.firstPublished().isBefore(covered)) {
            put(evidenceOf.apply(article), article.revision());
        }
    }

    /** An article that is no longer usable (killed, withheld) is no longer a candidate. */
    synchronized void forget(String articleId) {
        remove(articleId);
    }

    /** Forgets everything; the next arrival reads its window from the store again. */
    synchronized void reset() {
        index.removeIf(e -> true);
        revisions.clear();
        heldCount = 0;
        covered = null;
    }

    synchronized boolean holds(String articleId) {
        return revisions.containsKey(articleId);
    }

    int size() {
        return heldCount;
    }

    private void load(Instant from, Instant to) {
        read(editions.usableFirstPublished(from, to));
    }

    private void catchUp() {
        Instant now = clock.instant();
        List<WindowRef> changed = editions.storedSince(lastLook.minus(LOOKBACK));
        lastLook = now;
        List<WindowRef> current = new ArrayList<>();
        for (WindowRef ref : changed) {
            if (!ref.usable() || ref.firstPublished().isBefore(covered)) {
                remove(ref.id().value()); // killed, withheld, or moved out of what is held
            } else {
                current.add(ref);
            }
        }
        read(current);
    }

    /** Puts the listed articles in, reading the documents of those new or revised since they were held. */
    private void read(List<WindowRef> refs) {
        List<ArticleId> toRead = new ArrayList<>();
        for (WindowRef ref : refs) {
            Integer held = revisions.get(ref.id().value());
            if (held == null || held != ref.revision()) {
                toRead.add(ref.id());
            }
        }
        List<Article> documents = editions.documents(toRead);
        // Evidence (HTML parsed, names folded, numbers read) is most of a large read's time: both cores share it.
        List<EditionEvidence> found = documents.size() < PARALLEL_FROM
                ? documents.stream().map(evidenceOf).toList()
                : documents.parallelStream().map(evidenceOf).toList();
        for (int i = 0; i < documents.size(); i++) {
            put(found.get(i), documents.get(i).revision());
        }
    }

    private void prune() {
        if (newestArrival.equals(Instant.MIN)) {
            return; // no arrival yet: nothing to measure from
        }
        Instant reference = newestArrival.isAfter(clock.instant()) ? clock.instant() : newestArrival;
        Instant cutoff = reference.minus(window.multipliedBy(2));
        if (cutoff.isAfter(covered)) {
            List<String> leaving = new ArrayList<>();
            index.removeIf(e -> {
                boolean leaves = e.published().isBefore(cutoff);
                if (leaves) {
                    leaving.add(e.articleId());
                }
                return leaves;
            });
            leaving.forEach(revisions::remove);
            heldCount = index.size();
            covered = cutoff;
        }
    }

    private void put(EditionEvidence evidence, int revision) {
        index.add(evidence);
        revisions.put(evidence.articleId(), revision);
        heldCount = index.size();
    }

    private void remove(String articleId) {
        if (revisions.remove(articleId) != null) {
            index.remove(articleId);
            heldCount = index.size();
        }
    }
}
