package org.wiregate.partner.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * One delivery attempt: signs the body at the current time and POSTs it, then says what the
 * answer means. 2xx is delivered; 5xx, 408, 429, timeouts and connection errors are worth another
 * try; anything else (other 4xx, a redirect, a refused URL) will not get better by itself.
 */
@Component
class WebhookSender {

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

    private final HttpClient client;
    private final EndpointUrls urls;
    private final Duration requestTimeout;

    WebhookSender(WebhookProperties properties, EndpointUrls urls) {
        this.urls = urls;
        this.requestTimeout = properties.requestTimeout();
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                // A redirect is not followed: an endpoint cannot bounce deliveries to another host.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Outcome send(WebhookEndpoint endpoint, WebhookDelivery delivery, Instant now) {
        URI uri;
        try {
            uri = urls.check(endpoint.url());
        } catch (IllegalArgumentException e) {
            return new Outcome(Verdict.GIVE_UP, null, "url refused: " + e.getMessage(), null);
        }
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "wiregate-webhooks/1")
                .header(
                        WebhookSignature.HEADER,
                        WebhookSignature.sign(endpoint.signingSecrets(now), now.getEpochSecond(), body))
                .header("Wiregate-Delivery", delivery.id())
                .header("Wiregate-Event", delivery.event().wire())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            String snippet;
            try (InputStream in = response.body()) {
                snippet = status / 100 == 2 ? "" : new String(in.readNBytes(SNIPPET), StandardCharsets.UTF_8).strip();
            }
            if (status / 100 == 2) {
                return new Outcome(Verdict.DELIVERED, status, null, null);
            }
            String error = "HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet);
            boolean retry = status >= 500 || status == 408 || status == 429;
            return new Outcome(
                    retry ? Verdict.RETRY : Verdict.GIVE_UP,
                    status,
                    error,
                    retry
                            ? retryAfter(
                                    response.headers().firstValue("Retry-After").orElse(null))
                            : null);
        } catch (HttpTimeoutException e) {
            return new Outcome(Verdict.RETRY, null, "timed out: " + describe(e), null);
        } catch (IOException e) {
            return new Outcome(Verdict.RETRY, null, "connection failed: " + describe(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Verdict.RETRY, null, "interrupted (gateway shutting down)", null);
        }
    }

    /** Retry-After in seconds; the HTTP-date form is rare for webhooks and ignored. */
    static Duration retryAfter(String value) {
        if (value == null || !value.strip().matches("[0-9]{1,9}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(value.strip()));
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
}
