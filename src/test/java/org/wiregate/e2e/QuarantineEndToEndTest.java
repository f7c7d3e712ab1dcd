package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Language;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.Rejections;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.TestDirectories;

/**
 * Whatever an agency sends ends up either published or quarantined with a reason: hostile XML,
 * oversized and mis-encoded files, and feeds where only some items are publishable.
 */
@SpringBootTest
class QuarantineEndToEndTest {

    private static final Path work = TestDirectories.create("quarantine");
    private static final Path inbox = work.resolve("inbox");

    @Autowired
    Rejections rejections;

    @Autowired
    ArticleRepository articles;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "quarantine", inbox);
        registry.add("gateway.ingest.max-payload-size", () -> "64KB");
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
        String feed = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>t</title><link>https://a.example</link><description>d</description>
                <language>es</language>
                <item><guid isPermaLink="false">mixed-1</guid><title>Lluvias torrenciales en Valencia</title>
                  <description>Aviso rojo en la costa.</description><pubDate>Fri, 27 Nov 2026 10:00:00 GMT</pubDate></item>
                <item><guid isPermaLink="false">mixed-2</guid><description>Sin titular</description></item>
                </channel></rss>
                """;
        Fixtures.drop(inbox, "demo", "mixed.xml", feed.getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("demo/.done/mixed.xml")));
        assertThat(articles.findPublished(Language.ES, Instant.now(), 100, 0))
                .anySatisfy(a -> assertThat(a.headline()).isEqualTo("Lluvias torrenciales en Valencia"));
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
                .contains("only item was rejected").contains("'fr'").contains("not published");
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
                .findFirst().orElseThrow().reason();
    }
}
