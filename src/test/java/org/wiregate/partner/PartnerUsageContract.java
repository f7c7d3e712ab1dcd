package org.wiregate.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.server.ResponseStatusException;
import org.wiregate.article.Language;
import org.wiregate.store.ArticleStore;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.MutableClock;
import org.wiregate.support.PartnerFixtures;
import org.wiregate.support.TestDirectories;
import org.wiregate.web.OperatorAuth;

/**
 * Usage per partner per UTC day: the numbers the API reports are the requests made, the items in
 * the answers and the bytes the client received; the day turns at 00:00:00Z by the clock; flushes
 * add to partner_usage without counting twice; 429s are counted apart; the counting wrapper sees
 * gzip, 304 and writer bodies right; Prometheus has the series under the partner's id;
 * the operator view needs the operator token and refuses partner keys.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Imported, not nested-detected: Spring only finds nested configurations on the concrete test class.
@Import(PartnerUsageContract.ClockConfiguration.class)
@AutoConfigureObservability(tracing = false)
abstract class PartnerUsageContract {

    private static final Path inbox = TestDirectories.create("partner-usage").resolve("inbox");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPS_TOKEN = "ops-token-for-usage-tests";
    private static final Instant START = Instant.parse("2026-11-20T10:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    PartnerRepository partners;

    @Autowired
    PartnerKeys keys;

    @Autowired
    PartnerDirectory directory;

    @Autowired
    PartnerUsage usage;

    @Autowired
    PartnerRateLimits limits;

    @Autowired
    ArticleStore store;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.registerWithoutDatabase(registry, inbox);
        registry.add("gateway.ops.token", () -> OPS_TOKEN);
        // Flushes are made by the tests; the scheduled one would be correct too, only not when the test wants it.
        registry.add("gateway.partners.usage-flush", () -> "PT24H");
    }

    @Test
    void theApiReportsTheRequestsItemsAndBytesThePartnerReceived() throws Exception {
        clock.set(START);
        String key = PartnerFixtures.partnerWithKey(partners, keys, "use-counts", null);
        for (int i = 1; i <= 3; i++) {
            store.save(
                    PartnerFixtures.Story.of("afp", "urn:usage:counts-" + i, Language.EN)
                            .article(),
                    null);
        }

        long requests = 0;
        long items = 0;
        long bytes = 0;
        HttpResponse<byte[]> page = get("/api/partner/articles?limit=2", key);
        JsonNode first = JSON.readTree(page.body());
        HttpResponse<byte[]> next = get(
                "/api/partner/articles?limit=2&cursor="
                        + URLEncoder.encode(first.path("cursor").asText(), StandardCharsets.UTF_8),
                key);
        String someId = first.at("/items/0/uri").asText().replace("urn:wiregate:article:", "");
        HttpResponse<byte[]> one = get("/api/partner/articles/" + someId, key);
        HttpResponse<byte[]> me = get("/api/partner/me", key);
        HttpResponse<byte[]> missing = get("/api/partner/articles/01JAAAAAAAAAAAAAAAAAAAAAAA", key);
        assertThat(List.of(
                        page.statusCode(), next.statusCode(), one.statusCode(), me.statusCode(), missing.statusCode()))
                .containsExactly(200, 200, 200, 200, 404);
        for (HttpResponse<byte[]> r : List.of(page, next, one, me, missing)) {
            requests++;
            bytes += r.body().length;
        }
        items += first.path("items").size()
                + JSON.readTree(next.body()).path("items").size()
                + 1;
        assertThat(items).isGreaterThanOrEqualTo(4); // at least the three stories in two pages, and the one item

        // The count is taken when the answer is complete, which the client may see a moment earlier.
        PartnerUsage.Day expected = new PartnerUsage.Day(LocalDate.parse("2026-11-20"), requests, items, bytes, 0);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(today("use-counts")).isEqualTo(expected));

        HttpResponse<byte[]> report = get("/api/partner/usage", key);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("RateLimit-Remaining")).isPresent();
        JsonNode answer = JSON.readTree(report.body());
        assertThat(answer.path("partner").asText()).isEqualTo("use-counts");
        assertThat(answer.path("from").asText()).isEqualTo("2026-10-22"); // the last 30 days, today included
        assertThat(answer.path("to").asText()).isEqualTo("2026-11-20");
        assertThat(answer.path("timezone").asText()).isEqualTo("UTC");
        assertThat(answer.path("days")).hasSize(1);
        assertThat(day(answer.path("days").get(0))).isEqualTo(expected);
        assertThat(answer.at("/total/requests").asLong()).isEqualTo(requests);
        assertThat(answer.at("/total/items").asLong()).isEqualTo(items);
        assertThat(answer.at("/total/bytes").asLong()).isEqualTo(bytes);

        // The operator sees the same, plus the usage request itself (an operator's read is not the partner's).
        PartnerUsage.Day withReport =
                new PartnerUsage.Day(expected.day(), requests + 1, items, bytes + report.body().length, 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<byte[]> ops = Http.get(
                    base() + "/ops/partners/use-counts/usage?from=2026-11-20&to=2026-11-20",
                    "Authorization",
                    "Bearer " + OPS_TOKEN);
            assertThat(ops.statusCode()).isEqualTo(200);
            assertThat(day(JSON.readTree(ops.body()).path("days").get(0))).isEqualTo(withReport);
        });
    }

    @Test
    void theDayTurnsAtUtcMidnightByTheClock() throws Exception {
        String key = PartnerFixtures.partnerWithKey(partners, keys, "use-midnight", null);
        clock.set(Instant.parse("2026-11-21T23:59:59Z"));
        long lateBytes = get("/api/partner/me", key).body().length
                + get("/api/partner/me", key).body().length;
        clock.set(Instant.parse("2026-11-22T00:00:00Z"));
        long earlyBytes = get("/api/partner/me", key).body().length;

        List<PartnerUsage.Day> expected = List.of(
                new PartnerUsage.Day(LocalDate.parse("2026-11-21"), 2, 0, lateBytes, 0),
                new PartnerUsage.Day(LocalDate.parse("2026-11-22"), 1, 0, earlyBytes, 0));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(usage.between(
                                "use-midnight", LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30")))
                        .isEqualTo(expected));

        JsonNode answer = JSON.readTree(
                get("/api/partner/usage?from=2026-11-21&to=2026-11-22", key).body());
        assertThat(answer.path("days")).hasSize(2);
        assertThat(day(answer.path("days").get(0))).isEqualTo(expected.get(0));
        assertThat(day(answer.path("days").get(1))).isEqualTo(expected.get(1));

        JsonNode onlyTheFirst = JSON.readTree(
                get("/api/partner/usage?from=2026-11-21&to=2026-11-21", key).body());
        assertThat(onlyTheFirst.path("days")).hasSize(1);
        assertThat(day(onlyTheFirst.path("days").get(0))).isEqualTo(expected.get(0));
    }

    @Test
    void flushesAddToTheTableAndReadsNeverCountTwice() throws Exception {
        clock.set(Instant.parse("2026-11-23T12:00:00Z"));
        LocalDate day = LocalDate.parse("2026-11-23");
        String key = PartnerFixtures.partnerWithKey(partners, keys, "use-flush", null);
        long bytes = 0;
        for (int i = 0; i < 3; i++) {
            bytes += get("/api/partner/me", key).body().length;
        }
        PartnerUsage.Day three = new PartnerUsage.Day(day, 3, 0, bytes, 0);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(today("use-flush")).isEqualTo(three));

        usage.flush();
        assertThat(stored("use-flush", day)).isEqualTo(three);
        assertThat(today("use-flush")).isEqualTo(three); // from the table now, not added to a memory count

        for (int i = 0; i < 2; i++) {
            bytes += get("/api/partner/me", key).body().length;
        }
        PartnerUsage.Day five = new PartnerUsage.Day(day, 5, 0, bytes, 0);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(today("use-flush")).isEqualTo(five));
        assertThat(stored("use-flush", day)).isEqualTo(three); // not flushed yet, yet the API already counts it

        usage.flush(); // the row exists: added to, not replaced
        assertThat(stored("use-flush", day)).isEqualTo(five);
        assertThat(today("use-flush")).isEqualTo(five);
        usage.flush(); // nothing new: nothing changes
        assertThat(stored("use-flush", day)).isEqualTo(five);
    }

    @Test
    void refusedRequestsAreCountedApartAndAllCountsReachPrometheus() throws Exception {
        clock.set(Instant.parse("2026-11-24T08:00:00Z"));
        String key = PartnerFixtures.partnerWithKey(partners, keys, "use-limited", null, 1, 2);
        long servedBytes = 0;
        int limitedCount = 0;
        for (int i = 0; i < 5; i++) {
            HttpResponse<byte[]> response = get("/api/partner/me", key);
            if (response.statusCode() == 200) {
                servedBytes += response.body().length;
            } else {
                assertThat(response.statusCode()).isEqualTo(429);
                limitedCount++;
            }
        }
        assertThat(limitedCount).isEqualTo(3);
        PartnerUsage.Day expected = new PartnerUsage.Day(LocalDate.parse("2026-11-24"), 2, 0, servedBytes, 3);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(today("use-limited")).isEqualTo(expected));

        String text = new String(
                Http.get(base() + "/actuator/prometheus", "Authorization", "Bearer " + OPS_TOKEN)
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(sample(text, "wiregate_partner_requests_total", Map.of("partner", "use-limited", "outcome", "ok")))
                .isEqualTo(2.0);
        assertThat(sample(
                        text,
                        "wiregate_partner_requests_total",
                        Map.of("partner", "use-limited", "outcome", "limited")))
                .isEqualTo(3.0);
        assertThat(sample(text, "wiregate_partner_items_total", Map.of("partner", "use-limited")))
                .isEqualTo(0.0);
        assertThat(sample(text, "wiregate_partner_bytes_total", Map.of("partner", "use-limited")))
                .isEqualTo((double) servedBytes);
        // The partner's id is the tag; no key, not even its public id, is in the metrics.
        String keyId = key.split("_")[1];
        assertThat(text).doesNotContain(keyId).doesNotContain(key);
    }

    @Test
    void theCountingWrapperCountsWhatIsWrittenAfterGzipAndNothingFor304OrHead() throws Exception {
        clock.set(Instant.parse("2026-11-25T09:00:00Z"));
        PartnerFixtures.partnerWithKey(partners, keys, "use-bodies", null);
        PartnerAccess access =
                directory.access(partners.find("use-bodies").orElseThrow(), "body-test-credential", null);
        RateLimitFilter filter = new RateLimitFilter(limits, usage);

        byte[] plain = "{\"items\":[\"one\",\"two\",\"three\"]}".repeat(50).getBytes(StandardCharsets.UTF_8);
        byte[] gzipped = gzip(plain);
        MockHttpServletResponse gzipResponse = new MockHttpServletResponse();
        filter.doFilter(request("GET", access), gzipResponse, (req, res) -> {
            req.setAttribute(PartnerArticlesApi.ITEMS_ATTRIBUTE, 3);
            ((HttpServletResponse) res).setHeader("Content-Encoding", "gzip");
            res.getOutputStream().write(gzipped);
        });
        assertThat(gzipResponse.getContentAsByteArray()).isEqualTo(gzipped);
        assertThat(gzipResponse.getHeader("RateLimit-Policy")).isNotNull();

        filter.doFilter(
                request("GET", access),
                new MockHttpServletResponse(),
                (req, res) -> ((HttpServletResponse) res).setStatus(304));

        String arabic = "مرحبا بالعالم";
        MockHttpServletResponse writerResponse = new MockHttpServletResponse();
        filter.doFilter(request("GET", access), writerResponse, (req, res) -> {
            res.setCharacterEncoding("UTF-8");
            res.getWriter().write(arabic); // not flushed by the handler: the filter flushes before counting
        });
        assertThat(writerResponse.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(arabic);

        filter.doFilter(
                request("HEAD", access),
                new MockHttpServletResponse(),
                (req, res) -> res.getOutputStream().write(plain));

        long expectedBytes = gzipped.length + arabic.getBytes(StandardCharsets.UTF_8).length;
        assertThat(gzipped.length).isLessThan(plain.length);
        assertThat(today("use-bodies"))
                .isEqualTo(new PartnerUsage.Day(LocalDate.parse("2026-11-25"), 4, 3, expectedBytes, 0));
    }

    @Test
    void badRangesAreProblems() throws Exception {
        clock.set(START);
        String key = PartnerFixtures.partnerWithKey(partners, keys, "use-ranges", null);
        for (String query : List.of(
                "from=2026-11-30&to=2026-11-01", "from=20261101", "to=yesterday", "from=2025-01-01&to=2026-11-20")) {
            HttpResponse<byte[]> response = get("/api/partner/usage?" + query, key);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(response.body()).path("type").asText())
                    .isEqualTo("https://wiregate.dev/problems/bad-parameter");
        }
        assertThat(get("/api/partner/usage?from=2025-11-20&to=2026-11-20", key).statusCode())
                .isEqualTo(200); // 366 days
    }

    @Test
    void theOperatorViewNeedsTheOperatorTokenAndRefusesPartnerKeys() throws Exception {
        clock.set(START);
        String key = PartnerFixtures.partnerWithKey(partners, keys, "use-ops", null);
        String url = base() + "/ops/partners/use-ops/usage";
        assertThat(Http.get(url).statusCode()).isEqualTo(401);
        assertThat(Http.get(url, "Authorization", "Bearer not-the-token").statusCode())
                .isEqualTo(401);
        assertThat(Http.get(url, "Authorization", "Bearer " + key).statusCode()).isEqualTo(403);
        assertThat(Http.get(url, "X-Api-Key", key).statusCode()).isEqualTo(403);
        assertThat(Http.get(url, "Authorization", "Bearer " + OPS_TOKEN).statusCode())
                .isEqualTo(200);
        assertThat(Http.get(base() + "/ops/partners/no-such-partner/usage", "Authorization", "Bearer " + OPS_TOKEN)
                        .statusCode())
                .isEqualTo(404);

        // With no operator token configured the endpoint is closed, although it only reads.
        PartnerUsageApi closed = new PartnerUsageApi(usage, partners, new OperatorAuth(""));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ops/partners/use-ops/usage");
        assertThatThrownBy(() -> closed.ofPartner("use-ops", null, null, request))
                .isInstanceOfSatisfying(
                        ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN));
    }

    private PartnerUsage.Day today(String partnerId) {
        LocalDate day = usage.today();
        List<PartnerUsage.Day> days = usage.between(partnerId, day, day);
        return days.isEmpty() ? new PartnerUsage.Day(day, 0, 0, 0, 0) : days.get(0);
    }

    private PartnerUsage.Day stored(String partnerId, LocalDate day) {
        return jdbc.sql(
                        "SELECT requests, items, bytes, limited FROM partner_usage WHERE partner_id = ? AND usage_day = ?")
                .params(partnerId, day)
                .query((rs, n) -> new PartnerUsage.Day(day, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();
    }

    private static PartnerUsage.Day day(JsonNode node) {
        return new PartnerUsage.Day(
                LocalDate.parse(node.path("day").asText()),
                node.path("requests").asLong(),
                node.path("items").asLong(),
                node.path("bytes").asLong(),
                node.path("limited").asLong());
    }

    /** The value of the one sample of {@code name} with exactly these labels. */
    private static double sample(String exposition, String name, Map<String, String> labels) {
        Matcher line = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(exposition);
        Double found = null;
        while (line.find()) {
            Map<String, String> parsed = new HashMap<>();
            Matcher label = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(line.group(1));
            while (label.find()) {
                parsed.put(label.group(1), label.group(2));
            }
            if (parsed.equals(labels)) {
                assertThat(found).as("one sample of %s %s", name, labels).isNull();
                found = Double.parseDouble(line.group(2));
            }
        }
        assertThat(found).as("sample %s %s in\n%s", name, labels, exposition).isNotNull();
        return found;
    }

    private static MockHttpServletRequest request(String method, PartnerAccess access) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/partner/articles");
        request.setAttribute(PartnerAccess.ATTRIBUTE, access);
        return request;
    }

    private static byte[] gzip(byte[] plain) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    private HttpResponse<byte[]> get(String path, String key) throws Exception {
        return Http.get(base() + path, "Authorization", "Bearer " + key);
    }

    private String base() {
        return "http://localhost:" + port;
    }

    @TestConfiguration
    static class ClockConfiguration {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(START);
        }
    }
}
