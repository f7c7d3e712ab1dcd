package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.wiregate.WiregateApplication;
import org.wiregate.article.Language;
import org.wiregate.store.ArticleRepository;
import org.wiregate.support.FeedParserClient;
import org.wiregate.support.Fixtures;
import org.wiregate.support.Http;
import org.wiregate.support.JsonFeedConformance;
import org.wiregate.support.TestDirectories;

/**
 * The demo as a new user sees it: the gateway started on an empty H2 file database drops its
 * bundled copy and serves full feeds in three languages: RSS and Atom that Rome and
 * python3-feedparser read without a warning, JSON Feed that follows the 1.1 spec; a restart keeps every article and dropping the copy again adds nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoCopyFeedsTest {

    private static final int STORIES = 12;
    private static final Path work = TestDirectories.create("demo");

    @Test
    @Order(1)
    void demoFeedsAreFullAndValidForRomeAndFeedparser() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            String base = baseUrl(app);
            awaitStories(app);
            for (Language language : Language.values()) {
                for (String format : List.of("rss", "atom", "json")) {
                    String url = base + "/feeds/" + language.code() + "." + format;
                    HttpResponse<byte[]> response = Http.get(url);
                    assertThat(response.statusCode()).as(url).isEqualTo(200);
                    // The fast path (no query) and the full stack (?page=1) send the same bytes.
                    assertThat(response.body())
                            .as(url)
                            .isEqualTo(Http.get(url + "?page=1").body());
                    if (format.equals("json")) {
                        JsonNode feed = new ObjectMapper().readTree(response.body());
                        JsonFeedConformance.assertConforms(feed);
                        assertThat(feed.path("items")).as(url).hasSize(STORIES);
                        continue;
                    }
                    JsonNode parsed = FeedParserClient.parse(
                            response.body(),
                            response.headers().firstValue("Content-Type").orElseThrow(),
                            work);
                    assertThat(parsed.path("bozo").asBoolean())
                            .as(url + ": " + parsed.path("bozo_exception").asText())
                            .isFalse();
                    assertThat(parsed.path("language").asText()).as(url).isEqualTo(language.code());
                    assertThat(parsed.path("entries")).as(url).hasSize(STORIES);
                    SyndFeed feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(response.body())));
                    assertThat(feed.getEntries()).as(url).hasSize(STORIES);
                    assertThat(feed.getEntries())
                            .allSatisfy(e -> assertThat(e.getLink()).startsWith("http://localhost:"));
                }
            }
        }
    }

    @Test
    @Order(2)
    void russiaMaliStoryIsComplete() throws Exception {
        try (ConfigurableApplicationContext app = start()) {
            awaitStories(app);
            JsonNode feed = new ObjectMapper()
                    .readTree(Http.get(baseUrl(app) + "/feeds/en.json").body());
            JsonNode story = null;
            for (JsonNode item : feed.path("items")) {
                if (item.path("title")
                        .asText()
                        .equals("Russia, Mali reaffirm strengthening security cooperation in Sahel")) {
                    story = item;
                }
            }
            assertThat(story).as("Russia-Mali story in the English JSON Feed").isNotNull();
            List<String> tags = new ArrayList<>();
            story.path("tags").forEach(t -> tags.add(t.asText()));
            assertThat(tags)
                    .contains("Politics", "Africa", "Russia", "Mali", "Sahel", "Assimi Goita", "Vladimir Putin");
            assertThat(story.path("image").asText()).startsWith("https://");
            assertThat(story.at("/_wire/images/0/caption").asText()).isNotBlank();
            assertThat(story.at("/_wire/images/0/credit").asText()).isNotBlank();
            assertThat(story.at("/_wire/section").asText()).isEqualTo("politics");
            assertThat(story.at("/_wire/regions/0").asText()).isEqualTo("africa");
            assertThat(story.path("content_html").asText())
                    .contains("Goita")
                    .contains("Kremlin")
                    .contains("<figcaption>");

            String arabicRss =
                    new String(Http.get(baseUrl(app) + "/feeds/ar.rss").body(), StandardCharsets.UTF_8);
            assertThat(arabicRss)
                    .contains("/feeds/ar/section/politics.rss\">سياسة</category>")
                    .contains("/feeds/ar/region/africa.rss\">أفريقيا</category>");
        }
    }

    @Test
    @Order(3)
    void restartKeepsEveryArticleAndDroppingTheCopyAgainAddsNoDuplicate() throws Exception {
        long before;
        try (ConfigurableApplicationContext app = start()) {
            awaitStories(app);
            before = app.getBean(ArticleRepository.class).count();
        }
        assertThat(before).isEqualTo(3L * STORIES);
        try (ConfigurableApplicationContext app = start()) {
            ArticleRepository articles = app.getBean(ArticleRepository.class);
            assertThat(articles.count()).isEqualTo(before);

            // The same files again, and one with different bytes but the same item (a resend).
            Path inbox = work.resolve("inbox");
            for (String name : List.of("ar-wire-1.rss.xml", "es-wire-2.atom.xml")) {
                Fixtures.drop(inbox, "demo", name, Fixtures.bytes("/demo/demo/" + name));
            }
            byte[] resend = (new String(
                                    Fixtures.bytes("/demo/standard/en-01-russia-mali-sahel.json"),
                                    StandardCharsets.UTF_8)
                            + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            Fixtures.drop(inbox, "standard", "en-01-resend.json", resend);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> pending(inbox.resolve("demo")) + pending(inbox.resolve("standard")) == 0);

            assertThat(articles.count()).isEqualTo(before);
            assertThat(articles.findPublished(Language.EN, Instant.now(), 100, 0))
                    .allSatisfy(a -> assertThat(a.revision()).isEqualTo(1));
        }
    }

    private static ConfigurableApplicationContext start() {
        // Command-line arguments, which outrank application.yaml, as an operator would pass them.
        return new SpringApplicationBuilder(WiregateApplication.class)
                .run(
                        "--server.port=0",
                        "--gateway.inbox=" + work.resolve("inbox"),
                        "--gateway.demo.enabled=true",
                        "--gateway.ingest.settle-time=200",
                        "--gateway.ingest.settle-check-interval=100",
                        "--gateway.ingest.poll-interval=200",
                        "--spring.datasource.url=jdbc:h2:file:" + work.resolve("data/wiregate")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    private static String baseUrl(ConfigurableApplicationContext app) {
        return "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    }

    private static void awaitStories(ConfigurableApplicationContext app) {
        ArticleRepository articles = app.getBean(ArticleRepository.class);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Stream.of(Language.values())
                        .allMatch(l -> articles.countPublished(l, Instant.now()) == STORIES));
    }

    private static long pending(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .count();
        }
    }
}
