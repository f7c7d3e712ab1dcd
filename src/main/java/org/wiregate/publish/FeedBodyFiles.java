package org.wiregate.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rendered feed bodies as files, named by their ETag, so Tomcat can send them with sendfile (the
 * kernel copies the bytes, as nginx does) instead of pushing them through its output buffer. Files
 * are immutable (same ETag, same bytes); those not served for an hour are removed.
 */
@Component
class FeedBodyFiles {

    private static final Duration UNUSED = Duration.ofHours(1);
    /** How long a file seen on disk is taken to be there still; its use is recorded as often. */
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final Path directory;
    private final Clock clock;
    private final Map<String, Entry> files = new ConcurrentHashMap<>();

    private record Entry(Path path, long length, Instant lastUsed) {}

    FeedBodyFiles(Clock clock) throws IOException {
        this.clock = clock;
        this.directory = Files.createTempDirectory("wiregate-feed-bodies");
        directory.toFile().deleteOnExit();
    }

    /** The file holding these bytes, written on first use; null if it cannot be written (then bytes are sent). */
    Path fileFor(String etag, byte[] body) {
        Instant now = clock.instant();
        Entry seen = files.get(etag);
        if (seen != null
                && seen.length() == body.length
                && now.isBefore(seen.lastUsed().plus(RECHECK))) {
            return seen.path(); // checked on disk within the last second: no stat and no map write per request
        }
        Entry entry = files.compute(etag, (key, known) -> {
            if (known != null && Files.exists(known.path())) {
                return new Entry(known.path(), known.length(), now);
            }
            try {
                Path target = directory.resolve(key.replaceAll("[^A-Za-z0-9-]", "") + ".body");
                Path partial = Files.createTempFile(directory, "partial", ".tmp");
                Files.write(partial, body);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                target.toFile().deleteOnExit();
                return new Entry(target, body.length, now);
            } catch (IOException e) {
                return null;
            }
        });
        return entry == null || entry.length() != body.length ? null : entry.path();
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT10M")
    void removeUnused() {
        Instant cutoff = clock.instant().minus(UNUSED);
        files.entrySet().removeIf(e -> {
            if (e.getValue().lastUsed().isAfter(cutoff)) {
                return false;
            }
            try {
                Files.deleteIfExists(e.getValue().path()); // a send in progress keeps its open file on Linux
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return true;
        });
    }
}
