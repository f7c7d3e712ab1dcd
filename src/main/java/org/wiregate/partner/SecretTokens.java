package org.wiregate.partner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Partner keys and feed tokens: {@code <prefix>_<id>_<secret>}. The prefix makes a leaked key
 * recognisable to secret scanners and to people; the id finds the stored row without revealing
 * anything; the secret is 256 random bits. Only the SHA-256 of the whole token is stored, and a
 * presented token is compared with it in constant time.
 */
final class SecretTokens {

    /** Partner API keys. */
    static final String KEY_PREFIX = "wgp";
    /** Per-feed tokens for readers that cannot send headers. */
    static final String FEED_TOKEN_PREFIX = "wgf";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // no look-alikes (l/1, o/0)
    private static final Pattern SHAPE = Pattern.compile("(wg[pf])_([a-z2-9]{12})_([A-Za-z0-9_-]{43})");

    /** A newly made token: shown once, then only its hash is kept. */
    record Issued(String id, String token, String hash) {
        @Override
        public String toString() {
            return "Issued[id=" + id + "]"; // never the token, even by accident in a log line
        }
    }

    /** The id part of a well-formed presented token; the whole token is kept for hashing only. */
    record Presented(String prefix, String id, String token) {
        @Override
        public String toString() {
            return "Presented[" + prefix + "_" + id + "_…]";
        }
    }

    private SecretTokens() {}

    static Issued issue(String prefix) {
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = prefix + "_" + id + "_"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(id.toString(), token, hash(token));
    }

    /** Empty for anything not shaped like one of our tokens with the expected prefix. */
    static Optional<Presented> parse(String expectedPrefix, String value) {
        if (value == null || value.length() > 100) {
            return Optional.empty();
        }
        var matcher = SHAPE.matcher(value.strip());
        if (!matcher.matches() || !matcher.group(1).equals(expectedPrefix)) {
            return Optional.empty();
        }
        return Optional.of(new Presented(matcher.group(1), matcher.group(2), matcher.group(0)));
    }

    /** Constant-time comparison of a presented token with a stored hash. */
    static boolean matches(Presented presented, String storedHash) {
        byte[] expected = HexFormat.of().parseHex(storedHash);
        return MessageDigest.isEqual(digest(presented.token()), expected);
    }

    static String hash(String token) {
        return HexFormat.of().formatHex(digest(token));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }
}
