package org.wiregate.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wiregate.support.ArticleBuilder.anArticle;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.wiregate.WiregateApplication;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.ingest.SourceActivity;
import org.wiregate.partner.PartnerAdmin;
import org.wiregate.store.ArticleStore;
import org.wiregate.store.PayloadRepository;
import org.wiregate.store.StoreOutcome;
import org.wiregate.support.Http;
import org.wiregate.support.PostgresSchema;
import org.wiregate.support.RequiresPostgres;
import org.wiregate.support.TestDirectories;

/**
 * Two gateway instances (two application contexts, two web servers) on one PostgreSQL schema, as
 * behind a balancer: what one stores, revokes or does on the ops page shows on the other within a
 * second, both serve the same bytes and ETag, only the storing instance pings WebSub, both tell
 * the same source freshness, a lost listener connection ends in a full eviction, and an instance
 * ignores its own announcements. Caches are deliberately long-lived here (the
 * partner lookup cache a minute), so only an announcement can explain a change on the other side.
 */
@ExtendWith(RequiresPostgres.class)
class TwoInstancesCoherenceTest {

    private static final PostgresSchema SCHEMA = PostgresSchema.create("wiregate_cluster");
    private static final String PASSWORD = "two-instances-ops-password";
    private static final Path WORK = TestDirectories.create("cluster");
    private static final HttpClient CLIENT = HttpClient.newBuilder().build(); // follows no redirects
    private static final Duration WITHIN = Duration.ofSeconds(1);

    /** Stands in for an external WebSub hub each instance pings: /hub-a and /hub-b. */
    private static final WireMockServer HUB = new WireMockServer(options().dynamicPort());

    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoInstances() {
        HUB.start();
        HUB.stubFor(post(urlPathMatching("/hub-.*")).willReturn(aResponse().withStatus(204)));
        a = start("a");
        b = start("b");
    }

