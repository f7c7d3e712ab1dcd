package org.wiregate.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.springframework.context.ConfigurableApplicationContext;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.PayloadRepository;

/**
 * A backlog of 10,000 items waiting in the inbox when the gateway starts (an agency link restored
 * after an outage): the whole app drains it from files to the store. Reports items/s and the heap
 * used after a full GC at each quarter of the drain, which must stay flat (nothing per item is
 * retained). Run by bench/run.sh; writes the markdown table to the file named by its argument.
 */
public final class BacklogDrain {

    private static final int NINJS_FILES = 5_000;
    private static final int FEED_FILES_PER_FORMAT = 417; // 6 items each: about 2,500 RSS and 2,500 Atom items

    private BacklogDrain() {}

    public static void main(String[] args) throws Exception {
        DemoCorpus.quietLogging();
        Path out = Path.of(args.length > 0 ? args[0] : "bench/work/backlog.md");
        Path work = Files.createTempDirectory("wiregate-backlog");
        Path inbox = work.resolve("inbox");
        int items = writeBacklog(inbox);

        Instant start = Instant.now();
        List<String> heapRows = new ArrayList<>();
        try (ConfigurableApplicationContext app = BenchGateway.start(
                inbox,
                "jdbc:h2:file:" + work.resolve("data/wiregate")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                null,
                null)) {
            ArticleRepository articles = app.getBean(ArticleRepository.class);
            PayloadRepository payloads = app.getBean(PayloadRepository.class);
            long[] heapAtQuarter = new long[5];
            int[] nextQuarter = {1};
            // Polls progress; at each quarter of the drain, records the heap left after a full GC.
            Awaitility.await()
                    .atMost(Duration.ofMinutes(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        long stored = articles.count();
                        while (nextQuarter[0] <= 4 && stored >= (long) items * nextQuarter[0] / 4) {
                            long heap = heapAfterGc();
                            heapAtQuarter[nextQuarter[0]] = heap;
                            heapRows.add("| " + (25 * nextQuarter[0]) + "% | " + stored + " | " + payloads.count()
                                    + " | " + mib(heap) + " |");
                            nextQuarter[0]++;
                        }
                        return stored >= items;
                    });
            long firstHeap = heapAtQuarter[1];
            long lastHeap = heapAtQuarter[4];
            Duration took = Duration.between(start, Instant.now());
            double perSecond = items / (took.toMillis() / 1000.0);
            String report = String.format(
                    Locale.ROOT,
                    """
                    ## Backlog drain: %,d items waiting in the inbox at start

                    %,d ninjs files (1 item each), %d RSS and %d Atom files (6 items each), all from the demo copy with
                    unique guids; the whole gateway (file consumer, capture, parse, normalise, store on H2) drains them.

                    - drained in %.1f s = **%,.0f items/s** end to end (including start-up of the routes)
                    - heap after full GC, last quarter / first quarter = **%.2fx** (flat means nothing per item is retained)

                    | progress | articles stored | payloads kept | heap after GC |
                    |---|---|---|---|
                    %s
                    """,
                    items,
                    NINJS_FILES,
                    FEED_FILES_PER_FORMAT,
                    FEED_FILES_PER_FORMAT,
                    took.toMillis() / 1000.0,
                    perSecond,
                    (double) lastHeap / firstHeap,
                    String.join("\n", heapRows));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report, StandardCharsets.UTF_8);
            System.out.println(report);
        }
    }

    /** Copies of the demo copy with guids made unique, as files in the inbox. */
    private static int writeBacklog(Path inbox) throws IOException {
        List<byte[]> ninjs = DemoCorpus.files(DemoCorpus.NINJS);
        List<byte[]> rss = DemoCorpus.files(DemoCorpus.RSS);
        List<byte[]> atom = DemoCorpus.files(DemoCorpus.ATOM);
        Path standard = Files.createDirectories(inbox.resolve(DemoCorpus.NINJS_SOURCE));
        Path demo = Files.createDirectories(inbox.resolve(DemoCorpus.SYNDICATION_SOURCE));
        int items = 0;
        for (int i = 0; i < NINJS_FILES; i++) {
            String json = new String(ninjs.get(i % ninjs.size()), StandardCharsets.UTF_8)
                    .replaceFirst("\"uri\"\\s*:\\s*\"([^\"]+)\"", "\"uri\": \"$1-backlog-" + i + "\"");
            Files.writeString(standard.resolve("backlog-" + i + ".json"), json, StandardCharsets.UTF_8);
            items++;
        }
        for (int i = 0; i < FEED_FILES_PER_FORMAT; i++) {
            String feed = new String(rss.get(i % rss.size()), StandardCharsets.UTF_8)
                    .replaceAll(
                            "<guid isPermaLink=\"false\">([^<]+)</guid>",
                            "<guid isPermaLink=\"false\">$1-backlog-" + i + "</guid>");
            Files.writeString(demo.resolve("backlog-" + i + ".rss.xml"), feed, StandardCharsets.UTF_8);
            String entries = new String(atom.get(i % atom.size()), StandardCharsets.UTF_8)
                    .replaceAll("<entry>\\s*<id>([^<]+)</id>", "<entry><id>$1-backlog-" + i + "</id>");
            Files.writeString(demo.resolve("backlog-" + i + ".atom.xml"), entries, StandardCharsets.UTF_8);
            items += occurrences(feed, "<item>") + occurrences(entries, "<entry>");
        }
        return items;
    }

    private static int occurrences(String text, String tag) {
        int count = 0;
        for (int at = text.indexOf(tag); at >= 0; at = text.indexOf(tag, at + 1)) {
            count++;
        }
        return count;
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
