package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Language;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.Rejections;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.SwitchableDataSource;
import org.wiregate.support.TestDirectories;
import org.wiregate.support.TransportFixtures;

/**
 * An agency pushing copy to {@code POST /ingest/{source}}: bearer token, size limit before and while
 * reading, the pipeline's answer in the response, and nothing of the request but its body reaching
 * the exchange.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpPushTest {

    private static final String TOKEN = "qna-push-7f3c9e2a41";
    private static final int CAP = 64 * 1024;
    private static final Path work = TestDirectories.create("push");
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    ArticleRepository articles;

    @Autowired
    Rejections rejections;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "push", work.resolve("inbox"));
        TransportFixtures.mappings(work, "drop-fixture", "");
        Path mappings = TransportFixtures.mappings(work, "push-fixture", """
                transport:
                  type: http-push
                  tokenEnv: PUSH_FIXTURE_TOKEN
                """);
        registry.add("gateway.mappings", mappings::toString);
        registry.add("gateway.ingest.max-payload-size", () -> CAP + "B");
        registry.add("PUSH_FIXTURE_TOKEN", () -> TOKEN);
    }

    @Test
    void pushedItemIsStoredAndAcknowledgedWithAReceipt() throws Exception {
        HttpResponse<String> response = post(
                "/ingest/push-fixture",
                Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json"),
                "Authorization",
                "Bearer " + TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("receipt").isNumber()).isTrue();
        assertThat(answer.path("source").asText()).isEqualTo("push-fixture");
        assertThat(answer.path("items").asInt()).isEqualTo(1);
        assertThat(response.body()).doesNotContain(TOKEN);
        assertThat(articles.findPublished(Language.EN, Instant.now(), 100, 0))
                .anySatisfy(a -> assertThat(a.headline()).startsWith("Kenya's electoral commission begins tallying"));
        assertThat(fileNameOf(answer.path("receipt").asLong()))
                .isEqualTo(answer.path("file").asText())
                .startsWith("push-");
    }

    @Test
    void whileTheDatabaseIsAwayAPushIsAnswered503AndNothingIsQuarantined() throws Exception {
        byte[] item = Fixtures.bytes("/fixtures/ninjs/es-ninjs1-item.json");
        long rejectedBefore = rejections.recent(1000).size();
        database().goAway();
        HttpResponse<String> refused;
        try {
            refused = post("/ingest/push-fixture", item, "Authorization", "Bearer " + TOKEN);
        } finally {
            database().comeBack();
        }
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(JSON.readTree(refused.body()).path("error").asText()).contains("send again");
        assertThat(rejections.recent(1000)).as("not the copy's fault").hasSize((int) rejectedBefore);

        HttpResponse<String> resent = post("/ingest/push-fixture", item, "Authorization", "Bearer " + TOKEN);
        assertThat(resent.statusCode()).as(resent.body()).isEqualTo(202);
        assertThat(JSON.readTree(resent.body()).path("items").asInt()).isEqualTo(1);
    }

    @TestConfiguration
    static class DatabaseSwitch {
        @Bean
        static BeanPostProcessor switchableDataSource() {
            return SwitchableDataSource.wrapper();
        }
    }

    private SwitchableDataSource database() {
        return (SwitchableDataSource) dataSource;
    }

    @Test
    void missingOrWrongTokenIsUnauthorised() throws Exception {
        byte[] body = Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json");
        HttpResponse<String> none = post("/ingest/push-fixture", body);
        HttpResponse<String> wrong = post("/ingest/push-fixture", body, "Authorization", "Bearer not-" + TOKEN);
        HttpResponse<String> basic = post("/ingest/push-fixture", body, "Authorization", "Basic " + TOKEN);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain(TOKEN).doesNotContain("not-");
        assertThat(wrong.headers().map().toString()).doesNotContain(TOKEN);
    }

    @Test
    void unknownSourceOrSourceThatDoesNotTakePushesIsNotFound() throws Exception {
        byte[] body = Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json");
        assertThat(post("/ingest/reuters", body, "Authorization", "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(404);
        assertThat(post("/ingest/drop-fixture", body, "Authorization", "Bearer " + TOKEN)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void declaredContentLengthOverTheCapIsRefusedBeforeReading() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /ingest/push-fixture HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                            + "\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // No body sent at all: the answer can only come from the declared length.
            String response = readResponse(socket.getInputStream());
            assertThat(response)
                    .startsWith("HTTP/1.1 413")
                    .contains("max-payload-size")
                    .doesNotContain(TOKEN);
        }
    }

    @Test
    void chunkedBodyOverTheCapIsRefusedOnceItPassesIt() throws Exception {
        byte[] big = new byte[CAP + 4096];
        Arrays.fill(big, (byte) ' ');
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ingest/push-fixture"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();

        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("max-payload-size").doesNotContain(TOKEN);
    }

    @Test
    void malformedPayloadIsRejectedWithItsReasonAndQuarantined() throws Exception {
        HttpResponse<String> response = post(
                "/ingest/push-fixture",
                Fixtures.bytes("/fixtures/malformed/broken.json"),
                "Authorization",
                "Bearer " + TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("error").asText()).containsIgnoringCase("malformed JSON");
        assertThat(response.body()).doesNotContain(TOKEN);
        String file = answer.path("file").asText();
        assertThat(rejections.recent(50)).anySatisfy(r -> {
            assertThat(r.source()).isEqualTo("push-fixture");
            assertThat(r.fileName()).isEqualTo("http-push:/ingest/push-fixture/" + file);
            assertThat(r.reason()).containsIgnoringCase("malformed JSON");
        });
    }

    @Test
    void requestHeadersAndParametersNamedLikeCamelHeadersChangeNothing() throws Exception {
        HttpResponse<String> response = post(
                "/ingest/push-fixture?CamelFileName=x&CamelHttpUri=http://evil/",
                Fixtures.bytes("/fixtures/ninjs/es-ninjs1-item.json"),
                "Authorization",
                "Bearer " + TOKEN,
                "CamelFileName",
                "../../etc/x",
                "CamelHttpUri",
                "http://evil/",
                "gatewaySource",
                "standard",
                "Cookie",
                "session=secret-cookie");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("source").asText()).isEqualTo("push-fixture");
        String recorded = fileNameOf(answer.path("receipt").asLong());
        assertThat(recorded).isEqualTo(answer.path("file").asText()).matches("push-[0-9a-f-]{36}\\.bin");
        assertThat(jdbc.sql("SELECT source FROM payload WHERE id = ?")
                        .param(answer.path("receipt").asLong())
                        .query(String.class)
                        .single())
                .isEqualTo("push-fixture");
        assertThat(response.body())
                .doesNotContain(TOKEN)
                .doesNotContain("secret-cookie")
                .doesNotContain("evil");
        assertThat(work.resolve("etc")).doesNotExist();
        assertThat(Path.of("etc", "x")).doesNotExist();
    }

    private String fileNameOf(long payloadId) {
        return jdbc.sql("SELECT file_name FROM payload WHERE id = ?")
                .param(payloadId)
                .query(String.class)
                .single();
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String readResponse(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        int n;
        try {
            while ((n = in.read(buffer)) > 0) {
                text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                if (text.indexOf("}") > 0) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // return what came
        }
        return text.toString();
    }
}
