package org.wiregate.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.edition.EvidenceBuilder.anEvidence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Language;

/**
 * The window index gives the decisions of scanning the whole candidate list: on every labelled
 * stream, arrival by arrival, and in the cases the index takes a shortcut (ties, the lead check, a
 * scorer without a skip bound, articles leaving).
 */
class EditionWindowTest {

    private final EditionLinker shipped = EditionLinker.of(EditionModel.shipped(), EditionEvaluation.WINDOW);

    @Test
    void theIndexDecidesEveryArrivalOfTheCorporaAsTheScanDoes() {
        NameFolding folding = EditionEvaluation.folding();
        List<EditionCorpus.Stream> streams = new ArrayList<>(EditionCorpus.tuning());
        streams.add(EditionCorpus.corpusB(CorpusSplit.Part.FROZEN));
        AtomicInteger arrivals = new AtomicInteger();
        AtomicInteger linked = new AtomicInteger();
        List<String> differences = new ArrayList<>();
        for (EditionCorpus.Stream stream : streams) {
            EditionEvaluation.simulate(
                    stream, EditionEvaluation.evidence(stream, folding), shipped, (arrival, indexed, scanned) -> {
                        arrivals.incrementAndGet();
                        linked.addAndGet(indexed.groupOf().size());
                        if (!indexed.equals(scanned)) {
                            differences.add(arrival.articleId() + ": index " + indexed + " scan " + scanned);
                        }
                    });
        }
        assertThat(arrivals.get()).as("arrivals without an agency group").isGreaterThan(100);
        assertThat(linked.get()).as("articles the plans group").isGreaterThan(100);
        assertThat(differences).isEmpty();
    }

    @Test
    void equalScoresGoToTheCandidateThatEnteredFirstAsInTheScan() {
        EditionEvidence english = anEvidence()
                .id("en")
                .language(Language.EN)
                .mentions("Ahmed Al-Sharaa")
                .figures("13")
                .build();
        EditionWindow window = new EditionWindow();
        List<EditionEvidence> list = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            EditionEvidence copy = anEvidence()
                    .id("ar-" + i)
                    .language(Language.AR)
                    .mentions("Ahmed Al-Sharaa")
                    .figures("13")
                    .build();
            window.add(copy);
            list.add(copy);
        }
        window.add(anEvidence().id("es-unrelated").language(Language.ES).build());
        list.add(anEvidence().id("es-unrelated").language(Language.ES).build());

        EditionLinker.Plan indexed = shipped.link(english, window, Map.of(), Map.of(), Set.of());
        EditionLinker.Plan scanned = shipped.link(english, list, Map.of(), Map.of(), Set.of());