    @AfterAll
    static void stopThem() throws SQLException {
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {b, a}) {
            if (instance != null) {
                instance.close();
            }
        }
        HUB.stop();
        SCHEMA.drop();
    }

    private static ConfigurableApplicationContext start(String name) {
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.profiles.active", "postgres");
        properties.put("spring.datasource.url", RequiresPostgres.URL + "?currentSchema=" + SCHEMA.name());
        properties.put("spring.datasource.username", RequiresPostgres.USER);
        properties.put("spring.datasource.password", "");
        properties.put("spring.flyway.schemas", SCHEMA.name());
        properties.put("spring.flyway.create-schemas", "true");
        properties.put("server.port", "0");
        // one inbox shared by both, as on shared storage
        properties.put("gateway.inbox", WORK.resolve("inbox").toString());
        properties.put("gateway.demo.enabled", "false");
        properties.put("gateway.ops.token", Http.OPS_TOKEN);
        properties.put("gateway.ops.password", PASSWORD);
        properties.put(
                "gateway.ops.demo-password-file",
                WORK.resolve(name + "-ops-password").toString());
        properties.put("gateway.partners.auth-cache", "PT1M");
        properties.put("gateway.cluster.instance-id", "instance-" + name);
        properties.put("gateway.websub.publish-to[0]", HUB.baseUrl() + "/hub-" + name);
        properties.put("gateway.websub.allow-private-callbacks", "true");
        properties.put("gateway.websub.coalesce", "100ms");
        // as command-line arguments: they win over application-postgres.yaml, as the environment would
        return new SpringApplicationBuilder(WiregateApplication.class)
                .run(properties.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    @Test
    void aChangeStoredOnOneInstanceReachesTheOthersCachedPageWithinASecond() throws Exception {
        store(a, story("first", "First story on the cluster", 0));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> body(b, "/feeds/en.json").contains("First story"));
        String cachedOnB = body(b, "/feeds/en.json");

        store(a, story("second", "Second story on the cluster", 1));
        await().atMost(WITHIN)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> body(b, "/feeds/en.json").contains("Second story"));

        assertThat(cachedOnB).doesNotContain("Second story");
        for (String feed :
                List.of("/feeds/en.json", "/feeds/en.rss", "/feeds/en.atom", "/feeds/en/section/politics.rss")) {
            assertSameBytesAndEtag(feed, new String[0]);
            assertSameBytesAndEtag(feed, new String[] {"Accept-Encoding", "gzip"});
        }
    }

    @Test
    void onlyTheInstanceThatStoredAChangePingsWebSubAndEveryInstanceTellsTheSameFreshness() throws Exception {
        int pingsFromA = pings("/hub-a");
        body(b, "/feeds/en.json"); // cached on B (and B warm) before the change
        store(a, story("websub", "A story WebSub hears of once", 400));
        await().atMost(Duration.ofSeconds(5)).until(() -> pings("/hub-a") > pingsFromA);
        await().atMost(WITHIN).until(() -> body(b, "/feeds/en.json").contains("WebSub hears of once"));
        // B evicted for it but announces nothing: the subscribers were told by A.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> pings("/hub-b") == 0);

        Instant received = Instant.parse("2026-12-01T10:15:30Z");
        a.getBean(PayloadRepository.class)
                .capture("ap", "cluster-freshness.xml", "<wire/>".getBytes(StandardCharsets.UTF_8), received);
        await().atMost(Duration.ofSeconds(3))
                .until(() -> b.getBean(SourceActivity.class).lastReceived("ap").equals(Optional.of(received)));
    }

    @Test
    void convergenceOverAHundredChanges() throws Exception {
        body(b, "/feeds/es.json");
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String headline = "Cambio número " + i + " en el clúster";
            long before = System.nanoTime();
            store(a, story("es-change-" + i, headline, 10 + i, Language.ES));
            long stored = System.nanoTime();
            await().atMost(WITHIN)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> body(b, "/feeds/es.json").contains(headline));
            micros.add((System.nanoTime() - stored) / 1_000);
            assertThat(stored).isGreaterThan(before);
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "cluster convergence over %d changes (stored on A, seen in B's /feeds/es.json): min %.1f ms,"
                        + " p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                sorted.length,
                sorted[0] / 1000.0,
                sorted[sorted.length / 2] / 1000.0,
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1000.0,
                sorted[sorted.length - 1] / 1000.0);
        assertThat(sorted[sorted.length - 1]).isLessThanOrEqualTo(WITHIN.toNanos() / 1_000);
    }

    @Test
    void ownAnnouncementsAreIgnoredAndALostConnectionEndsInAFullEviction() throws Exception {
        Article article = store(a, story("silent", "Headline before a silent edit", 200));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> body(a, "/feeds/en.json").contains("Headline before"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> body(b, "/feeds/en.json").contains("Headline before"));

        // An edit nobody announces (as if its NOTIFY were lost): both keep the page they have.
        try (Connection sql = DriverManager.getConnection(RequiresPostgres.URL, RequiresPostgres.USER, "");
                PreparedStatement edit = sql.prepareStatement("UPDATE " + SCHEMA.name()
                        + ".article SET document = replace(document, 'Headline before a silent edit',"
                        + " 'Headline after a silent edit') WHERE id = ?")) {
            edit.setString(1, article.id().value());
            assertThat(edit.executeUpdate()).isEqualTo(1);
        }
        assertThat(body(a, "/feeds/en.json")).contains("Headline before");
        assertThat(body(b, "/feeds/en.json")).contains("Headline before");

        // The announcement of that edit as instance A would send it: B applies it, A ignores its own.
        ClusterListener listenerOfA = a.getBean(ClusterListener.class);
        long ignoredByA = listenerOfA.ownIgnored();
        long heardByA = listenerOfA.heard();
        notifyAs("instance-a", Topic.ARTICLE, article.id().value(), StoreOutcome.UPDATED.name());
        await().atMost(WITHIN).until(() -> body(b, "/feeds/en.json").contains("Headline after"));
        await().atMost(WITHIN).until(() -> listenerOfA.ownIgnored() == ignoredByA + 1);
        assertThat(listenerOfA.heard()).isEqualTo(heardByA);
        assertThat(body(a, "/feeds/en.json")).contains("Headline before").doesNotContain("Headline after");

        // A's listening connection is killed: A listens again and drops every cache for what it missed.
        long listens = listenerOfA.listens();
        int pid = listenerOfA.backendPid().orElseThrow();
        try (Connection sql = DriverManager.getConnection(RequiresPostgres.URL, RequiresPostgres.USER, "");
                PreparedStatement kill = sql.prepareStatement("SELECT pg_terminate_backend(?)")) {
            kill.setInt(1, pid);
            kill.execute();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> listenerOfA.listens() == listens + 1);
        assertThat(listenerOfA.backendPid()).isPresent().get().isNotEqualTo(pid);
        assertThat(body(a, "/feeds/en.json")).contains("Headline after").doesNotContain("Headline before");
    }

    @Test
    void aPartnerKeyRevokedOnOneInstanceIsRefusedOnTheOtherWithinASecond() throws Exception {
        PartnerAdmin admin = a.getBean(PartnerAdmin.class);
        PartnerAdmin.Created created =
                admin.create("cluster-partner", new PartnerAdmin.Contract("Cluster Partner", null, null, null), "test");
        String key = created.key().token();
        store(a, story("partner-visible", "A story partners receive", 300));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> body(b, "/partner/feeds/en.json", "X-Api-Key", key).contains("A story partners"));
        assertThat(get(a, "/partner/feeds/en.json", "X-Api-Key", key).statusCode())
                .isEqualTo(200);
        assertSameBytesAndEtag("/partner/feeds/en.json", new String[] {"X-Api-Key", key});
        assertThat(get(b, "/api/partner/me", "X-Api-Key", key).statusCode()).isEqualTo(200);

        admin.revokeKey("cluster-partner", created.key().id(), "test");
        await().atMost(WITHIN)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> get(b, "/api/partner/me", "X-Api-Key", key).statusCode() == 401);
        assertThat(get(b, "/partner/feeds/en.json", "X-Api-Key", key).statusCode())
                .isEqualTo(401);
    }

    @Test
    void anOpsLoginOnOneInstanceIsValidOnTheOtherAndARouteSuspendedThereIsSuspendedEverywhere() throws Exception {
        HttpResponse<String> loginPage = send(a, "/login", null, null);
        String anonymous = sessionCookie(loginPage);
        String form = "username=operator&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf(loginPage.body()), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = send(a, "/login", anonymous, form);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/ops");
        String session = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElse(anonymous);

        HttpResponse<String> pageOnB = send(b, "/ops", session, null);
        assertThat(pageOnB.statusCode()).as("the session made on A, on B").isEqualTo(200);
        assertThat(send(b, "/ops", null, null).statusCode()).as("no session").isEqualTo(302);

        // A pipeline route runs on every instance (a pulled source's runs only on its leader).
        String route = "link-editions";
        CamelContext camelOfB = b.getBean(CamelContext.class);
        assertThat(camelOfB.getRouteController().getRouteStatus(route)).isEqualTo(ServiceStatus.Started);
        // the form as posted from B's page (its CSRF token is the session's, so A accepts it)
        String action = "_csrf=" + URLEncoder.encode(csrf(pageOnB.body()), StandardCharsets.UTF_8);
        HttpResponse<String> suspended = send(a, "/ops/do/routes/" + route + "/suspend", session, action);
        assertThat(suspended.statusCode()).isEqualTo(303);
        assertThat(a.getBean(CamelContext.class).getRouteController().getRouteStatus(route))
                .isEqualTo(ServiceStatus.Suspended);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> camelOfB.getRouteController().getRouteStatus(route) == ServiceStatus.Suspended);

        assertThat(send(a, "/ops/do/routes/" + route + "/resume", session, action)
                        .statusCode())
                .isEqualTo(303);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> camelOfB.getRouteController().getRouteStatus(route) == ServiceStatus.Started);
    }

    private static int pings(String path) {
        return HUB.findAll(postRequestedFor(urlPathEqualTo(path))).size();
    }

    private void assertSameBytesAndEtag(String path, String[] headers) throws Exception {
        HttpResponse<byte[]> fromA = get(a, path, headers);
        HttpResponse<byte[]> fromB = get(b, path, headers);
        assertThat(fromA.statusCode()).as(path).isEqualTo(200);
        assertThat(fromB.statusCode()).as(path).isEqualTo(200);
        assertThat(fromB.headers().firstValue("ETag"))
                .as(path + " " + Arrays.toString(headers))
                .isPresent()
                .isEqualTo(fromA.headers().firstValue("ETag"));
        assertThat(fromB.body()).as(path + " " + Arrays.toString(headers)).isEqualTo(fromA.body());
    }

    private static Article story(String guid, String headline, int minutes) {
        return story(guid, headline, minutes, Language.EN);
    }

    private static Article story(String guid, String headline, int minutes, Language language) {
        return anArticle()
                .wire("demo", "urn:cluster:" + guid)
                .language(language)
                .headline(headline)
                .publishedAt(Instant.parse("2026-11-25T08:00:00Z").plus(Duration.ofMinutes(minutes)))
                .build();
    }

    private static Article store(ConfigurableApplicationContext instance, Article article) {
        StoreOutcome outcome = instance.getBean(ArticleStore.class).save(article, null);
        assertThat(outcome).isIn(StoreOutcome.CREATED, StoreOutcome.UPDATED);
        return article;
    }

    /** A NOTIFY on the instances' channel, from a connection of the test's own. */
    private static void notifyAs(String instance, Topic topic, String subject, String detail) throws SQLException {
        String channel = a.getBean(ClusterBus.class).channel();
        assertThat(channel).isEqualTo("wiregate_" + SCHEMA.name());
        try (Connection sql = DriverManager.getConnection(RequiresPostgres.URL, RequiresPostgres.USER, "");
                PreparedStatement notify = sql.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, channel);
            notify.setString(2, AnnouncementCodec.write(new Announcement(instance, topic, subject, detail)));
            notify.execute();
        }
    }

    private static String body(ConfigurableApplicationContext instance, String path, String... headers)
            throws Exception {
        return new String(get(instance, path, headers).body(), StandardCharsets.UTF_8);
    }

    private static HttpResponse<byte[]> get(ConfigurableApplicationContext instance, String path, String... headers)
            throws Exception {
        return Http.get(base(instance) + path, headers);
    }

    private static HttpResponse<String> send(
            ConfigurableApplicationContext instance, String path, String cookie, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(instance) + path));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base(ConfigurableApplicationContext instance) {
        return "http://localhost:"
                + ((ServletWebServerApplicationContext) instance).getWebServer().getPort();
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
    }

    /** The CSRF token of the first form: the login page's or an ops page form's (attributes in either order). */
    private static String csrf(String html) {
        Matcher token = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>").matcher(html);
        assertThat(token.find()).as("a CSRF token in the page").isTrue();
        Matcher value = Pattern.compile("value=\"([^\"]+)\"").matcher(token.group());
        assertThat(value.find()).isTrue();
        return value.group(1);
    }
}
