package org.wiregate.partner.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiver-side verifier docs/partners.md gives partners: {@link #verify} is that method verbatim
 * (WebhookSignatureTest compares the text), so the example is known to work.
 */
final class ReadmeVerifier {

    private ReadmeVerifier() {}

    /** Returns the status to answer: 200, 400 (malformed header) or 401 (stale or bad signature). */
    static int verify(String secret, String header, byte[] body, long nowSeconds) {
        try {
            long t = -1;
            List<byte[]> v1 = new ArrayList<>();
            for (String part : header.split(",")) {
                String[] kv = part.split("=", 2);
                if (kv[0].equals("t")) t = Long.parseLong(kv[1]);
                if (kv[0].equals("v1")) v1.add(HexFormat.of().parseHex(kv[1]));
            }
            if (t < 0 || v1.isEmpty()) return 400;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            boolean ok = false;
            for (byte[] sig : v1) ok |= MessageDigest.isEqual(expected, sig);
            if (!ok || Math.abs(nowSeconds - t) > 300) return 401;
            return 200;
        } catch (RuntimeException | GeneralSecurityException e) {
            return 400; // no header, not numbers, not hex
        }
    }
}
