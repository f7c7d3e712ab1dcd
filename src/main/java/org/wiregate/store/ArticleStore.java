package org.wiregate.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wiregate.article.Article;
import org.wiregate.store.ArticleRepository.StoredVersion;

/**
 * The version gate: stores an article version if it is new or newer, in one transaction with the
 * idempotency key (the article id). Same version again changes nothing; an older one is ignored.
 */
@Service
public class ArticleStore {

    private static final Logger log = LoggerFactory.getLogger(ArticleStore.class);

    private final ArticleRepository articles;
    private final ChangeLog changes;
    private final ArticleListings listings;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public ArticleStore(
            ArticleRepository articles,
            ChangeLog changes,
            ArticleListings listings,
            ApplicationEventPublisher events,
            Clock clock) {
        this.articles = articles;
        this.changes = changes;
        this.listings = listings;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public StoreOutcome save(Article draft, Long payloadId) {
        Instant now = clock.instant();
        String versionKey = versionKey(draft);
        if (!articles.claimVersion(draft, versionKey, payloadId, now)) {
            return StoreOutcome.UNCHANGED; // this very version was stored before, here or by another instance
        }
        StoreOutcome outcome = apply(draft, payloadId, now);
        articles.recordVersionOutcome(draft, versionKey, outcome);
        return outcome;
    }

    private StoreOutcome apply(Article draft, Long payloadId, Instant now) {
        Optional<StoredVersion> stored = articles.lockVersion(draft.id());
        if (stored.isEmpty()) {
            Article first = draft.withRevision(1);
            if (articles.insertIfAbsent(first, ArticleDocuments.contentHash(first), payloadId, now)) {
                changes.append(first, now);
                listings.record(first, now);
                events.publishEvent(new ArticleChanged(first, StoreOutcome.CREATED));
                return StoreOutcome.CREATED;
            }
            stored = articles.lockVersion(draft.id()); // another instance created it a moment ago
        }
        StoredVersion current = stored.orElseThrow();
        int order = compare(draft, current);
        if (order < 0) {
            log.info(
                    "Ignored late version {} of {} ({}): stored version {} is newer",
                    label(draft.wire().agencyVersion(), draft.updated()),
                    draft.id(),
                    draft.wire().guid(),
                    label(current.agencyVersion(), current.updated()));
            return StoreOutcome.STALE;
        }
        Article next = carryCorrection(keepFirstPublished(draft, current), current);
        String hash = ArticleDocuments.contentHash(next);
        if (hash.equals(current.contentHash()) || (order == 0 && draft.wire().agencyVersion() != null)) {
            return StoreOutcome.UNCHANGED;
        }
        next = next.withRevision(current.revision() + 1);
        articles.update(next, hash, payloadId, now);
        changes.append(next, now);
        listings.record(next, now);
        events.publishEvent(new ArticleChanged(next, StoreOutcome.UPDATED, current.article()));
        return StoreOutcome.UPDATED;
    }

    /**
     * The idempotency key of a version: the agency's version label, or for copy without one (RSS,
     * Atom) its update time and content, so an edit without a new time is still a new version.
     */
    static String versionKey(Article draft) {
        if (draft.wire().agencyVersion() != null) {
            return "v:" + draft.wire().agencyVersion();
        }
        return "t:" + draft.updated() + ":"
                + ArticleDocuments.contentHash(draft).substring(0, 16);
    }

    /** A correction note stays with the article until a later correction replaces it. */
    private static Article carryCorrection(Article draft, StoredVersion stored) {
        return draft.correctionNote() == null && stored.correctionNote() != null
                ? draft.withCorrectionNote(stored.correctionNote())
                : draft;
    }

    /**
     * Newer means a higher agency version when both carry a numeric one, else a later version time.
     * RSS and Atom carry no version, so an edit there is a later {@code updated} or changed content.
     */
    static int compare(Article draft, StoredVersion stored) {
        Optional<Long> incoming = number(draft.wire().agencyVersion());
        Optional<Long> current = number(stored.agencyVersion());
        if (incoming.isPresent() && current.isPresent() && !incoming.get().equals(current.get())) {
            return Long.compare(incoming.get(), current.get());
        }
        return draft.updated().compareTo(stored.updated());
    }

    private static Article keepFirstPublished(Article draft, StoredVersion stored) {
        return stored.firstPublished().isBefore(draft.firstPublished())
                ? draft.withFirstPublished(stored.firstPublished())
                : draft;
    }

    private static Optional<Long> number(String version) {
        if (version == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(version.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String label(String version, Instant updated) {
        return (version == null ? "" : "v" + version + " ") + "of " + updated;
    }
}
