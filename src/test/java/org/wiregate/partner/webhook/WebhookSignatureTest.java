package org.wiregate.partner.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wiregate.partner.webhook.WebhookSignature.Result;

/** The receiver's check, and the JDK-only verifier docs/partners.md gives receivers agreeing with it. */
class WebhookSignatureTest {

    private static final String SECRET = WebhookEndpoints.newSecret();
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final Duration TOLERANCE = WebhookSignature.DEFAULT_TOLERANCE;
    private static final byte[] BODY =
            "{\"event\":\"published\",\"delivery\":\"whd_1\",\"item\":{\"headlines\":[{\"value\":\"كينيا\"}]}}"
                    .getBytes(StandardCharsets.UTF_8);

    @Test
    void secretsAre256RandomBitsWithAPrefix() {
        assertThat(SECRET).startsWith("whsec_").hasSize("whsec_".length() + 43);
        assertThat(WebhookEndpoints.newSecret()).isNotEqualTo(SECRET);
    }

    @Test
    void aSignedBodyVerifiesWithinTheTolerance() {
        String header = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);

        assertThat(header).matches("t=" + NOW.getEpochSecond() + ",v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW, TOLERANCE))
                .isEqualTo(Result.VALID);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW.plus(TOLERANCE), TOLERANCE))
                .isEqualTo(Result.VALID);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW.minus(TOLERANCE), TOLERANCE))
                .isEqualTo(Result.VALID);
    }

    @Test
    void aTamperedBodyOrAnotherSecretIsABadSignature() {
        String header = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);
        byte[] tampered = BODY.clone();
        tampered[10] ^= 1;

        assertThat(WebhookSignature.verify(SECRET, header, tampered, NOW, TOLERANCE))
                .isEqualTo(Result.BAD_SIGNATURE);
        assertThat(WebhookSignature.verify(WebhookEndpoints.newSecret(), header, BODY, NOW, TOLERANCE))
                .isEqualTo(Result.BAD_SIGNATURE);
        // Moving the timestamp to make an old delivery look fresh breaks the signature too.
        String replayed = header.replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() + 3600));
        assertThat(WebhookSignature.verify(SECRET, replayed, BODY, NOW.plusSeconds(3600), TOLERANCE))
                .isEqualTo(Result.BAD_SIGNATURE);
    }

    @Test
    void anOldOrFarFutureTimestampIsStale() {
        String header = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);

        assertThat(WebhookSignature.verify(
                        SECRET, header, BODY, NOW.plus(TOLERANCE).plusSeconds(1), TOLERANCE))
                .isEqualTo(Result.STALE);
        assertThat(WebhookSignature.verify(
                        SECRET, header, BODY, NOW.minus(TOLERANCE).minusSeconds(1), TOLERANCE))
                .isEqualTo(Result.STALE);
    }

    @Test
    void aHeaderThatIsNotOneIsMalformed() {
        String v1 = "0".repeat(64);
        for (String header : new String[] {
            null,
            "",
            "garbage",
            "t=1795084800",
            "v1=" + v1,
            "t=abc,v1=" + v1,
            "t=1795084800,v1=XYZ",
            "t=1,t=2,v1=" + v1,
            "t=1795084800,,v1=" + v1
        }) {
            assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW, TOLERANCE))
                    .as("%s", header)
                    .isEqualTo(Result.MALFORMED);
        }
        assertThat(WebhookSignature.verify(SECRET, "t=1,v1=" + v1, (byte[]) null, NOW, TOLERANCE))
                .isEqualTo(Result.MALFORMED);
    }

    @Test
    void duringARotationEitherSecretVerifiesAndUnknownSchemesAreSkipped() {
        String next = WebhookEndpoints.newSecret();
        String header = WebhookSignature.sign(List.of(next, SECRET), NOW.getEpochSecond(), BODY);

        assertThat(header.split(",v1=")).hasSize(3);
        assertThat(WebhookSignature.verify(next, header, BODY, NOW, TOLERANCE)).isEqualTo(Result.VALID);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW, TOLERANCE))
                .isEqualTo(Result.VALID);
        assertThat(WebhookSignature.verify(SECRET, header + ",v2=whatever", BODY, NOW, TOLERANCE))
                .isEqualTo(Result.VALID);
    }

    @Test
    void theReadmeVerifierAgreesWithTheGateway() {
        String header = WebhookSignature.sign(SECRET, NOW.getEpochSecond(), BODY);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8)
                .replace("published", "canceled")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(ReadmeVerifier.verify(SECRET, header, BODY, NOW.getEpochSecond()))
                .isEqualTo(200);
        assertThat(ReadmeVerifier.verify(SECRET, header, tampered, NOW.getEpochSecond()))
                .isEqualTo(401);
        assertThat(ReadmeVerifier.verify(SECRET, header, BODY, NOW.getEpochSecond() + 301))
                .isEqualTo(401);
        assertThat(ReadmeVerifier.verify(SECRET, "t=now", BODY, NOW.getEpochSecond()))
                .isEqualTo(400);
        assertThat(ReadmeVerifier.verify(SECRET, null, BODY, NOW.getEpochSecond()))
                .isEqualTo(400);
    }

    @Test
    void thePartnerDocsShowTheVerifierWordForWord() throws IOException {
        String source = Files.readString(
                Path.of("src/test/java/org/wiregate/partner/webhook/ReadmeVerifier.java"), StandardCharsets.UTF_8);
        int start = source.indexOf("    /** Returns the status to answer");
        int end = source.indexOf("\n    }\n", source.indexOf("static int verify")) + "\n    }\n".length();
        assertThat(start).as("the verifier's Javadoc line").isPositive();

        assertThat(Files.readString(Path.of("docs/partners.md"), StandardCharsets.UTF_8))
                .contains(source.substring(start, end));
    }
}
