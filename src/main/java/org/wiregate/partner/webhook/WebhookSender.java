package org.wiregate.partner.webhook;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.wiregate.outbound.OutboundHttp;
import org.wiregate.outbound.RefusedAddressException;
import org.wiregate.outbound.RefusedUrlException;

/**
 * One delivery attempt: signs the body at the current time and POSTs it, then says what the
 * answer means. 2xx is delivered; 5xx, 408, 429, timeouts, connection errors and a host that does
 * not resolve to allowed addresses (DNS may be in trouble or change back) are worth another try;
 * anything else (other 4xx, a redirect, a malformed URL) will not get better by itself. The
 * connection goes only to an address the URL policy passed ({@link OutboundHttp}); why a host was
 * refused is logged, never stored in the delivery the partner can read.
 */
@Component
class WebhookSender implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    enum Verdict {
        DELIVERED,
        RETRY,
        GIVE_UP
    }

    /**
     * @param retryAfter what the endpoint asked for in {@code Retry-After} (408, 429, 503), or null
     */
    record Outcome(Verdict verdict, Integer status, String error, Duration retryAfter) {}

    private static final int SNIPPET = 200;

    private final CloseableHttpClient client;
    private final EndpointUrls urls;

    WebhookSender(WebhookProperties properties, EndpointUrls urls) {
        this.urls = urls;
        // A redirect is not followed: an endpoint cannot bounce deliveries to another host.
        this.client = OutboundHttp.client(
                urls.policy(),
                properties.connectTimeout(),
                properties.requestTimeout(),
                Math.max(1, properties.threads()));
    }

    Outcome send(WebhookEndpoint endpoint, WebhookDelivery delivery, Instant now) {
        URI uri;
        try {
            uri = urls.policy().parse(endpoint.url());
        } catch (RefusedUrlException e) {
            return new Outcome(Verdict.GIVE_UP, null, "url refused: " + e.getMessage(), null);
        }
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        HttpPost post = new HttpPost(uri);
        post.setHeader("Content-Type", "application/json");
        post.setHeader("User-Agent", "wiregate-webhooks/1");
        post.setHeader(
                WebhookSignature.HEADER,
                WebhookSignature.sign(endpoint.signingSecrets(now), now.getEpochSecond(), body));
        post.setHeader("Wiregate-Delivery", delivery.id());
        post.setHeader("Wiregate-Event", delivery.event().wire());
        post.setEntity(new ByteArrayEntity(body, null));
        try {
            OutboundHttp.Answer answer = OutboundHttp.exchange(client, post, SNIPPET);
            int status = answer.status();
            if (status / 100 == 2) {
                return new Outcome(Verdict.DELIVERED, status, null, null);
            }
            String snippet = new String(answer.head(), StandardCharsets.UTF_8).strip();
            String error = "HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet);
            boolean retry = status >= 500 || status == 408 || status == 429;
            return new Outcome(
                    retry ? Verdict.RETRY : Verdict.GIVE_UP,
                    status,
                    error,
                    retry ? retryAfter(answer.retryAfter()) : null);
        } catch (RefusedAddressException e) {
            log.warn("Webhook {} to {} not sent: {}", delivery.id(), endpoint.url(), e.reason());
            return new Outcome(Verdict.RETRY, null, "url refused: " + e.getMessage(), null);
        } catch (SocketTimeoutException e) {
            return new Outcome(Verdict.RETRY, null, "timed out: " + describe(e), null);
        } catch (IOException e) {
            return new Outcome(Verdict.RETRY, null, "connection failed: " + describe(e), null);
        }
    }

    /** Retry-After in seconds; the HTTP-date form is rare for webhooks and ignored. */
    static Duration retryAfter(String value) {
        if (value == null || !value.strip().matches("[0-9]{1,9}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(value.strip()));
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
}
