package org.wiregate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every alert in monitoring/alerts.yml links, in its {@code runbook_url} annotation, to a section of
 * docs/runbook.md that exists (the anchor as GitHub makes it from the heading) and is the alert's own
 * (the heading is the alert's name); every alert section of the runbook belongs to an alert.
 */
class RunbookLinksTest {

    private static final Path ALERTS = Path.of("monitoring/alerts.yml");
    private static final Path RUNBOOK = Path.of("docs/runbook.md");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    @Test
    void everyAlertLinksToItsOwnRunbookSection() throws Exception {
        Map<String, String> anchors = anchors(Files.readString(RUNBOOK, StandardCharsets.UTF_8));
        Map<String, JsonNode> alerts = alerts();
        assertThat(alerts).as("alerts in " + ALERTS).isNotEmpty();
        alerts.forEach((name, rule) -> {
            String url = rule.at("/annotations/runbook_url").asText();
            assertThat(url).as(name + " runbook_url").startsWith("docs/runbook.md#");
            String anchor = url.substring(url.indexOf('#') + 1);
            assertThat(anchors)
                    .as(name + ": no heading in docs/runbook.md makes #" + anchor)
                    .containsKey(anchor);
            assertThat(anchors.get(anchor))
                    .as(name + " links to another alert's section")
                    .isEqualTo(name);
            assertThat(rule.at("/annotations/summary").asText())
                    .as(name + " summary")
                    .isNotBlank();
            assertThat(rule.at("/annotations/description").asText())
                    .as(name + " description")
                    .isNotBlank();
            assertThat(rule.at("/labels/severity").asText())
                    .as(name + " severity")
                    .isIn("critical", "warning");
        });
        Set<String> sections = new LinkedHashSet<>(anchors.values());
        sections.removeIf(heading -> !heading.startsWith("Wiregate"));
        assertThat(sections).as("runbook sections without an alert").isEqualTo(alerts.keySet());
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        assertThat(slug("WiregateSourceStale")).isEqualTo("wiregatesourcestale");
        assertThat(slug("A database outage")).isEqualTo("a-database-outage");
        assertThat(slug("What `expectedEvery` means, and why?")).isEqualTo("what-expectedevery-means-and-why");
    }

    private static Map<String, JsonNode> alerts() throws Exception {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(ALERTS.toFile());
        Map<String, JsonNode> alerts = new LinkedHashMap<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    assertThat(alerts.put(rule.path("alert").asText(), rule))
                            .as("alert named twice: " + rule.path("alert").asText())
                            .isNull();
                }
            }
        }
        return alerts;
    }

    /** Anchor -> heading text, for every heading of a Markdown document. */
    private static Map<String, String> anchors(String markdown) {
        Map<String, String> anchors = new LinkedHashMap<>();
        Matcher heading = HEADING.matcher(markdown.replaceAll("(?s)```.*?```", ""));
        while (heading.find()) {
            anchors.putIfAbsent(slug(heading.group(1)), heading.group(1));
        }
        return anchors;
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}\\s_-]", "")
                .trim()
                .replace(' ', '-');
    }
}
