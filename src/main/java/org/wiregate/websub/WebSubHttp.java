package org.wiregate.websub;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.wiregate.outbound.HostResolver;
import org.wiregate.outbound.OutboundHttp;
import org.wiregate.outbound.OutboundPolicy;

/**
 * The outbound side of WebSub: the callback policy and the client that calls subscribers (it
 * connects only to an address the policy passed, {@link OutboundHttp}), a client for the publish
 * pings to the operator's configured hubs, neither following redirects (so a callback cannot bounce
 * the hub elsewhere), and a small pool of daemon workers that verify, deliver, retry and ping.
 */
@Component
public class WebSubHttp implements DisposableBean {

    /** Waiting work beyond which new subscription requests are refused with 503. */
    static final int MAX_QUEUED = 1000;

    private final HttpClient client;
    private final OutboundPolicy policy;
    private final CloseableHttpClient callbacks;
    private final ScheduledThreadPoolExecutor workers;

    @Autowired
    public WebSubHttp(WebSubProperties properties) {
        this(properties, HostResolver.SYSTEM);
    }

    /** With another resolver than the system's: tests of what a changing DNS answer can do. */
    public WebSubHttp(WebSubProperties properties, HostResolver resolver) {
        this.policy = new OutboundPolicy("hub.callback", properties.allowPrivateCallbacks(), resolver);
        this.callbacks = OutboundHttp.client(
                policy, properties.connectTimeout(), properties.requestTimeout(), Math.max(1, properties.threads()));
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "websub-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.workers = new ScheduledThreadPoolExecutor(Math.max(1, properties.threads()), threads);
        this.workers.setRemoveOnCancelPolicy(true);
    }

    /** For the publish pings to the hubs in {@code publish-to}, which the operator configured. */
    HttpClient client() {
        return client;
    }

    /** Which callbacks the hub accepts and calls. */
    OutboundPolicy policy() {
        return policy;
    }

    /** For verifications and deliveries: connects only to addresses that passed {@link #policy()}. */
    CloseableHttpClient callbacks() {
        return callbacks;
    }

    ScheduledThreadPoolExecutor workers() {
        return workers;
    }

    boolean busy() {
        return workers.getQueue().size() >= MAX_QUEUED;
    }

    @Override
    public void destroy() throws InterruptedException, IOException {
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
        callbacks.close();
    }
}
