package org.wiregate.edition;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;
import org.wiregate.article.ArticleId;
import org.wiregate.store.ArticleChanged;
import org.wiregate.store.ChangeLog;
import org.wiregate.store.EditionRepository;
import org.wiregate.store.EditionRepository.Grouped;

/**
 * Operators' decisions on edition links, whoever asks (the JSON API or the ops page): confirm or
 * reject a suggestion, link two articles or unlink one. Every decision is recorded with who and
 * when; failures are {@link ResponseStatusException}s (404 unknown, 409 conflicting).
 */
@Component
public class EditionDecisions {

    /** One side of a suggestion, as an operator reads it. */
    public record Edition(String id, String language, String headline) {}

    /** An open suggestion with both editions. */
    public record OpenSuggestion(long id, Edition a, Edition b, double score, Instant suggestedAt) {}

    private final EditionRepository editions;
    private final ChangeLog changes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public EditionDecisions(
            EditionRepository editions, ChangeLog changes, ApplicationEventPublisher events, Clock clock) {
        this.editions = editions;
        this.changes = changes;
        this.events = events;
        this.clock = clock;
    }

    /** Open suggestions, best score first, with both headlines; never one naming a killed or embargoed story. */
    public List<OpenSuggestion> openSuggestions() {
        return editions.openSuggestionsVisibleAt(clock.instant()).stream()
                .map(s -> new OpenSuggestion(
                        s.id(), describe(s.a()), describe(s.b()), Math.round(s.score() * 100) / 100.0, s.createdAt()))
                .toList();
    }

    /** Links the suggested pair; returns the group they are in. */
    @Transactional
    public String confirm(long suggestionId, String actor) {
        EditionRepository.Suggestion suggestion = openSuggestion(suggestionId);
        String group = link(suggestion.a(), suggestion.b(), actor);
        editions.closeSuggestion(suggestionId, "confirmed");
        return group;
    }

    /** Keeps the suggested pair apart, for good. */
    @Transactional
    public void reject(long suggestionId, String actor) {
        EditionRepository.Suggestion suggestion = openSuggestion(suggestionId);
        editions.decide(suggestion.a(), suggestion.b(), "unlink", actor, clock.instant());
        editions.closeSuggestion(suggestionId, "rejected");
    }

    /** Puts b in a's group (or both in a new one); refused when b's language is already in that group. */
    @Transactional
    public String link(ArticleId a, ArticleId b, String actor) {
        Grouped first = grouped(a);
        Grouped second = grouped(b);
        if (first.article().language() == second.article().language()) {
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT,
                    "both articles are in " + first.article().language().code()
                            + ": editions are in different languages");
        }
        String group =
                first.group() != null && !first.group().startsWith("solo-") ? first.group() : "manual-" + a.value();
        for (ArticleId member : editions.members(group)) {
            if (!member.equals(a)
                    && !member.equals(b)
                    && grouped(member).article().language() == second.article().language()) {
                throw new ResponseStatusException(
                        HttpStatus.CONFLICT,
                        "the group already has a " + second.article().language().code() + " edition (" + member.value()
                                + "); unlink it first");
            }
        }
        editions.assign(a, group, "operator");
        editions.assign(b, group, "operator");
        editions.decide(a, b, "link", actor, clock.instant());
        changes.editionsChanged(editions.members(group), clock.instant());
        events.publishEvent(ArticleChanged.editionsOf(first.article()));
        return group;
    }

    /** Takes an article out of its group (keeping it apart from every former sibling); returns its new group or "none". */
    @Transactional
    public String unlink(ArticleId id, String actor) {
        Grouped article = grouped(id);
        if (article.group() == null) {
            return "none";
        }
        List<ArticleId> former = editions.members(article.group());
        for (ArticleId sibling : former) {
            if (!sibling.equals(id)) {
                editions.decide(id, sibling, "unlink", actor, clock.instant());
            }
        }
        editions.assign(id, "solo-" + id.value(), "operator");
        events.publishEvent(ArticleChanged.editionsOf(article.article()));
        // Its former editions lose their link to it: their feeds change too, and after this they are no group of its.
        for (ArticleId sibling : former) {
            if (!sibling.equals(id)) {
                editions.find(sibling).ifPresent(s -> events.publishEvent(ArticleChanged.editionsOf(s.article())));
            }
        }
        return "solo-" + id.value();
    }

    private EditionRepository.Suggestion openSuggestion(long id) {
        EditionRepository.Suggestion suggestion = editions.suggestion(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no suggestion " + id));
        if (!"open".equals(suggestion.status())) {
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT, "suggestion " + id + " is already " + suggestion.status());
        }
        return suggestion;
    }

    private Edition describe(ArticleId id) {
        Grouped g = grouped(id);
        return new Edition(
                id.value(), g.article().language().code(), g.article().headline());
    }

    private Grouped grouped(ArticleId id) {
        return editions.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no article " + id));
    }
}
