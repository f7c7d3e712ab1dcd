package org.wiregate.edition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.ingest.WireItem;
import org.wiregate.ingest.WireParsers;
import org.wiregate.normalise.ArticleNormaliser;
import org.wiregate.source.MappingRegistry;

/**
 * Runs the edition linker over the labelled corpus (src/test/resources/editions) as the gateway
 * would meet it, in publication order, and scores every cross-language pair: linked or not, against
 * the labels. Explicit links are scored on the demo copy, whose story numbers come from file names
 * and agency guids, not from the edition-group ids the linker reads.
 */
final class EditionEvaluation {

    /** Pairwise precision, recall and F1, and the pairs behind them. */
    record Scores(String name, int truePositives, int falsePositives, int falseNegatives, List<String> mistakes) {

        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "%-10s precision %.3f  recall %.3f  F1 %.3f  (true links %d, wrong links %d, missed %d)",
                    name,
                    precision(),
                    recall(),
                    f1(),
                    truePositives,
                    falsePositives,
                    falseNegatives);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private EditionEvaluation() {}

    static Scores automatic(EditionLinker linker, NameFolding folding) {
        ArticleNormaliser normaliser = new ArticleNormaliser(new MappingRegistry(Path.of("mappings")));
        WireParsers parsers = new WireParsers();
        Map<String, Article> articles = new HashMap<>();
        for (Resource file : resources("classpath*:editions/corpus/*.json")) {
            WireItem item = parsers.parse(bytes(file)).items().get(0);
            articles.put(
                    file.getFilename().replace(".json", ""), normaliser.normalise(item, "standard", Instant.EPOCH));
        }
        Map<String, String> gold = new HashMap<>();
        for (Resource labels : resources("classpath*:editions/labels-*.json")) {
            JsonNode root = read(labels);
            int n = 0;
            for (JsonNode group : root.path("groups")) {
                String id = labels.getFilename() + "#" + n++;
                group.forEach(member -> gold.put(member.asText(), id));
            }
        }
        Map<String, String> predicted = simulate(articles, linker, folding);
        return score("automatic", articles, gold, predicted);
    }

    static Scores explicit() {
        ArticleNormaliser normaliser = new ArticleNormaliser(new MappingRegistry(Path.of("mappings")));
        WireParsers parsers = new WireParsers();
        Map<String, Article> articles = new HashMap<>();
        Map<String, String> gold = new HashMap<>();
        for (Resource file : resources("classpath*:demo/*/*")) {
            String source = file.getFilename().endsWith(".json") ? "standard" : "demo";
            for (WireItem item : parsers.parse(bytes(file)).items()) {
                Article article = normaliser.normalise(item, source, Instant.EPOCH);
                String key = article.id().value();
                articles.put(key, article);
                gold.put(key, storyNumber(file.getFilename(), item.guid()));
            }
        }
        Map<String, String> predicted = new HashMap<>();
        articles.forEach((key, article) -> {
            if (article.editionGroup() != null) {
                predicted.put(key, article.editionGroup());
            }
        });
        return score("explicit", articles, gold, predicted);
    }

    /** Feeds the articles to the linker in publication order, as they would arrive. */
    static Map<String, String> simulate(Map<String, Article> articles, EditionLinker linker, NameFolding folding) {
        List<Map.Entry<String, Article>> arrivals = new ArrayList<>(articles.entrySet());
        arrivals.sort(Comparator.comparing(
                        (Map.Entry<String, Article> e) -> e.getValue().firstPublished())
                .thenComparing(Map.Entry::getKey));
        Map<String, String> keyOfId = new HashMap<>();
        List<EditionEvidence> seen = new ArrayList<>();
        Map<String, String> groups = new HashMap<>();
        Map<String, Set<Language>> members = new HashMap<>();
        for (Map.Entry<String, Article> arrival : arrivals) {
            EditionEvidence evidence = EditionEvidence.of(arrival.getValue(), folding);
            keyOfId.put(evidence.articleId(), arrival.getKey());
            EditionLinker.Plan plan = linker.link(evidence, seen, groups, members, Set.of());
            plan.groupOf().forEach((articleId, group) -> {
                groups.put(articleId, group);
                Language language = articleId.equals(evidence.articleId())
                        ? evidence.language()
                        : seen.stream()
                                .filter(e -> e.articleId().equals(articleId))
                                .findFirst()
                                .orElseThrow()
                                .language();
                members.computeIfAbsent(group, g -> EnumSet.noneOf(Language.class))
                        .add(language);
            });
            seen.add(evidence);
        }
        Map<String, String> byKey = new HashMap<>();
        groups.forEach((articleId, group) -> byKey.put(keyOfId.get(articleId), group));
        return byKey;
    }

    private static Scores score(
            String name, Map<String, Article> articles, Map<String, String> gold, Map<String, String> predicted) {
        List<String> keys = new ArrayList<>(articles.keySet());
        keys.sort(String::compareTo);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        List<String> mistakes = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                String a = keys.get(i);
                String b = keys.get(j);
                if (articles.get(a).language() == articles.get(b).language()) {
                    continue;
                }
                boolean shouldLink = gold.get(a) != null && gold.get(a).equals(gold.get(b));
                boolean linked = predicted.get(a) != null && predicted.get(a).equals(predicted.get(b));
                if (shouldLink && linked) {
                    tp++;
                } else if (linked) {
                    fp++;
                    mistakes.add("wrong link: " + a + " ~ " + b);
                } else if (shouldLink) {
                    fn++;
                    mistakes.add("missed:     " + a + " ~ " + b);
                }
            }
        }
        return new Scores(name, tp, fp, fn, mistakes);
    }

    /** Demo story number from the file name (en-07-...) or the agency guid (...-07, ...:07). */
    private static String storyNumber(String fileName, String guid) {
        if (fileName.startsWith("en-")) {
            return fileName.substring(3, 5);
        }
        return guid.substring(guid.length() - 2);
    }

    private static List<Resource> resources(String pattern) {
        try {
            List<Resource> found =
                    new ArrayList<>(List.of(new PathMatchingResourcePatternResolver().getResources(pattern)));
            found.sort(Comparator.comparing(Resource::getFilename));
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Resource resource) {
        try {
            return JSON.readTree(bytes(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
