package org.wiregate.article;

import java.util.Objects;

/** A "Read more" link shown under the article. */
public record RelatedLink(String url, String title) {

    public RelatedLink {
        Objects.requireNonNull(url, "url");
    }
}
