package org.wiregate.publish;

import java.time.Instant;
import org.wiregate.store.Sha256;

/**
 * A feed page rendered once and kept as bytes, plain and gzipped, with its validators.
 *
 * @param etag         strong ETag of the plain bytes (quoted); the gzip variant appends "-gz"
 * @param lastModified newest {@code updated} among the page's items
 * @param validUntil   when an embargo lapses and the page must be rendered again, or null
 */
public record RenderedFeed(
        byte[] body, byte[] gzipped, String mediaType, String etag, Instant lastModified, Instant validUntil) {

    /** Plain bytes as served: gzipped once, tagged with the first 128 bits of their SHA-256. */
    static RenderedFeed of(byte[] body, FeedFormat format, Instant lastModified, Instant validUntil) {
        return new RenderedFeed(
                body,
                GzipBytes.gzip(body),
                format.mediaType(),
                '"' + Sha256.hex(body).substring(0, 32) + '"',
                lastModified,
                validUntil);
    }

    public String gzipEtag() {
        return etag.substring(0, etag.length() - 1) + "-gz\"";
    }
}
