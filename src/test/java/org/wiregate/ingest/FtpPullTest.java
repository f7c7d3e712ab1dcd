package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.util.URISupport;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Language;
import org.wiregate.source.MappingRegistry;
import org.wiregate.source.SourceMapping;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.Rejections;
import org.wiregate.support.Fixtures;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.TestDirectories;
import org.wiregate.support.TransportFixtures;

/**
 * An agency's FTP server (Apache MINA FtpServer on 127.0.0.1): the gateway takes a good file and
 * publishes it, moving it to .done/ on the server only once stored; a malformed file is quarantined
 * and moved to .error/ on the server, byte-identical.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FtpPullTest {

    private static final String HEADLINE =
            "Kenya's electoral commission begins tallying by-election votes, turnout put at 48%";
    private static final Path work = TestDirectories.create("ftp");
    private static final Path home = work.resolve("ftp-home");
    private static final Path outgoing = home.resolve("outgoing");
    private static final int ftpPort = TransportFixtures.freePort();
    private static final FtpServer server = startServer();

    @LocalServerPort
    int port;

    @Autowired
    ArticleRepository articles;

    @Autowired
    Rejections rejections;

    @Autowired
    CamelContext camel;

    @Autowired
    SourceRoutes sourceRoutes;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "ftp", work.resolve("inbox"));
        Path mappings = TransportFixtures.mappings(work, "ftp-fixture", """
                transport:
                  type: ftp
                  host: 127.0.0.1
                  port: %d
                  directory: /outgoing
                  usernameEnv: FTP_FIXTURE_USER
                  passwordEnv: FTP_FIXTURE_PASSWORD
                  passive: true
                  pollInterval: 200ms
                  connectTimeout: 2s
                  readTimeout: 5s
                """.formatted(ftpPort));
        registry.add("gateway.mappings", mappings::toString);
        registry.add("FTP_FIXTURE_USER", () -> "afp");
        registry.add("FTP_FIXTURE_PASSWORD", () -> "s3cret&p@ss=word");
        registry.add("logging.level.org.apache.ftpserver", () -> "WARN");
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Test
    void goodFileIsPublishedAndMovedAsideOnlyOnceStoredMalformedFileIsQuarantinedOnTheServer() throws Exception {
        byte[] good = Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json");
        byte[] broken = Fixtures.bytes("/fixtures/malformed/broken.json");
        upload("kenya-en.json", good);
        upload("broken.json", broken);

        // The file leaves the agency's folder on completion of the exchange, after the store.
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(outgoing.resolve("kenya-en.json")));
        assertThat(articles.findPublished(Language.EN, Instant.now(), 100, 0))
                .anySatisfy(a -> assertThat(a.headline()).isEqualTo(HEADLINE));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(outgoing.resolve(".done/kenya-en.json")));
        assertThat(Files.readAllBytes(outgoing.resolve(".done/kenya-en.json"))).isEqualTo(good);

        HttpResponse<byte[]> feed = Http.get("http://localhost:" + port + "/feeds/en.json");
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(new String(feed.body(), StandardCharsets.UTF_8))
                .contains("Kenya's electoral commission begins tallying");

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(outgoing.resolve(".error/broken.json")));
        assertThat(Files.readAllBytes(outgoing.resolve(".error/broken.json"))).isEqualTo(broken);
        assertThat(outgoing.resolve("broken.json")).doesNotExist();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(rejections.recent(50)).anySatisfy(r -> {
                    assertThat(r.source()).isEqualTo("ftp-fixture");
                    assertThat(r.fileName()).isEqualTo("ftp://127.0.0.1:" + ftpPort + "/outgoing/broken.json");
                    assertThat(r.reason()).containsIgnoringCase("malformed JSON");
                }));
        // No local .reason.txt for copy that never was a local file
        assertThat(Files.exists(Path.of("/outgoing/.error"))).isFalse();
        assertThat(outgoing.resolve(".error/broken.json.reason.txt")).doesNotExist();
    }

    @Test
    void healthShowsTheFtpRouteUp() throws Exception {
        HttpResponse<byte[]> health = Http.asOperator("http://localhost:" + port + "/actuator/health");
        String body = new String(health.body(), StandardCharsets.UTF_8);
        assertThat(health.statusCode()).as(body).isEqualTo(200);
        assertThat(body).contains("ingest-ftp-fixture").doesNotContain("s3cret");
    }

    @Test
    void ftpsSourcesUseTheSameTemplateWithAnEncryptedDataChannel() throws Exception {
        Path dir = Files.createDirectories(work.resolve("ftps-mappings"));
        Files.writeString(dir.resolve("ftps-check.yaml"), """
                transport: {type: ftps, host: 127.0.0.1, port: 1, directory: /outgoing/arabic,
                            usernameEnv: FTP_FIXTURE_USER, passwordEnv: FTP_FIXTURE_PASSWORD, afterRead: delete}
                """, StandardCharsets.UTF_8);
        SourceMapping mapping = new MappingRegistry(dir).require("ftps-check");
        TemplatedRouteBuilder route = TemplatedRouteBuilder.builder(
                        camel, SourceRoutes.templateOf(mapping.transport().type()))
                .routeId("ingest-ftps-check")
                .parameter("source", mapping.id());
        sourceRoutes.parameters(mapping, mapping.transport()).forEach(route::parameter);
        route.add();
        try {
            String uri = camel.getRoute("ingest-ftps-check").getEndpoint().getEndpointUri();
            assertThat(uri)
                    .startsWith("ftps://127.0.0.1:1/outgoing/arabic?")
                    .contains("execProt=P")
                    .contains("delete=true")
                    .contains("moveFailed=")
                    .doesNotContain("move=.done")
                    .doesNotContain("noop");
            // What Camel shows (logs, health, JMX) masks the credentials.
            assertThat(URISupport.sanitizeUri(uri)).doesNotContain("s3cret").doesNotContain("afp)");
        } finally {
            camel.getRouteController().stopRoute("ingest-ftps-check");
            camel.removeRoute("ingest-ftps-check");
        }
    }

    /** As an agency uploads: under a dot-name, then renamed. */
    private static void upload(String name, byte[] content) {
        try {
            Path partial = outgoing.resolve("." + name + ".part");
            Files.write(partial, content);
            Files.move(partial, outgoing.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FtpServer startServer() {
        try {
            Files.createDirectories(outgoing);
            FtpServerFactory factory = new FtpServerFactory();
            ListenerFactory listener = new ListenerFactory();
            listener.setServerAddress("127.0.0.1");
            listener.setPort(ftpPort);
            DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
            data.setPassiveExternalAddress("127.0.0.1");
            listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
            factory.addListener("default", listener.createListener());
            UserManager users = new PropertiesUserManagerFactory().createUserManager();
            BaseUser user = new BaseUser();
            user.setName("afp");
            user.setPassword("s3cret&p@ss=word");
            user.setHomeDirectory(home.toString());
            user.setAuthorities(List.of(new WritePermission()));
            users.save(user);
            factory.setUserManager(users);
            FtpServer ftp = factory.createServer();
            ftp.start();
            return ftp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FtpException e) {
            throw new IllegalStateException("cannot start the test FTP server", e);
        }
    }
}
