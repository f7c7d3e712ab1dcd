package org.wiregate.partner;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.springframework.http.HttpStatus;

/**
 * The delta API's position: the last change-log sequence a partner received, whose cursor it is
 * and when it was handed out. Opaque to partners (base64url); they only pass it back.
 */
record DeltaCursor(String partnerId, long seq, Instant issuedAt) {

    String encode() {
        String plain = "v1|" + partnerId + "|" + seq + "|" + issuedAt.getEpochSecond();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws Problems.ProblemException {@code bad-cursor} (400) when it is not one of ours,
     *                                   {@code cursor-not-yours} (403) when another partner's
     */
    static DeltaCursor decode(String value, String partnerId) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|");
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("bad-cursor", "This cursor is not one the API gave; pass the 'cursor' of the last page unchanged.");
        }
        if (parts.length != 4 || !parts[0].equals("v1")) {
            throw Problems.badRequest("bad-cursor", "This cursor is not one the API gave; pass the 'cursor' of the last page unchanged.");
        }
        if (!parts[1].equals(partnerId)) {
            throw new Problems.ProblemException(HttpStatus.FORBIDDEN, "cursor-not-yours",
                    "This cursor was issued to another partner; each partner pages with its own cursors.");
        }
        try {
            return new DeltaCursor(parts[1], Long.parseLong(parts[2]), Instant.ofEpochSecond(Long.parseLong(parts[3])));
        } catch (NumberFormatException e) {
            throw Problems.badRequest("bad-cursor", "This cursor is not one the API gave; pass the 'cursor' of the last page unchanged.");
        }
    }
}
