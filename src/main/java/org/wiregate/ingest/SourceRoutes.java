package org.wiregate.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.wiregate.normalise.MappingRegistry;
import org.wiregate.normalise.SourceMapping;

/**
 * One {@code ingest-<source>} route per mapping file, from the {@code file-drop} template in
 * routes/ingest.yaml. Inbox folders without a mapping are reported, never silently ignored.
 */
@Component
public class SourceRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SourceRoutes.class);

    private final MappingRegistry mappings;
    private final Inbox inbox;

    public SourceRoutes(MappingRegistry mappings, Inbox inbox) {
        this.mappings = mappings;
        this.inbox = inbox;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // routes/*.yaml (and with them the template) are loaded during start; instances come after
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        for (SourceMapping mapping : mappings.all()) {
            createFolder(inbox.folderOf(mapping.id()));
            try {
                TemplatedRouteBuilder.builder(camelContext, "file-drop")
                        .routeId("ingest-" + mapping.id())
                        .parameter("source", mapping.id())
                        .add();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the ingest route of source " + mapping.id(), e);
            }
        }
        List<String> unmapped = unmappedFolders();
        unmapped.forEach(folder -> log.warn("{}: inbox folder has no mapping (mappings/{}.yaml); its files are not ingested",
                inbox.folderOf(folder), folder));
    }

    /** Folders in the inbox that no mapping claims: copy dropped there would wait forever. */
    public List<String> unmappedFolders() {
        if (!Files.isDirectory(inbox.root())) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(inbox.root())) {
            return folders.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .filter(name -> mappings.find(name).isEmpty())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create inbox folder " + folder, e);
        }
    }
}
