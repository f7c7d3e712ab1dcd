package org.wiregate.partner.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code wiregate_webhook_endpoints{state}} (endpoints per state, read from the database at each
 * scrape) and {@code wiregate_webhook_deliveries_total{outcome}}: one count per attempt, outcome
 * {@code delivered}, {@code retry} (failed, will be tried again) or {@code dead} (became a dead letter).
 */
@Component
class WebhookMetrics {

    enum Outcome {
        DELIVERED,
        RETRY,
        DEAD
    }

    private final Map<Outcome, Counter> deliveries = new EnumMap<>(Outcome.class);

    WebhookMetrics(MeterRegistry registry, WebhookEndpointRepository endpoints) {
        for (WebhookEndpoint.State state : WebhookEndpoint.State.values()) {
            Gauge.builder(
                            "wiregate.webhook.endpoints",
                            endpoints,
                            r -> r.countByState().get(state))
                    .description("Partner webhook endpoints by state (DISABLED: every delivery failed too long)")
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        for (Outcome outcome : Outcome.values()) {
            deliveries.put(
                    outcome,
                    Counter.builder("wiregate.webhook.deliveries")
                            .description("Partner webhook delivery attempts by outcome")
                            .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
    }

    void count(Outcome outcome) {
        deliveries.get(outcome).increment();
    }
}
