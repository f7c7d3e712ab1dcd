package org.wiregate.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.wiregate.store.PayloadRepository;
import org.wiregate.store.Sha256;

/**
 * Drops the bundled demo wire copy (classpath demo/<source>/*) into the inbox on start, so a fresh
 * checkout shows full feeds at once. Copy the store already holds is not dropped again.
 */
@Component
@ConditionalOnProperty(name = "gateway.demo.enabled", havingValue = "true")
class DemoCopy implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoCopy.class);

    private final Inbox inbox;
    private final PayloadRepository payloads;

    DemoCopy(Inbox inbox, PayloadRepository payloads) {
        this.inbox = inbox;
        this.payloads = payloads;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:demo/*/*");
        int dropped = 0;
        for (Resource file : files) {
            String url = file.getURL().toString();
            String[] parts = url.split("/");
            // In a jar the pattern also matches the folder entries (demo/demo/, with an empty file name).
            if (parts.length < 2
                    || file.getFilename() == null
                    || file.getFilename().isEmpty()
                    || url.endsWith("/")) {
                continue;
            }
            String source = parts[parts.length - 2];
            byte[] bytes;
            try (InputStream in = file.getInputStream()) {
                bytes = in.readAllBytes();
            }
            if (!payloads.isKnown(source, Sha256.hex(bytes))) {
                drop(inbox.folderOf(source), file.getFilename(), bytes);
                dropped++;
            }
        }
        log.info("Demo copy: {} of {} file(s) dropped into {}", dropped, files.length, inbox.root());
    }

    /** Written under a dot-name and renamed, so the file consumer never sees a half-written file. */
    private static void drop(Path folder, String name, byte[] bytes) {
        try {
            Files.createDirectories(folder);
            Path partial = folder.resolve("." + name + ".part");
            Files.write(partial, bytes);
            Files.move(
                    partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot drop demo copy into " + folder, e);
        }
    }
}
