package org.wiregate.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.servlet.DispatcherServlet;
import org.wiregate.article.ArticleId;
import org.wiregate.leadership.SourceLeadership;
import org.wiregate.partner.PartnerKeys;
import org.wiregate.partner.PartnerRepository;
import org.wiregate.source.MappingRegistry;
import org.wiregate.store.EditionRepository;
import org.wiregate.store.PayloadRepository;
import org.wiregate.store.Rejection;
import org.wiregate.store.Rejections;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.PartnerFixtures;
import org.wiregate.support.TestDirectories;

/** The operator page: what it shows, who may see it, and what its forms do. */
@SpringBootTest
@AutoConfigureMockMvc
class OpsPageTest {

    private static final Path work = TestDirectories.create("opspage");
    private static final Path inbox = work.resolve("inbox");
    private static final Path mappingsDir = copyMappings(work.resolve("mappings"));
    private static final String TOKEN = "ops-page-token";

    @Autowired
    MockMvc mvc;

    @Autowired
    CamelContext camel;

    @Autowired
    SourceLeadership sourceLeadership;

    @Autowired
    Rejections rejections;

    @Autowired
    PayloadRepository payloads;

    @Autowired
    MappingRegistry mappings;

    @Autowired
    EditionRepository editions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PartnerRepository partners;

