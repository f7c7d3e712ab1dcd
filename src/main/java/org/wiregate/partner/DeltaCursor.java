package org.wiregate.partner;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpStatus;

/**
 * The delta API's position: the last change-log sequence a partner received, whose cursor it is
 * and when it was handed out. Opaque to partners (base64url) and signed with a gateway secret, so
 * a cursor cannot be made up, moved to another partner or kept alive past its expiry.
 */
record DeltaCursor(String partnerId, long seq, Instant issuedAt) {

    private static final int MAC_BYTES = 16;
    private static final String BAD =
            "This cursor is not one the API gave; pass the 'cursor' of the last page unchanged.";

    String encode(byte[] key) {
        byte[] plain =
                ("v1|" + partnerId + "|" + seq + "|" + issuedAt.getEpochSecond()).getBytes(StandardCharsets.UTF_8);
        byte[] signed = Arrays.copyOf(plain, plain.length + MAC_BYTES);
        System.arraycopy(mac(key, plain), 0, signed, plain.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
    }

    /**
     * @throws Problems.ProblemException {@code bad-cursor} (400) when it is not one of ours or was
     *                                   altered, {@code cursor-not-yours} (403) when another partner's
     */
    static DeltaCursor decode(String value, String partnerId, byte[] key) {
        byte[] signed;
        try {
            signed = Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("bad-cursor", BAD);
        }
        if (signed.length <= MAC_BYTES) {
            throw Problems.badRequest("bad-cursor", BAD);
        }
        byte[] plain = Arrays.copyOf(signed, signed.length - MAC_BYTES);
        byte[] expected = Arrays.copyOf(mac(key, plain), MAC_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(signed, plain.length, signed.length))) {
            throw Problems.badRequest("bad-cursor", BAD);
        }
        String[] parts = new String(plain, StandardCharsets.UTF_8).split("\\|");
        if (parts.length != 4 || !parts[0].equals("v1")) {
            throw Problems.badRequest("bad-cursor", BAD);
        }
        if (!parts[1].equals(partnerId)) {
            throw new Problems.ProblemException(
                    HttpStatus.FORBIDDEN,
                    "cursor-not-yours",
                    "This cursor was issued to another partner; each partner pages with its own cursors.");
        }
        try {
            return new DeltaCursor(parts[1], Long.parseLong(parts[2]), Instant.ofEpochSecond(Long.parseLong(parts[3])));
        } catch (NumberFormatException e) {
            throw Problems.badRequest("bad-cursor", BAD);
        }
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java", e);
        }
    }
}
