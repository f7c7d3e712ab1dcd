package org.wiregate.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The sources the gateway knows: one per {@code mappings/*.yaml} file, id = file name without
 * extension, each read by {@link MappingYamlReader}. A broken file stops the start, or leaves a
 * reload without effect, naming the file and the value.
 */
@Component
public class MappingRegistry {

    private static final Logger log = LoggerFactory.getLogger(MappingRegistry.class);

    private volatile Map<String, SourceMapping> mappings;
    private final Path directory;

    public MappingRegistry(@Value("${gateway.mappings:mappings}") Path directory) {
        this.directory = directory;
        this.mappings = loadAll(directory);
        log.info(
                "Loaded {} source mapping(s) from {}: {}",
                mappings.size(),
                directory.toAbsolutePath(),
                mappings.keySet());
    }

    public Optional<SourceMapping> find(String sourceId) {
        return Optional.ofNullable(mappings.get(sourceId));
    }

    public SourceMapping require(String sourceId) {
        return find(sourceId)
                .orElseThrow(() -> new IllegalArgumentException("no mapping for source '" + sourceId + "' (expected "
                        + directory.resolve(sourceId + ".yaml") + ")"));
    }

    public Collection<SourceMapping> all() {
        return mappings.values();
    }

    /** The mapping file a source was read from, for messages that name it. */
    public Path fileOf(String sourceId) {
        return directory.resolve(sourceId + ".yaml");
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
        log.info(
                "Reloaded {} source mapping(s) from {}; changed: {}",
                fresh.size(),
                directory.toAbsolutePath(),
                changed);
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
                        SourceMapping mapping = MappingYamlReader.read(f);
                        loaded.put(mapping.id(), mapping);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        return Map.copyOf(loaded);
    }
}
