package org.wiregate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.web.AccessMatrixTest.Access.AGENCY;
import static org.wiregate.web.AccessMatrixTest.Access.OPERATOR;
import static org.wiregate.web.AccessMatrixTest.Access.OPS_FORM;
import static org.wiregate.web.AccessMatrixTest.Access.PARTNER;
import static org.wiregate.web.AccessMatrixTest.Access.PUBLIC;

import jakarta.servlet.Filter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.wiregate.partner.PartnerKeys;
import org.wiregate.partner.PartnerRepository;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.PartnerFixtures;
import org.wiregate.support.TestDirectories;

/**
 * Who gets through where, for every endpoint the running application exposes. The endpoints are
 * enumerated, not listed by hand: Spring MVC's handler mappings (controllers and actuator), the
 * static resource mappings, the servlet filters' own URL patterns, and the filters that answer
 * requests themselves. Each must have a row in {@link #EXPECTED}; one without fails the build,
 * naming it. Each row is then asked, over a raw socket (the exact path bytes), by four callers:
 * anonymous, a partner key, a partner feed token, the operator token. Then each path again spelled
 * five other ways (percent-encoded, double slash, trailing slash, {@code ;param}, upper case),
 * which may answer the same as the canonical path or a uniform 400/404, never let a caller through
 * where the canonical path refuses it.
 *
 * <p>docs/security.md's access table is this table ({@link #docsSecurityMdShowsThisTable} checks it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // /actuator/prometheus exists, as in production
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

    /** Who an endpoint lets through. */
    enum Access {
        /** everyone */
        PUBLIC,
        /** a partner key; a feed token for the one feed it was issued for */
        PARTNER,
        /** the operator: token or ops login */
        OPERATOR,
        /** the ops page's forms: an operator login session with its CSRF token, no bearer token */
        OPS_FORM,
        /** an agency's own push token: none of the four callers here gets a 2xx */
        AGENCY
    }

    record Row(Access access, String sample) {}

    static final String OPS_TOKEN = "matrix-ops-token";
    static final String TOKEN_FEED = "/partner/feeds/en.rss";

    /** Keyed "METHOD pattern" as enumerated; a sample path where the pattern has variables. */
    static final Map<String, Row> EXPECTED = new LinkedHashMap<>();

    static {
        // public outputs
        row("GET /feeds", PUBLIC);
        row("GET /feeds.opml", PUBLIC);
        row("GET /feeds/{lang}.{format}", PUBLIC, "/feeds/en.rss");
        row("GET /feeds/{lang}/breaking.{format}", PUBLIC, "/feeds/en/breaking.atom");
        row("GET /feeds/{lang}/{kind}/{slug}.{format}", PUBLIC, "/feeds/en/section/world.json");
        row("GET /feeds/{lang}/archive/{day}.{format}", PUBLIC, "/feeds/en/archive/2026-12-01.atom");
        row("GET /feeds/{lang}/breaking/archive/{day}.{format}", PUBLIC, "/feeds/en/breaking/archive/2026-12-01.rss");
        row(
                "GET /feeds/{lang}/{kind}/{slug}/archive/{day}.{format}",
                PUBLIC,
                "/feeds/en/tag/energy/archive/2026-12-01.json");
        row("GET /feeds/**", PUBLIC, "/feeds/en/nothing/here.rss");
        row("GET /sitemaps/index.xml", PUBLIC);
        row("GET /sitemaps/news-{lang}.xml", PUBLIC, "/sitemaps/news-en.xml");
        row("GET /{lang:en|ar|es}/", PUBLIC, "/en/");
        row("GET /{lang:en|ar|es}/articles/{id}", PUBLIC, "/en/articles/nothing");
        row("GET /{lang:en|ar|es}/articles/{id}/{slug}", PUBLIC, "/en/articles/nothing/slug");
        row("GET /**", PUBLIC, "/openapi.yaml"); // static resources
        row("GET /webjars/**", PUBLIC, "/webjars/nothing.js");
        row("GET /error", PUBLIC);
        row("POST /websub/hub", PUBLIC);
        row("GET /actuator/health", PUBLIC); // status only, see HealthAndMetricsAccessTest
        row("GET /actuator/health/liveness", PUBLIC);
        row("GET /actuator/health/readiness", PUBLIC);
        row("GET /login", PUBLIC);
        row("POST /login", OPS_FORM); // with a CSRF token from the login page only
        row("POST /logout", OPS_FORM);
        // agencies
        row("POST /ingest/{source}", AGENCY, "/ingest/nobody");
        // partners
        row("GET /api/partner/me", PARTNER);
        row("GET /api/partner/usage", PARTNER);
        row("GET /api/partner/articles", PARTNER);
        row("GET /api/partner/articles/{id}", PARTNER, "/api/partner/articles/nothing");
        row("GET /api/articles", PARTNER);
        row("GET /api/articles/{id}", PARTNER, "/api/articles/nothing");
        row("GET /api/partner/webhooks", PARTNER);
        row("POST /api/partner/webhooks", PARTNER);
        row("GET /api/partner/webhooks/{id}", PARTNER, "/api/partner/webhooks/nothing");
        row("DELETE /api/partner/webhooks/{id}", PARTNER, "/api/partner/webhooks/nothing");
        row("GET /api/partner/webhooks/{id}/dead-letters", PARTNER, "/api/partner/webhooks/nothing/dead-letters");
        row(
                "POST /api/partner/webhooks/{id}/deliveries/{deliveryId}/redeliver",
                PARTNER,
                "/api/partner/webhooks/nothing/deliveries/nothing/redeliver");
        row("POST /api/partner/webhooks/{id}/enable", PARTNER, "/api/partner/webhooks/nothing/enable");
        row("POST /api/partner/webhooks/{id}/rotate-secret", PARTNER, "/api/partner/webhooks/nothing/rotate-secret");
        row("GET /partner/feeds", PARTNER);
        row("GET /partner/feeds/{lang}.{format}", PARTNER, TOKEN_FEED);
        row("GET /partner/feeds/**", PARTNER, "/partner/feeds/en/nothing/here.rss");
        row("GET /partner/feeds/{lang}/breaking.{format}", PARTNER, "/partner/feeds/en/breaking.rss");
        row("GET /partner/feeds/{lang}/{kind}/{slug}.{format}", PARTNER, "/partner/feeds/en/section/world.rss");
        // the partner filters answer every path under theirs, mapped or not
        row("FILTER /api/partner/*", PARTNER, "/api/partner/unmapped");
        row("FILTER /api/partner", PARTNER, "/api/partner");
        row("FILTER /api/articles", PARTNER, "/api/articles");
        row("FILTER /api/articles/*", PARTNER, "/api/articles/unmapped/x");
        row("FILTER /partner/*", PARTNER, "/partner/unmapped");
        row("FILTER /partner/feeds/*", PARTNER, TOKEN_FEED);
        // operators
        row("GET /ops", OPERATOR);
        row("GET /ops/", OPERATOR);
        row("GET /ops/do/quarantine/{id}", OPERATOR, "/ops/do/quarantine/999999");
        row("POST /ops/do/routes/{routeId}/{action}", OPS_FORM, "/ops/do/routes/nothing/resume");
        row("POST /ops/do/mappings/reload", OPS_FORM);
        row("POST /ops/do/quarantine/{id}/replay", OPS_FORM, "/ops/do/quarantine/999999/replay");
        row("POST /ops/do/quarantine/{id}/discard", OPS_FORM, "/ops/do/quarantine/999999/discard");
        row("POST /ops/do/editions/{id}/confirm", OPS_FORM, "/ops/do/editions/999999/confirm");
        row("POST /ops/do/editions/{id}/reject", OPS_FORM, "/ops/do/editions/999999/reject");
        row("GET /ops/quarantine", OPERATOR);
        row("POST /ops/quarantine/{id}/replay", OPERATOR, "/ops/quarantine/999999/replay");
        row("GET /ops/editions/suggestions", OPERATOR);
        row("POST /ops/editions/suggestions/{id}/confirm", OPERATOR, "/ops/editions/suggestions/999999/confirm");
        row("POST /ops/editions/suggestions/{id}/reject", OPERATOR, "/ops/editions/suggestions/999999/reject");
        row("POST /ops/editions/link", OPERATOR);
        row("POST /ops/editions/{articleId}/unlink", OPERATOR, "/ops/editions/nothing/unlink");
        row("GET /ops/partners", OPERATOR);
        row("POST /ops/partners", OPERATOR);
        row("GET /ops/partners/{id}", OPERATOR, "/ops/partners/nobody");
        row("PUT /ops/partners/{id}", OPERATOR, "/ops/partners/nobody");
        row("POST /ops/partners/{id}/disable", OPERATOR, "/ops/partners/nobody/disable");
        row("POST /ops/partners/{id}/enable", OPERATOR, "/ops/partners/nobody/enable");
        row("POST /ops/partners/{id}/keys", OPERATOR, "/ops/partners/nobody/keys");
        row("POST /ops/partners/{id}/keys/{keyId}/rotate", OPERATOR, "/ops/partners/nobody/keys/nothing/rotate");
        row("POST /ops/partners/{id}/keys/{keyId}/revoke", OPERATOR, "/ops/partners/nobody/keys/nothing/revoke");
        row("POST /ops/partners/{id}/feed-tokens", OPERATOR, "/ops/partners/nobody/feed-tokens");
        row(
                "POST /ops/partners/{id}/feed-tokens/{tokenId}/revoke",
                OPERATOR,
                "/ops/partners/nobody/feed-tokens/nothing/revoke");
        row("GET /ops/partners/{id}/audit", OPERATOR, "/ops/partners/nobody/audit");
        row("GET /ops/partners/{id}/usage", OPERATOR, "/ops/partners/nobody/usage");
        row("GET /actuator", OPERATOR);
        row("GET /actuator/health/**", OPERATOR, "/actuator/health/db");
        row("GET /actuator/info", OPERATOR);
        row("GET /actuator/metrics", OPERATOR);
        row("GET /actuator/metrics/{requiredMetricName}", OPERATOR, "/actuator/metrics/wiregate.partner.requests");
        row("GET /actuator/prometheus", OPERATOR);
    }

    /**
     * The application's own filters, each with the rows of the paths it answers itself (empty when
     * it only passes requests on or decorates answers). A new filter needs a line here.
     */
    static final Map<String, List<String>> FILTERS = Map.of(
            "RequestGate", List.of(), // refuses (400, 413) for every path alike
            "FeedFastPath", List.of("GET /feeds/{lang}.{format}"),
            "FeedTokenRedaction", List.of(),
            "DatabaseUnavailableFilter", List.of(),
            "PartnerAuthFilter", List.of("FILTER /partner/*", "FILTER /api/partner/*"),
            "RateLimitFilter", List.of(),
            "PartnerFeedFastPath", List.of("FILTER /partner/feeds/*"));

    private static void row(String key, Access access) {
        row(key, access, key.substring(key.indexOf(' ') + 1));
    }

    private static void row(String key, Access access, String sample) {
        EXPECTED.put(key, new Row(access, sample));
    }

    private static final Path inbox = TestDirectories.create("access-matrix").resolve("inbox");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "access-matrix", inbox);
        registry.add("gateway.ops.token", () -> OPS_TOKEN);
        registry.add("gateway.ops.password", () -> "matrix-password-not-used");
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    PartnerRepository partners;

    @Autowired
    PartnerKeys keys;

    String partnerKey;
    String feedToken;

    @BeforeAll
    void partner() {
        partnerKey = PartnerFixtures.partnerWithKey(partners, keys, "matrix", null);
        feedToken = keys.issueFeedToken("matrix", TOKEN_FEED, "test").token();
    }

    @Test
    void everyEndpointHasAnExpectedAnswer() {
        Set<String> found = enumerate();
        Set<String> missing = new TreeSet<>(found);
        missing.removeAll(EXPECTED.keySet());
        assertThat(missing)
                .as("endpoints without a row in AccessMatrixTest.EXPECTED (and docs/security.md): add one")
                .isEmpty();
        Set<String> stale = new TreeSet<>(EXPECTED.keySet());
        stale.removeAll(found);
        stale.removeIf(key -> key.endsWith(" /login") || key.endsWith(" /logout")); // Spring Security's own
        stale.removeIf(key -> key.startsWith("GET /actuator/health/") && !key.endsWith("/**")); // the probes
        assertThat(stale).as("rows for endpoints the application no longer has").isEmpty();
    }

    @Test
    void everyCallerGetsTheExpectedAnswerOnEveryEndpoint() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Row> entry : EXPECTED.entrySet()) {
            String method = entry.getKey().startsWith("FILTER ")
                    ? "GET"
                    : entry.getKey().substring(0, entry.getKey().indexOf(' '));
            Row row = entry.getValue();
            for (Caller caller : Caller.values()) {
                Answer answer = send(method, row.sample(), caller);
                boolean expected = lets(row, caller);
                boolean through = row.access() == AGENCY ? answer.status() / 100 == 2 : answer.through();
                if (through != expected) {
                    wrong.add(entry.getKey() + " as " + caller + ": " + answer + ", expected "
                            + (expected ? "through" : "refused"));
                }
            }
        }
        assertThat(wrong).as("answers that differ from the matrix").isEmpty();
    }

    @Test
    void everySpellingOfAPathGetsTheSameAnswerOrAUniformRefusal() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Row> entry : EXPECTED.entrySet()) {
            String method = entry.getKey().startsWith("FILTER ")
                    ? "GET"
                    : entry.getKey().substring(0, entry.getKey().indexOf(' '));
            String sample = entry.getValue().sample();
            for (Caller caller : Caller.values()) {
                Answer canonical = send(method, sample, caller);
                for (Map.Entry<String, String> variant : variants(sample).entrySet()) {
                    Answer answer = send(method, variant.getValue(), caller);
                    boolean sameClass = answer.through() == canonical.through();
                    // A percent-encoded letter is the same URI (RFC 3986, 6.2.2.2): the firewall lets it
                    // through, so it must get the canonical answer (or match nothing at all).
                    boolean uniformRefusal = variant.getKey().equals("percent-encoded")
                            ? answer.status() == 404
                            : answer.status() == 400 || answer.status() == 404;
                    boolean refusedWhereCanonicalLetsThrough = canonical.through() && !answer.through();
                    if (!(sameClass || uniformRefusal || refusedWhereCanonicalLetsThrough)) {
                        wrong.add(method + " " + variant.getValue() + " (" + variant.getKey() + " of " + sample
                                + ") as " + caller + ": " + answer + " where the canonical path is " + canonical);
                    }
                }
            }
        }
        assertThat(wrong)
                .as("spellings that get further than their canonical path")
                .isEmpty();
    }

    /** docs/security.md's access matrix lists these rows, in this order, with these answers. */
    @Test
    void docsSecurityMdShowsThisTable() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher line = Pattern.compile("(?m)^\\| `([A-Z]+ [^`]+)` \\| ([A-Z_]+) \\|$")
                .matcher(Files.readString(Path.of("docs/security.md"), StandardCharsets.UTF_8));
        while (line.find()) {
            documented.put(line.group(1), line.group(2));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        EXPECTED.forEach((key, row) -> expected.put(key, row.access().name()));
        assertThat(documented)
                .as("docs/security.md's access matrix (regenerate it from AccessMatrixTest.EXPECTED)")
                .containsExactlyEntriesOf(expected);
    }

    /** Row 3: a caller without the token is answered before the server reads a byte of the body. */
    @Test
    void operatorBodiesAreNeverReadBeforeTheToken() throws IOException {
        for (String target : List.of("POST /ops/editions/link", "PUT /ops/partners/nobody", "POST /ops/partners")) {
            // The body is announced but never sent: an answer at all proves it was not waited for.
            Answer answer = exchange(
                    port,
                    target + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 1000\r\nConnection: close\r\n\r\n",
                    3_000);
            assertThat(answer.status()).as(target).isEqualTo(401);
        }
        Answer tooLarge = exchange(
                port,
                "POST /ops/editions/link HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + OPS_TOKEN
                        + "\r\nContent-Type: application/json\r\nContent-Length: 3000000000\r\n\r\n",
                3_000);
        assertThat(tooLarge.status())
                .as("a body above the cap, even with the token")
                .isEqualTo(413);
    }

    /** Row 3: a chunked body has no length to refuse up front; it is cut off at the cap while read. */
    @Test
    void chunkedBodiesAreCappedWhileRead() throws IOException {
        // Spring's own JSON reading, and the partner admin API's reader, which answers unreadable bodies itself
        chunkedBodyIsCapped("POST /ops/editions/link");
        chunkedBodyIsCapped("PUT /ops/partners/capped-partner");
    }

    private void chunkedBodyIsCapped(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write((request + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + OPS_TOKEN
                            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            try {
                for (int i = 0; i < 40; i++) { // 2.5 MB of JSON whitespace
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedEarly) {
                // the server may answer and close before the rest is sent
            }
            String head = head(socket.getInputStream());
            assertThat(head).as(request).startsWith("HTTP/1.1 413");
        }
    }

    /** Row 5: anonymous health is the status only; the operator sees the components. */
    @Test
    void healthDetailsAndMetricsNeedTheOperator() throws Exception {
        String anonymous = body("/actuator/health", null);
        assertThat(anonymous)
                .contains("\"status\"")
                .doesNotContain("components")
                .doesNotContain("inbox");
        assertThat(body("/actuator/health", OPS_TOKEN))
                .contains("\"components\"")
                .contains("\"inbox\"");
        assertThat(send("GET", "/actuator/prometheus", Caller.ANONYMOUS).status())
                .isEqualTo(401);
        assertThat(body("/actuator/prometheus", OPS_TOKEN)).contains("wiregate_");
        // Anonymous probes: right after start Camel's consumers are DOWN until their first poll (503), so wait for
        // that.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(send("GET", "/actuator/health/readiness", Caller.ANONYMOUS)
                                .status())
                        .as(body("/actuator/health", OPS_TOKEN))
                        .isEqualTo(200));
        assertThat(send("GET", "/actuator/health/liveness", Caller.ANONYMOUS).status())
                .isEqualTo(200);
    }

    /** Row 6: a redirect is relative, whatever Host the client sends. */
    @Test
    void redirectsNeverComeFromTheHostHeader() throws IOException {
        Answer answer = exchange(port, "GET /ops HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).isEqualTo("/login");
    }

    private String body(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** A trailing slash, a {@code ;param}, a double slash, a percent-encoded letter, upper case. */
    static Map<String, String> variants(String path) {
        Map<String, String> variants = new LinkedHashMap<>();
        int letter = 1;
        while (letter < path.length() && !Character.isLetter(path.charAt(letter))) {
            letter++;
        }
        if (letter < path.length()) {
            variants.put(
                    "percent-encoded",
                    path.substring(0, letter)
                            + String.format(Locale.ROOT, "%%%02X", (int) path.charAt(letter))
                            + path.substring(letter + 1));
        }
        int second = path.indexOf('/', 1);
        variants.put(
                "double slash", second > 0 ? path.substring(0, second) + "/" + path.substring(second) : "/" + path);
        variants.put("trailing slash", path.endsWith("/") ? path + "/" : path + "/");
        variants.put(
                ";param", second > 0 ? path.substring(0, second) + ";x=1" + path.substring(second) : path + ";x=1");
        variants.put("upper case", path.toUpperCase(Locale.ROOT));
        return variants;
    }

    enum Caller {
        ANONYMOUS,
        PARTNER_KEY,
        FEED_TOKEN,
        OPERATOR_TOKEN
    }

    private boolean lets(Row row, Caller caller) {
        return switch (row.access()) {
            case PUBLIC -> true;
            case PARTNER ->
                caller == Caller.PARTNER_KEY
                        || (caller == Caller.FEED_TOKEN && row.sample().equals(TOKEN_FEED));
            case OPERATOR -> caller == Caller.OPERATOR_TOKEN;
            case OPS_FORM, AGENCY -> false;
        };
    }

    record Answer(int status, String location) {
        /** Not refused: neither 401/403 nor a redirect to the login page (an agency path's 404 is a refusal too). */
        boolean through() {
            return !(status == 401
                    || status == 403
                    || (status / 100 == 3 && location != null && location.endsWith("/login")));
        }

        @Override
        public String toString() {
            return status + (location == null ? "" : " -> " + location);
        }
    }

    Answer send(String method, String path, Caller caller) throws IOException {
        StringBuilder request = new StringBuilder();
        String target = caller == Caller.FEED_TOKEN ? path + "?token=" + feedToken : path;
        request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        request.append("Host: localhost:").append(port).append("\r\n");
        request.append("Connection: close\r\n");
        if (caller == Caller.PARTNER_KEY) {
            request.append("Authorization: Bearer ").append(partnerKey).append("\r\n");
        }
        if (caller == Caller.OPERATOR_TOKEN) {
            request.append("Authorization: Bearer ").append(OPS_TOKEN).append("\r\n");
        }
        if (!"GET".equals(method)) {
            request.append("Content-Type: application/json\r\nContent-Length: 0\r\n");
        }
        request.append("\r\n");
        return exchange(port, request.toString());
    }

    /** One request over a raw socket (the path exactly as given), answered with its status and Location. */
    static Answer exchange(int port, String request) throws IOException {
        return exchange(port, request, 20_000);
    }

    static Answer exchange(int port, String request, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String head = head(socket.getInputStream());
            Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(head);
            if (!status.find()) {
                throw new IOException("no status line in: " + head);
            }
            Matcher location = Pattern.compile("(?im)^Location: *(\\S+)").matcher(head);
            return new Answer(Integer.parseInt(status.group(1)), location.find() ? location.group(1) : null);
        }
    }

    /** The status line and headers. */
    static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() >= 4) {
                byte[] bytes = head.toByteArray();
                int n = bytes.length;
                if (bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                    break;
                }
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Every endpoint the application answers, as "METHOD pattern" (or "FILTER pattern"). */
    private Set<String> enumerate() {
        Set<String> found = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping :
                context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<String> methods = new TreeSet<>();
                info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
                if (methods.isEmpty()) {
                    methods.add("GET");
                }
                for (String pattern : info.getPatternValues()) {
                    methods.forEach(m -> found.add(m + " " + pattern));
                }
            }
        }
        for (SimpleUrlHandlerMapping mapping :
                context.getBeansOfType(SimpleUrlHandlerMapping.class).values()) {
            mapping.getUrlMap().keySet().forEach(pattern -> found.add("GET " + pattern));
        }
        List<String> unknownFilters = new ArrayList<>();
        for (FilterRegistrationBean<?> registration :
                context.getBeansOfType(FilterRegistrationBean.class).values()) {
            registration.getUrlPatterns().stream().filter(p -> !p.equals("/*")).forEach(p -> found.add("FILTER " + p));
            checkFilter(registration.getFilter(), unknownFilters, found);
        }
        context.getBeansOfType(Filter.class).values().forEach(f -> checkFilter(f, unknownFilters, found));
        assertThat(unknownFilters)
                .as("filters of the application without an entry in AccessMatrixTest.FILTERS")
                .isEmpty();
        assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSize(1);
        return found;
    }

    private static void checkFilter(Filter filter, List<String> unknown, Set<String> found) {
        if (filter == null || !filter.getClass().getName().startsWith("org.wiregate.")) {
            return;
        }
        List<String> rows = FILTERS.get(filter.getClass().getSimpleName());
        if (rows == null) {
            unknown.add(filter.getClass().getName());
        } else {
            found.addAll(rows);
        }
    }
}
