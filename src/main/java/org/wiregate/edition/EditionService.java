package org.wiregate.edition;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Language;
import org.wiregate.article.Status;
import org.wiregate.cluster.AnnouncementsMissed;
import org.wiregate.ingest.IngestMetrics;
import org.wiregate.store.ArticleChanged;
import org.wiregate.store.ChangeLog;
import org.wiregate.store.EditionRepository;
import org.wiregate.store.EditionRepository.Grouped;

/**
 * The {@code link-editions} stage: after an article is stored, finds its English, Arabic and
 * Spanish editions. Explicit groups (from the agency) are kept as they are; an article without one
 * is matched against the other languages' articles of the window, links when the match is clear
 * and leaves a suggestion for an operator when it is only likely.
 */
@Service("editionLinking")
public class EditionService {

    private static final Logger log = LoggerFactory.getLogger(EditionService.class);
    private static final int EVIDENCE_CACHE = 50_000;

    private final EditionRepository editions;
    private final ChangeLog changes;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final NameFolding folding;
    private final EditionLinker linker;
    private final StoredWindow window;
    private final IngestMetrics metrics;
    private final boolean warmUpAtStart;
    private final TransactionTemplate warmUpTransaction;
    /**
     * Evidence per article revision: extracting it parses HTML; kept for articles read into the
     * window again (a revision, a reload after missed announcements).
     */
    private final Map<String, EditionEvidence> evidence =
            Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, EditionEvidence> eldest) {
                    return size() > EVIDENCE_CACHE;
                }
            });

    public EditionService(
            EditionRepository editions,
            ChangeLog changes,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${gateway.mappings:mappings}") Path mappings,
            EditionProperties settings,
            IngestMetrics metrics,
            PlatformTransactionManager transactions) {
        this.editions = editions;
        this.changes = changes;
        this.metrics = metrics;
        this.events = events;
        this.clock = clock;
        this.folding = new NameFolding(NamesList.load(mappings.resolve("names")));
        this.linker = settings.linker();
        this.warmUpAtStart = settings.warmUpAtStart();
        this.warmUpTransaction = new TransactionTemplate(transactions);
        this.warmUpTransaction.setReadOnly(true);
        this.window = new StoredWindow(editions, clock, settings.window(), settings.upkeep(), this::evidenceOf);
    }

    /**
     * Links a stored article with its other editions. Nested: inside a payload's transaction it runs
     * in a savepoint, so a failure here (logged by the pipeline, the article published unlinked)
     * undoes only the linking and leaves the transaction usable (PostgreSQL refuses every statement
     * after a failed one until a rollback).
     */
    @Transactional(propagation = Propagation.NESTED)
    public void link(ArticleId id) {
        Grouped stored = editions.find(id).orElse(null);
        if (stored == null || stored.article().status() != Status.USABLE) {
            window.forget(id.value()); // killed or withheld: no edition of anything
            return;
        }
        Article article = stored.article();
        EditionWindow index = window.readyFor(article.firstPublished());
        if (stored.group() == null) {
            linkToWindow(article, index);
        }
        // explicit or not, it is a candidate for what comes next, once this transaction holds
        admitAfterCommit(article);
    }

    private void linkToWindow(Article article, EditionWindow index) {
        ArticleId id = article.id();
        EditionLinker.Plan plan = linker.link(evidenceOf(article), index, new StoredStories(), editions.keptApart(id));

        Instant now = clock.instant();
        metrics.editionsLinked((int)
                plan.matches().stream().filter(EditionLinker.Match::linked).count());
        plan.groupOf()
                .forEach((articleId, group) -> editions.assignIfUngrouped(new ArticleId(articleId), group, "auto"));
        for (EditionLinker.Match match : plan.matches()) {
            if (match.linked()) {
                log.info(
                        "Linked {} ({}) with {} ({}), score {}",
                        id,
                        article.language().code(),
                        match.candidateId(),
                        match.language().code(),
                        String.format(Locale.ROOT, "%.2f", match.score()));
            } else {
                editions.suggest(id, new ArticleId(match.candidateId()), match.score(), now);
            }
        }
        if (!plan.groupOf().isEmpty()) {
            // Partners get every edition of the story again, now with its siblings; no operator needed for it.
            for (String group : new HashSet<>(plan.groupOf().values())) {
                changes.editionsChanged(editions.members(group), now);
                editions.closeSuggestionsWithin(group);
            }
            events.publishEvent(ArticleChanged.editionsOf(article));
        }
    }

    private void admitAfterCommit(Article article) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    admit(article);
                }
            });
        } else {
            admit(article);
        }
    }

    /**
     * After the commit the article is stored whatever happens here, and a failure must not reach the
     * payload's route (it would quarantine copy that is published): the next arrival that needs the
     * window reads it from the store.
     */
    private void admit(Article article) {
        try {
            window.admit(article);
        } catch (RuntimeException e) {
            log.warn(
                    "{}: not admitted to the edition window ({}); the window is read again",
                    article.id(),
                    e.toString());
            window.reset();
        }
    }

    /**
     * Once the gateway has started, reads the window in the background. Until it is held, an arrival
     * that needs it waits for it, as it would have read it itself; but a gateway restarted ahead of
     * its next copy no longer makes that copy, and every file queued behind it, wait the read.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUpWhenStarted() {
        if (!warmUpAtStart) {
            return;
        }
        Thread reader = new Thread(this::warmUp, "edition-window-warm-up");
        reader.setDaemon(true);
        reader.start();
    }

    /** Reads the window now; a failure is logged and left to the first arrival, which reads it again. */
    void warmUp() {
        long started = System.nanoTime();
        try {
            // One connection, taken before the window's lock: arrivals hold theirs while they wait for
            // that lock, and a read borrowing one per query behind it could find the pool empty.
            int held = warmUpTransaction.execute(status -> window.warmUp());
            log.info(
                    "Edition window ready: {} articles held, read in {} ms",
                    held,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("Edition window not read at start ({}); the first arrival reads it", e.toString());
        }
    }

    /** Another instance's announcements may have been missed: the window is read from the store again. */
    @EventListener
    void onAnnouncementsMissed(AnnouncementsMissed missed) {
        window.reset();
    }

    /** Articles held in the window now (the gauge of its size). */
    public int windowSize() {
        return window.size();
    }

    /**
     * The stories as the store has them, read for the candidates an arrival is scored against (in
     * one go, from the linker's hint) and kept for the rest of that arrival.
     */
    private final class StoredStories implements Stories {
        private final Map<String, String> groupOf = new HashMap<>();
        private final Map<String, Set<Language>> languages = new HashMap<>();
        private final Map<String, List<String>> members = new HashMap<>();

        @Override
        public void prefetch(Collection<String> articleIds) {
            List<String> unknown = articleIds.stream()
                    .filter(i -> !groupOf.containsKey(i))
                    .distinct()
                    .toList();
            Map<String, String> found = editions.groupsOf(unknown);
            unknown.forEach(i -> groupOf.put(i, found.get(i)));
            List<String> groups = found.values().stream()
                    .filter(g -> !languages.containsKey(g))
                    .distinct()
                    .toList();
            Map<String, Set<Language>> present = editions.languagesOf(groups);
            groups.forEach(g -> languages.put(g, present.getOrDefault(g, Set.of())));
        }

        @Override
        public String groupOf(String articleId) {
            if (!groupOf.containsKey(articleId)) {
                prefetch(List.of(articleId));
            }
            return groupOf.get(articleId);
        }

        @Override
        public Set<Language> languagesOf(String group) {
            return languages.computeIfAbsent(
                    group, g -> editions.languagesOf(List.of(g)).getOrDefault(g, Set.of()));
        }

        @Override
        public List<String> membersOf(String group) {
            return members.computeIfAbsent(
                    group,
                    g -> editions.members(g).stream().map(ArticleId::value).toList());
        }
    }

    private EditionEvidence evidenceOf(Article article) {
        // Not computeIfAbsent: on a synchronized map it would hold the lock while the HTML is parsed,
        // and a window read computes evidence on both cores at once.
        String key = evidenceKey(article.id(), article.revision());
        EditionEvidence known = evidence.get(key);
        if (known != null) {
            return known;
        }
        EditionEvidence made = EditionEvidence.of(article, folding);
        EditionEvidence raced = evidence.putIfAbsent(key, made);
        return raced != null ? raced : made;
    }

    private static String evidenceKey(ArticleId id, int revision) {
        return id.value() + "#" + revision;
    }
}
