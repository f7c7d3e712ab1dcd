package org.wiregate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.TestDirectories;

/**
 * The operator side with no {@code gateway.ops.token} configured (the default): the JSON APIs and
 * metrics are closed (issue 13, row 1); the ops page works with its login, sends a
 * Content-Security-Policy, a Referrer-Policy and a SameSite session cookie, and login attempts are
 * limited (row 8).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsWithoutTokenTest {

    private static final String PASSWORD = "ops-without-token-password";
    private static final Path inbox = TestDirectories.create("ops-no-token").resolve("inbox");
    private static final HttpClient CLIENT = HttpClient.newHttpClient(); // follows no redirects

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "ops-no-token", inbox);
        registry.add("gateway.ops.token", () -> "");
        registry.add("gateway.ops.password", () -> PASSWORD);
    }

    @LocalServerPort
    int port;

    @Test
    @Order(1)
    void operatorApisAndMetricsAreClosed() throws Exception {
        for (String path : new String[] {
            "/ops/quarantine", "/ops/editions/suggestions", "/actuator/prometheus", "/actuator/metrics"
        }) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, "Authorization", "Bearer ").statusCode())
                    .as(path + " with an empty token")
                    .isEqualTo(401);
        }
        assertThat(get("/ops/quarantine").body()).contains("gateway.ops.token");
    }

    @Test
    @Order(2)
    void theOpsPageIsLockedDownInTheBrowser() throws Exception {
        HttpResponse<String> login = get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = sessionCookie(login);
        assertThat(login.headers().allValues("Set-Cookie"))
                .anyMatch(c -> c.startsWith("JSESSIONID=") && c.contains("SameSite=Strict") && c.contains("HttpOnly"));
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        HttpResponse<String> signedIn = postLogin("operator", PASSWORD, cookie, csrf(login.body()));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/ops");
        String session = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElse(cookie);

        HttpResponse<String> page = get("/ops", "Cookie", session);
        assertThat(page.statusCode()).isEqualTo(200);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'").contains("frame-ancestors 'none'");
        assertThat(policy).doesNotContain("unsafe-inline").doesNotContain("script-src");
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(page.body());
        assertThat(style.find()).isTrue();
        assertThat(policy).as("the hash of the style as served").contains(hash(style.group(1)));
        assertThat(page.body()).doesNotContain("<script");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    @Order(3)
    void loginAttemptsAreLimited() throws Exception {
        HttpResponse<String> login = get("/login");
        String cookie = sessionCookie(login);
        String csrf = csrf(login.body());
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            HttpResponse<String> failed = postLogin("operator", "wrong-" + i, cookie, csrf);
            assertThat(failed.statusCode()).isEqualTo(302);
            assertThat(failed.headers().firstValue("Location")).hasValue("/login?error");
        }
        HttpResponse<String> limited = postLogin("operator", PASSWORD, cookie, csrf);
        assertThat(limited.statusCode())
                .as("even the right password, until the window passes")
                .isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 15 * 60L);
        assertThat(postLogin("someone-else", "x", cookie, csrf).statusCode())
                .as("the same address, another user")
                .isEqualTo(429);
    }

    private static String hash(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return "sha256-" + Base64.getEncoder().encodeToString(digest);
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow();
    }

    private static String csrf(String html) {
        Matcher token = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"")
                .matcher(html);
        if (!token.find()) {
            token = Pattern.compile("value=\"([^\"]+)\"[^>]*name=\"_csrf\"").matcher(html);
            assertThat(token.find()).as("a CSRF token in the login page").isTrue();
        }
        return token.group(1);
    }

    private HttpResponse<String> postLogin(String user, String password, String cookie, String csrf)
            throws IOException, InterruptedException {
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie)
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
