package org.wiregate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
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
import org.wiregate.ingest.WireFormat;
import org.wiregate.ingest.WireItem;
import org.wiregate.ingest.WireParsers;
import org.wiregate.normalise.ArticleNormaliser;
import org.wiregate.source.MappingRegistry;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Ingest throughput in items per second, per wire format: the gateway path (format detection,
 * parse to WireItems, normalise every item to an Article: mapping, HTML sanitising, slug, reading
 * time) against a bare parse of the same bytes. One invocation reads all the files of a format, so
 * {@code @OperationsPerInvocation} is the number of items in them and the score is items/s.
 * Gateway and baseline of a format sort next to each other and so run back to back, which keeps
 * machine drift between the two halves of a ratio small.
 *
 * <ul>
 * <li>ninjs, RSS, Atom: the bundled demo copy ({@code demo/}), 12 items each, against Jackson
 *     readTree (ninjs) and Rome SyndFeedInput (RSS, Atom).</li>
 * <li>NewsML-G2, NewsML 1.2, NITF, ninjs 3, JSON Feed, IPTC 7901 / ANPA 1312: the agency test
 *     fixtures ({@code fixtures/}), each file with the source the end-to-end tests ingest it as,
 *     against a bare JDK DOM parse (the XML formats), Jackson readTree (the JSON formats) or a
 *     decode in the file's legacy charset and a split on SOH/STX/ETX (7901/ANPA).</li>
 * </ul>
 *
 * <p>Warmup, in one-second iterations, as measured on two shared cores with 15 to 25 of them
 * (2026-11-28). 10 by default: the jsoup and Rome paths were still getting faster after three (C2
 * competes with the benchmark thread for CPU); the slowest demo format to settle, the RSS/Atom
 * gateway ingest, levels off about 10 s in. 5 for the baselines of the fixture formats
 * ({@link #BASELINE_WARMUP}): bare DOM, Jackson and the 7901 decode were within a few per cent of
 * their final score from the 2nd to 4th iteration on. 20 for the gateway halves of NewsML-G2,
 * NewsML 1.2 and NITF ({@link #XML_GATEWAY_WARMUP}), the slowest to settle by far (each file goes
 * through a StAX pre-scan, for NITF with a DOCTYPE a SAX pass, and a fresh hardened DOM builder, a
 * lot of XML parser code for one C2 thread to compile): on a quiet machine NewsML 1.2 levelled off
 * after 8 iterations, NITF after 9 and NewsML-G2 after 12 (it climbed to 4,700 items/s, fell back
 * to 1,800 at the 7th, and reached about 8,000 from the 13th); with another build running beside
 * them NewsML 1.2 took 14 and NewsML-G2 was still climbing at 20; and in a full run with 12 warmup
 * iterations NITF was still climbing at the 17th (3,900 items/s against 6,000 settled). On a busy
 * machine their scores may still understate the gateway: the ratio spread shows it. The ninjs 3,
 * JSON Feed and 7901 gateway halves settled after 4 to 11 iterations and keep the default.
 * The class runs in about five minutes, RenderBenchmark in another one and a half.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dfile.encoding=UTF-8"})
@State(Scope.Benchmark)
public class IngestBenchmark {

    /** Items per demo format: 12 ninjs files, 2 RSS and 2 Atom feeds of 6 items each. */
    static final int ITEMS = 12;
    /** NewsML-G2: v1, v2 (update), v3 (correction), v4 (kill) of one story and an embargoed analysis. */
    static final int NEWSML_G2_ITEMS = 5;
    /** NewsML 1.2: one Arabic and one (embargoed) Spanish item. */
    static final int NEWSML_1_ITEMS = 2;
    /** NITF: one Spanish (EFE) and one Arabic (QNA, embargoed) document. */
    static final int NITF_ITEMS = 2;
    /** ninjs 3: one English item and one Spanish correction. */
    static final int NINJS_3_ITEMS = 2;
    /** JSON Feed 1.1: one Spanish feed of 3 items. */
    static final int JSON_FEED_ITEMS = 3;
    /** IPTC 7901 (QNA, windows-1256, 2 messages) and ANPA 1312 (Prensa Latina, ISO-8859-1, 1 message). */
    static final int IPTC_7901_ITEMS = 3;
    /** Warmup iterations of the bare baselines of the fixture formats (see the class comment for the measurement). */
    static final int BASELINE_WARMUP = 5;
    /** Warmup iterations of the gateway halves of the XML fixture formats, the slowest to settle (class comment). */
    static final int XML_GATEWAY_WARMUP = 20;

    private static final char SOH = 0x01;
    private static final char STX = 0x02;
    private static final char ETX = 0x03;

    /**
     * One fixture file as the gateway receives it: from a source, whose mapping names the legacy
     * charset that {@link WireParsers#parseFrom} would pass for it.
     */
    record Wire(String path, String source, Charset charset, byte[] bytes) {}

    private final WireParsers parsers = new WireParsers();
    private final ObjectMapper jackson = new ObjectMapper();
    private ArticleNormaliser normaliser;
    private List<byte[]> ninjs;
    private List<byte[]> rss;
    private List<byte[]> atom;
    private List<Wire> newsmlG2;
    private List<Wire> newsml1;
    private List<Wire> nitf;
    private List<Wire> ninjs3;
    private List<Wire> jsonFeed;
    private List<Wire> iptc7901;

    @Setup
    public void load() {
        DemoCorpus.quietLogging();
        MappingRegistry mappings = DemoCorpus.mappings();
        normaliser = new ArticleNormaliser(mappings);
        ninjs = DemoCorpus.files(DemoCorpus.NINJS);
        rss = DemoCorpus.files(DemoCorpus.RSS);
        atom = DemoCorpus.files(DemoCorpus.ATOM);
        check("ninjs", ninjs, DemoCorpus.NINJS_SOURCE);
        check("RSS", rss, DemoCorpus.SYNDICATION_SOURCE);
        check("Atom", atom, DemoCorpus.SYNDICATION_SOURCE);

        // package-and-picture-only.xml is left out: it holds no text item (a package and a picture).
        newsmlG2 = List.of(
                wire(mappings, "newsml-g2/en-lebanon-budget-v1.xml", "reuters"),
                wire(mappings, "newsml-g2/en-lebanon-budget-v2-update.xml", "reuters"),
                wire(mappings, "newsml-g2/en-lebanon-budget-v3-correction.xml", "reuters"),
                wire(mappings, "newsml-g2/en-lebanon-budget-v4-kill.xml", "reuters"),
                wire(mappings, "newsml-g2/en-gulf-grid-embargoed.xml", "reuters"));
        newsml1 = List.of(
                wire(mappings, "newsml1/ar-afp-lebanon-budget.xml", "afp"),
                wire(mappings, "newsml1/es-madrid-housing-embargoed.xml", "afp"));
        nitf = List.of(
                wire(mappings, "nitf/es-efe-libano-presupuesto.xml", "efe"),
                wire(mappings, "nitf/ar-qna-doha-grid.xml", "qna"));
        ninjs3 = List.of(
                wire(mappings, "ninjs3/en-ninjs3-item.json", "dpa"),
                wire(mappings, "ninjs3/es-ninjs3-correction.json", "dpa"));
        jsonFeed = List.of(wire(mappings, "jsonfeed/es-jsonfeed-1.1.json", "demo"));
        iptc7901 = List.of(
                wire(mappings, "iptc7901/ar-qna-7901-cp1256.txt", "qna"),
                wire(mappings, "iptc7901/es-prensa-latina-anpa1312-latin1.txt", "prensa-latina"));
        requireCharset(iptc7901.get(0), "windows-1256");
        requireCharset(iptc7901.get(1), "ISO-8859-1");

        check("NewsML-G2", newsmlG2, WireFormat.NEWSML_G2, NEWSML_G2_ITEMS);
        check("NewsML 1.2", newsml1, WireFormat.NEWSML_1, NEWSML_1_ITEMS);
        check("NITF", nitf, WireFormat.NITF, NITF_ITEMS);
        check("ninjs 3", ninjs3, WireFormat.NINJS_2, NINJS_3_ITEMS);
        check("JSON Feed", jsonFeed, WireFormat.JSON_FEED, JSON_FEED_ITEMS);
        check("IPTC 7901", iptc7901, WireFormat.IPTC_7901, IPTC_7901_ITEMS);
        Dom strict = new Dom();
        strict.builder.setErrorHandler(new Strict());
        for (List<Wire> xml : List.of(newsmlG2, newsml1, nitf)) {
            for (Wire w : xml) {
                try {
                    strict.builder.parse(new ByteArrayInputStream(w.bytes()));
                } catch (SAXException | IOException e) {
                    throw new IllegalStateException("the bare DOM baseline cannot read " + w.path() + ": " + e, e);
                }
            }
        }
    }

    private static Wire wire(MappingRegistry mappings, String path, String source) {
        return new Wire(path, source, mappings.require(source).legacyCharset(), DemoCorpus.fixture(path));
    }

    private static void requireCharset(Wire wire, String expected) {
        if (!wire.charset().equals(Charset.forName(expected))) {
            throw new IllegalStateException("mappings/" + wire.source() + ".yaml names legacy charset " + wire.charset()
                    + ", the benchmark reads " + wire.path() + " as " + expected);
        }
    }

    /** The score is only items/s if every format really has ITEMS items, all of which normalise. */
    private void check(String format, List<byte[]> files, String source) {
        int items = DemoCorpus.articles(parsers, normaliser, files, source).size();
        if (items != ITEMS) {
            throw new IllegalStateException(
                    "the " + format + " demo copy has " + items + " items, the benchmark counts " + ITEMS
                            + ": update IngestBenchmark.ITEMS and @OperationsPerInvocation");
        }
    }

    /** The same for a fixture set: the expected format, {@code expected} items, every one normalised. */
    private void check(String format, List<Wire> wires, WireFormat detected, int expected) {
        List<Object> articles = new ArrayList<>();
        for (Wire w : wires) {
            ParsedPayload payload = parsers.parse(w.bytes(), w.charset());
            if (payload.format() != detected) {
                throw new IllegalStateException(w.path() + " reads as " + payload.format() + ", not " + detected);
            }
            for (WireItem item : payload.items()) {
                articles.add(normaliser.normalise(item, w.source(), DemoCorpus.RECEIVED_AT));
            }
        }
        if (articles.size() != expected) {
            throw new IllegalStateException("the " + format + " fixtures have " + articles.size()
                    + " items, the benchmark" + " counts " + expected + ": update the count in IngestBenchmark");
        }
    }

    /**
     * The bare JDK DOM parser of the XML baselines, one per thread (a DocumentBuilder is not
     * thread-safe; it is reset by every parse, so one is reused). Namespace aware with secure
     * processing, the least an XML wire reader sets; external DTDs are not loaded (secure
     * processing forbids fetching them, and EFE's NITF names one, which would fail the parse).
     * None of the gateway's own hardening: no streaming pre-scan, no entity check, no fresh
     * hardened builder per file.
     */
    @State(Scope.Thread)
    public static class Dom {
        final DocumentBuilder builder;

        public Dom() {
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
                factory.setNamespaceAware(true);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                builder = factory.newDocumentBuilder();
            } catch (ParserConfigurationException e) {
                throw new IllegalStateException("the JDK DOM parser refuses secure processing", e);
            }
        }

        void parse(List<Wire> wires, Blackhole bh) throws SAXException, IOException {
            for (Wire w : wires) {
                bh.consume(builder.parse(new ByteArrayInputStream(w.bytes())));
            }
        }
    }

    /** Setup only: the DOM baseline must read every fixture without a warning, not just without failing. */
    private static final class Strict implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
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

    @Benchmark
    @OperationsPerInvocation(NEWSML_G2_ITEMS)
    @Warmup(iterations = XML_GATEWAY_WARMUP, time = 1)
    public void newsmlG2Gateway(Blackhole bh) {
        ingest(newsmlG2, bh);
    }

    @Benchmark
    @OperationsPerInvocation(NEWSML_G2_ITEMS)
    @Warmup(iterations = BASELINE_WARMUP, time = 1)
    public void newsmlG2Dom(Dom dom, Blackhole bh) throws SAXException, IOException {
        dom.parse(newsmlG2, bh);
    }

    @Benchmark
    @OperationsPerInvocation(NEWSML_1_ITEMS)
    @Warmup(iterations = XML_GATEWAY_WARMUP, time = 1)
    public void newsml1Gateway(Blackhole bh) {
        ingest(newsml1, bh);
    }

    @Benchmark
    @OperationsPerInvocation(NEWSML_1_ITEMS)
    @Warmup(iterations = BASELINE_WARMUP, time = 1)
    public void newsml1Dom(Dom dom, Blackhole bh) throws SAXException, IOException {
        dom.parse(newsml1, bh);
    }

    @Benchmark
    @OperationsPerInvocation(NITF_ITEMS)
    @Warmup(iterations = XML_GATEWAY_WARMUP, time = 1)
    public void nitfGateway(Blackhole bh) {
        ingest(nitf, bh);
    }

    @Benchmark
    @OperationsPerInvocation(NITF_ITEMS)
    @Warmup(iterations = BASELINE_WARMUP, time = 1)
    public void nitfDom(Dom dom, Blackhole bh) throws SAXException, IOException {
        dom.parse(nitf, bh);
    }

    @Benchmark
    @OperationsPerInvocation(NINJS_3_ITEMS)
    public void ninjs3Gateway(Blackhole bh) {
        ingest(ninjs3, bh);
    }

    @Benchmark
    @OperationsPerInvocation(NINJS_3_ITEMS)
    @Warmup(iterations = BASELINE_WARMUP, time = 1)
    public void ninjs3Jackson(Blackhole bh) throws IOException {
        jackson(ninjs3, bh);
    }

    @Benchmark
    @OperationsPerInvocation(JSON_FEED_ITEMS)
    public void jsonFeedGateway(Blackhole bh) {
        ingest(jsonFeed, bh);
    }

    @Benchmark
    @OperationsPerInvocation(JSON_FEED_ITEMS)
    @Warmup(iterations = BASELINE_WARMUP, time = 1)
    public void jsonFeedJackson(Blackhole bh) throws IOException {
        jackson(jsonFeed, bh);
    }

    @Benchmark
    @OperationsPerInvocation(IPTC_7901_ITEMS)
    public void iptc7901Gateway(Blackhole bh) {
        ingest(iptc7901, bh);
    }

    /** The least any 7901/ANPA reader does: decode in the source's charset, cut at SOH, STX and ETX. */
    @Benchmark
    @OperationsPerInvocation(IPTC_7901_ITEMS)
    @Warmup(iterations = BASELINE_WARMUP, time = 1)
    public void iptc7901Decode(Blackhole bh) {
        for (Wire w : iptc7901) {
            String text = new String(w.bytes(), w.charset());
            int from = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == SOH || c == STX || c == ETX) {
                    bh.consume(text.substring(from, i));
                    from = i + 1;
                }
            }
            bh.consume(text.substring(from));
        }
    }

    private void ingest(List<byte[]> files, String source, Blackhole bh) {
        for (byte[] file : files) {
            ParsedPayload payload = parsers.parse(file);
            for (WireItem item : payload.items()) {
                bh.consume(normaliser.normalise(item, source, DemoCorpus.RECEIVED_AT));
            }
        }
    }

    /** The gateway path for fixtures: each file parsed with its source's legacy charset, normalised as that source. */
    private void ingest(List<Wire> wires, Blackhole bh) {
        for (Wire w : wires) {
            ParsedPayload payload = parsers.parse(w.bytes(), w.charset());
            for (WireItem item : payload.items()) {
                bh.consume(normaliser.normalise(item, w.source(), DemoCorpus.RECEIVED_AT));
            }
        }
    }

    private void jackson(List<Wire> wires, Blackhole bh) throws IOException {
        for (Wire w : wires) {
            bh.consume(jackson.readTree(w.bytes()));
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
