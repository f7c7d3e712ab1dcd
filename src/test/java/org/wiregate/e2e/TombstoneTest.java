package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.ArticleId;
import org.wiregate.support.FeedParserClient;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.TestDirectories;

/** RFC 6721: a killed article is announced in its language's Atom feed so subscribers remove it; RFC 5005 last links. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TombstoneTest {

    private static final Path work = TestDirectories.create("tombstones");
    private static final Path inbox = work.resolve("inbox");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "tombstones", inbox);
    }

    @Test
    void killedArticleBecomesADeletedEntryAndTheFeedStillParses() throws Exception {
        ingest("kenya-en.json", Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json"));
        String urn = ArticleId.of("standard", "urn:newsml:fixture.example:en-1").urn();
        assertThat(atom())
                .contains("<id>" + urn + "</id>")
                .doesNotContain("deleted-entry")
                .contains("rel=\"last\"")
                .contains("rel=\"first\"");
        assertThat(new String(Http.get(base() + "/feeds/en.rss").body(), StandardCharsets.UTF_8))
                .contains("rel=\"last\"")
                .contains("rel=\"first\"");

        byte[] killed = Fixtures.killNotice("/fixtures/ninjs/en-ninjs2-item.json");
        ingest("kenya-en-kill.json", killed);

        String atom = atom();
        assertThat(atom)
                .contains("http://purl.org/atompub/tombstones/1.0")
                .containsPattern("<at:deleted-entry[^>]*ref=\"" + urn + "\"[^>]*when=\"\\d{4}-\\d\\d-\\d\\dT[^\"]+Z\"")
                .doesNotContain("<id>" + urn + "</id>");
        assertThat(new String(Http.get(base() + "/feeds/ar.atom").body(), StandardCharsets.UTF_8))
                .doesNotContain(urn);
        assertThat(new String(Http.get(base() + "/feeds/en.json").body(), StandardCharsets.UTF_8))
                .doesNotContain(urn);

        SyndFeed rome = new SyndFeedInput().build(new StringReader(atom));
        assertThat(rome.getEntries()).isEmpty();
        HttpResponse<byte[]> response = Http.get(base() + "/feeds/en.atom");
        JsonNode parsed = FeedParserClient.parse(
                response.body(), response.headers().firstValue("Content-Type").orElseThrow(), work);
        assertThat(parsed.path("bozo").asBoolean())
                .as(parsed.path("bozo_exception").asText())
                .isFalse();
        assertThat(parsed.path("version").asText()).isEqualTo("atom10");
    }

    private String atom() throws Exception {
        return new String(Http.get(base() + "/feeds/en.atom").body(), StandardCharsets.UTF_8);
    }

    private void ingest(String name, byte[] content) {
        Fixtures.drop(inbox, "standard", name, content);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("standard/.done/" + name)));
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
