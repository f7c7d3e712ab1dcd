package org.wiregate.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;
import org.wiregate.source.MappingRegistry;
import org.wiregate.source.SourceMapping;
import org.wiregate.store.Rejections;
import org.wiregate.store.StoreFailures;

/**
 * The file-drop inbox in /actuator/health: per source, files waiting and files quarantined in
 * .error/ and rejections (files and items, any transport) in the last hour; and inbox folders that no mapping claims, whose copy would otherwise wait unseen.
 * A missing or unreadable inbox is DOWN: nothing can be ingested.
 */
@Component
public class InboxHealthIndicator implements HealthIndicator {

    static final Status WARNING = new Status("WARNING", "rejected files cannot be moved to .error/");

    private final Inbox inbox;
    private final MappingRegistry mappings;
    private final SourceRoutes sourceRoutes;
    private final Rejections rejections;
    private final Clock clock;
    private final BlockedQuarantine blocked;

    InboxHealthIndicator(
            Inbox inbox,
            MappingRegistry mappings,
            SourceRoutes sourceRoutes,
            Rejections rejections,
            Clock clock,
            BlockedQuarantine blocked) {
        this.inbox = inbox;
        this.blocked = blocked;
        this.rejections = rejections;
        this.clock = clock;
        this.mappings = mappings;
        this.sourceRoutes = sourceRoutes;
    }

    @Override
    public Health health() {
        if (!Files.isDirectory(inbox.root()) || !Files.isReadable(inbox.root())) {
            return Health.down()
                    .withDetail("inbox", inbox.root().toString())
                    .withDetail("reason", "not a readable folder")
                    .build();
        }
        Map<String, Object> sources = new LinkedHashMap<>();
        // Quarantine growth, whatever the transport: files and items rejected in the last hour.
        // While the database is away the folders are still counted: files waiting in the inbox are the news then.
        Map<String, Long> lastHour = StoreFailures.orWhileAway(
                () -> rejections.countPerSourceSince(clock.instant().minus(Duration.ofHours(1))), away -> Map.of());
        for (SourceMapping mapping : mappings.all()) {
            Path folder = inbox.folderOf(mapping.id());
            sources.put(
                    mapping.id(),
                    Map.of(
                            "waiting", countFiles(folder),
                            "quarantined",
                                    countFiles(folder.resolve(".error")) - countReasons(folder.resolve(".error")),
                            "rejectedLastHour", lastHour.getOrDefault(mapping.id(), 0L)));
        }
        List<String> unmapped = sourceRoutes.unmappedFolders();
        Health.Builder health =
                Health.up().withDetail("inbox", inbox.root().toString()).withDetail("sources", sources);
        Map<String, Map<String, String>> notQuarantined = blocked.heldPerSource();
        if (!notQuarantined.isEmpty()) {
            // Rejected and recorded, but not in .error/ (runbook: WiregateQuarantineBlocked). WARNING,
            // as for a stale source: operators must look, but the rest of the copy flows.
            health.status(WARNING).withDetail("notQuarantined", notQuarantined);
        }
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
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long countReasons(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".reason.txt"))
                    .count();
        } catch (IOException e) {
            return 0;
        }
    }
}
