package org.wiregate.partner.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Wiregate-Signature} header, both sides of it:
 * <pre>Wiregate-Signature: t=1795084800,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd</pre>
 * {@code t} is the signing time in Unix seconds; each {@code v1} is the lowercase hex
 * HMAC-SHA256, keyed with the endpoint's secret (the whole {@code whsec_...} string as UTF-8), of
 * {@code t + "." + body} where body is the exact bytes received. During a secret rotation the
 * header carries one {@code v1} per secret in use; a receiver accepts the request when any matches.
 *
 * <p>Receiver contract: answer 400 to {@link Result#MALFORMED} and 401 to {@link Result#STALE} and
 * {@link Result#BAD_SIGNATURE}. The gateway never retries a 4xx other than 408 and 429: such a
 * delivery becomes a dead letter at once, which the partner can inspect and redeliver.
 */
public final class WebhookSignature {

    /** The header name. */
    public static final String HEADER = "Wiregate-Signature";
    /** Five minutes either way, the usual allowance for clock skew and queueing. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    /** What a receiver learns from a signature. */
    public enum Result {
        /** Signed with this secret, within the tolerance. */
        VALID,
        /** No header, no {@code t}, no {@code v1} or values that are not what they should be: answer 400. */
        MALFORMED,
        /** Correctly signed but too old (or too far ahead): a replay or a clock problem; answer 401. */
        STALE,
        /** No {@code v1} matches this secret and body: tampered, or the wrong secret; answer 401. */
        BAD_SIGNATURE
    }

    private static final HexFormat HEX = HexFormat.of();

    private WebhookSignature() {}

    /** The header value for a body signed at {@code timestamp} with each of the secrets (newest first). */
    public static String sign(List<String> secrets, long timestamp, byte[] body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret is needed");
        }
        StringBuilder header = new StringBuilder("t=").append(timestamp);
        for (String secret : secrets) {
            header.append(",v1=").append(HEX.formatHex(hmac(secret, timestamp, body)));
        }
        return header.toString();
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        return sign(List.of(secret), timestamp, body);
    }

    /**
     * Checks a received header against the body as received.
     *
     * @param tolerance how far {@code t} may be from {@code now}, either way
     */
    public static Result verify(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        if (header == null || body == null) {
            return Result.MALFORMED;
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            if (equals <= 0) {
                return Result.MALFORMED;
            }
            String key = part.substring(0, equals).strip();
            String value = part.substring(equals + 1).strip();
            if (key.equals("t")) {
                if (timestamp != null || !value.matches("[0-9]{1,12}")) {
                    return Result.MALFORMED;
                }
                timestamp = Long.parseLong(value);
            } else if (key.equals("v1")) {
                if (!value.matches("[0-9a-f]{64}")) {
                    return Result.MALFORMED;
                }
                signatures.add(HEX.parseHex(value));
            }
            // other schemes (a future v2) are skipped, so a receiver keeps working while we add one
        }
        if (timestamp == null || signatures.isEmpty()) {
            return Result.MALFORMED;
        }
        byte[] expected = hmac(secret, timestamp, body);
        boolean matches = false;
        for (byte[] signature : signatures) {
            matches |= MessageDigest.isEqual(expected, signature); // constant time; look at every one
        }
        if (!matches) {
            return Result.BAD_SIGNATURE;
        }
        long skew = Math.abs(now.getEpochSecond() - timestamp);
        return skew > tolerance.toSeconds() ? Result.STALE : Result.VALID;
    }

    public static Result verify(String secret, String header, String body, Instant now, Duration tolerance) {
        return verify(secret, header, body == null ? null : body.getBytes(StandardCharsets.UTF_8), now, tolerance);
    }

    private static byte[] hmac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
