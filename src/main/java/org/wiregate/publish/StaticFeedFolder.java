package org.wiregate.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.wiregate.article.Language;
import org.wiregate.leadership.Leadership;

/**
 * Static publishing ({@code gateway.feeds.static-folder}): the main feed of every language in every
 * format, written as files ({@code feeds/en.rss} and its gzipped twin {@code feeds/en.rss.gz}) to a
 * folder that nginx or a CDN origin serves, so that polling aggregators never reach the JVM. The
 * bytes are those {@code /feeds/en.rss} answers. Each file is written whole beside its final name
 * and renamed over it, so a reader gets the old page or the new one, never part of one.
 *
 * <p>The pages are looked at every {@code gateway.feeds.static-folder-every} (1 s): a kept page is a
 * map lookup, and a page that a change (here or on another instance), a lapsing embargo or an aging
 * tombstone evicted is rendered again, as a request would render it. Only pages whose bytes changed
 * are written. A file's time is the time it was written, at least a second after the previous
 * version's, so the validators nginx derives from it (Last-Modified, and an ETag of time and size)
 * change with every version. While the database is away the files stay as last written.
 *
 * <p>Instances that share one folder ({@code gateway.feeds.static-folder-shared}) leave the writing
 * to the one that leads the cluster's jobs, so the files do not change time (and nginx's ETag) with
 * every instance that writes the same page; the others take over with the role.
 */
@Component
@ConditionalOnExpression("'${gateway.feeds.static-folder:}' != ''")
class StaticFeedFolder implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(StaticFeedFolder.class);
    /** nginx reads as another user: a temporary file's owner-only mode must not stay on the feed. */
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private final FeedService feeds;
    private final Clock clock;
    private final Path folder;
    private final Leadership leadership;
    private final boolean shared;
    /** What each file holds now (its page's ETag) and when it was written. */
    private final Map<String, Written> written = new ConcurrentHashMap<>();

    private final Counter writes;
    private final Counter failures;
    private volatile Instant lastLook;
    private volatile String lastFailure; // null while the last look wrote (or had nothing to write) cleanly

    private record Written(String etag, Instant at) {}

    StaticFeedFolder(
            FeedService feeds,
            Clock clock,
            MeterRegistry registry,
            Leadership leadership,
            @Value("${gateway.feeds.static-folder}") Path folder,
            @Value("${gateway.feeds.static-folder-shared:false}") boolean shared) {
        this.feeds = feeds;
        this.leadership = leadership;
        this.shared = shared;
        this.clock = clock;
        this.folder = folder.toAbsolutePath();
        this.writes = Counter.builder("wiregate.feeds.static.writes")
                .description("Feed files written to the static folder (a new version of a page)")
                .register(registry);
        this.failures = Counter.builder("wiregate.feeds.static.failures")
                .description("Feed pages that could not be rendered or written to the static folder")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${gateway.feeds.static-folder-every:1s}")
    synchronized void publish() {
        if (!writesHere()) {
            // What this instance wrote before may since have been replaced: written again once it leads.
            written.clear();
            lastFailure = null;
            lastLook = clock.instant();
            return;
        }
        String first = null;
        int failed = 0;
        int pages = 0;
        for (Language language : Language.values()) {
            for (FeedFormat format : FeedFormat.values()) {
                String name = language.code() + "." + format.extension();
                pages++;
                try {
                    Optional<RenderedFeed> page = feeds.latest(language, format, 1);
                    if (page.isPresent()) {
                        writeIfChanged(name, page.get());
                    }
                } catch (IOException | RuntimeException e) {
                    failures.increment();
                    failed++;
                    first = first == null ? name + ": " + e : first;
                }
            }
        }
        String failure = failed == 0 ? null : failed + " of " + pages + " pages not written, first " + first;
        if (failure != null && !failure.equals(lastFailure)) {
            // Once per kind of failure, not once a second; the health entry and the counter say it goes on.
            log.warn("Static feed folder {}: not written, the files stay as they were ({})", folder, failure);
        } else if (failure == null && lastFailure != null) {
            log.info("Static feed folder {}: written again", folder);
        }
        lastFailure = failure;
        lastLook = clock.instant();
    }

    private boolean writesHere() {
        return !shared || leadership.isLeader(Leadership.JOBS);
    }

    private void writeIfChanged(String name, RenderedFeed page) throws IOException {
        Written before = written.get(name);
        if (before != null && before.etag().equals(page.etag())) {
            return;
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (before != null && !at.isAfter(before.at())) {
            at = before.at().plusSeconds(1); // nginx's ETag is the time in seconds and the size
        }
        Path feedsFolder = Files.createDirectories(folder.resolve("feeds"));
        // The gzipped twin first: while the pair is replaced a client may get the old version of one, never a broken
        // one.
        replace(feedsFolder.resolve(name + ".gz"), page.gzipped(), at);
        replace(feedsFolder.resolve(name), page.body(), at);
        written.put(name, new Written(page.etag(), at));
        writes.increment();
    }

    private static void replace(Path target, byte[] bytes, Instant at) throws IOException {
        Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
        try {
            Files.write(partial, bytes);
            Files.setLastModifiedTime(partial, FileTime.from(at));
            Files.setPosixFilePermissions(partial, READABLE);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public Health health() {
        Map<String, Object> files = new LinkedHashMap<>();
        written.forEach((name, w) -> files.put(name, w.at().toString()));
        Health.Builder health =
                lastFailure == null ? Health.up() : Health.down().withDetail("reason", lastFailure);
        return health.withDetail("folder", folder.toString())
                .withDetail("writer", writesHere() ? "this instance" : "the instance leading the jobs role")
                .withDetail("lastLook", lastLook == null ? "not yet" : lastLook.toString())
                .withDetail("written", files)
                .build();
    }
}
