package org.wiregate.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wiregate.article.Language;
import org.wiregate.partner.PartnerAdmin;
import org.wiregate.publish.FeedFormat;
import org.wiregate.publish.FeedService;
import org.wiregate.publish.FeedSlice;
import org.wiregate.store.ArticleChanged;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.ArticleScope;
import org.wiregate.store.ChangeLog;
import org.wiregate.store.EditionRepository;
import org.wiregate.store.StoreOutcome;

/**
 * Uncached render times against an archive loaded by {@code store.ArchiveLoader}, for bench/archive.sh:
 * the gateway (a Spring context on the loaded database, on a real port) answers each request right
 * after every kept page was dropped, over HTTP. Prints one line per URL:
 * {@code name p50_ms p99_ms max_ms bytes cpu_p50_ms cpu_p99_ms}, the last two the CPU time of the
 * same uncached render called in-process (FeedService for feeds, the change log and edition links
 * for the delta), which a busy machine disturbs far less than wall time.
 *
 * <pre>java -cp … org.wiregate.bench.ArchiveRenders JDBC_URL USER PASSWORD RENDERS</pre>
 */
public final class ArchiveRenders {

    private static final int WARMUP = 30;

    private ArchiveRenders() {}

    public static void main(String[] args) throws Exception {
        DemoCorpus.quietLogging();
        String url = args[0];
        int renders = Integer.parseInt(args[3]);
        try (ConfigurableApplicationContext app = BenchGateway.start(
                java.nio.file.Path.of(
                        System.getProperty("java.io.tmpdir") + "/archive-bench-inbox-" + UUID.randomUUID()),
                url,
                args[1],
                args[2])) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            String base = "http://127.0.0.1:" + port;
            String key = app.getBean(PartnerAdmin.class)
                    .create(
                            "bench-" + UUID.randomUUID().toString().substring(0, 8),
                            new PartnerAdmin.Contract("Archive bench", null, 1_000_000, 1_000_000),
                            "bench")
                    .key()
                    .token();
            Runnable evict = evictor(app);
            // The hour before the archive's newest change, not before now: an archive measured again
            // hours after its load (REUSE=1) gives the delta the same changes to read.
            Instant sinceInstant = app.getBean(JdbcClient.class)
                    .sql("SELECT MAX(changed_at) FROM article_change")
                    .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                    .single()
                    .minus(Duration.ofHours(1));
            String since = URLEncoder.encode(sinceInstant.toString(), StandardCharsets.UTF_8);
            FeedService feeds = app.getBean(FeedService.class);
            ChangeLog changes = app.getBean(ChangeLog.class);
            EditionRepository editions = app.getBean(EditionRepository.class);
            Map<String, Runnable> inProcess = new LinkedHashMap<>();
            inProcess.put("main", () -> feeds.feed(Language.EN, FeedSlice.ALL, FeedFormat.RSS, 1));
            inProcess.put(
                    "tag", () -> feeds.feed(Language.ES, FeedSlice.tag("tema-3").orElseThrow(), FeedFormat.RSS, 1));
            inProcess.put("page5", () -> feeds.feed(Language.EN, FeedSlice.ALL, FeedFormat.JSON, 5));
            inProcess.put("delta", () -> {
                List<ChangeLog.Entry> page = changes.after(0, sinceInstant, ArticleScope.PUBLIC, 50);
                editions.publishedSiblings(
                        page.stream().map(e -> e.article().id()).toList(), ArticleScope.PUBLIC, Instant.now());
            });
            List<Runnable> cpuRuns = new ArrayList<>(inProcess.values());
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            int targetIndex = 0;
            Map<String, String> targets = new LinkedHashMap<>();
            targets.put("main /feeds/en.rss", "/feeds/en.rss");
            targets.put("tag /feeds/es/tag/tema-3.rss", "/feeds/es/tag/tema-3.rss");
            targets.put("page5 /feeds/en.json?page=5", "/feeds/en.json?page=5");
            targets.put("delta /api/partner/articles?since=1h", "/api/partner/articles?limit=50&since=" + since);
            HttpClient http = HttpClient.newHttpClient();
            System.out.println(
                    "# articles stored: " + app.getBean(ArticleRepository.class).count());
            System.out.println("# waited " + BenchGateway.awaitEditionWindow(Duration.ofMinutes(10))
                    + " ms for the edition window's start-up read before measuring");
            for (Map.Entry<String, String> target : targets.entrySet()) {
                for (int i = 0; i < WARMUP; i++) {
                    evict.run();
                    get(http, base + target.getValue(), key);
                }
                long[] nanos = new long[renders];
                int bytes = 0;
                for (int i = 0; i < renders; i++) {
                    evict.run();
                    long start = System.nanoTime();
                    bytes = get(http, base + target.getValue(), key);
                    nanos[i] = System.nanoTime() - start;
                }
                Arrays.sort(nanos);
                Runnable render = cpuRuns.get(targetIndex++);
                long[] cpu = new long[renders];
                for (int i = 0; i < renders; i++) {
                    evict.run();
                    long start = threads.getCurrentThreadCpuTime();
                    render.run();
                    cpu[i] = threads.getCurrentThreadCpuTime() - start;
                }
                Arrays.sort(cpu);
                System.out.printf(
                        Locale.ROOT,
                        "%s\t%.2f\t%.2f\t%.2f\t%d\t%.2f\t%.2f%n",
                        target.getKey(),
                        rank(nanos, 0.50),
                        rank(nanos, 0.99),
                        nanos[nanos.length - 1] / 1e6,
                        bytes,
                        rank(cpu, 0.50),
                        rank(cpu, 0.99));
            }
        }
    }

    /** Nearest-rank percentile, in ms. */
    private static double rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static int get(HttpClient http, String url, String key) throws Exception {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", key).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body().length;
    }

    /**
     * Drops every kept page: {@code FeedService.evictAll()}, or on a gateway from before it existed
     * (for before/after figures) the whole-cache eviction its change listener did.
     */
    private static Runnable evictor(ConfigurableApplicationContext app) throws Exception {
        FeedService feeds = app.getBean(FeedService.class);
        List<Object> listeners = new ArrayList<>();
        try {
            Method evictAll = FeedService.class.getMethod("evictAll");
            return () -> invoke(evictAll, feeds);
        } catch (NoSuchMethodException before) {
            listeners.add(feeds);
            listeners.add(app.getBean(Class.forName("org.wiregate.publish.ContractFeedRenders")));
        }
        ArticleChanged change = new ArticleChanged(
                app.getBean(ArticleRepository.class)
                        .findPublished(Language.EN, Instant.now(), 1, 0)
                        .get(0),
                StoreOutcome.UPDATED);
        List<Runnable> calls = new ArrayList<>();
        for (Object listener : listeners) {
            Method on = AopUtils.getTargetClass(listener).getDeclaredMethod("onArticleChanged", ArticleChanged.class);
            on.setAccessible(true);
            calls.add(() -> invoke(on, listener, change));
        }
        return () -> calls.forEach(Runnable::run);
    }

    private static void invoke(Method method, Object target, Object... args) {
        try {
            method.invoke(target, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
