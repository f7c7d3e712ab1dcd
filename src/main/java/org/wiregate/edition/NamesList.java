package org.wiregate.edition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * People, places and organisations whose spellings differ too much across scripts for folding
 * alone (مصر / Egypt / Egipto), read from {@code mappings/names/*.yaml}: each key is a canonical
 * name and its value the list of spellings in any language. Operators extend it without a build.
 */
final class NamesList {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private NamesList() {}

    /** Folded spelling -> canonical key ("name:" + canonical). */
    static Map<String, String> load(Path directory) {
        Map<String, String> canonical = new HashMap<>();
        if (!Files.isDirectory(directory)) {
            return canonical;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode root = YAML.readTree(file.toFile());
                if (root == null) {
                    continue;
                }
                root.properties().forEach(entry -> {
                    String key = "name:" + entry.getKey();
                    canonical.put(NameFolding.latin(entry.getKey()), key);
                    entry.getValue().forEach(variant -> {
                        canonical.put(NameFolding.latin(variant.asText()), key);
                        if (NameFolding.isArabic(variant.asText())) {
                            // الدوحة is also written بالدوحة, "in Doha": register it without the article too
                            canonical.put(NameFolding.latin(NameFolding.withoutArticle(variant.asText())), key);
                        }
                    });
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the names list in " + directory, e);
        }
        return canonical;
    }
}
