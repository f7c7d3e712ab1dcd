package org.wiregate.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.wiregate.source.MappingRegistry;
import org.wiregate.source.SourceMapping;

/**
 * Detects the format of a received payload and hands it to the parser for that format, within a
 * time budget per payload ({@code gateway.ingest.parse-timeout}, default 5 s). The parse runs on a
 * small bounded pool while the route's thread waits at most the budget; a parse over it is
 * cancelled (its thread interrupted, which the XML limit scan obeys) and the payload fails with a
 * reason naming the format and the budget, so it is quarantined and the source's next file is
 * read. Every XML format is first held to the limits of {@link HardenedXml#scan}, so a parse
 * should never come near the budget: the budget is the backstop for what no limit foresaw.
 */
@Component("wireParsers")
public class WireParsers implements AutoCloseable {

    /** Default budget per payload, also for tests and benchmarks that build parsers without Spring. */
    static final Duration DEFAULT_BUDGET = Duration.ofSeconds(5);

    /**
     * Parses running at once. One more is refused rather than queued behind runaway parses: a
     * queue would spend the next file's budget waiting.
     */
    static final int MAX_PARALLEL_PARSES = 8;

    private final FormatDetector detector = new FormatDetector();
    private final NinjsParser ninjs = new NinjsParser();
    private final SyndicationParser syndication = new SyndicationParser();
    private final NewsMlG2Parser newsmlG2 = new NewsMlG2Parser();
    private final NewsMl1Parser newsml1 = new NewsMl1Parser();
    private final NitfParser nitf = new NitfParser();
    private final JsonFeedParser jsonFeed = new JsonFeedParser();

    /** The mappings, for each source's legacy charset; null when used outside the application (tests, benchmarks). */
    private final MappingRegistry mappings;

    private final Duration budget;
    private final ThreadPoolExecutor pool;

    public WireParsers() {
        this(null, DEFAULT_BUDGET);
    }

    @Autowired
    public WireParsers(MappingRegistry mappings, @Value("${gateway.ingest.parse-timeout:5s}") Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("gateway.ingest.parse-timeout must be positive, not " + budget);
        }
        this.mappings = mappings;
        this.budget = budget;
        AtomicInteger threads = new AtomicInteger();
        this.pool =
                new ThreadPoolExecutor(0, MAX_PARALLEL_PARSES, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "wire-parse-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Parses copy received from a source, with that source's legacy charset for IPTC 7901 / ANPA. */
    public ParsedPayload parseFrom(byte[] payload, String source) {
        Charset charset = mappings == null
                ? StandardCharsets.ISO_8859_1
                : mappings.find(source).map(SourceMapping::legacyCharset).orElse(StandardCharsets.ISO_8859_1);
        return parse(payload, charset);
    }

    public ParsedPayload parse(byte[] payload) {
        return parse(payload, StandardCharsets.ISO_8859_1);
    }

    /**
     * @param legacyCharset the character set of IPTC 7901 / ANPA 1312 copy, which declares none
     *                      (the source mapping's charset); JSON and XML formats ignore it
     * @throws WireFormatException when the payload is unreadable, over a limit or over the time budget
     */
    public ParsedPayload parse(byte[] payload, Charset legacyCharset) {
        AtomicReference<String> what = new AtomicReference<>("payload");
        return withinBudget(
                () -> {
                    WireFormat format = detector.detect(payload);
                    what.set(format.displayName());
                    return switch (format) {
                        case NINJS_1, NINJS_2 -> ninjs.parse(payload);
                        case RSS, ATOM -> syndication.parse(payload);
                        case NEWSML_G2 -> newsmlG2.parse(payload);
                        case NEWSML_1 -> newsml1.parse(payload);
                        case NITF -> nitf.parse(payload);
                        case JSON_FEED -> jsonFeed.parse(payload);
                        case IPTC_7901 -> new Iptc7901Parser(legacyCharset).parse(payload);
                    };
                },
                what);
    }

    /**
     * Runs a parse on the pool and waits at most the budget; past it the parse is cancelled and the
     * payload refused naming {@code what} (the format once detected).
     */
    ParsedPayload withinBudget(Callable<ParsedPayload> parse, AtomicReference<String> what) {
        Future<ParsedPayload> running;
        try {
            running = pool.submit(parse);
        } catch (RejectedExecutionException e) {
            throw new WireFormatException("all " + MAX_PARALLEL_PARSES
                    + " parser threads are busy with earlier payloads; not parsed, replay it later");
        }
        try {
            return running.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw new WireFormatException(what.get() + " not parsed within " + describe(budget)
                    + " (gateway.ingest.parse-timeout); stopped so the source's other files go on");
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new WireFormatException(what.get() + " not parsed: the gateway is stopping", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** "5 s", "250 ms": the budget as an operator configured it. */
    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
