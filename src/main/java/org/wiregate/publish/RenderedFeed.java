package org.wiregate.publish;

import java.time.Instant;

/**
 * A feed page rendered once and kept as bytes, plain and gzipped, with its validators.
 *
 * @param etag         strong ETag of the plain bytes (quoted); the gzip variant appends "-gz"
 * @param lastModified newest {@code updated} among the page's items
 * @param validUntil   when an embargo lapses and the page must be rendered again, or null
 */
public record RenderedFeed(byte[] body, byte[] gzipped, String mediaType, String etag, Instant lastModified,
                           Instant validUntil) {

    public String gzipEtag() {
        return etag.substring(0, etag.length() - 1) + "-gz\"";
    }
}
