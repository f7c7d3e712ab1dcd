package org.wiregate.edition;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.ConfigurableApplicationContext;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.store.ArticleStore;
import org.wiregate.store.EditionRepository;
import org.wiregate.support.ArticleBuilder;

/**
 * Edition linking as the gateway does it, for bench/linking.sh: a gateway (Spring context, real
 * store) holds a window of 1,000 / 10,000 / 20,000 Arabic and Spanish candidates stored through
 * {@link ArticleStore}, and English arrivals, each stored first, are timed through {@link
 * EditionService#link} alone: the window kept in step with the store, the stories read for the
 * candidates that matter, groups assigned, suggestions and the change log written. Per window, 3
 * runs of 200 arrivals after 30 unmeasured ones; one line each: {@code live copies=… window=N run=R
 * arrivals/s=… wall-us p50/p99=… cpu-us-mean=… held=… linked-to-own-copy=…}.
 *
 * <p>The candidates are the labelled corpus's Arabic and Spanish articles copied: {@code distinct}
 * copies are different stories ({@link DistinctCopies}), as in a real window, and the English
 * arrival of copy n has its editions among them; {@code repeated} copies are the same hundred
 * stories over and over, the worst case, where every arrival has a hundred equally good candidates
 * per language. {@code linked-to-own-copy} says how many arrivals of a run linked and how many of
 * those to their own copy's editions: a check that the distinct copies are still editions of each
 * other, not a quality figure.
 *
 * <pre>java -cp … org.wiregate.edition.LiveLinkingTime JDBC_URL USER PASSWORD distinct|repeated WINDOW…</pre>
 */
public final class LiveLinkingTime {

    private static final int RUNS = 3;
    private static final int ARRIVALS = 200;
    private static final int WARMUP = 30;

    private LiveLinkingTime() {}

    public static void main(String[] args) throws Exception {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logs) {
            logs.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        List<Article> corpus = LinkingBenchmark.corpus();
        boolean distinct = switch (args[3]) {
            case "distinct" -> true;
            case "repeated" -> false;
            default -> throw new IllegalArgumentException("copies: distinct or repeated, not " + args[3]);
        };
        DistinctCopies copies = new DistinctCopies(corpus, EditionEvaluation.folding());
        List<Article> english =
                corpus.stream().filter(a -> a.language() == Language.EN).toList();
        List<Article> others =
                corpus.stream().filter(a -> a.language() != Language.EN).toList();
        Instant base = Instant.now().minusSeconds(3600);
        try (ConfigurableApplicationContext app = org.wiregate.bench.BenchGateway.start(
                Files.createTempDirectory("live-linking-inbox"), args[0], args[1], args[2])) {
            ArticleStore store = app.getBean(ArticleStore.class);
            EditionService linking = app.getBean(EditionService.class);
            EditionRepository editions = app.getBean(org.wiregate.store.EditionRepository.class);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            java.util.Map<String, Integer> copyOf = new java.util.HashMap<>();
            int stored = 0;
            int arrived = 0;
            for (String arg : Arrays.copyOfRange(args, 4, args.length)) {
                int window = Integer.parseInt(arg);
                for (; stored < window; stored++) {
                    int copy = stored / others.size();
                    Article original = others.get(stored % others.size());
                    String guid = "candidate-" + copy + "-" + original.id().value();
                    Article candidate =
                            distinct ? copies.copy(original, copy, SOURCE, guid, base) : repeat(original, guid, base);
                    store.save(candidate, null);
                    copyOf.put(candidate.id().value(), copy);
                }
                int copiesHeld = stored / others.size(); // copies 0..copiesHeld-1 are whole in the window
                for (int run = 0; run <= RUNS; run++) {
                    int n = run == 0 ? WARMUP : ARRIVALS;
                    long[] wall = new long[n];
                    long cpu = 0;
                    int linked = 0;
                    int ownCopy = 0;
                    for (int i = 0; i < n || linking.windowSize() < window; i++) {
                        // an English edition of a copy held whole, each (story, copy) arriving once
                        Article original = english.get(arrived % english.size());
                        int copy = (arrived / english.size()) % copiesHeld;
                        String guid = "arrival-" + arrived++ + "-" + copy;
                        Article arrival = distinct
                                ? copies.copy(original, copy, SOURCE, guid, base)
                                : repeat(original, guid, base);
                        store.save(arrival, null);
                        long cpu0 = threads.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        linking.link(arrival.id());
                        if (i >= n) {
                            continue; // the window's catch-up looks at the store at most once a second: not yet whole
                        }
                        wall[i] = System.nanoTime() - t0;
                        cpu += threads.getCurrentThreadCpuTime() - cpu0;
                        String group = editions.find(arrival.id())
                                .map(EditionRepository.Grouped::group)
                                .orElse(null);
                        if (group != null) {
                            linked++;
                            if (editions.members(group).stream()
                                    .filter(id -> !id.equals(arrival.id()))
                                    .allMatch(id -> Integer.valueOf(copy).equals(copyOf.get(id.value())))) {
                                ownCopy++;
                            }
                        }
                    }
                    if (run == 0) {
                        continue; // warm-up, and the first arrival reads the window
                    }
                    long total = Arrays.stream(wall).sum();
                    Arrays.sort(wall);
                    System.out.printf(
                            Locale.ROOT,
                            "live copies=%s window=%d run=%d arrivals/s=%.1f wall-us-p50=%d wall-us-p99=%d"
                                    + " cpu-us-mean=%d held=%d linked-to-own-copy=%d/%d%n",
                            args[3],
                            window,
                            run,
                            n / (total / 1e9),
                            wall[n / 2] / 1000,
                            wall[(int) Math.ceil(n * 0.99) - 1] / 1000,
                            cpu / n / 1000,
                            linking.windowSize(),
                            ownCopy,
                            linked);
                }
            }
        }
    }

    private static final String SOURCE = "live-linking";

    private static Article repeat(Article article, String guid, Instant published) {
        return ArticleBuilder.from(article)
                .wire(SOURCE, guid)
                .editionGroup(null)
                .publishedAt(published)
                .build();
    }
}
