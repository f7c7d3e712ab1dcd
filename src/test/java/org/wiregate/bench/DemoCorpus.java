package org.wiregate.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.wiregate.article.Article;
import org.wiregate.ingest.ParsedPayload;
import org.wiregate.ingest.WireItem;
import org.wiregate.ingest.WireParsers;
import org.wiregate.normalise.ArticleNormaliser;
import org.wiregate.source.MappingRegistry;

/**
 * The bundled demo copy (classpath {@code demo/<source>/*}) and the agency test fixtures (classpath
 * {@code fixtures/<format>/*}) as the benchmarks read them: raw bytes per file, and the mappings
 * from {@code mappings/} in the working directory (bench/run.sh runs from the project root).
 */
final class DemoCorpus {

    /** ninjs from the standard IPTC source: one item per file. */
    static final String NINJS = "demo/standard/*.json";
    /** Arabic RSS 2.0 from the demo desk. */
    static final String RSS = "demo/demo/ar-*.rss.xml";
    /** Spanish Atom 1.0 from the demo desk. */
    static final String ATOM = "demo/demo/es-*.atom.xml";

    static final String NINJS_SOURCE = "standard";
    static final String SYNDICATION_SOURCE = "demo";

    /** The fixed receive time, so every run normalises identical input to identical articles. */
    static final Instant RECEIVED_AT = Instant.parse("2026-11-27T12:00:00Z");

    private DemoCorpus() {}

    /**
     * Logback's default without a configuration file is DEBUG to the console; a benchmark must not
     * time log output, so everything below WARN is dropped in the benchmark JVM.
     */
    static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
    }

    /** The bytes of every classpath file matching {@code pattern}, sorted by file name. */
    static List<byte[]> files(String pattern) {
        try {
            Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath*:" + pattern);
            if (found.length == 0) {
                throw new IllegalStateException("no demo copy on the classpath matches " + pattern);
            }
            Arrays.sort(found, Comparator.comparing(r -> String.valueOf(r.getFilename())));
            List<byte[]> files = new ArrayList<>();
            for (Resource resource : found) {
                try (InputStream in = resource.getInputStream()) {
                    files.add(in.readAllBytes());
                }
            }
            return List.copyOf(files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo copy " + pattern, e);
        }
    }

    static ArticleNormaliser normaliser() {
        return new ArticleNormaliser(mappings());
    }

    /** The source mappings of {@code mappings/} (or {@code -Dwiregate.bench.mappings=<dir>}). */
    static MappingRegistry mappings() {
        Path mappings = Path.of(System.getProperty("wiregate.bench.mappings", "mappings"));
        if (!Files.isDirectory(mappings)) {
            throw new IllegalStateException("no mappings directory at " + mappings.toAbsolutePath()
                    + ": run the benchmarks from the project root (bench/run.sh does)"
                    + " or pass -Dwiregate.bench.mappings=<dir>");
        }
        return new MappingRegistry(mappings);
    }

    /** The bytes of one test fixture, {@code path} relative to the classpath {@code fixtures/} directory. */
    static byte[] fixture(String path) {
        String resource = "/fixtures/" + path;
        try (InputStream in = DemoCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test fixture on the classpath at " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read test fixture " + resource, e);
        }
    }

    /** The number of wire items in the files, as the gateway parses them. */
    static int itemCount(WireParsers parsers, List<byte[]> files) {
        int items = 0;
        for (byte[] file : files) {
            items += parsers.parse(file).items().size();
        }
        return items;
    }

    /** Every item of the files, parsed and normalised as the gateway does on ingest. */
    static List<Article> articles(
            WireParsers parsers, ArticleNormaliser normaliser, List<byte[]> files, String source) {
        List<Article> articles = new ArrayList<>();
        for (byte[] file : files) {
            ParsedPayload payload = parsers.parse(file);
            for (WireItem item : payload.items()) {
                articles.add(normaliser.normalise(item, source, RECEIVED_AT));
            }
        }
        return articles;
    }
}
