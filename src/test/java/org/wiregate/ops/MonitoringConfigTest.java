package org.wiregate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml's "monitoring" profile and the files under monitoring/ parse (CI has no
 * Docker to try them) and fit together: Prometheus scrapes the gateway's endpoint, loads the
 * alerting rules and sends to the Alertmanager service, which has the config it is given; Grafana
 * gets the datasource the dashboard names and no default login, and the dashboard only queries
 * metrics the gateway exposes. (The rules themselves: PromtoolRulesTest, RunbookLinksTest, and
 * PrometheusFormatTest for the series they read.)
 */
class MonitoringConfigTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Series the gateway exposes (PrometheusFormatTest asserts them at /actuator/prometheus). */
    private static final Set<String> EXPOSED = Set.of(
            "wiregate_ingest_items_total",
            "wiregate_ingest_rejections_total",
            "wiregate_ingest_payloads_total",
            "wiregate_source_last_item_age_seconds",
            "wiregate_ingest_to_publish_seconds_bucket",
            "wiregate_feed_requests_total",
            "wiregate_feed_bytes_total",
            "wiregate_editions_linked_total",
            "wiregate_editions_suggestions_open",
            "camel_exchanges_total",
            "camel_exchanges_failed_total");

    @Test
    void composeMonitoringProfileScrapesTheGatewayAndProvisionsGrafana() throws Exception {
        JsonNode compose = YAML.readTree(Path.of("docker-compose.yml").toFile());
        JsonNode services = compose.path("services");
        assertThat(services.at("/prometheus/image").asText()).startsWith("prom/prometheus");
        assertThat(services.at("/grafana/image").asText()).startsWith("grafana/grafana");
        assertThat(services.at("/prometheus/profiles").toString()).isEqualTo("[\"monitoring\"]");
        assertThat(services.at("/grafana/profiles").toString()).isEqualTo("[\"monitoring\"]");
        assertThat(services.at("/gateway/profiles").isMissingNode()).isTrue();

        JsonNode prometheus = YAML.readTree(Path.of("monitoring/prometheus.yml").toFile());
        JsonNode job = prometheus.at("/scrape_configs/0");
        assertThat(job.path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
        assertThat(job.at("/static_configs/0/targets/0").asText()).isEqualTo("gateway:8080");
        // No default credentials (issue 13, row 8): metrics take the operator token, Grafana a password
        // that has to be given.
        assertThat(job.at("/authorization/type").asText()).isEqualTo("Bearer");
        assertThat(services.at("/prometheus/environment/GATEWAY_OPS_TOKEN").asText())
                .isEqualTo("${GATEWAY_OPS_TOKEN:-}");
        assertThat(services.at("/grafana/environment/GF_SECURITY_ADMIN_PASSWORD")
                        .asText())
                .isEqualTo("${GRAFANA_ADMIN_PASSWORD:-}");
        // Issue 17: not even the user name has a default; Grafana stops without both.
        assertThat(services.at("/grafana/environment/GF_SECURITY_ADMIN_USER").asText())
                .isEqualTo("${GRAFANA_ADMIN_USER:-}");
        assertThat(services.at("/grafana/command/0").asText())
                .contains("GRAFANA_ADMIN_PASSWORD")
                .contains("GRAFANA_ADMIN_USER")
                .contains("exit 1");
        assertThat(services.at("/grafana/environment/GF_AUTH_ANONYMOUS_ENABLED").asText())
                .isEqualTo("false");

        // Alerting: the rules are mounted where prometheus.yml loads them, and sent to Alertmanager.
        assertThat(prometheus.path("rule_files").toString()).isEqualTo("[\"/etc/prometheus/alerts.yml\"]");
        assertThat(services.at("/prometheus/volumes").toString())
                .contains("./monitoring/alerts.yml:/etc/prometheus/alerts.yml:ro");
        assertThat(prometheus
                        .at("/alerting/alertmanagers/0/static_configs/0/targets/0")
                        .asText())
                .isEqualTo("alertmanager:9093");
        assertThat(services.at("/alertmanager/image").asText()).startsWith("prom/alertmanager");
        assertThat(services.at("/alertmanager/profiles").toString()).isEqualTo("[\"monitoring\"]");
        assertThat(services.at("/alertmanager/volumes").toString())
                .contains("./monitoring/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro");
        assertThat(services.at("/alertmanager/command").toString())
                .contains("--config.file=/etc/alertmanager/alertmanager.yml");
        JsonNode alertmanager =
                YAML.readTree(Path.of("monitoring/alertmanager.yml").toFile());
        List<String> receivers = new ArrayList<>();
        alertmanager.path("receivers").forEach(r -> receivers.add(r.path("name").asText()));
        assertThat(receivers).contains(alertmanager.at("/route/receiver").asText());
        alertmanager
                .at("/route/routes")
                .forEach(r -> assertThat(receivers).contains(r.path("receiver").asText()));

        JsonNode datasource = YAML.readTree(Path.of("monitoring/grafana/provisioning/datasources/prometheus.yml")
                        .toFile())
                .at("/datasources/0");
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        JsonNode provider = YAML.readTree(Path.of("monitoring/grafana/provisioning/dashboards/wiregate.yml")
                        .toFile())
                .at("/providers/0");
        assertThat(provider.at("/options/path").asText()).isEqualTo("/var/lib/grafana/dashboards");

        JsonNode dashboard = JSON.readTree(
                Path.of("monitoring/grafana/dashboards/wiregate.json").toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("wiregate");
        List<String> queried = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.at("/datasource/uid").asText())
                    .isEqualTo(datasource.path("uid").asText());
            for (JsonNode target : panel.path("targets")) {
                Matcher m = Pattern.compile("\\b(wiregate_[a-z_]+|camel_[a-z_]+)")
                        .matcher(target.path("expr").asText());
                while (m.find()) {
                    queried.add(m.group(1));
                }
            }
        }
        assertThat(queried).isNotEmpty().allSatisfy(name -> assertThat(EXPOSED).contains(name));
        assertThat(queried)
                .contains(
                        "wiregate_ingest_items_total",
                        "wiregate_ingest_rejections_total",
                        "wiregate_source_last_item_age_seconds",
                        "wiregate_feed_requests_total",
                        "wiregate_ingest_to_publish_seconds_bucket");
    }
}
