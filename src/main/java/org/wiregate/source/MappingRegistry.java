package org.wiregate.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
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

    private volatile Map<String, SourceMapping> mappings;
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

    /**
     * Reads the mapping files again (after an operator fixed one) and swaps them in at once. A
     * broken file leaves every mapping as it was and says why. Sources added or removed take a
     * restart for their routes; the ids returned say which changed.
     */
    public synchronized List<String> reload() {
        Map<String, SourceMapping> fresh = loadAll(directory);
        List<String> changed = fresh.entrySet().stream()
                .filter(e -> !e.getValue().equals(mappings.get(e.getKey())))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        mappings = fresh;
        log.info("Reloaded {} source mapping(s) from {}; changed: {}", fresh.size(), directory.toAbsolutePath(), changed);
        return changed;
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

    /** Top-level keys a mapping may have; anything else is a typo that would silently do nothing. */
    private static final Set<String> KNOWN_KEYS = Set.of("extends", "name", "agency", "language",
            "legacyCharset", "expectedEvery", "breakingUrgency", "defaults", "schemes", "categorySchemes", "sections",
            "regions", "contentTypes", "transport", "partners");
    /** Keys whose tables an {@code extends} mapping adds to, entry by entry, rather than replaces. */
    private static final Set<String> MERGED_TABLES = Set.of("schemes", "categorySchemes", "sections",
            "regions", "contentTypes", "defaults");

    static SourceMapping load(Path file) {
        String id = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalStateException(file + ": source id '" + id + "' must be lower-case letters, digits and dashes");
        }
        ObjectNode root = resolve(file, new ArrayList<>());
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
                    root.path("breakingUrgency").asInt(2),
                    transport(root.path("transport")),
                    charset(root.path("legacyCharset").asText(null)),
                    cadence(root.path("expectedEvery").asText(null)),
                    redistribution(root.path("partners")));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + lineOf(file, e.getMessage()) + ": " + e.getMessage(), e);
        }
    }

    /** Reads a mapping and the mappings it extends, the extending file's entries winning. */
    private static ObjectNode resolve(Path file, List<Path> chain) {
        if (chain.contains(file)) {
            throw new IllegalStateException(file + ": extends itself through " + chain);
        }
        chain.add(file);
        JsonNode read;
        try {
            read = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(file + ": not valid YAML at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (!(read instanceof ObjectNode own)) {
            throw new IllegalStateException(file + ": expected a YAML mapping at the top level");
        }
        own.fieldNames().forEachRemaining(key -> {
            if (!KNOWN_KEYS.contains(key)) {
                throw new IllegalStateException(file + lineOf(file, "'" + key + "'") + ": unknown key '" + key
                        + "' (known: " + new TreeSet<>(KNOWN_KEYS) + ")");
            }
        });
        String base = own.path("extends").asText(null);
        if (base == null) {
            return own;
        }
        Path baseFile = file.resolveSibling(base + ".yaml");
        if (!Files.isRegularFile(baseFile)) {
            throw new IllegalStateException(file + lineOf(file, "extends") + ": extends '" + base + "', but there is no " + baseFile);
        }
        ObjectNode merged = resolve(baseFile, chain).deepCopy();
        merged.remove("transport"); // how copy arrives is the source's own business
        merged.remove("expectedEvery");
        merged.remove("partners"); // each agency's contract is its own: never inherited
        own.properties().forEach(entry -> {
            if (MERGED_TABLES.contains(entry.getKey()) && entry.getValue().isObject() && merged.get(entry.getKey()) instanceof ObjectNode table) {
                table.setAll((ObjectNode) entry.getValue());
            } else {
                merged.set(entry.getKey(), entry.getValue());
            }
        });
        merged.remove("extends");
        return merged;
    }

    /** " (line N)" for the first line of the file that mentions the quoted value, so errors point at it. */
    private static String lineOf(Path file, String message) {
        Matcher quoted = Pattern.compile("'([^']+)'").matcher(message);
        String needle = quoted.find() ? quoted.group(1) : message;
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(needle) && !lines.get(i).trim().startsWith("#")) {
                    return " (line " + (i + 1) + ")";
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the message without a line is still right
        }
        return "";
    }

    /** {@code partners: {redistribute: true, usageTerms: "..."}}; absent means own-site-only. */
    private static SourceMapping.Redistribution redistribution(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return SourceMapping.Redistribution.OWN_SITE_ONLY;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("'partners' must be a table with redistribute and usageTerms");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!key.equals("redistribute") && !key.equals("usageTerms")) {
                throw new IllegalArgumentException("unknown key '" + key + "' under partners (known: redistribute, usageTerms)");
            }
        });
        JsonNode redistribute = node.path("redistribute");
        if (!redistribute.isMissingNode() && !redistribute.isBoolean()) {
            throw new IllegalArgumentException("partners.redistribute '" + redistribute.asText() + "' must be true or false");
        }
        String terms = node.path("usageTerms").asText(null);
        return new SourceMapping.Redistribution(redistribute.asBoolean(false), terms == null || terms.isBlank() ? null : terms.strip());
    }

    private static Duration cadence(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Duration parsed = DurationStyle.detectAndParse(value.trim());
            if (parsed.isNegative() || parsed.isZero()) {
                throw new IllegalArgumentException("not positive");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expectedEvery '" + value + "' is not a positive duration (PT10M, 10m, 1h)");
        }
    }

    private static Charset charset(String name) {
        if (name == null) {
            return StandardCharsets.ISO_8859_1;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("legacyCharset '" + name + "' is not a character set this Java knows");
        }
    }

    /** The {@code transport:} section; absent means a file drop into the inbox. */
    static Transport transport(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Transport.fileDrop();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("transport must be a mapping (type: file, ftp, ftps, http-poll or http-push)");
        }
        String typeName = node.path("type").asText("file");
        Transport.Type type = Transport.Type.fromYaml(typeName).orElseThrow(() -> new IllegalArgumentException(
                "unknown transport type '" + typeName + "' (expected one of " + Transport.Type.names() + ")"));
        Transport.AfterRead afterRead = Transport.AfterRead.MOVE;
        if (node.hasNonNull("afterRead")) {
            String value = node.path("afterRead").asText();
            try {
                afterRead = Transport.AfterRead.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("transport.afterRead '" + value + "' is not one of delete, move, keep");
            }
        }
        Map<String, String> headers = strings(node.path("headers"), Function.identity(), false);
        headers.keySet().stream()
                .filter(h -> Transport.RESTRICTED_HEADERS.contains(h.toLowerCase(Locale.ROOT)))
                .findFirst().ifPresent(h -> {
                    throw new IllegalArgumentException("transport.headers may not set '" + h
                            + "' (the poller sets it; use tokenEnv for a bearer token)");
                });
        Integer port = node.hasNonNull("port") ? node.path("port").asInt() : null;
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("transport.port " + node.path("port").asText() + " is not a TCP port");
        }
        Transport transport = new Transport(type,
                node.path("enabled").asBoolean(true),
                text(node, "host"),
                port,
                text(node, "directory"),
                text(node, "usernameEnv"),
                text(node, "passwordEnv"),
                node.path("passive").asBoolean(true),
                afterRead,
                duration(node, "pollInterval"),
                url(node),
                duration(node, "connectTimeout"),
                duration(node, "readTimeout"),
                headers,
                text(node, "tokenEnv"));
        switch (type) {
            case FTP, FTPS -> {
                require(transport.host(), type, "host");
                require(transport.directory(), type, "directory");
                require(transport.usernameEnv(), type, "usernameEnv");
                require(transport.passwordEnv(), type, "passwordEnv");
            }
            case HTTP_POLL -> require(transport.url(), type, "url");
            case HTTP_PUSH -> require(transport.tokenEnv(), type, "tokenEnv");
            case FILE -> { }
        }
        return transport;
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText(null);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Duration duration(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            Duration parsed = DurationStyle.detectAndParse(value);
            if (parsed.isNegative() || parsed.isZero()) {
                throw new IllegalArgumentException("must be positive");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("transport." + field + " '" + value + "' is not a positive duration (e.g. 30s, 500ms, 2m)");
        }
    }

    private static URI url(JsonNode node) {
        String value = text(node, "url");
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("transport.url '" + value + "' is not an absolute http(s) URL");
        }
    }

    private static void require(Object value, Transport.Type type, String field) {
        if (value == null) {
            throw new IllegalArgumentException("transport type " + type.yamlName() + " needs transport." + field);
        }
    }

    /** The mapping file a source was read from, for messages that name it. */
    public Path fileOf(String sourceId) {
        return directory.resolve(sourceId + ".yaml");
    }

    private static <V> Map<String, V> strings(JsonNode node, Function<String, V> convert, boolean normaliseKeys) {
        Map<String, V> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(
                normaliseKeys ? SourceMapping.key(e.getKey()) : e.getKey(), convert.apply(e.getValue().asText())));
        return out;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown category role '" + value + "'");
        }
    }

    private static IllegalArgumentException unknown(String what, String value) {
        return new IllegalArgumentException("unknown " + what + " '" + value + "'");
    }
}
