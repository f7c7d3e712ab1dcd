package org.wiregate.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.support.ArticleBuilder.anArticle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.partner.webhook.WebhookSignature;
import org.wiregate.store.ArticleStore;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.PartnerFixtures;
import org.wiregate.support.TestDirectories;

/**
 * The client walk-through of docs/partners.md, run as a partner would run it: each example in
 * docs/examples (curl + jq + openssl, Python's standard library with Debian's /usr/bin/python3,
 * Node.js without packages) walks the live delta two items a page, following the cursor to the end,
 * and a second run from the saved cursor gets exactly what was stored since; each verifies a webhook
 * signature made by the gateway's own signer, and refuses a changed body, a stale timestamp and a
 * wrong secret. docs/partners.md quotes the files verbatim (DocumentationMatchesCodeTest).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PartnerClientExamplesTest {

    private static final Path work = TestDirectories.create("partner-clients");
    private static final Path EXAMPLES = Path.of("docs/examples").toAbsolutePath();
    private static final String SECRET = "whsec_walkthrough-secret";

    @LocalServerPort
    int port;

    @Autowired
    ArticleStore store;

    @Autowired
    PartnerRepository partners;

    @Autowired
    PartnerKeys keys;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "partner-clients", work.resolve("inbox"));
    }

    private record Client(String name, List<String> command) {}

    private static List<Client> clients() {
        List<Client> clients = new ArrayList<>();
        clients.add(new Client(
                "curl", List.of("bash", EXAMPLES.resolve("partner-client.sh").toString())));
        clients.add(new Client(
                "python",
                List.of(
                        "/usr/bin/python3",
                        EXAMPLES.resolve("partner-client.py").toString())));
        clients.add(new Client(
                "node", List.of(node(), EXAMPLES.resolve("partner-client.mjs").toString())));
        return clients;
    }

    @Test
    void eachClientWalksTheDeltaAndResumesFromItsCursor() throws Exception {
        String key = PartnerFixtures.partnerWithKey(partners, keys, "walkthrough", null);
        List<Article> first = List.of(
                story("walk-1", Language.EN, "Rains return to the Sahel"),
                story("walk-2", Language.AR, "عودة الأمطار إلى الساحل"),
                story("walk-3", Language.ES, "Vuelven las lluvias al Sahel"),
                story("walk-4", Language.EN, "Ports reopen after the storm"),
                story("walk-5", Language.ES, "Reabren los puertos tras la tormenta"));
        first.forEach(a -> store.save(a, null));

        List<Article> stored = new ArrayList<>(first);
        for (Client client : clients()) {
            Path cursor = work.resolve(client.name() + "-cursor.txt");
            Map<String, String> env = Map.of(
                    "WIREGATE_URL",
                    "http://localhost:" + port,
                    "WIREGATE_KEY",
                    key,
                    "WIREGATE_LIMIT",
                    "2",
                    "WIREGATE_CURSOR_FILE",
                    cursor.toString());
            // From the start: everything stored so far (the five, and one more per client before),
            // two a page, each page asked for with the cursor of the one before, each item once.
            Run walk = run(client, env, "delta");
            assertThat(walk.exit()).as(client.name() + ": " + walk.output()).isZero();
            List<String> expected = new ArrayList<>();
            stored.forEach(a -> expected.add(line(a)));
            expected.add("caught up: " + stored.size() + " items");
            assertThat(walk.lines()).as(client.name()).containsExactlyElementsOf(expected);
            assertThat(cursor).as(client.name() + " saved its cursor").isNotEmptyFile();

            // From the saved cursor: only what was stored since.
            Article later = story("walk-later-" + client.name(), Language.AR, "خبر لاحق: " + client.name());
            store.save(later, null);
            stored.add(later);
            Run resumed = run(client, env, "delta");
            assertThat(resumed.exit())
                    .as(client.name() + ": " + resumed.output())
                    .isZero();
            assertThat(resumed.lines())
                    .as(client.name() + " from its saved cursor")
                    .containsExactly(line(later), "caught up: 1 items");
        }
    }

    /** What the examples print for an item: uri, version, language, headline. */
    private static String line(Article article) {
        return article.id().urn() + " v1 " + article.language().code() + " " + article.headline();
    }

    @Test
    void eachClientVerifiesAWebhookSignatureOverTheRawBody() throws Exception {
        byte[] body = ("{\"event\":\"published\",\"delivery\":\"whd_walkthrough\",\"item\":{\"uri\":"
                        + "\"urn:wiregate:article:x\",\"version\":\"1\",\"language\":\"ar\",\"headlines\":"
                        + "[{\"role\":\"main\",\"value\":\"عودة الأمطار\"}]}}")
                .getBytes(StandardCharsets.UTF_8);
        Path bodyFile = Files.write(work.resolve("delivery.json"), body);
        byte[] changed = body.clone();
        changed[changed.length - 3] ^= 1;
        Path changedFile = Files.write(work.resolve("delivery-changed.json"), changed);
        long now = Instant.now().getEpochSecond();
        String header = WebhookSignature.sign(SECRET, now, body);
        // During a secret rotation the gateway signs with both secrets: either one verifies.
        String rotating = WebhookSignature.sign(List.of("whsec_new-secret", SECRET), now, body);
        String stale = WebhookSignature.sign(SECRET, now - 600, body);
        assertThat(WebhookSignature.verify(SECRET, header, body, Instant.now(), WebhookSignature.DEFAULT_TOLERANCE))
                .isEqualTo(WebhookSignature.Result.VALID);

        for (Client client : clients()) {
            expect(client, "valid", 0, SECRET, header, bodyFile);
            expect(client, "valid", 0, SECRET, rotating, bodyFile);
            expect(client, "valid", 0, "whsec_new-secret", rotating, bodyFile);
            expect(client, "invalid", 1, SECRET, header, changedFile);
            expect(client, "invalid", 1, SECRET, stale, bodyFile);
            expect(client, "invalid", 1, "whsec_wrong", header, bodyFile);
            expect(client, "invalid", 1, SECRET, "v1=" + "0".repeat(64), bodyFile);
        }
    }

    private void expect(Client client, String answer, int exit, String secret, String header, Path body)
            throws Exception {
        Run run = run(client, Map.of(), "verify", secret, header, body.toString());
        assertThat(run.lines()).as(client.name() + " " + header + " " + body).containsExactly(answer);
        assertThat(run.exit()).as(client.name()).isEqualTo(exit);
    }

    private static Article story(String guid, Language language, String headline) {
        return anArticle()
                .wire("afp", guid)
                .language(language)
                .headline(headline)
                .publishedAt(Instant.now())
                .build();
    }

    private record Run(int exit, String output) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    private static Run run(Client client, Map<String, String> env, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(client.command());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().putAll(env);
        builder.environment().put("LANG", "C.UTF-8");
        Process process = builder.start();
        process.getOutputStream().close();
        // stderr to the test's log (a client's own error messages), stdout is what a partner reads
        byte[] errors = process.getErrorStream().readAllBytes();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(client.name() + " did not finish within 60 s");
        }
        if (errors.length > 0) {
            System.err.println(client.name() + " " + String.join(" ", arguments) + ": "
                    + new String(errors, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Node.js from the PATH (the machine's Node 20); under CI=true it must be there. */
    private static String node() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "node"))) {
                return Path.of(dir, "node").toString();
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but node is not installed: ./test installs nodejs");
        }
        Assumptions.abort("node not installed");
        return "node";
    }
}
