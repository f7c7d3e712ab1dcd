package org.wiregate.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
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
class StaticFeedFolder implements HealthIndicator, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StaticFeedFolder.class);
    /** nginx reads as another user: a temporary file's owner-only mode must not stay on the feed. */
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwxr-xr-x");

    private final FeedService feeds;
    private final Clock clock;
    private final Path folder;
    private final Leadership leadership;
    private final boolean shared;
    /** What each file holds now (its page's ETag) and when it was written. */
    private final Map<String, Written> written = new ConcurrentHashMap<>();

    private boolean swept;

    private final Counter writes;
    private final Counter failures;
    private volatile Instant lastLook;
    private volatile String lastFailure; // null while the last look wrote (or had nothing to write) cleanly
    private String lastFailureKind;
    private final Duration every;
    private ScheduledExecutorService looker;

    private record Written(String etag, Instant at) {}

    StaticFeedFolder(
            FeedService feeds,
            Clock clock,
            MeterRegistry registry,
            Leadership leadership,
            @Value("${gateway.feeds.static-folder}") Path folder,
            @Value("${gateway.feeds.static-folder-shared:false}") boolean shared,
            @Value("${gateway.feeds.static-folder-every:1s}") Duration every) {
        this.every = every;
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

    /**
     * On a thread of its own, not Spring's one scheduler thread: with the database away, each page
     * never rendered waits for a connection, and embargo release and WebSub retries must not wait behind.
     */
    @Override
    public void start() {
        looker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "static-feed-folder");
            t.setDaemon(true);
            return t;
        });
        looker.scheduleWithFixedDelay(this::publishSafely, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (looker != null) {
            looker.shutdownNow();
            looker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return looker != null;
    }

    private void publishSafely() {
        try {
            publish();
        } catch (RuntimeException e) {
            log.warn("Static feed folder {}: look failed ({})", folder, e.toString()); // the next look tries again
        }
    }

    synchronized void publish() {
        if (!writesHere()) {
            // What this instance wrote before may since have been replaced: written again once it leads.
            written.clear();
            lastFailure = null;
            lastFailureKind = null;
            lastLook = clock.instant();
            return;
        }
        String first = null;
        String firstKind = null;
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
                    if (first == null) {
                        first = name + ": " + e;
                        firstKind = name + ": " + e.getClass().getName();
                    }
                }
            }
        }
        String failure = failed == 0 ? null : failed + " of " + pages + " pages not written, first " + first;
        // Logged once per kind of failure, not once a second: the message names a new temporary file
        // every time. The health entry and the counter say it goes on.
        String kind = failed == 0 ? null : failed + " " + firstKind;
        if (kind != null && !kind.equals(lastFailureKind)) {
            log.warn("Static feed folder {}: not written, the files stay as they were ({})", folder, failure);
        } else if (kind == null && lastFailureKind != null) {
            log.info("Static feed folder {}: written again", folder);
        }
        lastFailure = failure;
        lastFailureKind = kind;
        lastLook = clock.instant();
    }

    /**
     * Asked before each look and again before each write: a leader that stalled (a pause, a database
     * cut) must not write once its lease may be another's (the lease read from the database, as the
     * pollers ask).
     */
    private boolean writesHere() {
        return !shared || leadership.holdsLease(Leadership.JOBS);
    }

    private void writeIfChanged(String name, RenderedFeed page) throws IOException {
        Written before = written.get(name);
        if (before != null && before.etag().equals(page.etag())) {
            return;
        }
        Path feedsFolder = feedsFolder();
        Path file = feedsFolder.resolve(name);
        if (before == null && Files.isRegularFile(file)) {
            // After a restart or a takeover: what is on disk is the previous version, whoever wrote it.
            // Unchanged bytes keep their file and its time, so pollers' validators stay good.
            Instant onDisk = Files.getLastModifiedTime(file).toInstant();
            before = new Written(null, onDisk.truncatedTo(ChronoUnit.SECONDS));
            if (Arrays.equals(Files.readAllBytes(file), page.body())
                    && Files.isRegularFile(feedsFolder.resolve(name + ".gz"))) {
                written.put(name, new Written(page.etag(), before.at()));
                return;
            }
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (before != null && !at.isAfter(before.at())) {
            at = before.at().plusSeconds(1); // nginx's ETag is the time in seconds and the size
        }
        if (!writesHere()) {
            return;
        }
        // The gzipped twin first: while the pair is replaced a client may get the old version of one, never a broken
        // one.
        replace(feedsFolder.resolve(name + ".gz"), page.gzipped(), at);
        replace(feedsFolder.resolve(name), page.body(), at);
        written.put(name, new Written(page.etag(), at));
        writes.increment();
    }

    /** The feeds folder, made readable for nginx's user whatever the umask; leftovers of a crash removed once. */
    private Path feedsFolder() throws IOException {
        Path feedsFolder = folder.resolve("feeds");
        if (!Files.isDirectory(feedsFolder) || !swept) {
            Files.createDirectories(feedsFolder);
            setPermissions(feedsFolder, FOLDER);
            try (DirectoryStream<Path> partials = Files.newDirectoryStream(feedsFolder, ".*.partial")) {
                for (Path partial : partials) {
                    Files.deleteIfExists(partial);
                }
            }
            swept = true;
        }
        return feedsFolder;
    }

    /** On a file system without POSIX modes (or one that refuses them) the file is still written. */
    private static void setPermissions(Path path, Set<PosixFilePermission> permissions) {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException | IOException e) {
            log.debug("Static feed folder: {} keeps its mode ({})", path, e.toString());
        }
    }

    private static void replace(Path target, byte[] bytes, Instant at) throws IOException {
        Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
        try {
            try (FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                ByteBuffer remaining = ByteBuffer.wrap(bytes);
                while (remaining.hasRemaining()) {
                    out.write(remaining);
                }
                // On disk before the rename makes it the page: after a crash nginx serves the old page or
                // the new one, never an empty file whose rename reached the disk before its bytes.
                out.force(true);
            }
            Files.setLastModifiedTime(partial, FileTime.from(at));
            setPermissions(partial, READABLE);
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
