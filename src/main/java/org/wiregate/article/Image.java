package org.wiregate.article;

import java.util.Objects;

/** A picture shown with the article; url is absolute. Width and height are 0 when the agency did not say. */
public record Image(String url, String caption, String credit, String mediaType, int width, int height) {

    public Image {
        Objects.requireNonNull(url, "url");
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("image size cannot be negative: " + width + "x" + height);
        }
    }
}
