package org.wiregate.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.wiregate.ingest.ParsedPayload;
import org.wiregate.ingest.WireItem;
import org.wiregate.ingest.WireParsers;
import org.wiregate.normalise.ArticleNormaliser;

/**
 * Ingest throughput in items per second, per demo format: the gateway path (format detection,
 * parse to WireItems, normalise every item to an Article: mapping, HTML sanitising, slug, reading
 * time) against a bare parse of the same bytes (Jackson readTree for ninjs, Rome SyndFeedInput for
 * RSS and Atom). One invocation reads all the files of a format, {@value #ITEMS} items, so the
 * score is items/s. Gateway and baseline of a format sort next to each other and so run back to
 * back, which keeps machine drift between the two halves of a ratio small.
 *
 * <p>Ten one-second warmup iterations: on two shared cores the jsoup and Rome paths were still
 * getting faster after three (C2 competes with the benchmark thread for CPU); the slowest to
 * settle, the RSS/Atom gateway ingest, levels off about 10 s in. Both classes together run in
 * about three and a half minutes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dfile.encoding=UTF-8"})
@State(Scope.Benchmark)
public class IngestBenchmark {

    /** Items per format in the demo copy: 12 ninjs files, 2 RSS and 2 Atom feeds of 6 items each. */
    static final int ITEMS = 12;

    private final WireParsers parsers = new WireParsers();
    private final ObjectMapper jackson = new ObjectMapper();
    private ArticleNormaliser normaliser;
    private List<byte[]> ninjs;
    private List<byte[]> rss;
    private List<byte[]> atom;

    @Setup
    public void load() {
        DemoCorpus.quietLogging();
        normaliser = DemoCorpus.normaliser();
        ninjs = DemoCorpus.files(DemoCorpus.NINJS);
        rss = DemoCorpus.files(DemoCorpus.RSS);
        atom = DemoCorpus.files(DemoCorpus.ATOM);
        check("ninjs", ninjs, DemoCorpus.NINJS_SOURCE);
        check("RSS", rss, DemoCorpus.SYNDICATION_SOURCE);
        check("Atom", atom, DemoCorpus.SYNDICATION_SOURCE);
    }

    /** The score is only items/s if every format really has ITEMS items, all of which normalise. */
    private void check(String format, List<byte[]> files, String source) {
        int items = DemoCorpus.articles(parsers, normaliser, files, source).size();
        if (items != ITEMS) {
            throw new IllegalStateException("the " + format + " demo copy has " + items + " items, the benchmark counts "
                    + ITEMS + ": update IngestBenchmark.ITEMS and @OperationsPerInvocation");
        }
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void ninjsGateway(Blackhole bh) {
        ingest(ninjs, DemoCorpus.NINJS_SOURCE, bh);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void ninjsJackson(Blackhole bh) throws IOException {
        for (byte[] file : ninjs) {
            bh.consume(jackson.readTree(file));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void rssGateway(Blackhole bh) {
        ingest(rss, DemoCorpus.SYNDICATION_SOURCE, bh);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void rssRome(Blackhole bh) throws IOException, FeedException {
        rome(rss, bh);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void atomGateway(Blackhole bh) {
        ingest(atom, DemoCorpus.SYNDICATION_SOURCE, bh);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void atomRome(Blackhole bh) throws IOException, FeedException {
        rome(atom, bh);
    }

    private void ingest(List<byte[]> files, String source, Blackhole bh) {
        for (byte[] file : files) {
            ParsedPayload payload = parsers.parse(file);
            for (WireItem item : payload.items()) {
                bh.consume(normaliser.normalise(item, source, DemoCorpus.RECEIVED_AT));
            }
        }
    }

    private static void rome(List<byte[]> files, Blackhole bh) throws IOException, FeedException {
        for (byte[] file : files) {
            try (XmlReader reader = new XmlReader(new ByteArrayInputStream(file))) {
                bh.consume(new SyndFeedInput().build(reader));
            }
        }
    }
}