        assertThat(indexed).isEqualTo(scanned);
        assertThat(indexed.matches()).isNotEmpty();
        assertThat(indexed.matches().get(0).candidateId()).isEqualTo("ar-0");
    }

    @Test
    void whatTheIndexAddsUpIsWhatComparingThePairFinds() {
        NameFolding folding = EditionEvaluation.folding();
        int compared = 0;
        for (EditionCorpus.Stream stream : EditionCorpus.tuning()) {
            List<EditionEvidence> all =
                    new ArrayList<>(EditionEvaluation.evidence(stream, folding).values());
            EditionWindow window = new EditionWindow();
            all.forEach(window::add);
            for (EditionEvidence arrival : all) {
                EditionFeatures.Counts df = window.read(() -> window.counts(arrival, arrival));
                EditionWindow.Related related = window.read(() -> window.related(arrival, df));
                Set<String> found = new java.util.HashSet<>();
                for (int slot = 0; slot < related.size(); slot++) {
                    EditionEvidence candidate = related.member(slot).evidence();
                    found.add(candidate.articleId());
                    assertThat(related.shared(slot))
                            .as("%s and %s", arrival.articleId(), candidate.articleId())
                            .isEqualTo(EditionFeatures.shared(arrival, candidate, df));
                    compared++;
                }
                // and it finds exactly the candidates sharing evidence
                List<String> sharing = all.stream()
                        .filter(c -> c.language() != arrival.language())
                        .filter(c -> EditionFeatures.shareEvidence(arrival, c))
                        .map(EditionEvidence::articleId)
                        .toList();
                assertThat(found).containsExactlyInAnyOrderElementsOf(sharing);
            }
        }
        assertThat(compared).as("pairs compared").isGreaterThan(1000);
    }

    @Test
    void rarityCountsFollowArticlesEnteringAndLeaving() {
        EditionEvidence english = anEvidence()
                .id("en")
                .language(Language.EN)
                .mentions("Ahmed Al-Sharaa")
                .places("SY")
                .build();
        EditionWindow window = new EditionWindow();
        List<EditionEvidence> list = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            EditionEvidence e = anEvidence()
                    .id("c" + i)
                    .language(i % 2 == 0 ? Language.AR : Language.ES)
                    .mentions(i < 4 ? "Ahmed Al-Sharaa" : "Someone Else")
                    .places(i % 3 == 0 ? "SY" : "LB")
                    .build();
            window.add(e);
            list.add(e);
        }
        window.add(anEvidence()
                .id("en-2")
                .language(Language.EN)
                .mentions("Ahmed Al-Sharaa")
                .build());
        window.remove("c1");
        list.remove(1);
        window.add(list.get(0)); // a new revision of c0: enters again, counted once

        list.add(list.remove(0));
        for (EditionEvidence of : List.of(english, list.get(0), list.get(list.size() - 1))) {
            List<EditionEvidence> pool = new ArrayList<>(list);
            pool.add(english);
            EditionFeatures.Counts scanned = EditionFeatures.documentFrequency(of, pool);
            EditionFeatures.Counts indexed = window.read(() -> window.counts(of, english));
            assertThat(indexed.names()).containsExactly(scanned.names());
            assertThat(indexed.concepts()).containsExactly(scanned.concepts());
        }
        assertThat(window.read(() ->
                        window.related(english, window.counts(english, english)).members()))
                .extracting(m -> m.evidence().articleId())
                .containsExactlyInAnyOrder("c2", "c3", "c0");
        assertThat(window.size()).isEqualTo(6);
    }

    @Test
    void whenALeadMustBeCheckedTheUnrelatedCandidatesAreScoredAsInTheScan() {
        Map<String, Double> table = new HashMap<>();
        EditionLinker.PairScorer scorer =
                (a, b, df) -> table.getOrDefault(EditionLinker.pairKey(a.articleId(), b.articleId()), 0.01);
        // a skip bound of 0.2 under suggestAt 0.3, and a margin the bound cannot guarantee
        EditionLinker linker =
                new EditionLinker(scorer, Duration.ofHours(24), new EditionModel.Thresholds(0.6, 0.3, 0.75), 0.2);
        EditionEvidence english = anEvidence()
                .id("en")
                .language(Language.EN)
                .mentions("Ahmed Al-Sharaa")
                .build();
        EditionEvidence arabic = anEvidence()
                .id("ar")
                .language(Language.AR)
                .mentions("Ahmed Al-Sharaa")
                .build();
        EditionEvidence unrelated = anEvidence().id("ar2").language(Language.AR).build();
        table.put(EditionLinker.pairKey("en", "ar"), 0.9);
        table.put(EditionLinker.pairKey("en", "ar2"), 0.5);
        EditionWindow window = new EditionWindow();
        window.add(arabic);
        window.add(unrelated);

        EditionLinker.Plan indexed = linker.link(english, window, Map.of(), Map.of(), Set.of());

        assertThat(indexed).isEqualTo(linker.link(english, List.of(arabic, unrelated), Map.of(), Map.of(), Set.of()));
        assertThat(indexed.matches())
                .singleElement()
                .satisfies(m -> assertThat(m.linked()).isFalse());
    }

    @Test
    void aScorerWithoutASkipBoundScoresTheWholeWindow() {
        EditionLinker linker = new EditionLinker(
                (a, b, df) -> b.articleId().equals("ar2") ? 0.9 : 0.01,
                Duration.ofHours(24),
                new EditionModel.Thresholds(0.6, 0.3, 0.1));
        EditionEvidence english = anEvidence()
                .id("en")
                .language(Language.EN)
                .published(Instant.parse("2026-12-01T12:00:00Z"))
                .build();
        EditionWindow window = new EditionWindow();
        List<EditionEvidence> list = new ArrayList<>();
        for (String id : List.of("ar1", "ar2", "es1")) {
            EditionEvidence e = anEvidence()
                    .id(id)
                    .language(id.startsWith("ar") ? Language.AR : Language.ES)
                    .published(Instant.parse("2026-12-01T10:00:00Z"))
                    .build();
            window.add(e);
            list.add(e);
        }
        EditionEvidence late = anEvidence()
                .id("ar-late")
                .language(Language.AR)
                .published(Instant.parse("2026-12-09T10:00:00Z"))
                .build();
        window.add(late);
        list.add(late);

        EditionLinker.Plan indexed = linker.link(english, window, Map.of(), Map.of(), Set.of());

        assertThat(indexed).isEqualTo(linker.link(english, list, Map.of(), Map.of(), Set.of()));
        assertThat(indexed.groupOf()).containsOnlyKeys("en", "ar2");
    }
}
