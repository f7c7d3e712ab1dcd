package org.wiregate.edition;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wiregate.article.ArticleId;
import org.wiregate.ops.OperatorAuth;
import org.wiregate.store.ArticleChanged;
import org.wiregate.store.EditionRepository;
import org.wiregate.store.EditionRepository.Grouped;
import org.wiregate.store.StoreOutcome;

/**
 * Operators' say over edition links: list suggestions, confirm or reject them, link two articles
 * or unlink one from its group by hand. Every decision is recorded with who and when, and the
 * matcher never undoes it (a pair kept apart is never proposed again).
 */
@RestController
class EditionApi {

    /** {@code {"articles": ["<id>", "<id>"]}} */
    record Pair(List<String> articles) {
    }

    private final EditionRepository editions;
    private final OperatorAuth operators;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EditionApi(EditionRepository editions, OperatorAuth operators, ApplicationEventPublisher events, Clock clock) {
        this.editions = editions;
        this.operators = operators;
        this.events = events;
        this.clock = clock;
    }

    @GetMapping("/ops/editions/suggestions")
    List<Map<String, Object>> suggestions(@RequestHeader(value = "Authorization", required = false) String authorization) {
        operators.require(authorization, false);
        return editions.suggestions("open").stream().map(s -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", s.id());
            view.put("articles", List.of(describe(s.a()), describe(s.b())));
            view.put("score", Math.round(s.score() * 100) / 100.0);
            view.put("suggestedAt", s.createdAt().toString());
            return view;
        }).toList();
    }

    @PostMapping("/ops/editions/suggestions/{id}/confirm")
    @Transactional
    Map<String, Object> confirm(@PathVariable long id, @RequestHeader(value = "Authorization", required = false) String authorization,
                                @RequestHeader(value = "X-Operator", required = false) String operator) {
        operators.require(authorization, true);
        EditionRepository.Suggestion suggestion = openSuggestion(id);
        String group = link(suggestion.a(), suggestion.b(), OperatorAuth.actor(operator));
        editions.closeSuggestion(id, "confirmed");
        return Map.of("suggestion", id, "group", group);
    }

    @PostMapping("/ops/editions/suggestions/{id}/reject")
    @Transactional
    Map<String, Object> reject(@PathVariable long id, @RequestHeader(value = "Authorization", required = false) String authorization,
                               @RequestHeader(value = "X-Operator", required = false) String operator) {
        operators.require(authorization, true);
        EditionRepository.Suggestion suggestion = openSuggestion(id);
        editions.decide(suggestion.a(), suggestion.b(), "unlink", OperatorAuth.actor(operator), clock.instant());
        editions.closeSuggestion(id, "rejected");
        return Map.of("suggestion", id, "kept", "apart");
    }

    @PostMapping("/ops/editions/link")
    @Transactional
    Map<String, Object> linkByHand(@RequestBody Pair pair, @RequestHeader(value = "Authorization", required = false) String authorization,
                                   @RequestHeader(value = "X-Operator", required = false) String operator) {
        operators.require(authorization, true);
        if (pair.articles() == null || pair.articles().size() != 2) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "give exactly two article ids");
        }
        return Map.of("group", link(id(pair.articles().get(0)), id(pair.articles().get(1)), OperatorAuth.actor(operator)));
    }

    @PostMapping("/ops/editions/{articleId}/unlink")
    @Transactional
    Map<String, Object> unlink(@PathVariable String articleId,
                               @RequestHeader(value = "Authorization", required = false) String authorization,
                               @RequestHeader(value = "X-Operator", required = false) String operator) {
        operators.require(authorization, true);
        ArticleId id = id(articleId);
        Grouped article = grouped(id);
        if (article.group() == null) {
            return Map.of("article", articleId, "group", "none");
        }
        for (ArticleId sibling : editions.members(article.group())) {
            if (!sibling.equals(id)) {
                editions.decide(id, sibling, "unlink", OperatorAuth.actor(operator), clock.instant());
            }
        }
        editions.assign(id, "solo-" + id.value(), "operator");
        events.publishEvent(new ArticleChanged(article.article(), StoreOutcome.UPDATED));
        return Map.of("article", articleId, "group", "solo-" + id.value());
    }

    /** Puts b in a's group (or both in a new one); refused when b's language is already in that group. */
    private String link(ArticleId a, ArticleId b, String actor) {
        Grouped first = grouped(a);
        Grouped second = grouped(b);
        if (first.article().language() == second.article().language()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "both articles are in " + first.article().language().code()
                    + ": editions are in different languages");
        }
        String group = first.group() != null && !first.group().startsWith("solo-") ? first.group() : "manual-" + a.value();
        for (ArticleId member : editions.members(group)) {
            if (!member.equals(a) && !member.equals(b)
                    && grouped(member).article().language() == second.article().language()) {
                throw new ResponseStatusException(HttpStatus.CONFLICT, "the group already has a "
                        + second.article().language().code() + " edition (" + member.value() + "); unlink it first");
            }
        }
        editions.assign(a, group, "operator");
        editions.assign(b, group, "operator");
        editions.decide(a, b, "link", actor, clock.instant());
        events.publishEvent(new ArticleChanged(first.article(), StoreOutcome.UPDATED));
        return group;
    }

    private EditionRepository.Suggestion openSuggestion(long id) {
        EditionRepository.Suggestion suggestion = editions.suggestion(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no suggestion " + id));
        if (!"open".equals(suggestion.status())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "suggestion " + id + " is already " + suggestion.status());
        }
        return suggestion;
    }

    private Map<String, Object> describe(ArticleId id) {
        Grouped g = grouped(id);
        return Map.of("id", id.value(), "language", g.article().language().code(), "headline", g.article().headline());
    }

    private Grouped grouped(ArticleId id) {
        return editions.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no article " + id));
    }

    private static ArticleId id(String value) {
        try {
            return new ArticleId(value);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not an article id: " + value);
        }
    }
}
