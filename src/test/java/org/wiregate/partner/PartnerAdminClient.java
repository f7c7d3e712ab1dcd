package org.wiregate.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** HTTP calls the partner admin tests make: the admin API with a given credential, and a partner's own calls. */
final class PartnerAdminClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String opsToken;

    PartnerAdminClient(int port, String opsToken) {
        this.base = "http://localhost:" + port;
        this.opsToken = opsToken;
    }

    /** As the operator (token and X-Operator name). */
    HttpResponse<byte[]> admin(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, "Authorization", "Bearer " + opsToken, "X-Operator", "alice");
    }

    JsonNode adminJson(String method, String path, String body, int expectedStatus)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = admin(method, path, body);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + path + ": expected " + expectedStatus + ", got "
                    + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(response.body());
    }

    /** Creates a partner through the API and returns the create answer ({partner, key}). */
    JsonNode create(String id, String extraFields) throws IOException, InterruptedException {
        String body = "{\"id\":\"" + id + "\",\"name\":\"Partner " + id + "\""
                + (extraFields == null ? "" : "," + extraFields) + "}";
        return adminJson("POST", "/ops/partners", body, 201);
    }

    /** GET /api/partner/me with a partner key as a bearer token. */
    HttpResponse<byte[]> me(String key) throws IOException, InterruptedException {
        return key == null
                ? send("GET", "/api/partner/me", null)
                : send("GET", "/api/partner/me", null, "Authorization", "Bearer " + key);
    }

    HttpResponse<byte[]> send(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(headers));
        if (body != null) {
            all.add("Content-Type");
            all.add("application/json");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!all.isEmpty()) {
            request.headers(all.toArray(String[]::new));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
