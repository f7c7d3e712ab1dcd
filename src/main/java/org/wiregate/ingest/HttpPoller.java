package org.wiregate.ingest;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.wiregate.source.MappingRegistry;
import org.wiregate.source.Transport;

/**
 * Polls an agency's HTTP endpoint for a source whose transport is {@code http-poll}, politely:
 * conditional GET with the last ETag and Last-Modified (kept in memory per source; 304 means
 * nothing to do), 429/503 with Retry-After (seconds or HTTP date) skip polls until then, and
 * failures (connection reset, timeouts, garbage, 5xx) back off exponentially, doubling from the poll
 * interval up to {@code gateway.ingest.http.max-backoff}. Every request has a connect timeout and a
 * deadline for the whole answer; the body is read up to {@code gateway.ingest.max-payload-size}
 * and no further.
 *
 * <p>Network trouble is the agency's weather, not bad copy: it is logged and backed off, and the
 * route stays healthy. A body too large to take is bad copy: it fails the exchange, so the
 * quarantine records it.
 */
@Component("httpPoller")
public class HttpPoller {

    private static final Logger log = LoggerFactory.getLogger(HttpPoller.class);
    private static final String ACCEPT = "application/rss+xml, application/atom+xml, application/json;q=0.9, "
            + "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5";
    /** Error bodies are not read beyond this; nobody processes them. */
    private static final int ERROR_BODY_LIMIT = 0;

    private final MappingRegistry mappings;
    private final TransportCredentials credentials;
    private final Clock clock;
    private final long maxPayload;
    private final Duration maxBackoff;
    private final long defaultPollInterval;
    private final Map<String, SourceState> states = new ConcurrentHashMap<>();

    public HttpPoller(
            MappingRegistry mappings,
            TransportCredentials credentials,
            Clock clock,
            @Value("${gateway.ingest.max-payload-size:20MB}") DataSize maxPayload,
            @Value("${gateway.ingest.http.max-backoff:10m}") Duration maxBackoff,
            @Value("${gateway.ingest.poll-interval:1000}") long defaultPollInterval) {
        this.mappings = mappings;
        this.credentials = credentials;
        this.clock = clock;
        this.maxPayload = maxPayload.toBytes();
        this.maxBackoff = maxBackoff;
        this.defaultPollInterval = defaultPollInterval;
    }

    /** Per source: validators of the last answer, when the next request may go, failures in a row. */
    private static final class SourceState {
        final HttpClient client;
        String etag;
        String lastModified;
        Instant notBefore = Instant.MIN;
        int failures;

        SourceState(HttpClient client) {
            this.client = client;
        }
    }

    /**
     * One poll of a source's URL.
     *
     * @return the new body, or null when there is nothing new (304, waiting out Retry-After or a
     * backoff, or a failure that was logged and backed off)
     * @throws WireFormatException when the answer is too large to take
     */
    public byte[] poll(String source) {
        Transport transport = mappings.require(source).transport();
        if (transport.type() != Transport.Type.HTTP_POLL) {
            throw new IllegalArgumentException("source '" + source + "' is not polled over HTTP");
        }
        SourceState state = states.computeIfAbsent(
                source,
                s -> new SourceState(HttpClient.newBuilder()
                        .connectTimeout(transport.connectTimeoutOrDefault())
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()));
        synchronized (state) {
            Instant now = clock.instant();
            if (now.isBefore(state.notBefore)) {
                log.debug("{} [{}]: waiting until {}", transport.url(), source, state.notBefore);
                return null;
            }
            return request(source, transport, state);
        }
    }

    /** Whether the next poll of a source would be skipped (Retry-After or backoff), for tests and ops. */
    public Optional<Instant> waitingUntil(String source) {
        SourceState state = states.get(source);
        if (state == null) {
            return Optional.empty();
        }
        synchronized (state) {
            return clock.instant().isBefore(state.notBefore) ? Optional.of(state.notBefore) : Optional.empty();
        }
    }

