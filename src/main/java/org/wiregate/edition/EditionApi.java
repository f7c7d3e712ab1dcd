package org.wiregate.edition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wiregate.article.ArticleId;
import org.wiregate.web.OperatorAuth;

/**
 * Operators' say over edition links: list suggestions, confirm or reject them, link two articles
 * or unlink one from its group by hand. Every decision is recorded with who and when, and the
 * matcher never undoes it (a pair kept apart is never proposed again). The decisions themselves
 * are {@link EditionDecisions}, shared with the ops page.
 */
@RestController
class EditionApi {

    /** {@code {"articles": ["<id>", "<id>"]}} */
    record Pair(List<String> articles) {}

    private final EditionDecisions decisions;
    private final OperatorAuth operators;

    EditionApi(EditionDecisions decisions, OperatorAuth operators) {
        this.decisions = decisions;
        this.operators = operators;
    }

    @GetMapping("/ops/editions/suggestions")
    List<Map<String, Object>> suggestions(
            @RequestHeader(value = "Authorization", required = false) String authorization) {
        operators.require(authorization, false);
        return decisions.openSuggestions().stream()
                .map(s -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("id", s.id());
                    view.put("articles", List.of(describe(s.a()), describe(s.b())));
                    view.put("score", s.score());
                    view.put("suggestedAt", s.suggestedAt().toString());
                    return view;
                })
                .toList();
    }

    @PostMapping("/ops/editions/suggestions/{id}/confirm")
    Map<String, Object> confirm(
            @PathVariable long id,
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestHeader(value = "X-Operator", required = false) String operator) {
        operators.require(authorization, true);
        return Map.of("suggestion", id, "group", decisions.confirm(id, OperatorAuth.actor(operator)));
    }

    @PostMapping("/ops/editions/suggestions/{id}/reject")
    Map<String, Object> reject(
            @PathVariable long id,
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestHeader(value = "X-Operator", required = false) String operator) {
        operators.require(authorization, true);
        decisions.reject(id, OperatorAuth.actor(operator));
        return Map.of("suggestion", id, "kept", "apart");
    }

    @PostMapping("/ops/editions/link")
    Map<String, Object> linkByHand(
            @RequestBody Pair pair,
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestHeader(value = "X-Operator", required = false) String operator) {
        operators.require(authorization, true);
        if (pair.articles() == null || pair.articles().size() != 2) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "give exactly two article ids");
        }
        return Map.of(
                "group",
                decisions.link(id(pair.articles().get(0)), id(pair.articles().get(1)), OperatorAuth.actor(operator)));
    }

    @PostMapping("/ops/editions/{articleId}/unlink")
    Map<String, Object> unlink(
            @PathVariable String articleId,
            @RequestHeader(value = "Authorization", required = false) String authorization,
            @RequestHeader(value = "X-Operator", required = false) String operator) {
        operators.require(authorization, true);
        return Map.of("article", articleId, "group", decisions.unlink(id(articleId), OperatorAuth.actor(operator)));
    }

    private static Map<String, Object> describe(EditionDecisions.Edition edition) {
        return Map.of("id", edition.id(), "language", edition.language(), "headline", edition.headline());
    }

    private static ArticleId id(String value) {
        try {
            return new ArticleId(value);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not an article id: " + value);
        }
    }
}
