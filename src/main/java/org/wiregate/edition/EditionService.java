package org.wiregate.edition;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Language;
import org.wiregate.article.Status;
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
    private final Duration window;
    private final IngestMetrics metrics;
    /** Evidence per article revision: extracting it parses HTML, and every arrival scores the whole window. */
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
            IngestMetrics metrics) {
        this.editions = editions;
        this.changes = changes;
        this.metrics = metrics;
        this.events = events;
        this.clock = clock;
        this.window = settings.window();
        this.folding = new NameFolding(NamesList.load(mappings.resolve("names")));
        this.linker = settings.linker();
    }

    @Transactional
    public void link(ArticleId id) {
        Grouped stored = editions.find(id).orElse(null);
        if (stored == null || stored.group() != null || stored.article().status() != Status.USABLE) {
            return; // explicit, already linked, or not publishable: nothing to find
        }
        Article article = stored.article();
        List<EditionRepository.CandidateRef> candidates = editions.candidateRefs(
                article.language(),
                article.firstPublished().minus(window),
                article.firstPublished().plus(window));
        Map<String, String> groups = new HashMap<>();
        List<EditionEvidence> pool = new ArrayList<>(candidates.size());
        for (EditionRepository.CandidateRef candidate : candidates) {
            EditionEvidence known = evidence.get(evidenceKey(candidate.id(), candidate.revision()));
            if (known == null) {
                // Not seen since start (or evicted): read the document once and keep its evidence.
                Article document =
                        editions.find(candidate.id()).map(Grouped::article).orElse(null);
                if (document == null) {
                    continue;
                }
                known = evidenceOf(document);
            }
            pool.add(known);
            if (candidate.group() != null) {
                groups.put(candidate.id().value(), candidate.group());
            }
        }
        Map<String, Set<Language>> members = editions.languagesOf(new HashSet<>(groups.values()));
        EditionLinker.Plan plan = linker.link(evidenceOf(article), pool, groups, members, editions.keptApart(id));

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

    private EditionEvidence evidenceOf(Article article) {
        return evidence.computeIfAbsent(
                evidenceKey(article.id(), article.revision()), key -> EditionEvidence.of(article, folding));
    }

    private static String evidenceKey(ArticleId id, int revision) {
        return id.value() + "#" + revision;
    }
}
