package org.wiregate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.TestDirectories;

/**
 * /actuator/prometheus after real ingest and feed traffic, every line parsed by a strict parser of
 * the Prometheus text exposition format 0.0.4; the per-source, per-feed and Camel series exist.
 * Also the liveness and readiness probes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusFormatTest {

    private static final Path work = TestDirectories.create("prometheus");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "prometheus", work.resolve("inbox"));
    }

    @BeforeAll
    void ingestAndReadAFeedTwice() throws Exception {
        Path inbox = work.resolve("inbox");
        Fixtures.drop(inbox, "standard", "kenya-en.json", Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json"));
        Fixtures.drop(inbox, "standard", "broken.json", Fixtures.bytes("/fixtures/malformed/broken.json"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(inbox.resolve("standard/.done/kenya-en.json"))
                        && Files.exists(inbox.resolve("standard/.error/broken.json")));
        // The same bytes again: a duplicate payload.
        Fixtures.drop(inbox, "standard", "kenya-en-again.json", Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(inbox.resolve("standard/.done/kenya-en-again.json")));

        HttpResponse<byte[]> first = Http.get(base() + "/feeds/en.rss");
        assertThat(first.statusCode()).isEqualTo(200);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(Http.get(base() + "/feeds/en.rss", "If-None-Match", etag).statusCode())
                .isEqualTo(304);
    }

    @Test
    void everyLineIsValidExpositionFormatAndTheSeriesExist() throws Exception {
        HttpResponse<byte[]> response =
                Http.asOperator(base() + "/actuator/prometheus", "Accept", "text/plain;version=0.0.4");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain;version=0.0.4");
        String text = new String(response.body(), StandardCharsets.UTF_8);
        List<Sample> samples = Exposition.parse(text);

        assertThat(value(samples, "wiregate_ingest_payloads_total", Map.of("source", "standard", "duplicate", "false")))
                .isEqualTo(2.0);
        assertThat(value(samples, "wiregate_ingest_payloads_total", Map.of("source", "standard", "duplicate", "true")))
                .isEqualTo(1.0);
        assertThat(value(samples, "wiregate_ingest_items_total", Map.of("source", "standard", "outcome", "created")))
                .isEqualTo(1.0);
        assertThat(value(samples, "wiregate_ingest_rejections_total", Map.of("source", "standard", "level", "file")))
                .isEqualTo(1.0);
        assertThat(value(samples, "wiregate_source_last_item_age_seconds", Map.of("source", "standard")))
                .isGreaterThanOrEqualTo(0.0);
        assertThat(value(samples, "wiregate_source_last_item_age_seconds", Map.of("source", "reuters")))
                .isGreaterThanOrEqualTo(0.0);
        assertThat(value(samples, "wiregate_ingest_to_publish_seconds_count", Map.of("source", "standard")))
                .isEqualTo(1.0);
        assertThat(samples)
                .anyMatch(s -> s.name().equals("wiregate_ingest_to_publish_seconds_bucket")
                        && "standard".equals(s.labels().get("source"))
                        && "+Inf".equals(s.labels().get("le")));
        assertThat(value(samples, "wiregate_feed_requests_total", Map.of("feed", "en.rss", "status", "200")))
                .isEqualTo(1.0);
        assertThat(value(samples, "wiregate_feed_requests_total", Map.of("feed", "en.rss", "status", "304")))
                .isEqualTo(1.0);
        assertThat(value(samples, "wiregate_feed_bytes_total", Map.of("feed", "en.rss")))
                .isGreaterThan(100.0);
        assertThat(value(samples, "wiregate_editions_suggestions_open", Map.of()))
                .isEqualTo(0.0);
        // camel-micrometer's route policy: exchanges per route.
        assertThat(samples)
                .anyMatch(s -> s.name().equals("camel_exchanges_total")
                        && "ingest-standard".equals(s.labels().get("routeId")));
        assertThat(samples)
                .anyMatch(s -> s.name().equals("camel_exchanges_total")
                        && "store".equals(s.labels().get("routeId")));
        // The feed tag is bounded: only {lang}.{format} values ever appear.
        assertThat(samples)
                .filteredOn(s -> s.name().startsWith("wiregate_feed_"))
                .allSatisfy(s -> assertThat(s.labels().get("feed")).matches("(en|ar|es)\\.(rss|atom|json)"));
    }

    /**
     * monitoring/alerts.yml reads only series the gateway exposes, with the labels the rules use
     * (an alert on a series that does not exist never fires, and promtool cannot tell).
     */
    @Test
    void everySeriesTheAlertsReadIsExposed() throws Exception {
        List<Sample> samples = Exposition.parse(
                new String(Http.asOperator(base() + "/actuator/prometheus").body(), StandardCharsets.UTF_8));
        Set<String> read = new TreeSet<>();
        JsonNode rules = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("monitoring/alerts.yml").toFile());
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                Matcher series = Pattern.compile("\\b(wiregate_[a-z_]+)")
                        .matcher(rule.path("expr").asText());
                while (series.find()) {
                    read.add(series.group(1));
                }
            }
        }
        assertThat(read).contains("wiregate_source_expected_every_seconds", "wiregate_store_up", "wiregate_route_up");
        Set<String> exposed = new HashSet<>();
        samples.forEach(s -> exposed.add(s.name()));
        assertThat(exposed).containsAll(read);

        // The values the rules compare, as a healthy gateway reports them.
        assertThat(value(samples, "wiregate_store_up", Map.of())).isEqualTo(1.0);
        assertThat(value(samples, "wiregate_route_up", Map.of("route", "ingest-standard")))
                .isEqualTo(1.0);
        assertThat(value(samples, "wiregate_route_restarting", Map.of("route", "ingest-standard")))
                .isEqualTo(0.0);
        assertThat(value(samples, "wiregate_source_expected_every_seconds", Map.of("source", "reuters")))
                .isEqualTo(600.0); // mappings/reuters.yaml: expectedEvery PT10M
        assertThat(value(samples, "wiregate_source_expected_every_seconds", Map.of("source", "standard")))
                .isNaN(); // declares none: never stale
        assertThat(value(samples, "wiregate_http_responses_total", Map.of("area", "feeds", "status", "2xx")))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(value(samples, "wiregate_http_responses_total", Map.of("area", "feeds", "status", "3xx")))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(value(samples, "wiregate_http_responses_total", Map.of("area", "feeds", "status", "5xx")))
                .isEqualTo(0.0);
        assertThat(samples)
                .as("a bucket ends at the 60 s goal of WiregateIngestToPublishSlow, and buckets go beyond it")
                .anyMatch(s -> s.name().equals("wiregate_ingest_to_publish_seconds_bucket")
                        && "60.0".equals(s.labels().get("le")))
                .anyMatch(s -> s.name().equals("wiregate_ingest_to_publish_seconds_bucket")
                        && !"+Inf".equals(s.labels().get("le"))
                        && Double.parseDouble(s.labels().get("le")) >= 300);
    }

    @Test
    void parserRejectsWhatIsNotTheFormat() {
        for (String bad : List.of(
                "metric{a=\"1\" 1",
                "1metric 1",
                "metric{a=b} 1",
                "metric 1 2 3",
                "metric one",
                "metric{a=\"\\x\"} 1",
                "# TYPE metric bogus",
                "metric{a=\"1\",a=\"2\"} 1",
                "metric",
                "metric  1")) {
            Assertions.assertThatThrownBy(() -> Exposition.parse(bad + "\n"))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(
                        Exposition.parse(
                                "# HELP m a \\\\ b\\n\n# TYPE m gauge\nm{a=\"x\\\"y\\\\\\n\",} NaN 1712\nm -Inf\nm +Inf\nm 1.5e-3\n"))
                .hasSize(4);
    }

    @Test
    void livenessAndReadinessProbesAreUp() throws Exception {
        for (String probe : List.of("liveness", "readiness")) {
            HttpResponse<byte[]> response = Http.asOperator(base() + "/actuator/health/" + probe);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            var health = new ObjectMapper().readTree(response.body());
            assertThat(health.path("status").asText()).as(probe).isEqualTo("UP");
            assertThat(health.path("components").has("sourceFreshness"))
                    .as(probe)
                    .isFalse();
        }
        var readiness = new ObjectMapper()
                .readTree(Http.asOperator(base() + "/actuator/health/readiness").body());
        // A database that is away is waited out (feeds from rendered pages): not a reason to leave the balancer.
        assertThat(readiness.path("components").has("db")).isFalse();
        assertThat(readiness.path("components").has("camelHealth")).isTrue();
        var liveness = new ObjectMapper()
                .readTree(Http.asOperator(base() + "/actuator/health/liveness").body());
        assertThat(liveness.path("components").has("db")).isFalse();
        assertThat(liveness.path("components").has("livenessState")).isTrue();
        var health = new ObjectMapper()
                .readTree(Http.asOperator(base() + "/actuator/health").body());
        assertThat(health.path("components").path("db").path("status").asText())
                .as("the database's state is shown to operators in /actuator/health")
                .isEqualTo("UP");
    }

    /** The one sample with exactly these labels. */
    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        List<Sample> found = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .toList();
        assertThat(found).as(name + labels).hasSize(1);
        return found.get(0).value();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    record Sample(String name, Map<String, String> labels, double value) {}

    /** A strict parser of the Prometheus text exposition format 0.0.4; any line it cannot read is an error. */
    static final class Exposition {

        private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
        private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
        private static final Pattern FLOAT =
                Pattern.compile("[+-]?(?:NaN|Inf|(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)");
        private static final Pattern TIMESTAMP = Pattern.compile("-?\\d+");
        private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

        static List<Sample> parse(String text) {
            List<Sample> samples = new ArrayList<>();
            Map<String, String> types = new HashMap<>();
            Set<String> helped = new HashSet<>();
            String[] lines = text.split("\n", -1);
            if (!lines[lines.length - 1].isEmpty()) {
                throw new IllegalArgumentException("the exposition must end with a line feed");
            }
            for (int i = 0; i < lines.length - 1; i++) {
                String line = lines[i];
                try {
                    if (line.isEmpty()) {
                        continue;
                    }
                    if (line.startsWith("#")) {
                        comment(line, types, helped);
                    } else {
                        samples.add(sample(line, types));
                    }
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                            "line " + (i + 1) + " is not exposition format 0.0.4: " + e.getMessage() + "\n" + line, e);
                }
            }
            return samples;
        }

        private static void comment(String line, Map<String, String> types, Set<String> helped) {
            String[] parts = line.split(" ", 4);
            if (parts.length >= 3 && parts[0].equals("#") && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                String name = parts[2];
                require(METRIC_NAME.matcher(name).matches(), "bad metric name " + name);
                if (parts[1].equals("HELP")) {
                    require(helped.add(name), "second HELP for " + name);
                    String doc = parts.length == 4 ? parts[3] : "";
                    for (int i = 0; i < doc.length(); i++) {
                        if (doc.charAt(i) == '\\') {
                            require(
                                    i + 1 < doc.length() && (doc.charAt(i + 1) == '\\' || doc.charAt(i + 1) == 'n'),
                                    "bad escape in HELP");
                            i++;
                        }
                    }
                } else {
                    require(parts.length == 4 && TYPES.contains(parts[3]), "bad TYPE line");
                    require(types.put(name, parts[3]) == null, "second TYPE for " + name);
                }
                return;
            }
            require(line.equals("#") || line.startsWith("# "), "a comment is '#' then a space");
        }

        private static Sample sample(String line, Map<String, String> types) {
            int i = 0;
            while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
                i++;
            }
            String name = line.substring(0, i);
            require(METRIC_NAME.matcher(name).matches(), "bad metric name '" + name + "'");
            Map<String, String> labels = new LinkedHashMap<>();
            if (i < line.length() && line.charAt(i) == '{') {
                i++;
                while (true) {
                    require(i < line.length(), "unterminated label set");
                    if (line.charAt(i) == '}') {
                        i++;
                        break;
                    }
                    int start = i;
                    while (i < line.length() && line.charAt(i) != '=') {
                        i++;
                    }
                    String label = line.substring(start, Math.min(i, line.length()));
                    require(LABEL_NAME.matcher(label).matches(), "bad label name '" + label + "'");
                    require(i + 1 < line.length() && line.charAt(i + 1) == '"', "label value must be quoted");
                    i += 2;
                    StringBuilder value = new StringBuilder();
                    while (true) {
                        require(i < line.length(), "unterminated label value");
                        char c = line.charAt(i++);
                        if (c == '"') {
                            break;
                        }
                        if (c == '\\') {
                            require(i < line.length(), "dangling escape");
                            char e = line.charAt(i++);
                            switch (e) {
                                case '\\' -> value.append('\\');
                                case '"' -> value.append('"');
                                case 'n' -> value.append('\n');
                                default -> throw new IllegalArgumentException("bad escape \\" + e);
                            }
                        } else {
                            value.append(c);
                        }
                    }
                    require(labels.put(label, value.toString()) == null, "label " + label + " twice");
                    require(i < line.length(), "unterminated label set");
                    if (line.charAt(i) == ',') {
                        i++;
                    } else {
                        require(line.charAt(i) == '}', "expected , or } after a label");
                    }
                }
            }
            require(i < line.length() && line.charAt(i) == ' ', "expected a space before the value");
            String[] rest = line.substring(i + 1).split(" ", -1);
            require(rest.length == 1 || rest.length == 2, "expected a value and an optional timestamp");
            require(FLOAT.matcher(rest[0]).matches(), "bad value '" + rest[0] + "'");
            if (rest.length == 2) {
                require(TIMESTAMP.matcher(rest[1]).matches(), "bad timestamp '" + rest[1] + "'");
            }
            String family = familyOf(name, types);
            if ("histogram".equals(types.get(family)) && name.endsWith("_bucket")) {
                require(labels.containsKey("le"), "histogram bucket without le");
                require(FLOAT.matcher(labels.get("le")).matches(), "bad le");
            }
            return new Sample(name, labels, parseFloat(rest[0]));
        }

        /** The TYPE a sample belongs to: its own name, or a histogram/summary's name without _bucket/_sum/_count. */
        private static String familyOf(String name, Map<String, String> types) {
            for (String suffix : List.of("_bucket", "_sum", "_count")) {
                if (name.endsWith(suffix)) {
                    String base = name.substring(0, name.length() - suffix.length());
                    if (types.containsKey(base) && !types.containsKey(name)) {
                        return base;
                    }
                }
            }
            return name;
        }

        private static double parseFloat(String text) {
            return switch (text) {
                case "NaN", "+NaN", "-NaN" -> Double.NaN;
                case "Inf", "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(text);
            };
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
