package org.wiregate.normalise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;

/**
 * The sources the gateway knows: one per {@code mappings/*.yaml} file, id = file name without
 * extension. A mapping that names an unknown section, region or type stops the start, naming the
 * file and the value, rather than silently filing copy under the wrong section.
 */
@Component
public class MappingRegistry {

    private static final Logger log = LoggerFactory.getLogger(MappingRegistry.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, SourceMapping> mappings;
    private final Path directory;

    public MappingRegistry(@Value("${gateway.mappings:mappings}") Path directory) {
        this.directory = directory;
        this.mappings = loadAll(directory);
        log.info("Loaded {} source mapping(s) from {}: {}", mappings.size(), directory.toAbsolutePath(), mappings.keySet());
    }

    public Optional<SourceMapping> find(String sourceId) {
        return Optional.ofNullable(mappings.get(sourceId));
    }

    public SourceMapping require(String sourceId) {
        return find(sourceId).orElseThrow(() -> new IllegalArgumentException(
                "no mapping for source '" + sourceId + "' (expected " + directory.resolve(sourceId + ".yaml") + ")"));
    }

    public Collection<SourceMapping> all() {
        return mappings.values();
    }

    static Map<String, SourceMapping> loadAll(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("mappings directory " + directory.toAbsolutePath() + " does not exist");
        }
        Map<String, SourceMapping> loaded = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .forEach(f -> {
                        SourceMapping mapping = load(f);
                        loaded.put(mapping.id(), mapping);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        return Map.copyOf(loaded);
    }

    static SourceMapping load(Path file) {
        String id = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalStateException(file + ": source id '" + id + "' must be lower-case letters, digits and dashes");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException(file + ": expected a YAML mapping at the top level");
        }
        try {
            String languageTag = root.path("language").asText(null);
            Language language = languageTag == null ? null : Language.fromTag(languageTag)
                    .orElseThrow(() -> new IllegalArgumentException("language '" + languageTag + "' is not one of en, ar, es"));
            return new SourceMapping(id,
                    root.path("name").asText(id),
                    root.path("agency").asText(null),
                    language,
                    strings(root.path("schemes"), Function.identity(), false),
                    strings(root.path("categorySchemes"), v -> enumValue(SourceMapping.CategoryRole.class, v), false),
                    strings(root.path("sections"), v -> Section.fromSlug(v).orElseThrow(() -> unknown("section", v)), true),
                    strings(root.path("regions"), v -> Region.fromSlug(v).orElseThrow(() -> unknown("region", v)), true),
                    strings(root.path("contentTypes"), v -> ContentType.fromSlug(v).orElseThrow(() -> unknown("content type", v)), true),
                    Section.fromSlug(root.path("defaults").path("section").asText("miscellaneous"))
                            .orElseThrow(() -> unknown("section", root.path("defaults").path("section").asText())),
                    ContentType.fromSlug(root.path("defaults").path("contentType").asText("news"))
                            .orElseThrow(() -> unknown("content type", root.path("defaults").path("contentType").asText())),
                    root.path("defaults").path("urgency").asInt(5),
                    root.path("breakingUrgency").asInt(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
    }

    private static <V> Map<String, V> strings(JsonNode node, Function<String, V> convert, boolean normaliseKeys) {
        Map<String, V> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(
                normaliseKeys ? SourceMapping.key(e.getKey()) : e.getKey(), convert.apply(e.getValue().asText())));
        return out;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown category role '" + value + "'");
        }
    }

    private static IllegalArgumentException unknown(String what, String value) {
        return new IllegalArgumentException("unknown " + what + " '" + value + "'");
    }
}
