package org.wiregate.publish;

import java.util.Optional;

/** The feed formats served, by URL extension. */
public enum FeedFormat {
    RSS("rss", "application/rss+xml;charset=utf-8"),
    ATOM("atom", "application/atom+xml;charset=utf-8"),
    JSON("json", "application/feed+json;charset=utf-8");

    private final String extension;
    private final String mediaType;

    FeedFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<FeedFormat> fromExtension(String extension) {
        for (FeedFormat f : values()) {
            if (f.extension.equals(extension)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
