package org.wiregate.article;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The gateway's own id for an article: derived from (source, agency guid), so it never changes
 * across versions, corrections or slug changes, and the same copy dropped twice maps to one row.
 */
public record ArticleId(String value) {

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int LENGTH = 26; // 130 bits of SHA-256: collisions are not a practical concern

    public ArticleId {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[a-z2-7]{" + LENGTH + "}")) {
            throw new IllegalArgumentException("not a gateway article id: " + value);
        }
    }

    public static ArticleId of(String source, String agencyGuid) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(agencyGuid, "agencyGuid");
        byte[] digest = sha256(source + '\n' + agencyGuid);
        StringBuilder id = new StringBuilder(LENGTH);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; id.length() < LENGTH; i++) {
            buffer = (buffer << 8) | (digest[i] & 0xff);
            bits += 8;
            while (bits >= 5 && id.length() < LENGTH) {
                id.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return new ArticleId(id.toString());
    }

    /** Atom-style IRI; stable for the life of the article. */
    public String urn() {
        return "urn:wiregate:article:" + value;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
