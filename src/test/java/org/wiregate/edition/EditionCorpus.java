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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.wiregate.article.Article;
import org.wiregate.ingest.WireItem;
import org.wiregate.ingest.WireParsers;
import org.wiregate.normalise.ArticleNormaliser;
import org.wiregate.source.MappingRegistry;

/**
 * The labelled corpora as streams a fresh gateway would meet: the old corpus (tuning), corpus-b's
 * tuning part and corpus-b's frozen test part ({@link CorpusSplit}), each with its gold stories.
 */
final class EditionCorpus {

    /** One stream: documents by id, and the gold story of each document in a group (others stand alone). */
    record Stream(String name, CorpusSplit.Part part, Map<String, Article> articles, Map<String, String> gold) {

        boolean isEmpty() {
            return articles.isEmpty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private EditionCorpus() {}

    static Stream old() {
        Map<String, Article> articles = load("classpath*:editions/corpus/*.json", id -> true);
        Map<String, String> gold = new LinkedHashMap<>();
        for (Resource labels : resources("classpath*:editions/labels-*.json")) {
            gold.putAll(groups(read(labels), labels.getFilename()));
        }
        return new Stream("old corpus", CorpusSplit.Part.TUNING, articles, gold);
    }

    /** Corpus-b's documents of one part; empty when the corpus is not there (yet). */
    static Stream corpusB(CorpusSplit.Part part) {
        // only this part's files are read at all: tuning never parses a frozen document
        Map<String, Article> articles =
                load("classpath*:editions/corpus-b/docs/*.json", id -> CorpusSplit.ofCorpusB(id) == part);
        Map<String, String> gold = new LinkedHashMap<>();
        for (Resource labels : resources("classpath*:editions/corpus-b/labels.json")) {
            groups(read(labels), "b").forEach((id, story) -> {
                if (CorpusSplit.ofCorpusB(id) == part) {
                    gold.put(id, story);
                }
            });
        }
        String name = part == CorpusSplit.Part.TUNING ? "corpus-b tuning (odd)" : "corpus-b FROZEN TEST (even)";
        return new Stream(name, part, articles, gold);
    }

    /** Every stream that may be tuned on. */
    static List<Stream> tuning() {
        return List.of(old(), corpusB(CorpusSplit.Part.TUNING));
    }

    private static Map<String, String> groups(JsonNode root, String prefix) {
        Map<String, String> gold = new LinkedHashMap<>();
        int n = 0;
        for (JsonNode group : root.path("groups")) {
            String story = prefix + "#" + n++;
            group.forEach(member -> gold.put(member.asText(), story));
        }
        return gold;
    }

    private static Map<String, Article> load(String pattern, java.util.function.Predicate<String> wanted) {
        ArticleNormaliser normaliser = new ArticleNormaliser(new MappingRegistry(Path.of("mappings")));
        WireParsers parsers = new WireParsers();
        Map<String, Article> articles = new LinkedHashMap<>();
        for (Resource file : resources(pattern)) {
            if (!wanted.test(file.getFilename().replace(".json", ""))) {
                continue;
            }
            WireItem item = parsers.parse(bytes(file)).items().get(0);
            articles.put(
                    file.getFilename().replace(".json", ""), normaliser.normalise(item, "standard", Instant.EPOCH));
        }
        return articles;
    }

    static List<Resource> resources(String pattern) {
        try {
            List<Resource> found =
                    new ArrayList<>(List.of(new PathMatchingResourcePatternResolver().getResources(pattern)));
            found.sort(Comparator.comparing(Resource::getFilename));
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Resource resource) {
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
