package org.wiregate.partner.webhook;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.wiregate.web.OpsTable;

/** Webhook endpoints on the ops page: which are failing or disabled, and what is waiting or dead. */
@Component
class WebhookOpsTable implements OpsTable {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;

    WebhookOpsTable(WebhookEndpointRepository endpoints, WebhookDeliveryRepository deliveries) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public String id() {
        return "webhooks";
    }

    @Override
    public String title() {
        return "Webhook endpoints";
    }

    @Override
    public List<String> headers() {
        return List.of(
                "Partner", "Endpoint", "Events", "State", "Failing since", "Last success", "Pending", "Dead letters");
    }

    @Override
    public List<Row> rows() {
        Map<String, Map<String, Long>> counts = deliveries.countsByEndpoint();
        List<Row> rows = new ArrayList<>();
        for (WebhookEndpoint e : endpoints.all()) {
            Map<String, Long> mine = counts.getOrDefault(e.id(), Map.of());
            boolean disabled = e.state() == WebhookEndpoint.State.DISABLED;
            rows.add(new Row(
                    List.of(
                            e.partnerId(),
                            e.id() + " " + e.url(),
                            e.events().stream()
                                    .map(ev -> ev.name().toLowerCase(Locale.ROOT))
                                    .sorted()
                                    .collect(Collectors.joining(", ")),
                            disabled ? "disabled " + time(e.disabledAt()) + ": " + e.disabledReason() : "active",
                            time(e.failingSince()),
                            time(e.lastSuccessAt()),
                            Long.toString(mine.getOrDefault("PENDING", 0L)),
                            Long.toString(mine.getOrDefault("DEAD", 0L))),
                    disabled || e.failingSince() != null));
        }
        return rows;
    }

    private static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }
}
