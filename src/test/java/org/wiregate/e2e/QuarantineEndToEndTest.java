package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Language;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.Rejections;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.TestDirectories;

/**
 * Whatever an agency sends ends up either published or quarantined with a reason: hostile XML,
 * oversized and mis-encoded files, and feeds where only some items are publishable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QuarantineEndToEndTest {

    private static final Path work = TestDirectories.create("quarantine");
    private static final Path inbox = work.resolve("inbox");
    private static final String OPS_TOKEN = "test-operator-token";

    @LocalServerPort
    int port;

    @Autowired
    Rejections rejections;

    @Autowired
    ArticleRepository articles;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "quarantine", inbox);
        registry.add("gateway.ingest.max-payload-size", () -> "64KB");
        registry.add("gateway.ops.token", () -> OPS_TOKEN);
        registry.add("gateway.ingest.quarantine-retry.first-delay", () -> "300ms");
        registry.add("gateway.ingest.quarantine-retry.max-delay", () -> "1s");
    }

    @Test
    void aRejectedFileThatCannotReachErrorWaitsInTheInboxRecordedOnceUntilTheFolderIsFixed() throws Exception {
        Path folder = Files.createDirectories(inbox.resolve("ansa"));
        Path notAFolder = Files.writeString(folder.resolve(".error"), "a file where the folder should be");
        byte[] junk = "not a wire format at all".getBytes(StandardCharsets.UTF_8);
        Fixtures.drop(inbox, "ansa", "blocked.txt", junk);
        await().atMost(Duration.ofSeconds(20)).until(() -> rejectionsOf("inbox/ansa/blocked.txt") == 1);

        // Polls every 200 ms, greedy: without the hold the file was read 17 times in these 3 s, each read recorded.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> rejectionsOf("inbox/ansa/blocked.txt") == 1);
        assertThat(meters.get("wiregate.ingest.payloads")
                        .tags("source", "ansa", "duplicate", "false")
                        .counter()
                        .count())
                .as("reads of the file in 3 s, held back 300 ms, 600 ms, then 1 s")
                .isLessThanOrEqualTo(8);
        assertThat(folder.resolve("blocked.txt")).hasBinaryContent(junk);
        String health = new String(
                Http.get(url("/actuator/health/inbox"), "Authorization", "Bearer " + OPS_TOKEN)
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(health).contains("notQuarantined").contains("blocked.txt").contains(".error");

        Files.delete(notAFolder); // the operator fixes it
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(folder.resolve(".error/blocked.txt")));
        assertThat(folder.resolve(".error/blocked.txt")).hasBinaryContent(junk);
        assertThat(folder.resolve(".error/blocked.txt.reason.txt")).content().contains("source: ansa");
        assertThat(folder.resolve("blocked.txt")).doesNotExist();
        assertThat(rejectionsOf("inbox/ansa/blocked.txt")).isEqualTo(1);
        assertThat(meters.get("wiregate.ingest.quarantine.blocked.files")
                        .gauge()
                        .value())
                .isZero();
    }

    private long rejectionsOf(String file) {
        return rejections.recent(500).stream()
                .filter(r -> file.equals(r.fileName()))
                .count();
    }

    @Test
    void externalEntityIsRefusedAndNothingLeaks() throws Exception {
        String reason = quarantine("demo", "xxe.xml", Fixtures.bytes("/fixtures/xml/xxe.rss.xml"));
        assertThat(reason).containsIgnoringCase("doctype");
        assertThat(reason).doesNotContain("root:");
    }

    @Test
    void entityExpansionBombIsRefused() throws Exception {
        assertThat(quarantine("demo", "lol.xml", Fixtures.bytes("/fixtures/xml/billion-laughs.rss.xml")))
                .containsIgnoringCase("doctype");
    }

    @Test
    void oversizedFileIsRefusedUnreadAndKeptByteIdentical() throws Exception {
        byte[] big = new byte[100 * 1024];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        assertThat(quarantine("standard", "huge.json", big)).contains("exceeds gateway.ingest.max-payload-size");
    }

    @Test
    void feedDeclaringUtf8ButSendingLatin1IsRefusedNotPublishedAsMojibake() throws Exception {
        String feed = new String(Fixtures.bytes("/fixtures/rss/rss-iso-8859-1.xml"), StandardCharsets.ISO_8859_1)
                .replaceFirst("(?i)encoding=\"ISO-8859-1\"", "encoding=\"UTF-8\"");
        assertThat(quarantine("demo", "lying.xml", feed.getBytes(StandardCharsets.ISO_8859_1)))
                .contains("not valid UTF-8");
    }

    @Test
    void latin1FeedThatSaysSoIsPublishedWithItsAccents() {
        Fixtures.drop(inbox, "demo", "latin1.xml", Fixtures.bytes("/fixtures/rss/rss-iso-8859-1.xml"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("demo/.done/latin1.xml")));
        assertThat(articles.findPublished(Language.ES, Instant.now(), 100, 0))
                .anySatisfy(a -> assertThat(a.headline()).contains("¿").contains("ñ"));
    }

    @Test
    void unpublishableItemIsRejectedAloneAndTheRestOfTheFeedIsPublished() {
        Fixtures.drop(inbox, "demo", "mixed.xml", mixedFeed("mixed").getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("demo/.done/mixed.xml")));
        assertThat(articles.findPublished(Language.ES, Instant.now(), 100, 0))
                .anySatisfy(a -> assertThat(a.headline()).isEqualTo("Lluvias torrenciales en Valencia (mixed)"));
        assertThat(rejections.recent(50)).anySatisfy(r -> {
            assertThat(r.fileName()).isEqualTo("inbox/demo/mixed.xml");
            assertThat(r.itemRef()).isEqualTo("mixed-2");
            assertThat(r.reason()).contains("mixed-2").contains("has no headline");
        });
    }

    @Test
    void fileWhoseOnlyItemIsUnpublishableGoesToError() throws Exception {
        String french = """
                {"uri": "urn:test:fr-1", "version": "1", "language": "fr", "headline": "Un titre en français",
                 "versioncreated": "2026-11-27T10:00:00Z", "body_html": "<p>Texte</p>"}
                """;
        assertThat(quarantine("standard", "french.json", french.getBytes(StandardCharsets.UTF_8)))
                .contains("only item was rejected")
                .contains("'fr'")
                .contains("not published");
    }

    @Test
    void fileStillBeingTransferredIsLeftAlone() throws Exception {
        Path folder = Files.createDirectories(inbox.resolve("standard"));
        Path partial = folder.resolve("incoming.json.part");
        Files.writeString(partial, "{\"uri\": \"urn:test:partial\", \"headl", StandardCharsets.UTF_8);
        Fixtures.drop(inbox, "standard", "complete.json", Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(folder.resolve(".done/complete.json")));
        assertThat(partial).exists().hasContent("{\"uri\": \"urn:test:partial\", \"headl");
        assertThat(folder.resolve(".error/incoming.json.part")).doesNotExist();
    }

    @Test
    void operatorsListTheQuarantineAndReplayIsIdempotent() throws Exception {
        quarantine("demo", "listed-xxe.xml", Fixtures.bytes("/fixtures/xml/xxe.rss.xml"));
        assertThat(Http.get(url("/ops/quarantine")).statusCode()).isEqualTo(401);
        JsonNode list = new ObjectMapper()
                .readTree(Http.get(url("/ops/quarantine"), "Authorization", "Bearer " + OPS_TOKEN)
                        .body());
        JsonNode entry = null;
        for (JsonNode e : list) {
            if (e.path("file").asText().equals("inbox/demo/listed-xxe.xml")) {
                entry = e;
            }
        }
        assertThat(entry).as("quarantine lists the file").isNotNull();
        assertThat(entry.path("reason").asText()).containsIgnoringCase("doctype");
        assertThat(entry.path("replayable").asBoolean()).isTrue();
        String replay = url("/ops/quarantine/" + entry.path("id").asLong() + "/replay");

        assertThat(post(replay, null).statusCode()).isEqualTo(401);
        assertThat(post(replay, "Bearer wrong").statusCode()).isEqualTo(401);
        HttpResponse<byte[]> again = post(replay, "Bearer " + OPS_TOKEN);
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(new String(again.body(), StandardCharsets.UTF_8))
                .contains("rejected again")
                .containsIgnoringCase("doctype");

        // A feed with one bad item: replaying it runs again but adds nothing twice.
        Fixtures.drop(inbox, "demo", "replay-mixed.xml", mixedFeed("replay").getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("demo/.done/replay-mixed.xml")));
        long before = articles.count();
        long itemRejection = rejections.recent(100).stream()
                .filter(r -> "replay-2".equals(r.itemRef()))
                .findFirst()
                .orElseThrow()
                .id();
        HttpResponse<byte[]> replayed =
                post(url("/ops/quarantine/" + itemRejection + "/replay"), "Bearer " + OPS_TOKEN);
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(new String(replayed.body(), StandardCharsets.UTF_8)).contains("\"outcome\":\"processed\"");
        assertThat(articles.count()).isEqualTo(before);
    }

    @Test
    void payloadRefusedUnreadCannotBeReplayedAndSaysWhereTheOriginalIs() throws Exception {
        byte[] big = new byte[80 * 1024];
        Arrays.fill(big, (byte) 'x');
        quarantine("standard", "huge-replay.json", big);
        long id = rejections.recent(100).stream()
                .filter(r -> r.fileName().endsWith("huge-replay.json"))
                .findFirst()
                .orElseThrow()
                .id();
        HttpResponse<byte[]> response = post(url("/ops/quarantine/" + id + "/replay"), "Bearer " + OPS_TOKEN);
        assertThat(response.statusCode()).isEqualTo(409);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static HttpResponse<byte[]> post(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String mixedFeed(String prefix) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>t</title><link>https://a.example</link><description>d</description>
                <language>es</language>
                <item><guid isPermaLink="false">%1$s-1</guid><title>Lluvias torrenciales en Valencia (%1$s)</title>
                  <description>Aviso rojo en la costa.</description><pubDate>Fri, 27 Nov 2026 10:00:00 GMT</pubDate></item>
                <item><guid isPermaLink="false">%1$s-2</guid><description>Sin titular</description></item>
                </channel></rss>
                """.formatted(prefix);
    }

    /** Drops a file, waits for it in .error/, checks it is byte-identical and returns the recorded reason. */
    private String quarantine(String source, String name, byte[] content) throws Exception {
        Fixtures.drop(inbox, source, name, content);
        Path error = inbox.resolve(source).resolve(".error");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(error.resolve(name)));
        assertThat(Files.readAllBytes(error.resolve(name))).isEqualTo(content);
        String reasonFile = Files.readString(error.resolve(name + ".reason.txt"), StandardCharsets.UTF_8);
        assertThat(reasonFile).contains("file: " + name).contains("source: " + source);
        return rejections.recent(100).stream()
                .filter(r -> r.fileName().equals("inbox/" + source + "/" + name) && r.itemRef() == null)
                .findFirst()
                .orElseThrow()
                .reason();
    }
}
