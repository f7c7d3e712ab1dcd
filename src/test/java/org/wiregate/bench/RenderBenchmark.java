package org.wiregate.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.ingest.WireParsers;
import org.wiregate.normalise.ArticleNormaliser;
import org.wiregate.publish.AtomFeedWriter;
import org.wiregate.publish.FeedFormat;
import org.wiregate.publish.FeedPage;
import org.wiregate.publish.FeedTitles;
import org.wiregate.publish.JsonFeedWriter;
import org.wiregate.publish.PublicUrls;
import org.wiregate.publish.RssFeedWriter;
import org.wiregate.support.ArticleBuilder;

/**
 * Time to render one feed page of {@value #ITEMS} articles, per output format: the gateway writers
 * (RSS 2.0, Atom 1.0, JSON Feed 1.1 with categories, media, credits, _wire extension) against a
 * bare render of the same items with only title, link, description, published date and content
 * (Rome SyndFeed for RSS and Atom, Jackson over a List of Maps for JSON). Both sides build their
 * object model and serialise to UTF-8 bytes inside the timed method.
 *
 * <p>The articles are the whole demo copy (English ninjs, Arabic RSS, Spanish Atom) normalised
 * once at setup and cycled to {@value #ITEMS}, each with its own id, so the page mixes the three
 * scripts, including the percent-encoded Arabic slugs in links.
 *
 * <p>Ten one-second warmup iterations: on two shared cores the jsoup and Rome paths were still
 * getting faster after three (C2 competes with the benchmark thread for CPU); the slowest to
 * settle, the RSS/Atom gateway ingest, levels off about 10 s in. Both classes together run in
 * about three and a half minutes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dfile.encoding=UTF-8"})
@State(Scope.Benchmark)
public class RenderBenchmark {

    static final int ITEMS = 100;
    private static final String BASE_URL = "http://localhost:8080";
    private static final Language LANGUAGE = Language.EN;

    /** The fields a bare feed carries, precomputed from the same articles. */
    private record BareItem(String title, String link, String description, Instant published, String content) {}

    private final PublicUrls urls = new PublicUrls(BASE_URL);
    private final FeedTitles titles = new FeedTitles("Wiregate News");
    private final RssFeedWriter rssWriter = new RssFeedWriter(urls);
    private final AtomFeedWriter atomWriter = new AtomFeedWriter(urls);
    private final JsonFeedWriter jsonWriter = new JsonFeedWriter(urls);
    private final ObjectMapper jackson = new ObjectMapper();

    private FeedPage rssPage;
    private FeedPage atomPage;
    private FeedPage jsonPage;
    private List<BareItem> bare;

    @Setup
    public void build() {
        DemoCorpus.quietLogging();
        WireParsers parsers = new WireParsers();
        ArticleNormaliser normaliser = DemoCorpus.normaliser();
        List<Article> demo = new ArrayList<>();
        demo.addAll(
                DemoCorpus.articles(parsers, normaliser, DemoCorpus.files(DemoCorpus.NINJS), DemoCorpus.NINJS_SOURCE));
        demo.addAll(DemoCorpus.articles(
                parsers, normaliser, DemoCorpus.files(DemoCorpus.RSS), DemoCorpus.SYNDICATION_SOURCE));
        demo.addAll(DemoCorpus.articles(
                parsers, normaliser, DemoCorpus.files(DemoCorpus.ATOM), DemoCorpus.SYNDICATION_SOURCE));

        List<Article> articles = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            articles.add(withId(demo.get(i % demo.size()), "item-" + i));
        }
        rssPage = page(FeedFormat.RSS, articles);
        atomPage = page(FeedFormat.ATOM, articles);
        jsonPage = page(FeedFormat.JSON, articles);

        bare = new ArrayList<>(ITEMS);
        for (Article a : articles) {
            bare.add(new BareItem(
                    a.headline(),
                    urls.article(a),
                    a.standfirst().isEmpty() ? a.headline() : a.standfirst(),
                    a.firstPublished(),
                    a.bodyHtml()));
        }

        // Fail at setup, not in the report, if a side renders nothing.
        try {
            for (byte[] out :
                    List.of(rssGateway(), atomGateway(), jsonGateway(), rssRome(), atomRome(), jsonJackson())) {
                if (out.length < ITEMS * 100) {
                    throw new IllegalStateException(
                            "a render of " + ITEMS + " items gave only " + out.length + " bytes");
                }
            }
        } catch (FeedException | JsonProcessingException e) {
            throw new IllegalStateException("baseline render failed", e);
        }
    }

    private FeedPage page(FeedFormat format, List<Article> articles) {
        Instant updated =
                articles.stream().map(Article::updated).max(Instant::compareTo).orElseThrow();
        return new FeedPage(
                LANGUAGE,
                format,
                1,
                titles.latest(LANGUAGE),
                titles.latestDescription(LANGUAGE),
                articles,
                updated,
                urls.feed(LANGUAGE, format, 1),
                urls.home(LANGUAGE),
                urls.feed(LANGUAGE, format, 1),
                urls.feed(LANGUAGE, format, 2),
                null);
    }

    private static Article withId(Article a, String guid) {
        // Without the correction note, as the benchmark has always rendered the demo copy.
        return ArticleBuilder.from(a).wire("bench", guid).correctionNote(null).build();
    }

    @Benchmark
    public byte[] rssGateway() {
        return rssWriter.write(rssPage);
    }

    @Benchmark
    public byte[] rssRome() throws FeedException {
        return rome("rss_2.0", rssPage);
    }

    @Benchmark
    public byte[] atomGateway() {
        return atomWriter.write(atomPage);
    }

    @Benchmark
    public byte[] atomRome() throws FeedException {
        return rome("atom_1.0", atomPage);
    }

    @Benchmark
    public byte[] jsonGateway() {
        return jsonWriter.write(jsonPage);
    }

    @Benchmark
    public byte[] jsonJackson() throws JsonProcessingException {
        List<Map<String, Object>> items = new ArrayList<>(bare.size());
        for (BareItem item : bare) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("title", item.title());
            map.put("url", item.link());
            map.put("summary", item.description());
            map.put("date_published", item.published().toString());
            map.put("content_html", item.content());
            items.add(map);
        }
        return jackson.writeValueAsBytes(items);
    }

    /**
     * Bare Rome: a SyndFeed with one SyndEntry per item, unindented like the gateway's output
     * ({@code outputString(feed)} alone would pretty-print, which costs more).
     */
    private byte[] rome(String feedType, FeedPage page) throws FeedException {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(feedType);
        feed.setEncoding("UTF-8");
        feed.setTitle(page.title());
        feed.setLink(page.homeUrl());
        feed.setDescription(page.description());
        List<SyndEntry> entries = new ArrayList<>(bare.size());
        for (BareItem item : bare) {
            SyndEntry entry = new SyndEntryImpl();
            entry.setTitle(item.title());
            entry.setLink(item.link());
            SyndContent description = new SyndContentImpl();
            description.setType("text/plain");
            description.setValue(item.description());
            entry.setDescription(description);
            entry.setPublishedDate(Date.from(item.published()));
            SyndContent content = new SyndContentImpl();
            content.setType("text/html");
            content.setValue(item.content());
            entry.setContents(List.of(content));
            entries.add(entry);
        }
        feed.setEntries(entries);
        return new SyndFeedOutput().outputString(feed, false).getBytes(StandardCharsets.UTF_8);
    }
}
