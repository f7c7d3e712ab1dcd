package org.wiregate.websub;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;
import org.wiregate.outbound.OutboundHttp;
import org.wiregate.outbound.OutboundPolicy;
import org.wiregate.outbound.RefusedAddressException;
import org.wiregate.publish.FeedService;
import org.wiregate.publish.PublicUrls;
import org.wiregate.publish.RenderedFeed;

/**
 * The built-in WebSub hub (W3C WebSub 5-7): validates subscription requests, verifies the
 * subscriber's intent by a GET echoing a challenge, keeps verified subscriptions in the database,
 * and on new content POSTs the rendered feed to every subscriber with a live lease, signed with
 * its secret, retrying with backoff. Retries are rows ({@code websub_retry}), sent by
 * {@link #retryDue} on whichever instance runs the jobs, so they outlive the instance that failed.
 */
@Service
public class WebSubHub {

    private static final Logger log = LoggerFactory.getLogger(WebSubHub.class);
    private static final int MAX_SECRET_BYTES = 199;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A subscription request that passed validation, ready for verification of intent. */
    public record Request(String mode, WebSubTopics.Topic topic, URI callback, long leaseSeconds, String secret) {}

    private final WebSubProperties properties;
    private final WebSubSubscriptions subscriptions;
    private final WebSubTopics topics;
    private final FeedService feeds;
    private final PublicUrls urls;
    private final WebSubHttp http;
    private final Clock clock;
    private final OutboundPolicy callbacks;
    private final Counter delivered;
    private final Counter failed;
    private final Counter retried;

    public WebSubHub(
            WebSubProperties properties,
            WebSubSubscriptions subscriptions,
            WebSubTopics topics,
            FeedService feeds,
            PublicUrls urls,
            WebSubHttp http,
            Clock clock,
            MeterRegistry registry) {
        this.properties = properties;
        this.subscriptions = subscriptions;
        this.topics = topics;
        this.feeds = feeds;
        this.urls = urls;
        this.http = http;
        this.clock = clock;
        this.callbacks = http.policy();
        this.delivered = deliveries(registry, "delivered");
        this.failed = deliveries(registry, "failed");
        this.retried = deliveries(registry, "retried");
    }

    private static Counter deliveries(MeterRegistry registry, String outcome) {
        return Counter.builder("wiregate.websub.deliveries")
                .description("WebSub content distributions to subscribers: delivered, retried (an attempt failed and"
                        + " another is scheduled), failed (given up)")
                .tag("outcome", outcome)
                .register(registry);
    }

