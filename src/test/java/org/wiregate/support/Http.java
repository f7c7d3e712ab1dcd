package org.wiregate.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/** A plain HTTP client for tests, as an aggregator would poll. */
public final class Http {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The operator token every test gateway gets from {@link GatewayTestProperties} (unless a test sets its own). */
    public static final String OPS_TOKEN = "test-ops-token";

    private Http() {}

    /** A GET with the test operator token: /actuator/prometheus, /actuator/metrics, health details. */
    public static HttpResponse<byte[]> asOperator(String url, String... headers)
            throws IOException, InterruptedException {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Authorization";
        all[headers.length + 1] = "Bearer " + OPS_TOKEN;
        return get(url, all);
    }

    public static HttpResponse<byte[]> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
