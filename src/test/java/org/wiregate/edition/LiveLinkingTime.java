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
import org.wiregate.support.ArticleBuilder;

/**
 * Edition linking as the gateway does it, for bench/linking.sh: a gateway (Spring context, real
 * store) holds a window of 1,000 / 10,000 / 20,000 Arabic and Spanish candidates (the labelled
 * corpus repeated under new ids, stored through {@link ArticleStore}), and English arrivals, each
 * stored first, are timed through {@link EditionService#link} alone: the window kept in step with
 * the store, the stories read for the candidates that matter, groups assigned, suggestions and the
 * change log written. Per window, 3 runs of 200 arrivals after 30 unmeasured ones; one line each:
 * {@code live window=N run=R arrivals/s=… wall-us p50/p99=… cpu-us-mean=… held=…}.
 *
 * <pre>java -cp … org.wiregate.edition.LiveLinkingTime JDBC_URL USER PASSWORD WINDOW…</pre>
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
        List<Article> english =
                corpus.stream().filter(a -> a.language() == Language.EN).toList();
        List<Article> others =
                corpus.stream().filter(a -> a.language() != Language.EN).toList();
        Instant base = Instant.now().minusSeconds(3600);
        try (ConfigurableApplicationContext app = org.wiregate.bench.BenchGateway.start(
                Files.createTempDirectory("live-linking-inbox"), args[0], args[1], args[2])) {
            ArticleStore store = app.getBean(ArticleStore.class);
            EditionService linking = app.getBean(EditionService.class);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            int stored = 0;
            int arrived = 0;
            for (String arg : Arrays.copyOfRange(args, 3, args.length)) {
                int window = Integer.parseInt(arg);
                for (; stored < window; stored++) {
                    store.save(copy(others.get(stored % others.size()), "candidate-" + stored, base), null);
                }
                // the window's catch-up looks at the store at most once a second: link unmeasured arrivals until it has
                while (linking.windowSize() < window) {
                    Article arrival = copy(english.get(arrived % english.size()), "arrival-" + arrived++, base);
                    store.save(arrival, null);
                    linking.link(arrival.id());
                }
                for (int run = 0; run <= RUNS; run++) {
                    int n = run == 0 ? WARMUP : ARRIVALS;
                    long[] wall = new long[n];
                    long cpu = 0;
                    for (int i = 0; i < n; i++) {
                        Article arrival = copy(english.get(arrived % english.size()), "arrival-" + arrived++, base);
                        store.save(arrival, null);
                        long cpu0 = threads.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        linking.link(arrival.id());
                        wall[i] = System.nanoTime() - t0;
                        cpu += threads.getCurrentThreadCpuTime() - cpu0;
                    }
                    if (run == 0) {
                        continue; // warm-up, and the first arrival reads the window
                    }
                    long total = Arrays.stream(wall).sum();
                    Arrays.sort(wall);
                    System.out.printf(
                            Locale.ROOT,
                            "live window=%d run=%d arrivals/s=%.1f wall-us-p50=%d wall-us-p99=%d cpu-us-mean=%d held=%d%n",
                            window,
                            run,
                            n / (total / 1e9),
                            wall[n / 2] / 1000,
                            wall[(int) Math.ceil(n * 0.99) - 1] / 1000,
                            cpu / n / 1000,
                            linking.windowSize());
                }
            }
        }
    }

    private static Article copy(Article article, String guid, Instant published) {
        return ArticleBuilder.from(article)
                .wire("live-linking", guid)
                .editionGroup(null)
                .publishedAt(published)
                .build();
    }
}
