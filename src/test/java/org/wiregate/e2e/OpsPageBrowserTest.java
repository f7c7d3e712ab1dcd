package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.store.Rejections;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.HeadlessChromium;
import org.wiregate.support.Http;
import org.wiregate.support.TestDirectories;

/**
 * An operator's morning in a real browser: log in to /ops, suspend and resume a source's ingest
 * route, fix a source mapping that fixed no language, reload the mappings and replay the item it
 * had quarantined, which then appears in the Spanish feed.
 *
 * <p>The page contract: Spring's default form login at /login; on /ops a {@code table#routes} with
 * {@code tr[data-route]} rows holding {@code td.state} and {@code button[name=action]} suspend /
 * resume / restart; {@code form#reload-mappings}; a {@code table#quarantine} with
 * {@code tr[data-rejection][data-file]} rows holding {@code button[name=action][value=replay]};
 * after each action a {@code p#message}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpsPageBrowserTest {

    private static final String USER = "desk-operator";
    private static final String PASSWORD = "browser-test-password";
    private static final String SOURCE = "desk-es";
    private static final String ROUTE = "ingest-" + SOURCE;
    private static final String FILE = "desk-es-no-language.json";
    private static final Path work = TestDirectories.create("ops-page");
    private static final Path inbox = work.resolve("inbox");
    private static final Path mappings = copyOfMappings(work.resolve("mappings"));

    @LocalServerPort
    int port;

    @Autowired
    Rejections rejections;

    @Autowired
    CamelContext camel;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "ops-page", inbox);
        registry.add("gateway.mappings", mappings::toString);
        registry.add("gateway.ops.user", () -> USER);
        registry.add("gateway.ops.password", () -> PASSWORD);
    }

    @Test
    void operatorSuspendsResumesFixesAMappingAndReplaysTheQuarantinedItem() throws Exception {
        // A Spanish desk whose mapping fixes no language sends an item that declares none: quarantined.
        ObjectNode item =
                (ObjectNode) new ObjectMapper().readTree(Fixtures.bytes("/fixtures/ninjs/es-ninjs1-item.json"));
        assertThat(item.remove("language")).isNotNull();
        String headline = item.path("headline").asText();
        Fixtures.drop(inbox, SOURCE, FILE, new ObjectMapper().writeValueAsBytes(item));
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        Files.exists(inbox.resolve(SOURCE).resolve(".error").resolve(FILE)));
        assertThat(rejections.recent(100)).anySatisfy(r -> {
            assertThat(r.fileName()).endsWith("/" + FILE);
            assertThat(r.reason()).contains("declares no language");
        });

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.driver();
            try {
                // Log in (Spring's default login page) and land on the ops page.
                browser.get(url("/ops"));
                chromium.await()
                        .withMessage("Spring's login page at /login")
                        .until(d -> d.getCurrentUrl().contains("/login")
                                && !d.findElements(By.name("username")).isEmpty());
                browser.findElement(By.name("username")).sendKeys(USER);
                browser.findElement(By.name("password")).sendKeys(PASSWORD);
                browser.findElement(By.cssSelector("button[type=submit], input[type=submit]"))
                        .click();
                chromium.await()
                        .withMessage("table#routes on /ops after login")
                        .until(d ->
                                !d.findElements(By.cssSelector("table#routes")).isEmpty());
                // Spring Security appends "?continue" when it sends the operator back to the page they asked for.
                assertThat(URI.create(browser.getCurrentUrl()).getPath()).isEqualTo("/ops");
                assertThat(stateOf(browser, ROUTE)).isEqualTo("Started");
                chromium.screenshot("ops-after-login");

                // Suspend the desk's ingest route, then resume it.
                routeButton(browser, ROUTE, "suspend").click();
                chromium.await()
                        .withMessage("state Suspended for " + ROUTE)
                        .until(d -> "Suspended".equals(stateOf(d, ROUTE)));
                assertThat(message(browser)).contains(ROUTE).contains("suspended");
                assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Suspended);
                chromium.screenshot("ops-after-suspend");

                routeButton(browser, ROUTE, "resume").click();
                chromium.await()
                        .withMessage("state Started for " + ROUTE)
                        .until(d -> "Started".equals(stateOf(d, ROUTE)));
                assertThat(message(browser)).contains(ROUTE).contains("resumed");
                assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);

                // Fix the mapping on disk and reload the mappings from the page.
                Files.writeString(
                        mappings.resolve(SOURCE + ".yaml"),
                        "language: es\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.APPEND);
                browser.findElement(By.cssSelector("form#reload-mappings button[type=submit], "
                                + "form#reload-mappings input[type=submit]"))
                        .click();
                chromium.await()
                        .withMessage("p#message saying Mappings reloaded")
                        .until(d -> message(d).contains("Mappings reloaded"));
                assertThat(message(browser)).contains(SOURCE);

                // Replay the quarantined item: this time it is processed.
                WebElement row = quarantinedRow(browser, FILE);
                String rejection = row.getDomAttribute("data-rejection");
                row.findElement(By.cssSelector("button[name=action][value=replay]"))
                        .click();
                chromium.await()
                        .withMessage("p#message saying Replayed rejection " + rejection)
                        .until(d -> message(d).contains("Replayed rejection " + rejection));
                assertThat(message(browser)).contains("processed").doesNotContain("rejected again");
                chromium.screenshot("ops-end");
            } catch (AssertionError | RuntimeException e) {
                chromium.screenshotQuietly("ops-failure");
                throw e;
            }
        }

        // The item is now in the Spanish feed, for any aggregator.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var response = Http.get(url("/feeds/es.json"));
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode feed = new ObjectMapper().readTree(response.body());
            assertThat(feed.path("items"))
                    .anySatisfy(i -> assertThat(i.path("title").asText()).isEqualTo(headline));
        });
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /**
     * The text of the route's state cell, or null while the page has no such row; read in one script
     * call, so a page being replaced cannot hand back a half-gone element.
     */
    private static String stateOf(WebDriver browser, String routeId) {
        Object state = ((JavascriptExecutor) browser)
                .executeScript(
                        "const cell = document.querySelector(\"table#routes tr[data-route='\" + arguments[0] + \"'] td.state\");"
                                + " return cell ? cell.textContent.trim() : null;",
                        routeId);
        return state == null ? null : state.toString();
    }

    private static WebElement routeButton(WebDriver browser, String routeId, String action) {
        return browser.findElement(By.cssSelector(
                "table#routes tr[data-route='" + routeId + "'] button[name=action][value=" + action + "]"));
    }

    /** The page's message after an action, or "" while there is none. */
    private static String message(WebDriver browser) {
        Object text = ((JavascriptExecutor) browser)
                .executeScript("const m = document.getElementById('message'); return m ? m.textContent.trim() : '';");
        return text == null ? "" : text.toString();
    }

    private static WebElement quarantinedRow(WebDriver browser, String fileName) {
        List<WebElement> rows = browser.findElements(By.cssSelector("table#quarantine tr[data-rejection][data-file]"));
        return rows.stream()
                .filter(r -> String.valueOf(r.getDomAttribute("data-file")).contains(fileName))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no quarantine row for " + fileName + " among " + rows.size() + " rows"));
    }

    /**
     * mappings/*.yaml and mappings/names/ copied to a folder of the test's own, plus the desk
     * source: standard IPTC copy with no language of its own (the mistake the operator fixes).
     */
    private static Path copyOfMappings(Path target) {
        try {
            Path names = Files.createDirectories(target.resolve("names"));
            Path source = Path.of("mappings");
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                        .toList()) {
                    Files.copy(f, target.resolve(f.getFileName()));
                }
            }
            try (Stream<Path> files = Files.list(source.resolve("names"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, names.resolve(f.getFileName()));
                }
            }
            Files.writeString(target.resolve(SOURCE + ".yaml"), """
                    extends: standard
                    name: Desk ES
                    """, StandardCharsets.UTF_8);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
