package org.wiregate.edition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.ingest.WireParsers;
import org.wiregate.normalise.ArticleNormaliser;
import org.wiregate.source.MappingRegistry;

/**
 * The cost of linking one arriving article against the window of stored articles in the other
 * languages, for windows of 1,000 to 20,000 candidates (the corpus repeated with distinct ids), kept
 * in an {@link EditionWindow} as the gateway keeps it: each operation links the arrival through the
 * index, then one article leaves the window and one enters (so the index upkeep is paid too). Time
 * per arrival should grow no worse than linearly with the window; items/s = 1 / that time. Evidence
 * is extracted once per stored article (the service caches it), so this measures linking.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dfile.encoding=UTF-8"})
@State(Scope.Benchmark)
public class LinkingBenchmark {

    @Param({"1000", "10000", "20000"})
    public int window;

    private EditionLinker linker;
    private EditionEvidence arrival;
    private List<EditionEvidence> others;
    private List<EditionEvidence> candidates;
    private EditionWindow index;
    private int turnover;

    @Setup
    public void load() throws IOException {
        NameFolding folding = new NameFolding(NamesList.load(Path.of("mappings/names")));
        linker = EditionLinker.of(EditionModel.shipped(), Duration.ofDays(3650));
        List<Article> corpus = corpus();
        Article english = corpus.stream()
                .filter(a -> a.language() == Language.EN)
                .findFirst()
                .orElseThrow();
        arrival = EditionEvidence.of(english, folding);
        others = corpus.stream()
                .filter(a -> a.language() != Language.EN)
                .map(a -> EditionEvidence.of(a, folding))
                .toList();
        candidates = new ArrayList<>(window);
        index = new EditionWindow();
        for (int i = 0; i < window; i++) {
            candidates.add(copy(others.get(i % others.size()), i));
            index.add(candidates.get(i));
        }
        int related = index.read(
                () -> index.related(arrival, index.counts(arrival, arrival)).size());
        System.out.printf(
                "window %d: %d candidates share evidence with the arrival (%d distinct articles repeated)%n",
                window, related, others.size());
    }

    /** The labelled corpus's articles (103 stories' editions), normalised as the gateway stores them. */
    static List<Article> corpus() throws IOException {
        ArticleNormaliser normaliser = new ArticleNormaliser(new MappingRegistry(Path.of("mappings")));
        WireParsers parsers = new WireParsers();
        List<Article> corpus = new ArrayList<>();
        for (Resource file :
                new PathMatchingResourcePatternResolver().getResources("classpath*:editions/corpus/*.json")) {
            try (InputStream in = file.getInputStream()) {
                corpus.add(normaliser.normalise(
                        parsers.parse(in.readAllBytes()).items().get(0), "standard", Instant.EPOCH));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return corpus;
    }

    private static EditionEvidence copy(EditionEvidence e, int i) {
        return new EditionEvidence(
                e.articleId() + "-" + i,
                e.language(),
                e.published(),
                e.images(),
                e.numbers(),
                e.names(),
                e.concepts(),
                e.dates(),
                e.dateline(),
                e.section(),
                e.regions());
    }

    @Benchmark
    public EditionLinker.Plan linkOneArrival() {
        Map<String, String> groups = new HashMap<>();
        EditionLinker.Plan plan = linker.link(arrival, index, groups, Map.of(), Set.of());
        // the oldest candidate leaves, a copy of it enters under a new id: the window keeps its size
        int slot = turnover++ % candidates.size();
        EditionEvidence leaving = candidates.get(slot);
        index.remove(leaving.articleId());
        EditionEvidence entering = copy(others.get(slot % others.size()), window + turnover);
        candidates.set(slot, entering);
        index.add(entering);
        return plan;
    }
}