    private byte[] request(String source, Transport transport, SourceState state) {
        HttpRequest.Builder request = HttpRequest.newBuilder(transport.url())
                .timeout(transport.readTimeoutOrDefault())
                .header("User-Agent", "wiregate")
                .GET();
        if (transport.headers().keySet().stream().noneMatch("accept"::equalsIgnoreCase)) {
            request.header("Accept", ACCEPT);
        }
        transport.headers().forEach(request::header);
        if (transport.tokenEnv() != null) {
            request.header("Authorization", "Bearer " + credentials.require(transport.tokenEnv()));
        }
        if (state.etag != null) {
            request.header("If-None-Match", state.etag);
        }
        if (state.lastModified != null) {
            request.header("If-Modified-Since", state.lastModified);
        }

        AtomicReference<CappedBodySubscriber> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> answer = state.client.sendAsync(request.build(), info -> {
            CappedBodySubscriber subscriber;
            if (info.statusCode() / 100 != 2) {
                subscriber = new CappedBodySubscriber(ERROR_BODY_LIMIT, true);
            } else {
                OptionalLong declared = info.headers().firstValueAsLong("Content-Length");
                subscriber = declared.isPresent() && declared.getAsLong() > maxPayload
                        ? CappedBodySubscriber.refusing("Content-Length " + declared.getAsLong() + " exceeds the limit")
                        : new CappedBodySubscriber(maxPayload, false);
            }
            body.set(subscriber);
            return subscriber;
        });
        Duration deadline = transport.connectTimeoutOrDefault().plus(transport.readTimeoutOrDefault());
        HttpResponse<byte[]> response;
        try {
            response = answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            HttpTimeoutException timeout =
                    new HttpTimeoutException("no complete answer within " + deadline.toMillis() + " ms");
            CappedBodySubscriber subscriber = body.get();
            if (subscriber != null) {
                subscriber.abort(timeout);
            }
            answer.cancel(true);
            return failed(source, transport, state, timeout.getMessage());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return null;
        } catch (CancellationException e) {
            return failed(source, transport, state, "request cancelled");
        } catch (ExecutionException e) {
            Throwable cause = rootOf(e);
            if (cause instanceof CappedBodySubscriber.TooLargeException) {
                backOff(state, transport);
                throw new WireFormatException("http-poll " + transport.url()
                        + ": answer exceeds gateway.ingest.max-payload-size (" + maxPayload + " bytes): "
                        + cause.getMessage() + "; next attempt after " + state.notBefore);
            }
            return failed(source, transport, state, describe(cause));
        }
        return answered(source, transport, state, response);
    }

    private byte[] answered(String source, Transport transport, SourceState state, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 304) {
            succeeded(state);
            log.debug("{} [{}]: not modified", transport.url(), source);
            return null;
        }
        if (status == 429 || status == 503) {
            Optional<Instant> retryAt =
                    retryAfter(response.headers().firstValue("Retry-After").orElse(null));
            if (retryAt.isPresent()) {
                state.notBefore = retryAt.get();
                log.warn(
                        "{} [{}]: HTTP {}; the agency asks us to wait, next poll after {}",
                        transport.url(),
                        source,
                        status,
                        state.notBefore);
                return null;
            }
            return failed(source, transport, state, "HTTP " + status + " without Retry-After");
        }
        if (status / 100 != 2) {
            return failed(source, transport, state, "HTTP " + status);
        }
        succeeded(state);
        state.etag = response.headers().firstValue("ETag").orElse(null);
        state.lastModified = response.headers().firstValue("Last-Modified").orElse(null);
        byte[] bytes = response.body();
        if (status == 204 || bytes == null || bytes.length == 0) {
            log.debug("{} [{}]: HTTP {} with no body", transport.url(), source, status);
            return null;
        }
        return bytes;
    }

    private void succeeded(SourceState state) {
        state.failures = 0;
        state.notBefore = Instant.MIN;
    }

    private byte[] failed(String source, Transport transport, SourceState state, String reason) {
        Duration wait = backOff(state, transport);
        log.warn(
                "{} [{}]: poll failed ({} in a row): {}; next attempt in {} ms",
                transport.url(),
                source,
                state.failures,
                reason,
                wait.toMillis());
        return null;
    }

    /** Failures in a row double the wait from the poll interval, up to the cap. */
    private Duration backOff(SourceState state, Transport transport) {
        state.failures++;
        Duration interval =
                transport.pollInterval() != null ? transport.pollInterval() : Duration.ofMillis(defaultPollInterval);
        Duration wait = interval;
        for (int i = 0; i < state.failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(maxBackoff) > 0) {
            wait = maxBackoff;
        }
        state.notBefore = clock.instant().plus(wait);
        return wait;
    }

    /** Retry-After as delta-seconds or an HTTP date; empty when absent or unreadable. */
    Optional<Instant> retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        Instant now = clock.instant();
        if (trimmed.matches("\\d{1,9}")) {
            return Optional.of(now.plusSeconds(Long.parseLong(trimmed)));
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            return Optional.of(at.isBefore(now) ? now : at);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Throwable rootOf(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof IOException
                && cause.getCause() instanceof CappedBodySubscriber.TooLargeException tooLarge) {
            return tooLarge;
        }
        return cause;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
