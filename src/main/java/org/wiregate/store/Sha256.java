package org.wiregate.store;

/** Hex SHA-256, the fingerprint under which payloads are kept. */
public final class Sha256 {

    private Sha256() {}

    public static String hex(byte[] bytes) {
        return ArticleDocuments.sha256Hex(bytes);
    }
}
