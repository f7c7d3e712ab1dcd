package org.wiregate.websub;

import java.net.http.HttpClient;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The outbound side of WebSub: one HTTP client (timeouts, no redirects followed, so a callback
 * cannot bounce the hub elsewhere) and a small pool of daemon workers that verify, deliver, retry
 * and ping.
 */
@Component
public class WebSubHttp implements DisposableBean {

    /** Waiting work beyond which new subscription requests are refused with 503. */
    static final int MAX_QUEUED = 1000;

    private final HttpClient client;
    private final ScheduledThreadPoolExecutor workers;

    public WebSubHttp(WebSubProperties properties) {
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

    HttpClient client() {
        return client;
    }

    ScheduledThreadPoolExecutor workers() {
        return workers;
    }

    boolean busy() {
        return workers.getQueue().size() >= MAX_QUEUED;
    }

    @Override
    public void destroy() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
