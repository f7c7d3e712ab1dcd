package org.wiregate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary working folders (inbox, database) for tests that start the whole gateway. */
public final class TestDirectories {

    private TestDirectories() {}

    /** A new folder under target/, deleted when the JVM exits. */
    public static Path create(String prefix) {
        try {
            Path root = Files.createDirectories(Path.of("target", "test-work"));
            Path dir = Files.createTempDirectory(root, prefix).toAbsolutePath();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: target/ is cleaned by the build anyway
        }
    }
}
