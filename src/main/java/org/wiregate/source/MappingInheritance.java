package org.wiregate.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mapping file and the chain of files it {@code extends}, read as YAML and merged into one tree:
 * the extending file's entries win, its tables add to the base's entry by entry, and what is each
 * source's own (transport, freshness, partner contract) is never inherited. A key no mapping knows
 * is a typo and stops the load, naming its line.
 */
final class MappingInheritance {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Top-level keys a mapping may have; anything else is a typo that would silently do nothing. */
    private static final Set<String> KNOWN_KEYS = Set.of(
            "extends",
            "name",
            "agency",
            "language",
            "legacyCharset",
            "expectedEvery",
            "breakingUrgency",
            "defaults",
            "schemes",
            "categorySchemes",
            "sections",
            "regions",
            "contentTypes",
            "transport",
            "partners");
    /** Keys whose tables an {@code extends} mapping adds to, entry by entry, rather than replaces. */
    private static final Set<String> MERGED_TABLES =
            Set.of("schemes", "categorySchemes", "sections", "regions", "contentTypes", "defaults");

    private MappingInheritance() {}

    /** The file's own tree over the trees of the mappings it extends, without the {@code extends} key. */
    static ObjectNode resolve(Path file) {
        return resolve(file, new ArrayList<>());
    }

    private static ObjectNode resolve(Path file, List<Path> chain) {
        if (chain.contains(file)) {
            throw new IllegalStateException(file + ": extends itself through " + chain);
        }
        chain.add(file);
        ObjectNode own = read(file);
        String base = own.path("extends").asText(null);
        if (base == null) {
            return own;
        }
        Path baseFile = file.resolveSibling(base + ".yaml");
        if (!Files.isRegularFile(baseFile)) {
            throw new IllegalStateException(file + MappingLines.lineOf(file, "extends") + ": extends '" + base
                    + "', but there is no " + baseFile);
        }
        ObjectNode merged = resolve(baseFile, chain).deepCopy();
        merged.remove("transport"); // how copy arrives is the source's own business
        merged.remove("expectedEvery");
        merged.remove("partners"); // each agency's contract is its own: never inherited
        own.properties().forEach(entry -> {
            if (MERGED_TABLES.contains(entry.getKey())
                    && entry.getValue().isObject()
                    && merged.get(entry.getKey()) instanceof ObjectNode table) {
                table.setAll((ObjectNode) entry.getValue());
            } else {
                merged.set(entry.getKey(), entry.getValue());
            }
        });
        merged.remove("extends");
        return merged;
    }

    /** One file's YAML: a mapping at the top level, with only keys a mapping may have. */
    private static ObjectNode read(Path file) {
        JsonNode read;
        try {
            read = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    file + ": not valid YAML at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (!(read instanceof ObjectNode own)) {
            throw new IllegalStateException(file + ": expected a YAML mapping at the top level");
        }
        own.fieldNames().forEachRemaining(key -> {
            if (!KNOWN_KEYS.contains(key)) {
                throw new IllegalStateException(file + MappingLines.lineOf(file, "'" + key + "'") + ": unknown key '"
                        + key + "' (known: " + new TreeSet<>(KNOWN_KEYS) + ")");
            }
        });
        return own;
    }
}
