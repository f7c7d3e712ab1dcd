package org.wiregate.partner.webhook;

import java.net.URI;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.wiregate.outbound.HostResolver;
import org.wiregate.outbound.OutboundPolicy;

/**
 * Which URLs may receive webhooks: the gateway's rule for URLs it calls on someone else's behalf
 * ({@link OutboundPolicy}: absolute http or https with a host, no credentials or fragment, and
 * unless {@code allow-private-urls} a host whose every address is public, so an endpoint cannot
 * make the gateway probe the networks behind it). Checked at registration; every delivery then
 * connects only to an address that passes the same check ({@link WebhookSender}).
 */
@Component
class EndpointUrls {

    private final OutboundPolicy policy;

    @Autowired
    EndpointUrls(WebhookProperties properties) {
        this(properties, HostResolver.SYSTEM);
    }

    EndpointUrls(WebhookProperties properties, HostResolver resolver) {
        this.policy = new OutboundPolicy("url", properties.allowPrivateUrls(), resolver);
    }

    /**
     * Syntax and addresses, at registration.
     *
     * @throws IllegalArgumentException with one message for the partner, whatever the cause
     */
    URI check(String url) {
        return policy.check(url);
    }

    OutboundPolicy policy() {
        return policy;
    }
}
