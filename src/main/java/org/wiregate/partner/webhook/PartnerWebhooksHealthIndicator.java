package org.wiregate.partner.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;
import org.wiregate.store.StoreFailures;

/**
 * {@code partnerWebhooks} in /actuator/health: WARNING (ranked between DOWN and UP, answered with
 * HTTP 200, as sourceFreshness) while any endpoint is disabled, with partner, endpoint and reason
 * for each. A partner's broken receiver is for an operator to chase with the partner, not a
 * reason to restart or unroute the gateway, so it is in neither the liveness nor the readiness group.
 */
@Component
class PartnerWebhooksHealthIndicator implements HealthIndicator {

    static final Status WARNING = new Status("WARNING", "at least one partner webhook endpoint is disabled");

    private final WebhookEndpointRepository endpoints;

    PartnerWebhooksHealthIndicator(WebhookEndpointRepository endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public Health health() {
        // Cannot tell while the database is away; "db" DOWN says why.
        return StoreFailures.orWhileAway(
                this::check,
                away -> Health.unknown()
                        .withDetail("reason", "database unavailable: " + away.getMessage())
                        .build());
    }

    private Health check() {
        List<WebhookEndpointRepository.Disabled> disabled = endpoints.disabled();
        List<Map<String, Object>> details = disabled.stream()
                .map(d -> {
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("partner", d.partnerId());
                    detail.put("endpoint", d.endpointId());
                    detail.put("reason", d.reason());
                    detail.put(
                            "disabledAt",
                            d.disabledAt() == null ? null : d.disabledAt().toString());
                    return detail;
                })
                .toList();
        Map<String, Long> counts = new LinkedHashMap<>();
        endpoints
                .countByState()
                .forEach((state, count) -> counts.put(state.name().toLowerCase(Locale.ROOT), count));
        return (disabled.isEmpty() ? Health.up() : Health.status(WARNING))
                .withDetail("endpoints", counts)
                .withDetail("disabled", details)
                .build();
    }
}
