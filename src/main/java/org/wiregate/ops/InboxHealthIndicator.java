package org.wiregate.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;
import org.wiregate.ingest.Inbox;
import org.wiregate.ingest.SourceRoutes;
import org.wiregate.normalise.MappingRegistry;
import org.wiregate.normalise.SourceMapping;

/**
 * The file-drop inbox in /actuator/health: per source, files waiting and files quarantined in
 * .error/; and inbox folders that no mapping claims, whose copy would otherwise wait unseen.
 * A missing or unreadable inbox is DOWN: nothing can be ingested.
 */
@Component
class InboxHealthIndicator implements HealthIndicator {

    private final Inbox inbox;
    private final MappingRegistry mappings;
    private final SourceRoutes sourceRoutes;

    InboxHealthIndicator(Inbox inbox, MappingRegistry mappings, SourceRoutes sourceRoutes) {
        this.inbox = inbox;
        this.mappings = mappings;
        this.sourceRoutes = sourceRoutes;
    }

    @Override
    public Health health() {
        if (!Files.isDirectory(inbox.root()) || !Files.isReadable(inbox.root())) {
            return Health.down().withDetail("inbox", inbox.root().toString()).withDetail("reason", "not a readable folder").build();
        }
        Map<String, Object> sources = new LinkedHashMap<>();
        for (SourceMapping mapping : mappings.all()) {
            Path folder = inbox.folderOf(mapping.id());
            sources.put(mapping.id(), Map.of(
                    "waiting", countFiles(folder),
                    "quarantined", countFiles(folder.resolve(".error")) - countReasons(folder.resolve(".error"))));
        }
        List<String> unmapped = sourceRoutes.unmappedFolders();
        Health.Builder health = Health.up()
                .withDetail("inbox", inbox.root().toString())
                .withDetail("sources", sources);
        if (!unmapped.isEmpty()) {
            health.withDetail("unmappedFolders", unmapped)
                    .withDetail("warning", "copy in these folders is not ingested: add mappings/<folder>.yaml");
        }
        return health.build();
    }

    private static long countFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long countReasons(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".reason.txt")).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
