package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.TestDirectories;

/**
 * One batch as a bad day delivers it: good copy mixed with hostile and broken files. Afterwards the
 * quarantine lists every bad file with its reason, nothing hostile reaches a feed, the good copy is
 * published, and health is still UP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileBatchEndToEndTest {

    private static final Path inbox = TestDirectories.create("hostile").resolve("inbox");
    private static final String OPS_TOKEN = "hostile-batch-token";

    /** File name -> words its quarantine reason must contain. */
    private final Map<String, String> hostile = new LinkedHashMap<>();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "hostile", inbox);
        registry.add("gateway.ops.token", () -> OPS_TOKEN);
    }

    @BeforeAll
    void dropTheBatch() {
        String arabicRss = new String(Fixtures.bytes("/fixtures/rss/ar-rss-item.xml"), StandardCharsets.UTF_8);
        drop("xxe.xml", Fixtures.bytes("/fixtures/xml/xxe.rss.xml"), "doctype");
        drop("lol.xml", Fixtures.bytes("/fixtures/xml/billion-laughs.rss.xml"), "doctype");
        drop(
                "deep.xml",
                ("<nitf>" + "<p>".repeat(100_000)).getBytes(StandardCharsets.UTF_8),
                "nests deeper than 256 elements");
        // The same demo source as the good Arabic RSS below: a hostile feed must not hold its queue.
        drop(
                "deep.rss.xml",
                ("<rss version=\"2.0\"><channel>" + "<x>".repeat(100_000) + "</x>".repeat(100_000) + "</channel></rss>")
                        .getBytes(StandardCharsets.UTF_8),
                "RSS document nests deeper than 256 elements (line 1)");
        drop(
                "deep.atom.xml",
                ("<feed xmlns=\"http://www.w3.org/2005/Atom\">" + "<div>".repeat(100_000))
                        .getBytes(StandardCharsets.UTF_8),
                "Atom document nests deeper than 256 elements (line 1)");
        drop(
                "deep.json",
                ("{\"uri\": \"x\", \"a\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}")
                        .getBytes(StandardCharsets.UTF_8),
                "limits");
        drop("truncated.xml", arabicRss.substring(0, arabicRss.length() / 2).getBytes(StandardCharsets.UTF_8), "line");
        drop("empty.json", new byte[0], "empty");
        drop(
                "502.html",
                "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"
                        .getBytes(StandardCharsets.UTF_8),
                "no known wire format");
        drop("cp1256-labelled-utf8.xml", arabicRss.getBytes(Charset.forName("windows-1256")), "not valid UTF-8");

        Fixtures.drop(inbox, "standard", "good-en.json", Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json"));
        Fixtures.drop(inbox, "demo", "good-ar.xml", Fixtures.bytes("/fixtures/rss/ar-rss-item.xml"));
        Fixtures.drop(inbox, "standard", "script.json", Fixtures.bytes("/fixtures/ninjs/hostile-script.json"));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> hostile.keySet().stream()
                                .allMatch(name -> Files.exists(inbox.resolve(folder(name) + "/.error/" + name)))
                        && Files.exists(inbox.resolve("standard/.done/good-en.json"))
                        && Files.exists(inbox.resolve("demo/.done/good-ar.xml"))
                        && Files.exists(inbox.resolve("standard/.done/script.json")));
    }

    @Test
    void quarantineListsEveryBadFileWithItsReason() throws Exception {
        JsonNode list = new ObjectMapper()
                .readTree(Http.get(url("/ops/quarantine?limit=500"), "Authorization", "Bearer " + OPS_TOKEN)
                        .body());
        hostile.forEach((name, reason) -> {
            String file = "inbox/" + folder(name) + "/" + name;
            JsonNode entry = null;
            for (JsonNode e : list) {
                if (e.path("file").asText().equals(file)) {
                    entry = e;
                }
            }
            assertThat(entry).as(file + " in the quarantine").isNotNull();
            assertThat(entry.path("reason").asText()).as(file).containsIgnoringCase(reason);
        });
    }

    @Test
    void theGoodCopyIsPublishedAndNothingHostileReachesAFeed() throws Exception {
        StringBuilder all = new StringBuilder();
        for (String feed : new String[] {"en.rss", "en.atom", "en.json", "ar.rss", "ar.atom", "ar.json"}) {
            all.append(new String(Http.get(url("/feeds/" + feed)).body(), StandardCharsets.UTF_8));
        }
        String feeds = all.toString();
        assertThat(feeds)
                .contains("Lisbon approves 40 km of new protected cycle lanes")
                .contains(new ObjectMapper()
                        .readTree(Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json"))
                        .at("/headlines/0/value")
                        .asText());
        assertThat(feeds)
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("&lt;script")
                .doesNotContain("alert(1)")
                .doesNotContainIgnoringCase("javascript:")
                .doesNotContainIgnoringCase("onerror")
                .doesNotContainIgnoringCase("<iframe")
                .doesNotContainIgnoringCase("&lt;iframe")
                .doesNotContain("root:x:0:0")
                .doesNotContain("lollollol");
    }

    @Test
    void healthIsStillUp() throws Exception {
        JsonNode health = new ObjectMapper()
                .readTree(Http.get(url("/actuator/health"), "Authorization", "Bearer " + OPS_TOKEN)
                        .body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode sources = health.at("/components/inbox/details/sources");
        assertThat(sources.at("/standard/quarantined").asInt()
                        + sources.at("/demo/quarantined").asInt())
                .isEqualTo(hostile.size());
    }

    private void drop(String name, byte[] content, String reason) {
        hostile.put(name, reason);
        Fixtures.drop(inbox, folder(name), name, content);
    }

    /** JSON into the IPTC-standard source, everything else into the demo desk. */
    private static String folder(String name) {
        return name.endsWith(".json") ? "standard" : "demo";
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