    @Autowired
    PartnerKeys keys;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "opspage", inbox);
        registry.add("gateway.mappings", mappingsDir::toString);
        registry.add("gateway.ops.token", () -> TOKEN);
    }

    @Test
    void anonymousOperatorIsSentToTheLogin() throws Exception {
        MvcResult result =
                mvc.perform(get("/ops")).andExpect(status().is3xxRedirection()).andReturn();
        assertThat(result.getResponse().getHeader("Location")).endsWith("/login");
        mvc.perform(post("/ops/do/mappings/reload").with(csrf())).andExpect(status().is3xxRedirection());
    }

    @Test
    @WithMockUser(roles = "OPERATOR")
    void pageRendersEverySectionWithoutExternalResources() throws Exception {
        ingest("standard", "page-s02-en.json", "/editions/corpus/s02-en.json");
        Document page = page();
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.select("style").html())
                .contains("system-ui, \"Noto Naskh Arabic\", \"Noto Sans Arabic\", sans-serif");
        assertThat(page.select("script, link, img, iframe, [src]")).isEmpty();

        Element standard = page.selectFirst("table#sources tr[data-source=standard]");
        assertThat(standard).isNotNull();
        assertThat(standard.selectFirst("td.articles").text()).isNotEqualTo("0");
        assertThat(standard.selectFirst("td.last-item").text()).endsWith("UTC");
        assertThat(standard.selectFirst("td.age").text()).isEqualTo("just now");
        assertThat(standard.select("svg.chart rect")).hasSize(24);
        assertThat(standard.select("svg.chart rect").last().attr("height")).isNotEqualTo("0");
        assertThat(standard.select("svg.chart rect title").last().text()).endsWith("stored");
        // One instance on H2: it polls every pulled source itself, since it started.
        assertThat(standard.selectFirst("td.polled-by").text())
                .startsWith(sourceLeadership.instanceId() + " since ")
                .endsWith("UTC");
        assertThat(page.select("table#sources tr[data-source]"))
                .hasSize(mappings.all().size());

        Element route = page.selectFirst("table#routes tr[data-route=ingest-demo]");
        assertThat(route.selectFirst("td.state").text()).isEqualTo("Started");
        for (String action : new String[] {"suspend", "resume", "restart"}) {
            Element form = route.selectFirst("form[method=post][action=/ops/do/routes/ingest-demo/" + action + "]");
            assertThat(form).as(action).isNotNull();
            assertThat(form.select("input[type=hidden][name=_csrf]")).hasSize(1);
            assertThat(form.select("button[type=submit][name=action][value=" + action + "]"))
                    .hasSize(1);
        }
        assertThat(page.select("table#routes tr[data-route=replay]")).hasSize(1);
        Element reload = page.selectFirst("form#reload-mappings[method=post][action=/ops/do/mappings/reload]");
        assertThat(reload.selectFirst("button[type=submit]").text()).isEqualTo("Reload mappings");
        assertThat(page.select("table#quarantine")).hasSize(1);
        assertThat(page.select("table#suggestions")).hasSize(1);
        assertThat(page.select("p#message")).isEmpty();
    }

    @Test
    @WithMockUser(roles = "OPERATOR")
    void partnersTableShowsEachContractItsKeysAndTodaysUsage() throws Exception {
        PartnerFixtures.partnerWithKey(partners, keys, "el-diario", """
                {"languages": ["es"], "sections": ["politics", "economy"], "text": "summary", "embargoPreview": true}""", 120, 20);
        String revokedOnly = PartnerFixtures.partnerWithKey(partners, keys, "gulf-daily", "{\"languages\": [\"ar\"]}");
        keys.revokeKey(revokedOnly.split("_")[1], "test");

        Element table = page().selectFirst("table#partners");
        assertThat(table).isNotNull();
        Element diario = table.select("tr").stream()
                .filter(r -> r.text().startsWith("el-diario"))
                .findFirst()
                .orElseThrow();
        assertThat(diario.text())
                .contains(
                        "active",
                        "es · economy, politics",
                        "headline and summary",
                        "embargo preview",
                        "120/min, burst 20",
                        "never",
                        "0 / 0 / 0 / 0");
        assertThat(diario.hasClass("warning")).isFalse();
        Element gulf = table.select("tr").stream()
                .filter(r -> r.text().startsWith("gulf-daily"))
                .findFirst()
                .orElseThrow();
        assertThat(gulf.hasClass("warning")).as("no valid key left").isTrue();
    }

    @Test
    @WithMockUser(roles = "OPERATOR")
    void suspendAndResumeChangeTheRouteState() throws Exception {
        try {
            act("/ops/do/routes/ingest-demo/suspend", "suspend", "Route ingest-demo suspended");
            assertThat(camel.getRouteController().getRouteStatus("ingest-demo")).isEqualTo(ServiceStatus.Suspended);
            Document page = page("Route ingest-demo suspended");
            assertThat(page.selectFirst("p#message").text()).isEqualTo("Route ingest-demo suspended");
            assertThat(page.selectFirst("tr[data-route=ingest-demo] td.state").text())
                    .isEqualTo("Suspended");
            assertThat(page.selectFirst("tr[data-route=ingest-demo] td.held").text())
                    .as("kept, with who and when")
                    .startsWith("suspended by user at ");
        } finally {
            act("/ops/do/routes/ingest-demo/resume", "resume", "Route ingest-demo resumed");
        }
        assertThat(page().selectFirst("tr[data-route=ingest-demo] td.held").text())
                .isEmpty();
        assertThat(camel.getRouteController().getRouteStatus("ingest-demo")).isEqualTo(ServiceStatus.Started);
        act("/ops/do/routes/ingest-demo/restart", "restart", "Route ingest-demo restarted");
        assertThat(camel.getRouteController().getRouteStatus("ingest-demo")).isEqualTo(ServiceStatus.Started);

        mvc.perform(post("/ops/do/routes/no-such-route/suspend").with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/ops/do/routes/ingest-demo/explode").with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/ops/do/routes/ingest-demo/suspend")).andExpect(status().isForbidden());
        assertThat(camel.getRouteController().getRouteStatus("ingest-demo")).isEqualTo(ServiceStatus.Started);
    }

    @Test
    @WithMockUser(roles = "OPERATOR")
    void replayTellsWhatHappened() throws Exception {
        Rejection broken =
                quarantine("standard", "replay-broken.json", Fixtures.bytes("/fixtures/malformed/broken.json"));
        Element row = page().selectFirst("table#quarantine tr[data-rejection=" + broken.id() + "]");
        assertThat(row.attr("data-file")).isEqualTo("inbox/standard/replay-broken.json");
        assertThat(row.selectFirst("td.reason").text()).isEqualTo(broken.reason());
        assertThat(row.select("form[action=/ops/do/quarantine/" + broken.id() + "/replay] button[value=replay]"))
                .hasSize(1);
        assertThat(row.select("form[action=/ops/do/quarantine/" + broken.id() + "/discard] button[value=discard]"))
                .hasSize(1);
        assertThat(row.select("a[href=/ops/do/quarantine/" + broken.id() + "]").text())
                .isEqualTo("view");

        String again = "Replayed rejection " + broken.id() + ": rejected again: " + broken.reason();
        act("/ops/do/quarantine/" + broken.id() + "/replay", "replay", again);
        assertThat(page(again).selectFirst("p#message").text()).isEqualTo(again);

        Fixtures.drop(inbox, "demo", "replay-mixed.xml", mixedFeed().getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve("demo/.done/replay-mixed.xml")));
        long item = rejections.recent(100).stream()
                .filter(r -> "opsreplay-2".equals(r.itemRef()))
                .findFirst()
                .orElseThrow()
                .id();
        act("/ops/do/quarantine/" + item + "/replay", "replay", "Replayed rejection " + item + ": processed");

        mvc.perform(post("/ops/do/quarantine/999999/replay").with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    @WithMockUser(roles = "OPERATOR")
    void discardHidesTheRejectionButKeepsItsBytes() throws Exception {
        byte[] hostile =
                "<script>alert('x')</script> not a feed \u00e9 \u0645\u0635\u0631".getBytes(StandardCharsets.UTF_8);
        Rejection rejection = quarantine("standard", "discard-me.txt", hostile);

        String view = mvc.perform(get("/ops/do/quarantine/" + rejection.id()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(view)
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("\u00e9 \u0645\u0635\u0631");
        assertThat(Jsoup.parse(view).selectFirst("pre#payload").text())
                .isEqualTo(new String(hostile, StandardCharsets.UTF_8));
        assertThat(listedIds()).contains(rejection.id());

        act(
                "/ops/do/quarantine/" + rejection.id() + "/discard",
                "discard",
                "Discarded rejection " + rejection.id() + " (its bytes are kept)");
        assertThat(page().select("table#quarantine tr[data-rejection=" + rejection.id() + "]"))
                .isEmpty();
        assertThat(listedIds()).doesNotContain(rejection.id());
        assertThat(payloads.content(rejection.payloadId())).hasValue(hostile);
        act(
                "/ops/do/quarantine/" + rejection.id() + "/discard",
                "discard",
                "Rejection " + rejection.id() + " was already discarded");
        mvc.perform(post("/ops/do/quarantine/999999/discard").with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get("/ops/do/quarantine/999999")).andExpect(status().isNotFound());
    }

    @Test
    @WithMockUser(roles = "OPERATOR")
    void brokenMappingIsReportedAndTheLoadedMappingsStay() throws Exception {
        int before = mappings.all().size();
        Path broken = mappingsDir.resolve("zz-broken.yaml");
        Files.writeString(broken, "name: Broken\nsectons:\n  politics: politics\n", StandardCharsets.UTF_8);
        try {
            MvcResult result = mvc.perform(post("/ops/do/mappings/reload").with(csrf()))
                    .andExpect(status().isSeeOther())
                    .andExpect(redirectedUrl("/ops"))
                    .andReturn();
            String message = (String) result.getFlashMap().get("message");
            assertThat(message)
                    .startsWith("Mappings not reloaded")
                    .contains("zz-broken.yaml")
                    .contains("unknown key 'sectons'");
            assertThat(page(message).selectFirst("p#message").text()).contains("unknown key 'sectons'");
            assertThat(mappings.all()).hasSize(before);
            assertThat(mappings.find("zz-broken")).isEmpty();
            assertThat(mappings.find("demo")).isPresent();
        } finally {
            Files.delete(broken);
        }
        act("/ops/do/mappings/reload", null, "Mappings reloaded; changed: []");
        assertThat(mappings.all()).hasSize(before);
    }

    @Test
    @WithMockUser(username = "desk-editor", roles = "OPERATOR")
    void suggestionsShowBothHeadlinesInTheirScriptAndTheOperatorDecides() throws Exception {
        ingest("standard", "sugg-s01-ar.json", "/editions/corpus/s01-ar.json");
        ingest("standard", "sugg-s02-en.json", "/editions/corpus/s02-en.json");
        ingest("standard", "sugg-s03-es.json", "/editions/corpus/s03-es.json");
        ArticleId arabic = ArticleId.of("standard", "urn:newsml:corpus.example:s01-ar");
        ArticleId english = ArticleId.of("standard", "urn:newsml:corpus.example:s02-en");
        ArticleId spanish = ArticleId.of("standard", "urn:newsml:corpus.example:s03-es");
        editions.suggest(english, arabic, 0.72, Instant.now());
        editions.suggest(english, spanish, 0.65, Instant.now());
        long toReject = suggestionOf(english, arabic);
        long toConfirm = suggestionOf(english, spanish);

        Element row = page().selectFirst("table#suggestions tr[data-suggestion=" + toReject + "]");
        Element arabicHeadline = row.selectFirst("[lang=ar]");
        assertThat(arabicHeadline.attr("dir")).isEqualTo("rtl");
        assertThat(arabicHeadline.text())
                .isEqualTo(editions.find(arabic).orElseThrow().article().headline());
        assertThat(row.selectFirst("[lang=en]").text()).startsWith("Magnitude 6.1 quake");
        assertThat(row.select("form[action=/ops/do/editions/" + toReject + "/confirm] button[value=confirm]"))
                .hasSize(1);
        assertThat(row.select("form[action=/ops/do/editions/" + toReject + "/reject] button[value=reject]"))
                .hasSize(1);
        assertThat(page().selectFirst("table#suggestions tr[data-suggestion=" + toConfirm + "] [lang=es]"))
                .isNotNull();

        act("/ops/do/editions/" + toReject + "/reject", "reject", "Rejected suggestion " + toReject + ": kept apart");
        assertThat(editions.keptApart(english)).contains(EditionRepository.pair(english.value(), arabic.value()));
        assertThat(actorOf(english, arabic)).isEqualTo("desk-editor");
        assertThat(page().select("table#suggestions tr[data-suggestion=" + toReject + "]"))
                .isEmpty();

        MvcResult confirmed = mvc.perform(post("/ops/do/editions/" + toConfirm + "/confirm")
                        .with(csrf())
                        .param("action", "confirm"))
                .andExpect(status().isSeeOther())
                .andReturn();
        assertThat((String) confirmed.getFlashMap().get("message"))
                .startsWith("Confirmed suggestion " + toConfirm + ": linked");
        assertThat(editions.find(spanish).orElseThrow().group())
                .isEqualTo(editions.find(english).orElseThrow().group());
        assertThat(actorOf(english, spanish)).isEqualTo("desk-editor");
        act(
                "/ops/do/editions/" + toConfirm + "/confirm",
                "confirm",
                "Suggestion " + toConfirm + " not confirmed: suggestion " + toConfirm + " is already confirmed");
    }

    private long suggestionOf(ArticleId a, ArticleId b) {
        return editions.suggestions("open").stream()
                .filter(s -> (s.a().equals(a) && s.b().equals(b)) || (s.a().equals(b) && s.b().equals(a)))
                .findFirst()
                .orElseThrow()
                .id();
    }

    private String actorOf(ArticleId a, ArticleId b) {
        return jdbc.sql(
                        "SELECT actor FROM edition_decision WHERE (article_a = ? AND article_b = ?) OR (article_a = ? AND article_b = ?)"
                                + " ORDER BY id DESC LIMIT 1")
                .params(a.value(), b.value(), b.value(), a.value())
                .query(String.class)
                .single();
    }

    private void act(String path, String action, String expectedMessage) throws Exception {
        var request = post(path).with(csrf());
        if (action != null) {
            request.param("action", action);
        }
        mvc.perform(request)
                .andExpect(status().isSeeOther())
                .andExpect(redirectedUrl("/ops"))
                .andExpect(flash().attribute("message", expectedMessage));
    }

    private Document page() throws Exception {
        return page(null);
    }

    private Document page(String message) throws Exception {
        var request = get("/ops");
        if (message != null) {
            // As the redirect after an action hands it over. Not flashAttr: MockMvc puts that in the
            // container's session, which Spring Session (sessions in the database) never reads.
            request.requestAttr(DispatcherServlet.INPUT_FLASH_MAP_ATTRIBUTE, Map.of("message", message));
        }
        MvcResult result = mvc.perform(request).andExpect(status().isOk()).andReturn();
        assertThat(result.getResponse().getContentType()).contains("text/html").containsIgnoringCase("charset=utf-8");
        return Jsoup.parse(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private List<Long> listedIds() throws Exception {
        String json = mvc.perform(get("/ops/quarantine").header("Authorization", "Bearer " + TOKEN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        List<Long> ids = new ArrayList<>();
        for (JsonNode entry : new ObjectMapper().readTree(json)) {
            ids.add(entry.path("id").asLong());
        }
        return ids;
    }

    private Rejection quarantine(String source, String name, byte[] content) {
        Fixtures.drop(inbox, source, name, content);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        Files.exists(inbox.resolve(source).resolve(".error").resolve(name)));
        return rejections.recent(100).stream()
                .filter(r -> r.fileName().equals("inbox/" + source + "/" + name) && r.itemRef() == null)
                .findFirst()
                .orElseThrow();
    }

    private static void ingest(String source, String name, String fixture) {
        Fixtures.drop(inbox, source, name, Fixtures.bytes(fixture));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(inbox.resolve(source + "/.done/" + name)));
    }

    private static String mixedFeed() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>t</title><link>https://a.example</link><description>d</description>
                <language>es</language>
                <item><guid isPermaLink="false">opsreplay-1</guid><title>Lluvias en Valencia (ops)</title>
                  <description>Aviso rojo.</description><pubDate>Fri, 27 Nov 2026 10:00:00 GMT</pubDate></item>
                <item><guid isPermaLink="false">opsreplay-2</guid><description>Sin titular</description></item>
                </channel></rss>
                """;
    }

    /** The shipped mappings (and names list) in a folder of the test's own, so a test can break one. */
    private static Path copyMappings(Path target) {
        Path shipped = Path.of("mappings");
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(shipped.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
