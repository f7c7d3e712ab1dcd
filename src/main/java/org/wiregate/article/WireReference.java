package org.wiregate.article;

import java.util.Objects;

/**
 * Where an article came from: the source (a file in mappings/), the agency's own guid, and the
 * agency's version label, which may be absent (RSS and Atom carry none).
 */
public record WireReference(String source, String guid, String agencyVersion) {

    public WireReference {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(guid, "guid");
    }
}
