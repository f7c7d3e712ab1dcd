package org.wiregate.partner.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Status;
import org.wiregate.partner.Partner;
import org.wiregate.partner.PartnerAccess;
import org.wiregate.partner.PartnerDirectory;
import org.wiregate.partner.PartnerRepository;
import org.wiregate.partner.TextAccess;
import org.wiregate.store.ArticleRepository;

/**
 * The second step of a webhook pass: for each endpoint with due deliveries, send them in
 * change-log order; endpoints are served in parallel. A retryable failure ends that endpoint's turn
 * (its other deliveries wait for the next pass rather than pile onto a failing server) and schedules
 * a retry with backoff; past {@code max-age} after its first attempt the delivery becomes a dead
 * letter. An endpoint with no success for {@code disable-after} is disabled. A delivery the
 * partner's current contract no longer allows is withdrawn instead of sent.
 */
@Component
class WebhookCourier implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookCourier.class);
    private static final int BATCH = 200;

    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;
    private final ArticleRepository articles;
    private final PartnerRepository partners;
    private final PartnerDirectory directory;
    private final WebhookSender sender;
    private final WebhookMetrics metrics;
    private final WebhookProperties properties;
    private final Clock clock;
    private final Backoff backoff;
    private final ExecutorService workers;

    WebhookCourier(
            WebhookEndpointRepository endpoints,
            WebhookDeliveryRepository deliveries,
            ArticleRepository articles,
            PartnerRepository partners,
            PartnerDirectory directory,
            WebhookSender sender,
            WebhookMetrics metrics,
            WebhookProperties properties,
            Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.articles = articles;
        this.partners = partners;
        this.directory = directory;
        this.sender = sender;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.backoff = new Backoff(properties.retryBase(), properties.retryCap(), new Random());
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, properties.threads()), runnable -> {
            Thread thread = new Thread(runnable, "webhooks-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** How many deliveries were attempted. */
    int deliver() {
        List<Future<Integer>> running = new ArrayList<>();
        for (String endpointId : deliveries.endpointsWithDue(clock.instant())) {
            running.add(workers.submit(() -> deliverTo(endpointId)));
        }
        int attempted = 0;
        for (Future<Integer> future : running) {
            try {
                attempted += future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return attempted;
            } catch (ExecutionException e) {
                log.warn(
                        "Webhook deliveries of one endpoint failed, next pass retries: {}",
                        e.getCause().toString());
            }
        }
        return attempted;
    }

    private int deliverTo(String endpointId) {
        Optional<WebhookEndpoint> found =
                endpoints.endpoint(endpointId).filter(e -> e.state() == WebhookEndpoint.State.ACTIVE);
        if (found.isEmpty()) {
            return 0;
        }
        WebhookEndpoint endpoint = found.get();
        // The contract as it is now, not as it was when the delivery was queued: a narrowed contract or a
        // disabled partner must stop what is still waiting, redeliveries included.
        Optional<PartnerAccess> access = partners.find(endpoint.partnerId())
                .filter(Partner::isActive)
                .map(p -> directory.access(p, "webhook:" + endpoint.id(), null));
        if (access.isEmpty()) {
            return 0; // a disabled partner's deliveries wait; enabling it sends them
        }
        Duration lease =
                properties.connectTimeout().plus(properties.requestTimeout()).plusMinutes(1);
        int attempted = 0;
        for (WebhookDelivery delivery : deliveries.due(endpointId, clock.instant(), BATCH)) {
            Instant start = clock.instant();
            if (!deliveries.claim(delivery, start.plus(lease))) {
                continue;
            }
            String outside = outsideContract(delivery, access.get(), start);
            if (outside != null) {
                deliveries.dead(delivery.id(), null, outside, start);
                metrics.count(WebhookMetrics.Outcome.DEAD);
                log.info(
                        "Webhook delivery {} to endpoint {} of partner {} withdrawn: {}",
                        delivery.id(),
                        endpointId,
                        endpoint.partnerId(),
                        outside);
                continue;
            }
            attempted++;
            WebhookSender.Outcome outcome = sender.send(endpoint, delivery, start);
            Instant now = clock.instant();
            switch (outcome.verdict()) {
                case DELIVERED -> {
                    deliveries.delivered(delivery.id(), outcome.status(), now);
                    endpoints.succeeded(endpointId, now);
                    metrics.count(WebhookMetrics.Outcome.DELIVERED);
                }
                case GIVE_UP -> {
                    deliveries.dead(delivery.id(), outcome.status(), outcome.error(), now);
                    metrics.count(WebhookMetrics.Outcome.DEAD);
                    log.info(
                            "Webhook delivery {} to endpoint {} of partner {} is a dead letter: {}",
                            delivery.id(),
                            endpointId,
                            endpoint.partnerId(),
                            outcome.error());
                    if (failed(endpoint, outcome, now)) {
                        return attempted;
                    }
                }
                case RETRY -> {
                    retryOrBury(endpoint, delivery, outcome, start, now);
                    failed(endpoint, outcome, now);
                    return attempted; // the endpoint is struggling: the rest waits for the next pass
                }
            }
        }
        return attempted;
    }

    /**
     * Why a queued delivery may no longer go out under the partner's current contract, or null when
     * it may: the article was killed (its cancel notice goes instead), left the contract's scope (or its
     * embargo preview), or the contract became summary-only after a full-text body was queued.
     */
    private String outsideContract(WebhookDelivery delivery, PartnerAccess access, Instant now) {
        Optional<Article> article = articles.find(new ArticleId(delivery.articleId()));
        if (article.isEmpty()) {
            return "the article no longer exists";
        }
        boolean canceled = article.get().status() == Status.CANCELED;
        if (canceled && delivery.event() != WebhookEvent.CANCELED) {
            return "the article was killed since; its cancel notice follows instead";
        }
        boolean visible = canceled
                ? access.scope().permits(article.get())
                : access.scope().showsAt(article.get(), now);
        if (!visible) {
            return "no longer in the partner's contract";
        }
        if (access.text() == TextAccess.SUMMARY && delivery.body().contains("\"bodies\"")) {
            return "the contract became headline and summary only after this full-text delivery was queued";
        }
        return null;
    }

    private void retryOrBury(
            WebhookEndpoint endpoint,
            WebhookDelivery delivery,
            WebhookSender.Outcome outcome,
            Instant start,
            Instant now) {
        Instant first = delivery.firstAttemptAt() == null ? start : delivery.firstAttemptAt();
        int failedAttempts = delivery.attempts() + 1;
        if (!now.isBefore(first.plus(properties.maxAge()))) {
            deliveries.dead(
                    delivery.id(),
                    outcome.status(),
                    outcome.error() + " (gave up after " + failedAttempts + " attempts over "
                            + properties.maxAge().toHours() + " h)",
                    now);
            metrics.count(WebhookMetrics.Outcome.DEAD);
            log.info(
                    "Webhook delivery {} to endpoint {} of partner {} is a dead letter after {} attempts: {}",
                    delivery.id(),
                    endpoint.id(),
                    endpoint.partnerId(),
                    failedAttempts,
                    outcome.error());
            return;
        }
        Duration wait = backoff.next(failedAttempts);
        if (outcome.retryAfter() != null && outcome.retryAfter().compareTo(wait) > 0) {
            wait = outcome.retryAfter().compareTo(properties.retryCap()) > 0
                    ? properties.retryCap()
                    : outcome.retryAfter();
        }
        deliveries.retry(delivery.id(), outcome.status(), outcome.error(), now.plus(wait), now);
        metrics.count(WebhookMetrics.Outcome.RETRY);
        log.debug(
                "Webhook delivery {} to endpoint {} failed ({}), attempt {} in {}",
                delivery.id(),
                endpoint.id(),
                outcome.error(),
                failedAttempts + 1,
                wait);
    }

    /** Notes a failure against the endpoint; true when that disabled it. */
    private boolean failed(WebhookEndpoint endpoint, WebhookSender.Outcome outcome, Instant now) {
        Instant since = endpoints.failed(endpoint.id(), now);
        if (now.isBefore(since.plus(properties.disableAfter()))) {
            return false;
        }
        String reason = "every delivery failed since " + since + " (last: " + outcome.error() + ")";
        if (endpoints.disableIfFailingSince(endpoint.id(), now.minus(properties.disableAfter()), reason, now)) {
            log.warn("Webhook endpoint {} of partner {} disabled: {}", endpoint.id(), endpoint.partnerId(), reason);
            return true;
        }
        return false;
    }

    @Override
    public void destroy() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
