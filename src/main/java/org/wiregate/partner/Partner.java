package org.wiregate.partner;

import java.time.Instant;

/**
 * A partner outlet and its contract.
 *
 * @param id             a short slug, used in URLs, logs and metrics (never a secret)
 * @param ratePerMinute  sustained requests per minute per key
 * @param burst          requests a key may make at once before the rate applies
 * @param disabledAt     when an operator switched the partner off; null while active
 */
public record Partner(
        String id,
        String name,
        Entitlements entitlements,
        int ratePerMinute,
        int burst,
        Instant createdAt,
        Instant disabledAt) {

    public boolean isActive() {
        return disabledAt == null;
    }
}
