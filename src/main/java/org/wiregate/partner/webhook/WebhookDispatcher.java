package org.wiregate.partner.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.wiregate.leadership.Leadership;

/**
 * Moves webhooks along, once per {@code poll-interval}: {@link WebhookCollector} queues what the
 * change log has new for each endpoint, {@link WebhookCourier} sends what is due, and delivered or
 * dead rows past their keeping time are forgotten (at most hourly). Everything lives in rows, so a
 * restart loses nothing: due rows are simply due again. In a cluster the instance holding
 * {@link Leadership#JOBS} runs the passes; cursors and claims are compare-and-set, so a pass that
 * overlaps another (a takeover) queues and sends nothing twice.
 */
@Component
public class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    /** What one pass did. */
    public record Pass(int queued, int attempted) {}

    private final WebhookCollector collector;
    private final WebhookCourier courier;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookProperties properties;
    private final Clock clock;
    private final Leadership leadership;
    private volatile Instant lastPurge = Instant.MIN;

    WebhookDispatcher(
            WebhookCollector collector,
            WebhookCourier courier,
            WebhookDeliveryRepository deliveries,
            WebhookProperties properties,
            Clock clock,
            Leadership leadership) {
        this.collector = collector;
        this.courier = courier;
        this.deliveries = deliveries;
        this.properties = properties;
        this.clock = clock;
        this.leadership = leadership;
    }

    @Scheduled(
            fixedDelayString = "${gateway.partners.webhooks.poll-interval:PT5S}",
            initialDelayString = "${gateway.partners.webhooks.poll-interval:PT5S}")
    void scheduled() {
        if (!leadership.isLeader(Leadership.JOBS)) {
            return;
        }
        try {
            dispatch();
        } catch (RuntimeException e) {
            log.warn("Webhook pass failed, next pass retries: {}", e.toString());
        }
    }

    /** One whole pass: collect new changes, deliver what is due. Tests call it with the clock moved. */
    public Pass dispatch() {
        int queued = collector.collect();
        int attempted = courier.deliver();
        purge();
        return new Pass(queued, attempted);
    }

    private void purge() {
        Instant now = clock.instant();
        if (lastPurge.plus(PURGE_EVERY).isAfter(now)) {
            return;
        }
        lastPurge = now;
        int purged = deliveries.purge(now.minus(properties.keepDelivered()), now.minus(properties.keepDead()));
        if (purged > 0) {
            log.info("Webhooks: forgot {} delivered or dead delivery row(s) past their keeping time", purged);
        }
    }
}