    /**
     * Validates a subscription request (hub.mode, hub.topic, hub.callback, hub.lease_seconds,
     * hub.secret); the exception message is the reason given to the subscriber. A refused callback
     * gets one message whatever the cause ({@link OutboundPolicy#answer()}); the cause is logged.
     */
    public Request validate(String mode, String topicUrl, String callback, String leaseSeconds, String secret) {
        if (!"subscribe".equals(mode) && !"unsubscribe".equals(mode)) {
            throw new IllegalArgumentException("hub.mode must be subscribe or unsubscribe");
        }
        if (topicUrl == null || topicUrl.isBlank()) {
            throw new IllegalArgumentException("hub.topic is required");
        }
        WebSubTopics.Topic topic = topics.find(topicUrl)
                .orElseThrow(() -> new IllegalArgumentException(
                        "hub.topic is not a feed of this gateway (topics are the first pages of its feeds: "
                                + urls.base() + "/feeds/{en,ar,es}.{rss,atom,json}, …/{lang}/breaking.{format},"
                                + " …/{lang}/{section|region|type|tag}/{slug}.{format})"));
        URI uri = callbacks.check(callback);
        long lease = properties.defaultLease().toSeconds();
        if (leaseSeconds != null && !leaseSeconds.isBlank()) {
            try {
                lease = Long.parseLong(leaseSeconds.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hub.lease_seconds must be a whole number of seconds");
            }
        }
        lease = Math.max(
                properties.minLease().toSeconds(),
                Math.min(properties.maxLease().toSeconds(), lease));
        String effectiveSecret = null;
        if (secret != null && !secret.isEmpty() && "subscribe".equals(mode)) {
            if (secret.getBytes(StandardCharsets.UTF_8).length > MAX_SECRET_BYTES) {
                throw new IllegalArgumentException("hub.secret must be shorter than 200 bytes");
            }
            effectiveSecret = secret;
        }
        return new Request(mode, topic, uri, lease, effectiveSecret);
    }

    /** Queues the verification of intent; false when the hub is too busy to take it now. */
    public boolean accept(Request request) {
        if (http.busy()) {
            return false;
        }
        http.workers().execute(() -> verify(request));
        return true;
    }

    void verify(Request request) {
        String callback = request.callback().toString();
        String challenge = HexFormat.of().formatHex(randomBytes(24));
        String query = "hub.mode=" + enc(request.mode()) + "&hub.topic="
                + enc(request.topic().url()) + "&hub.challenge=" + challenge + "&hub.lease_seconds="
                + request.leaseSeconds();
        try {
            URI target = callbacks.parse(callback);
            HttpGet get = new HttpGet(URI.create(callback + (target.getRawQuery() == null ? "?" : "&") + query));
            OutboundHttp.Answer answer = OutboundHttp.exchange(http.callbacks(), get, 1024);
            String echoed = new String(answer.head(), StandardCharsets.UTF_8).strip();
            if (answer.status() / 100 != 2 || !challenge.equals(echoed)) {
                log.info(
                        "WebSub {} of {} to {} not confirmed (status {}, challenge {})",
                        request.mode(),
                        callback,
                        request.topic().url(),
                        answer.status(),
                        challenge.equals(echoed) ? "echoed" : "not echoed");
                return;
            }
        } catch (RefusedAddressException e) {
            log.info(
                    "WebSub {} of {} to {} not confirmed: callback refused ({})",
                    request.mode(),
                    callback,
                    request.topic().url(),
                    e.reason());
            return;
        } catch (IOException | IllegalArgumentException e) {
            log.info(
                    "WebSub {} of {} to {} not confirmed: {}",
                    request.mode(),
                    callback,
                    request.topic().url(),
                    e.toString());
            return;
        }
        if ("subscribe".equals(request.mode())) {
            subscriptions.confirm(
                    request.topic().url(), callback, request.secret(), request.leaseSeconds(), clock.instant());
            log.info(
                    "WebSub subscription of {} to {} verified, lease {} s",
                    callback,
                    request.topic().url(),
                    request.leaseSeconds());
        } else {
            subscriptions.remove(request.topic().url(), callback);
            log.info(
                    "WebSub subscription of {} to {} removed",
                    callback,
                    request.topic().url());
        }
    }

    /** Content distribution (WebSub 7): the topic's current first page to every live subscriber. */
    public void distribute(String topicUrl) {
        Optional<WebSubTopics.Topic> topic = topics.find(topicUrl);
        if (topic.isEmpty()) {
            return;
        }
        List<WebSubSubscriptions.Subscription> subscribers = subscriptions.active(topicUrl, clock.instant());
        if (subscribers.isEmpty()) {
            return;
        }
        Optional<RenderedFeed> feed = feeds.feed(
                topic.get().language(), topic.get().slice(), topic.get().format(), 1);
        if (feed.isEmpty()) {
            return;
        }
        for (WebSubSubscriptions.Subscription subscriber : subscribers) {
            http.workers()
                    .execute(() ->
                            deliver(subscriber, feed.get().body(), feed.get().mediaType(), 0));
        }
    }

    void deliver(WebSubSubscriptions.Subscription subscriber, byte[] body, String mediaType, int attempt) {
        String failure;
        try {
            HttpPost post = new HttpPost(callbacks.parse(subscriber.callback()));
            post.setHeader(
                    HttpHeaders.LINK, "<" + urls.hub() + ">; rel=\"hub\", <" + subscriber.topic() + ">; rel=\"self\"");
            if (subscriber.secret() != null) {
                post.setHeader("X-Hub-Signature", "sha256=" + hmacSha256(subscriber.secret(), body));
            }
            post.setHeader(HttpHeaders.CONTENT_TYPE, mediaType);
            post.setEntity(new ByteArrayEntity(body, null));
            OutboundHttp.Answer answer = OutboundHttp.exchange(http.callbacks(), post, 0);
            if (answer.status() / 100 == 2) {
                delivered.increment();
                if (attempt > 0) {
                    subscriptions.retryDone(subscriber.id());
                }
                return;
            }
            if (answer.status() == 410) {
                // WebSub 7: a subscriber answering Gone no longer wants the topic.
                subscriptions.remove(subscriber.topic(), subscriber.callback());
                failed.increment();
                log.info(
                        "WebSub subscriber {} of {} answered 410 Gone: subscription removed",
                        subscriber.callback(),
                        subscriber.topic());
                return;
            }
            failure = "status " + answer.status();
        } catch (RefusedAddressException e) {
            failure = "callback refused (" + e.reason() + ")";
        } catch (IOException | IllegalArgumentException e) {
            failure = e.toString();
        }
        List<Duration> delays = properties.retryDelays();
        if (attempt < delays.size()) {
            retried.increment();
            log.debug(
                    "WebSub delivery of {} to {} failed ({}); attempt {} in {}",
                    subscriber.topic(),
                    subscriber.callback(),
                    failure,
                    attempt + 2,
                    delays.get(attempt));
            try {
                subscriptions.retryLater(
                        subscriber.id(), attempt + 1, clock.instant().plus(delays.get(attempt)), failure);
            } catch (RuntimeException e) {
                log.warn(
                        "WebSub delivery of {} to {} failed ({}) and cannot be scheduled again: {}",
                        subscriber.topic(),
                        subscriber.callback(),
                        failure,
                        e.toString());
            }
        } else {
            if (attempt > 0) {
                subscriptions.retryDone(subscriber.id());
            }
            failed.increment();
            log.warn(
                    "WebSub delivery of {} to {} given up after {} attempts: {}",
                    subscriber.topic(),
                    subscriber.callback(),
                    attempt + 1,
                    failure);
        }
    }

    /**
     * Sends the retries that are due (each the topic's current first page), once each across
     * instances: a retry is claimed before it is sent. Returns how many were claimed.
     */
    public int retryDue() {
        int claimed = 0;
        for (WebSubSubscriptions.Retry retry : subscriptions.dueRetries(clock.instant(), 100)) {
            Instant leaseUntil = clock.instant()
                    .plus(properties.connectTimeout())
                    .plus(properties.requestTimeout())
                    .plus(properties.requestTimeout());
            if (http.workers().isShutdown() || !subscriptions.claim(retry, leaseUntil)) {
                continue;
            }
            claimed++;
            WebSubSubscriptions.Subscription subscriber = retry.subscription();
            // the subscribed feed itself (a section, tag or breaking slice, not only a language's main feed)
            Optional<RenderedFeed> feed = topics.find(subscriber.topic())
                    .flatMap(topic -> feeds.feed(topic.language(), topic.slice(), topic.format(), 1));
            if (feed.isEmpty()) {
                subscriptions.retryDone(subscriber.id()); // no such topic or page any more: nothing to send
                continue;
            }
            http.workers()
                    .execute(() ->
                            deliver(subscriber, feed.get().body(), feed.get().mediaType(), retry.attempt()));
        }
        return claimed;
    }

    static String hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
