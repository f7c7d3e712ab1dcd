package org.wiregate.partner.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An endpoint a partner registered. {@link #toString} leaves the secrets out, so a record that
 * ends up in a log line or an exception message never carries them.
 *
 * @param cursorSeq    the last change-log sequence already turned into deliveries for this endpoint
 * @param failingSince the first failed attempt since the last success; null while deliveries succeed
 */
public record WebhookEndpoint(
        String id,
        String partnerId,
        String url,
        Set<WebhookEvent> events,
        String secret,
        String previousSecret,
        Instant previousSecretUntil,
        State state,
        long cursorSeq,
        Instant failingSince,
        Instant lastSuccessAt,
        Instant disabledAt,
        String disabledReason,
        Instant createdAt) {

    public enum State {
        ACTIVE,
        DISABLED
    }

    public WebhookEndpoint {
        events = Set.copyOf(events);
    }

    /** The secrets that sign at {@code now}: the current one, and the previous one during a rotation's overlap. */
    public List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[id=" + id + ", partner=" + partnerId + ", events=" + events + ", state=" + state
                + ", cursor=" + cursorSeq + "]";
    }
}
