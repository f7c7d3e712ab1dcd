package org.wiregate.partner.webhook;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.wiregate.partner.PartnerAccess;
import org.wiregate.partner.PartnerRepository;
import org.wiregate.store.ChangeLog;

/**
 * What a partner can do with its endpoints: register (the secret is returned this once), list,
 * delete, rotate the secret, re-enable after an automatic disable, and redeliver. Every change is
 * in the partner audit log; secrets are in none of it.
 */
@Service
class WebhookEndpoints {

    /** The signing secret: {@code whsec_} and 256 random bits, base64url. */
    static final String SECRET_PREFIX = "whsec_";

    /** A registration as answered once: the endpoint and its secret in clear. */
    record Issued(WebhookEndpoint endpoint, String secret) {
        @Override
        public String toString() {
            return "Issued[" + endpoint + "]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;
    private final PartnerRepository partners;
    private final ChangeLog changes;
    private final EndpointUrls urls;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookEndpoints(
            WebhookEndpointRepository endpoints,
            WebhookDeliveryRepository deliveries,
            PartnerRepository partners,
            ChangeLog changes,
            EndpointUrls urls,
            WebhookProperties properties,
            Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.partners = partners;
        this.changes = changes;
        this.urls = urls;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Registers an endpoint; it starts at the change log's head, so it receives what changes from now
     * on (the delta API is there for the catalogue as it stands).
     *
     * @param events wire names; null for all
     */
    Issued register(PartnerAccess access, String url, List<String> events) {
        String checked = check(url);
        Set<WebhookEvent> wanted = events(events);
        String partnerId = access.partnerId();
        List<WebhookEndpoint> existing = endpoints.endpointsOf(partnerId);
        if (existing.size() >= properties.maxEndpointsPerPartner()) {
            throw WebhookProblem.conflict(
                    "too-many-webhooks",
                    "A partner may register " + properties.maxEndpointsPerPartner()
                            + " webhook endpoints; delete one first.");
        }
        if (existing.stream().anyMatch(e -> e.url().equals(checked))) {
            throw WebhookProblem.conflict(
                    "duplicate-webhook",
                    "An endpoint with this url is registered already;"
                            + " one endpoint per url, so no delivery arrives twice.");
        }
        Instant now = clock.instant();
        String secret = newSecret();
        WebhookEndpoint endpoint = new WebhookEndpoint(
                newId("wh_", 10),
                partnerId,
                checked,
                wanted,
                secret,
                null,
                null,
                WebhookEndpoint.State.ACTIVE,
                changes.head(),
                null,
                null,
                null,
                null,
                now);
        endpoints.insert(endpoint);
        partners.audit(
                partnerId, access.credentialId(), "webhook-created", "partner", endpoint.id() + " " + wanted, now);
        return new Issued(endpoint, secret);
    }

    List<WebhookEndpoint> list(PartnerAccess access) {
        return endpoints.endpointsOf(access.partnerId());
    }

    WebhookEndpoint find(PartnerAccess access, String id) {
        return endpoints.endpoint(access.partnerId(), id).orElseThrow(WebhookProblem::notFound);
    }

    void delete(PartnerAccess access, String id) {
        if (!endpoints.delete(access.partnerId(), id)) {
            throw WebhookProblem.notFound();
        }
        partners.audit(access.partnerId(), access.credentialId(), "webhook-deleted", "partner", id, clock.instant());
    }

    /**
     * A new secret signs from now on; the previous one keeps signing alongside it (a second
     * {@code v1}) for {@code secret-overlap}, so the receiver can switch without losing deliveries.
     */
    Issued rotateSecret(PartnerAccess access, String id) {
        WebhookEndpoint endpoint = find(access, id);
        Instant now = clock.instant();
        String secret = newSecret();
        endpoints.rotateSecret(id, secret, endpoint.secret(), now.plus(properties.secretOverlap()));
        partners.audit(access.partnerId(), access.credentialId(), "webhook-secret-rotated", "partner", id, now);
        return new Issued(find(access, id), secret);
    }

    /** Re-enables a disabled endpoint: held-back changes and pending deliveries go out from the next pass. */
    WebhookEndpoint enable(PartnerAccess access, String id) {
        WebhookEndpoint endpoint = find(access, id);
        Instant now = clock.instant();
        if (endpoint.state() == WebhookEndpoint.State.DISABLED && endpoints.enable(id, now)) {
            partners.audit(access.partnerId(), access.credentialId(), "webhook-enabled", "partner", id, now);
        }
        return find(access, id);
    }

    List<WebhookDelivery> deadLetters(PartnerAccess access, String id, int limit) {
        find(access, id);
        return deliveries.deliveries(id, WebhookDelivery.State.DEAD, limit);
    }

    /** Queues a dead (or delivered) delivery again, due now: same id and body, signed afresh when sent. */
    WebhookDelivery redeliver(PartnerAccess access, String id, String deliveryId) {
        WebhookEndpoint endpoint = find(access, id);
        WebhookDelivery delivery = deliveries.delivery(id, deliveryId).orElseThrow(WebhookProblem::notFound);
        if (endpoint.state() != WebhookEndpoint.State.ACTIVE) {
            throw WebhookProblem.conflict(
                    "webhook-disabled", "This endpoint is disabled; enable it first (POST .../enable).");
        }
        Instant now = clock.instant();
        if (!deliveries.requeue(id, deliveryId, now)) {
            throw WebhookProblem.conflict(
                    "delivery-pending",
                    "This delivery is queued already (state "
                            + delivery.state().name().toLowerCase(Locale.ROOT) + ").");
        }
        partners.audit(
                access.partnerId(),
                access.credentialId(),
                "webhook-redelivered",
                "partner",
                id + " " + deliveryId,
                now);
        return deliveries.delivery(id, deliveryId).orElseThrow(WebhookProblem::notFound);
    }

    private String check(String url) {
        try {
            return urls.check(url).toString();
        } catch (IllegalArgumentException e) {
            throw WebhookProblem.badRequest(e.getMessage());
        }
    }

    private static Set<WebhookEvent> events(List<String> names) {
        if (names == null) {
            return EnumSet.allOf(WebhookEvent.class);
        }
        if (names.isEmpty()) {
            throw WebhookProblem.badRequest("events must name at least one of published, updated, canceled");
        }
        Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        for (String name : names) {
            events.add(WebhookEvent.fromWire(name)
                    .orElseThrow(() -> WebhookProblem.badRequest(
                            "unknown event '" + name + "' (known: published, updated, canceled)")));
        }
        return events;
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String newId(String prefix, int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return prefix + HexFormat.of().formatHex(random);
    }
}
