package org.wiregate.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Test fixture bytes from the classpath, and drops into an inbox the way a transfer agent does it. */
public final class Fixtures {

    private Fixtures() {}

    public static byte[] bytes(String classpathResource) {
        try (InputStream in = Fixtures.class.getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + classpathResource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The kill notice of a ninjs fixture: the same item as version 2 with status canceled, as an
     * agency sends it to withdraw a story.
     */
    public static byte[] killNotice(String ninjsResource) {
        String item = new String(bytes(ninjsResource), StandardCharsets.UTF_8);
        String killed = item.replace("\"pubstatus\": \"usable\"", "\"pubstatus\": \"canceled\"")
                .replaceFirst("\"version\": \"1\"", "\"version\": \"2\"");
        if (killed.equals(item)) {
            throw new IllegalArgumentException(ninjsResource + " is not a usable version-1 ninjs item");
        }
        return killed.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes under a dot-name and renames, so the gateway only ever sees complete files. */
    public static Path drop(Path inbox, String source, String fileName, byte[] content) {
        try {
            Path folder = Files.createDirectories(inbox.resolve(source));
            Path partial = folder.resolve("." + fileName + ".part");
            Files.write(partial, content);
            return Files.move(partial, folder.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
