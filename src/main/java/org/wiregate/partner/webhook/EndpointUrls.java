package org.wiregate.partner.webhook;

import java.net.URI;
import org.springframework.stereotype.Component;
import org.wiregate.websub.CallbackPolicy;

/**
 * Which URLs may receive webhooks: the WebSub hub's rule for callbacks (absolute http or https with
 * a host, no credentials or fragment, and unless {@code allow-private-urls} nothing on loopback or
 * a private network, so an endpoint cannot make the gateway probe the networks behind it). Checked
 * at registration and again before every attempt, since DNS answers change.
 */
@Component
class EndpointUrls {

    private final CallbackPolicy policy;

    EndpointUrls(WebhookProperties properties) {
        this.policy = new CallbackPolicy(properties.allowPrivateUrls());
    }

    /** @throws IllegalArgumentException with a message for the partner */
    URI check(String url) {
        try {
            return policy.check(url);
        } catch (IllegalArgumentException e) {
            // The policy speaks WebSub; here the field is "url".
            throw new IllegalArgumentException(e.getMessage().replace("hub.callback", "url"), e);
        }
    }
}
