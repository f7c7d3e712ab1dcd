package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.wiregate.support.ArticleBuilder.anArticle;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.leadership.Leadership;
import org.wiregate.store.ArticleStore;
import org.wiregate.support.ArticleBuilder;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.TestDirectories;

/**
 * Static publishing: the files in the folder are the bytes the gateway answers for the same URL,
 * gzipped twin included; a change writes the pages it touched again, later in time, and leaves the
 * others; a folder that cannot be written is reported and costs no page. Every look is made by the
 * test itself ({@code publish()}); the schedule is an hour apart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaticFeedFolderTest {

    private static final Path FOLDER =
            TestDirectories.create("static-feed-folder").resolve("public");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(
                registry,
                "static-feed-folder",
                TestDirectories.create("static-feed-folder-inbox").resolve("inbox"));
        registry.add("gateway.feeds.static-folder", FOLDER::toString);
        registry.add("gateway.feeds.static-folder-every", () -> "1h");
    }

    @LocalServerPort
    int port;

    @Autowired
    StaticFeedFolder folder;

    @Autowired
    FeedService feeds;

    @Autowired
    ArticleStore store;

    @Autowired
    Clock clock;

    @Autowired
    Leadership leadership;

    @Test
    void everyMainFeedIsWrittenAsTheGatewayAnswersIt() throws Exception {
        for (Language language : Language.values()) {
            store.save(article("every-" + language.code(), language, "Budget vote " + language.code()), null);
        }

        folder.publish();

        for (Language language : Language.values()) {
            for (FeedFormat format : FeedFormat.values()) {
                String name = language.code() + "." + format.extension();
                Path file = FOLDER.resolve("feeds").resolve(name);
                assertThat(Files.readAllBytes(file)).as(name).isEqualTo(served("/feeds/" + name));
                assertThat(gunzip(Files.readAllBytes(FOLDER.resolve("feeds").resolve(name + ".gz"))))
                        .as(name + ".gz")
                        .isEqualTo(Files.readAllBytes(file));
                assertThat(Files.getPosixFilePermissions(file))
                        .as("readable by the web server's user")
                        .contains(PosixFilePermission.OTHERS_READ);
            }
        }
        try (Stream<Path> files = Files.list(FOLDER.resolve("feeds"))) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("nothing half-written left behind")
                    .noneMatch(f -> f.endsWith(".partial"));
        }
        assertThat(folder.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aChangeWritesItsPagesAgainLaterAndLeavesTheOthers() throws Exception {
        store.save(article("change-first", Language.ES, "Primera votación del presupuesto"), null);
        folder.publish();
        Path spanish = FOLDER.resolve("feeds").resolve("es.atom");
        Path arabic = FOLDER.resolve("feeds").resolve("ar.atom");
        byte[] before = Files.readAllBytes(spanish);
        var spanishTime = Files.getLastModifiedTime(spanish);
        var arabicTime = Files.getLastModifiedTime(arabic);

        folder.publish();
        assertThat(Files.getLastModifiedTime(spanish))
                .as("unchanged: not written again")
                .isEqualTo(spanishTime);

        Article second = article("change-second", Language.ES, "Segunda votación del presupuesto");
        store.save(second, null);
        folder.publish();

        assertThat(Files.readAllBytes(spanish)).isNotEqualTo(before).isEqualTo(served("/feeds/es.atom"));
        assertThat(new String(Files.readAllBytes(spanish), StandardCharsets.UTF_8))
                .contains("Segunda votación del presupuesto");
        assertThat(Files.getLastModifiedTime(spanish).toInstant())
                .as("a later time even within the same second: nginx's ETag is the time and the size")
                .isAfter(spanishTime.toInstant());
        assertThat(Files.getLastModifiedTime(arabic)).as("not touched").isEqualTo(arabicTime);

        store.save(
                ArticleBuilder.from(second)
                        .agencyVersion("2")
                        .revision(2)
                        .status(org.wiregate.article.Status.CANCELED)
                        .build(),
                null);
        folder.publish();
        assertThat(Files.readAllBytes(spanish)).as("the kill is published").isEqualTo(served("/feeds/es.atom"));
    }

    @Test
    void aFolderThatCannotBeWrittenIsReportedAndThePagesStillServed() throws Exception {
        Path blocked = TestDirectories.create("static-feed-folder-blocked");
        Files.write(blocked.resolve("feeds"), new byte[0]); // a file where the feeds folder should be
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StaticFeedFolder broken =
                new StaticFeedFolder(feeds, clock, registry, leadership, blocked, false, Duration.ofHours(1));

        broken.publish();

        assertThat(broken.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(broken.health().getDetails().get("reason").toString())
                .startsWith("9 of 9 pages not written, first en.rss: ")
                .contains("FileAlreadyExistsException");
        assertThat(registry.counter("wiregate.feeds.static.failures").count()).isEqualTo(9);
        assertThat(served("/feeds/en.rss")).as("the gateway still answers").isNotEmpty();

        Files.delete(blocked.resolve("feeds"));
        broken.publish();

        assertThat(broken.health().getStatus()).isEqualTo(Status.UP);
        assertThat(blocked.resolve("feeds").resolve("en.rss")).exists();
    }

    @Test
    void inASharedFolderOnlyTheJobsLeaderWrites() throws Exception {
        Path shared = TestDirectories.create("static-feed-folder-shared");
        Leadership elsewhere = mock(Leadership.class);
        when(elsewhere.holdsLease(Leadership.JOBS)).thenReturn(false);
        StaticFeedFolder follower = new StaticFeedFolder(
                feeds, clock, new SimpleMeterRegistry(), elsewhere, shared, true, Duration.ofHours(1));

        follower.publish();

        assertThat(shared.resolve("feeds")).doesNotExist();
        assertThat(follower.health().getStatus()).isEqualTo(Status.UP);
        assertThat(follower.health().getDetails()).containsEntry("writer", "the instance leading the jobs role");

        when(elsewhere.holdsLease(Leadership.JOBS)).thenReturn(true); // the role moves here
        follower.publish();

        assertThat(Files.readAllBytes(shared.resolve("feeds").resolve("en.json")))
                .isEqualTo(served("/feeds/en.json"));
        assertThat(follower.health().getDetails()).containsEntry("writer", "this instance");
    }

    /** After a restart or a takeover, files whose bytes did not change keep their time: pollers' validators stay good. */
    @Test
    void aRestartLeavesUnchangedFilesAsTheyAre() throws Exception {
        Path restarted = TestDirectories.create("static-feed-folder-restart");
        new StaticFeedFolder(feeds, clock, new SimpleMeterRegistry(), leadership, restarted, false, Duration.ofHours(1))
                .publish();
        Path english = restarted.resolve("feeds").resolve("en.rss");
        var before = Files.getLastModifiedTime(english);
        Files.writeString(restarted.resolve("feeds").resolve(".en.rss123.partial"), "left by a crash");

        StaticFeedFolder again = new StaticFeedFolder(
                feeds, clock, new SimpleMeterRegistry(), leadership, restarted, false, Duration.ofHours(1));
        again.publish();

        assertThat(Files.getLastModifiedTime(english))
                .as("same bytes: not written again")
                .isEqualTo(before);
        assertThat(restarted.resolve("feeds").resolve(".en.rss123.partial")).doesNotExist();

        store.save(article("restart-new", Language.EN, "Budget passes on restart day"), null);
        again.publish();

        assertThat(Files.readAllBytes(english)).isEqualTo(served("/feeds/en.rss"));
        assertThat(Files.getLastModifiedTime(english).toInstant())
                .as("later than the version a previous process wrote")
                .isAfter(before.toInstant());
    }

    private byte[] served(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    private Article article(String guid, Language language, String headline) {
        return anArticle()
                .wire("static-folder", guid)
                .language(language)
                .headline(headline)
                .bodyHtml("<p>" + headline + ".</p>")
                .publishedAt(clock.instant().minus(Duration.ofMinutes(5)))
                .build();
    }
}
