package org.wiregate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployment files under {@code deploy/} and {@code docker-compose.yml} point at what the
 * application really serves: every probe and health check asks the liveness or readiness path that
 * application.yaml defines, on the server port it sets; the Service reaches that port; the inbox is
 * one shared volume where the configuration says it is. Parsed as YAML, every document of every file.
 */
class DeployManifestsTest {

    private static final Path KUBERNETES = Path.of("deploy", "kubernetes");
    private static final YAMLMapper YAML = new YAMLMapper();

    private static int serverPort;
    private static String livenessPath;
    private static String readinessPath;
    private static Map<String, List<JsonNode>> manifests;

    @BeforeAll
    static void readApplicationAndManifests() throws IOException {
        JsonNode application =
                readAll(Path.of("src", "main", "resources", "application.yaml")).get(0);
        serverPort = application.at("/server/port").asInt();
        assertThat(serverPort).as("server.port in application.yaml").isPositive();
        assertThat(application.at("/management/endpoint/health/probes/enabled").asBoolean())
                .as("management.endpoint.health.probes.enabled")
                .isTrue();
        JsonNode groups = application.at("/management/endpoint/health/group");
        assertThat(groups.has("liveness")).isTrue();
        assertThat(groups.has("readiness")).isTrue();
        String base = application.at("/management/endpoints/web/base-path").asText("/actuator");
        livenessPath = base + "/health/liveness";
        readinessPath = base + "/health/readiness";

        manifests = new TreeMap<>();
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            for (Path file : files.filter(
                            f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList()) {
                manifests.put(file.getFileName().toString(), readAll(file));
            }
        }
        assertThat(manifests).isNotEmpty();
    }

    @Test
    void everyKubernetesProbeAsksTheApplicationsOwnHealthPathsOnItsPort() {
        List<JsonNode> deployments = ofKind("Deployment");
        assertThat(deployments).hasSize(1);
        JsonNode pod = deployments.get(0).at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo(livenessPath);
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo(livenessPath);
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo(readinessPath);
        for (String probe : List.of("livenessProbe", "startupProbe", "readinessProbe")) {
            JsonNode port = container.at("/" + probe + "/httpGet/port");
            assertThat(containerPort(container, port)).as(probe + " port").isEqualTo(serverPort);
        }
    }

    @Test
    void theServiceAndTheBudgetSelectTheGatewayPodsAndTheServiceReachesTheServerPort() {
        JsonNode deployment = ofKind("Deployment").get(0);
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        JsonNode service = ofKind("Service").get(0);
        assertThat(matches(service.at("/spec/selector"), podLabels)).isTrue();
        assertThat(containerPort(container, service.at("/spec/ports/0/targetPort")))
                .isEqualTo(serverPort);
        JsonNode budget = ofKind("PodDisruptionBudget").get(0);
        assertThat(matches(budget.at("/spec/selector/matchLabels"), podLabels)).isTrue();
        assertThat(budget.at("/spec/minAvailable").asInt())
                .as("a drain must leave a pod able to serve")
                .isPositive()
                .isLessThan(deployment.at("/spec/replicas").asInt());
        assertThat(matches(deployment.at("/spec/selector/matchLabels"), podLabels))
                .isTrue();
    }

    @Test
    void theInboxIsOneVolumeSharedByEveryInstanceWhereTheGatewayLooksForIt() {
        JsonNode pod = ofKind("Deployment").get(0).at("/spec/template/spec");
        String claim = pod.at("/volumes/0/persistentVolumeClaim/claimName").asText();
        JsonNode pvc = ofKind("PersistentVolumeClaim").stream()
                .filter(c -> c.at("/metadata/name").asText().equals(claim))
                .findFirst()
                .orElseThrow();
        assertThat(pvc.at("/spec/accessModes").toString()).contains("ReadWriteMany");
        String mount = pod.at("/containers/0/volumeMounts/0/mountPath").asText();
        JsonNode config = ofKind("ConfigMap").get(0);
        assertThat(config.at("/data/GATEWAY_INBOX").asText()).isEqualTo(mount);
        assertThat(pod.at("/containers/0/envFrom/0/configMapRef/name").asText())
                .isEqualTo(config.at("/metadata/name").asText());
    }

    @Test
    void kustomizationListsEveryManifest() {
        JsonNode kustomization = ofKind("Kustomization").get(0);
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        List<String> others = manifests.keySet().stream()
                .filter(f -> !f.startsWith("kustomization"))
                .toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(others);
    }

    @Test
    void composeHealthChecksAndTheBalancerAskReadinessOnTheServerPort() throws IOException {
        JsonNode services = readAll(Path.of("docker-compose.yml")).get(0).path("services");
        List<String> gateways = new ArrayList<>();
        services.properties().forEach(entry -> {
            JsonNode service = entry.getValue();
            String extended = service.at("/extends/service").asText(null);
            JsonNode base = extended == null ? service : services.path(extended);
            if (base.has("build")) {
                gateways.add(entry.getKey());
                String test = String.join(" ", YAML.convertValue(base.at("/healthcheck/test"), String[].class));
                assertThat(test)
                        .as(entry.getKey() + " health check")
                        .contains("http://localhost:" + serverPort + readinessPath);
            }
        });
        assertThat(gateways).as("the cluster profile runs two or more gateways").hasSizeGreaterThanOrEqualTo(3);
        assertThat(services.at("/gateway-2/profiles/0").asText()).isEqualTo("cluster");

        JsonNode balancer = services.path("balancer");
        assertThat(balancer.at("/profiles/0").asText()).isEqualTo("cluster");
        String mounted = balancer.at("/volumes/0").asText();
        Path config = Path.of(mounted.substring(0, mounted.indexOf(':')));
        String haproxy = Files.readString(config, StandardCharsets.UTF_8);
        assertThat(haproxy).contains("option httpchk GET " + readinessPath);
        Matcher server =
                Pattern.compile("(?m)^\\s*server\\s+\\S+\\s+([\\w-]+):(\\d+)").matcher(haproxy);
        List<String> balanced = new ArrayList<>();
        while (server.find()) {
            balanced.add(server.group(1));
            assertThat(Integer.parseInt(server.group(2))).isEqualTo(serverPort);
        }
        assertThat(balanced).containsExactlyInAnyOrderElementsOf(gateways);
    }

    private static List<JsonNode> ofKind(String kind) {
        return manifests.values().stream()
                .flatMap(List::stream)
                .filter(doc -> kind.equals(doc.path("kind").asText()))
                .toList();
    }

    /** A probe's or Service's port: a number, or the name of one of the container's ports. */
    private static int containerPort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode declared : container.path("ports")) {
            if (declared.path("name").asText().equals(port.asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + port);
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        List<Boolean> all = new ArrayList<>();
        selector.properties().forEach(e -> all.add(e.getValue().equals(labels.path(e.getKey()))));
        return !all.contains(false);
    }

    private static List<JsonNode> readAll(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        YAMLFactory factory = YAML.getFactory();
        try (JsonParser parser = factory.createParser(Files.readString(file, StandardCharsets.UTF_8));
                MappingIterator<JsonNode> all = YAML.readerFor(JsonNode.class).readValues(parser)) {
            while (all.hasNext()) {
                JsonNode document = all.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }
}
