package org.wiregate.ingest;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The file-drop inbox ({@code gateway.inbox}): one folder per source id. */
@Component
public class Inbox {

    private final Path root;

    public Inbox(@Value("${gateway.inbox:inbox}") Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path folderOf(String source) {
        return root.resolve(source);
    }
}
