package org.wiregate.edition;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.ingest.WireItem;
import org.wiregate.ingest.WireParsers;
import org.wiregate.normalise.ArticleNormaliser;
import org.wiregate.source.MappingRegistry;

/**
 * Runs the edition linker over a labelled stream as the gateway meets it (in publication order,
 * each arrival against the other languages' articles of its window, agency edition-group ids kept
 * as they are) and scores every cross-language pair against the labels, per language pair, with
 * the suggestions an operator is left with.
 */
final class EditionEvaluation {

    static final Duration WINDOW = Duration.ofHours(24);
    static final List<String> PAIRS = List.of("en-ar", "en-es", "ar-es");

    /** Pairwise precision and recall. */
    record Scores(String name, int truePositives, int falsePositives, int falseNegatives) {

        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "%-9s precision %.3f  recall %.3f  (true links %d, wrong links %d, missed %d)",
                    name,
                    precision(),
                    recall(),
                    truePositives,
                    falsePositives,
                    falseNegatives);
        }
    }

    /** A stream's figures: all pairs, per language pair, pairs without agency ids, and operator load. */
    record Report(
            String stream,
            int items,
            Scores overall,
            Map<String, Scores> byPair,
            Scores automatic,
            Scores explicit,
            int openSuggestions,
            List<String> mistakes) {

        double suggestionsPer100() {
            return items == 0 ? 0 : 100.0 * openSuggestions / items;
        }

        String text() {
            StringBuilder out = new StringBuilder(String.format(
                    Locale.ROOT,
                    "== %s: %d items, %d open suggestions (%.1f per 100 items)%n",
                    stream,
                    items,
                    openSuggestions,
                    suggestionsPer100()));
            out.append("  ").append(overall.line()).append('\n');
            byPair.values().forEach(s -> out.append("  ").append(s.line()).append('\n'));
            out.append("  ").append(automatic.line()).append('\n');
            out.append("  ").append(explicit.line()).append('\n');
            return out.toString();
        }
    }

    /** What the linker did with a stream: the group of each document, and the pairs it suggested. */
    record Outcome(Map<String, String> groupOf, Set<String> suggested, Set<String> explicit) {}

    private EditionEvaluation() {}

    /** Each document's evidence, as the service extracts it. */
    static Map<String, EditionEvidence> evidence(EditionCorpus.Stream stream, NameFolding folding) {
        Map<String, EditionEvidence> evidence = new LinkedHashMap<>();
        stream.articles().forEach((key, article) -> evidence.put(key, EditionEvidence.of(article, folding)));
        return evidence;
    }

    static NameFolding folding() {
        return new NameFolding(NamesList.load(Path.of("mappings/names")));
    }

    static Report evaluate(EditionCorpus.Stream stream, Map<String, EditionEvidence> evidence, EditionLinker linker) {
        return score(stream, simulate(stream, evidence, linker));
    }

    /** The documents in the order they reach the gateway: publication time, then id. */
    static List<String> arrivalOrder(EditionCorpus.Stream stream) {
        List<String> keys = new ArrayList<>(stream.articles().keySet());
        keys.sort(Comparator.comparing((String k) -> stream.articles().get(k).firstPublished())
                .thenComparing(k -> k));
        return keys;
    }

    /** The other-language articles of an arrival's own window that arrived before it: what the model is trained on. */
    static List<EditionEvidence> candidates(EditionEvidence arrival, List<EditionEvidence> seen) {
        List<EditionEvidence> pool = new ArrayList<>();
        for (EditionEvidence e : seen) {
            if (e.language() != arrival.language() && EditionFeatures.withinWindow(arrival, e, WINDOW)) {
                pool.add(e);
            }
        }
        return pool;
    }

    /**
     * The other-language articles that arrived before it and that the service still holds (those
     * published less than two windows before the newest arrival, as {@link StoredWindow} keeps
     * them): the candidate list the scan is given. Only those within the arrival's own window are
     * scored; the rest count in the rarity of names and places, as in the service.
     */
    static List<EditionEvidence> candidates(EditionEvidence arrival, List<EditionEvidence> seen, Instant kept) {
        List<EditionEvidence> pool = new ArrayList<>();
        for (EditionEvidence e : seen) {
            if (e.language() != arrival.language() && !e.published().isBefore(kept)) {
                pool.add(e);
            }
        }
        return pool;
    }

    /** Sees, for each arrival, the plan of the window index and the plan of scanning the candidate list. */
    @FunctionalInterface
    interface ScanCheck {
        void compare(EditionEvidence arrival, EditionLinker.Plan indexed, EditionLinker.Plan scanned);
    }

    static Outcome simulate(EditionCorpus.Stream stream, Map<String, EditionEvidence> evidence, EditionLinker linker) {
        return simulate(stream, evidence, linker, null);
    }

    /**
     * Links each arrival against an {@link EditionWindow} kept as the service keeps it (articles enter
     * after they are linked, and leave once published two windows before the newest arrival); with {@code check}, also scans the
     * candidate list the way the index replaces, and hands both plans over.
     */
    static Outcome simulate(
            EditionCorpus.Stream stream, Map<String, EditionEvidence> evidence, EditionLinker linker, ScanCheck check) {
        Map<String, String> keyOfId = new HashMap<>();
        evidence.forEach((key, e) -> keyOfId.put(e.articleId(), key));
        List<EditionEvidence> seen = new ArrayList<>();
        EditionWindow index = new EditionWindow();
        Map<String, String> groups = new HashMap<>();
        Map<String, Set<Language>> members = new HashMap<>();
        Set<String> suggested = new LinkedHashSet<>();
        Set<String> explicit = new LinkedHashSet<>();
        Instant newest = Instant.MIN;
        for (String key : arrivalOrder(stream)) {
            Article article = stream.articles().get(key);
            EditionEvidence arrival = evidence.get(key);
            if (arrival.published().isAfter(newest)) {
                newest = arrival.published();
            }
            Instant kept = newest.minus(WINDOW.multipliedBy(2));
            index.removeIf(e -> e.published().isBefore(kept));
            if (article.editionGroup() != null) {
                String group = "explicit:" + article.editionGroup();
                groups.put(arrival.articleId(), group);
                members.computeIfAbsent(group, g -> EnumSet.noneOf(Language.class))
                        .add(arrival.language());
                explicit.add(key);
                seen.add(arrival);
                index.add(arrival);
                continue;
            }
            EditionLinker.Plan plan = linker.link(arrival, index, groups, members, Set.of());
            if (check != null) {
                check.compare(
                        arrival,
                        plan,
                        linker.link(arrival, candidates(arrival, seen, kept), groups, members, Set.of()));
            }
            plan.groupOf().forEach((articleId, group) -> {
                if (groups.putIfAbsent(articleId, group) == null) {
                    members.computeIfAbsent(group, g -> EnumSet.noneOf(Language.class))
                            .add(evidence.get(keyOfId.get(articleId)).language());
                }
            });
            for (EditionLinker.Match match : plan.matches()) {
                if (!match.linked()) {
                    suggested.add(EditionLinker.pairKey(key, keyOfId.get(match.candidateId())));
                }
            }
            seen.add(arrival);
            index.add(arrival);
        }
        Map<String, String> byKey = new HashMap<>();
        groups.forEach((articleId, group) -> byKey.put(keyOfId.get(articleId), group));
        return new Outcome(byKey, suggested, explicit);
    }

    static Report score(EditionCorpus.Stream stream, Outcome outcome) {
        List<String> keys = new ArrayList<>(stream.articles().keySet());
        keys.sort(String::compareTo);
        Map<String, int[]> tally = new LinkedHashMap<>();
        for (String name : List.of("overall", "en-ar", "en-es", "ar-es", "automatic", "explicit")) {
            tally.put(name, new int[3]);
        }
        List<String> mistakes = new ArrayList<>();
        Map<String, String> gold = stream.gold();
        Map<String, String> predicted = outcome.groupOf();
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                String a = keys.get(i);
                String b = keys.get(j);
                Language la = stream.articles().get(a).language();
                Language lb = stream.articles().get(b).language();
                if (la == lb) {
                    continue;
                }
                boolean shouldLink = gold.get(a) != null && gold.get(a).equals(gold.get(b));
                boolean linked = predicted.get(a) != null && predicted.get(a).equals(predicted.get(b));
                int cell = shouldLink && linked ? 0 : linked ? 1 : shouldLink ? 2 : -1;
                if (cell < 0) {
                    continue;
                }
                boolean bothExplicit =
                        outcome.explicit().contains(a) && outcome.explicit().contains(b);
                tally.get("overall")[cell]++;
                tally.get(pairName(la, lb))[cell]++;
                tally.get(bothExplicit ? "explicit" : "automatic")[cell]++;
                if (cell == 1) {
                    mistakes.add("wrong link: " + a + " ~ " + b);
                } else if (cell == 2) {
                    mistakes.add("missed:     " + a + " ~ " + b
                            + (outcome.suggested().contains(EditionLinker.pairKey(a, b)) ? " (suggested)" : ""));
                }
            }
        }
        int open = 0;
        for (String pair : outcome.suggested()) {
            String[] ends = pair.split("\\|");
            if (predicted.get(ends[0]) == null || !predicted.get(ends[0]).equals(predicted.get(ends[1]))) {
                open++;
            }
        }
        Map<String, Scores> byPair = new LinkedHashMap<>();
        for (String pair : PAIRS) {
            byPair.put(pair, scores(pair, tally.get(pair)));
        }
        return new Report(
                stream.name(),
                keys.size(),
                scores("overall", tally.get("overall")),
                byPair,
                scores("no ids", tally.get("automatic")),
                scores("agency ids", tally.get("explicit")),
                open,
                mistakes);
    }

    static String pairName(Language a, Language b) {
        Set<Language> pair = EnumSet.of(a, b);
        if (pair.equals(EnumSet.of(Language.EN, Language.AR))) {
            return "en-ar";
        }
        return pair.equals(EnumSet.of(Language.EN, Language.ES)) ? "en-es" : "ar-es";
    }

    private static Scores scores(String name, int[] t) {
        return new Scores(name, t[0], t[1], t[2]);
    }

    /**
     * Explicit links on the demo copy, whose story numbers come from file names and agency guids, not
     * from the edition-group ids the gateway reads: every pair with ids is linked, and only those.
     */
    static Scores explicitOnDemoCopy() {
        ArticleNormaliser normaliser = new ArticleNormaliser(new MappingRegistry(Path.of("mappings")));
        WireParsers parsers = new WireParsers();
        Map<String, Article> articles = new HashMap<>();
        Map<String, String> gold = new HashMap<>();
        for (Resource file : EditionCorpus.resources("classpath*:demo/*/*")) {
            String source = file.getFilename().endsWith(".json") ? "standard" : "demo";
            for (WireItem item : parsers.parse(EditionCorpus.bytes(file)).items()) {
                Article article = normaliser.normalise(item, source, Instant.EPOCH);
                articles.put(article.id().value(), article);
                gold.put(article.id().value(), storyNumber(file.getFilename(), item.guid()));
            }
        }
        int[] t = new int[3];
        List<String> keys = new ArrayList<>(articles.keySet());
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                Article a = articles.get(keys.get(i));
                Article b = articles.get(keys.get(j));
                if (a.language() == b.language()) {
                    continue;
                }
                boolean shouldLink = gold.get(keys.get(i)).equals(gold.get(keys.get(j)));
                boolean linked = a.editionGroup() != null && a.editionGroup().equals(b.editionGroup());
                if (shouldLink && linked) {
                    t[0]++;
                } else if (linked) {
                    t[1]++;
                } else if (shouldLink) {
                    t[2]++;
                }
            }
        }
        return scores("explicit (demo copy)", t);
    }

    /** Demo story number from the file name (en-07-...) or the agency guid (...-07, ...:07). */
    private static String storyNumber(String fileName, String guid) {
        if (fileName.startsWith("en-")) {
            return fileName.substring(3, 5);
        }
        return guid.substring(guid.length() - 2);
    }
}
