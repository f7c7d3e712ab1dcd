package org.wiregate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Mapping folders for tests of agency transports: the standard IPTC mapping plus a transport section. */
public final class TransportFixtures {

    private TransportFixtures() {}

    /** A mappings folder holding {@code <source>.yaml}: mappings/standard.yaml with the given transport section. */
    public static Path mappings(Path work, String source, String transportYaml) {
        try {
            Path dir = Files.createDirectories(work.resolve("mappings"));
            String standard = Files.readString(Path.of("mappings", "standard.yaml"), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(source + ".yaml"), standard + "\n" + transportYaml, StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
