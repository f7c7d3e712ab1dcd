package org.wiregate.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code transport:} section of a mapping file. */
class TransportMappingTest {

    @TempDir
    Path dir;

    @Test
    void noTransportSectionMeansFileDrop() throws IOException {
        write("acme.yaml", "name: Acme\n");

        Transport transport = new MappingRegistry(dir).require("acme").transport();

        assertThat(transport.type()).isEqualTo(Transport.Type.FILE);
        assertThat(transport.enabled()).isTrue();
    }

    @Test
    void shippedMappingsAreFileDrops() {
        assertThat(new MappingRegistry(Path.of("mappings")).all())
                .allSatisfy(m -> assertThat(m.transport().type()).isEqualTo(Transport.Type.FILE));
    }

    @Test
    void ftpSectionIsRead() throws IOException {
        write("afp-arabic.yaml", """
                transport:
                  type: ftp
                  host: ftp.afp.example
                  port: 2121
                  directory: /outgoing/arabic
                  usernameEnv: AFP_FTP_USER
                  passwordEnv: AFP_FTP_PASSWORD
                  passive: false
                  afterRead: delete
                  pollInterval: 30s
                """);

        Transport ftp = new MappingRegistry(dir).require("afp-arabic").transport();

        assertThat(ftp.type()).isEqualTo(Transport.Type.FTP);
        assertThat(ftp.host()).isEqualTo("ftp.afp.example");
        assertThat(ftp.portOrDefault()).isEqualTo(2121);
        assertThat(ftp.directory()).isEqualTo("/outgoing/arabic");
        assertThat(ftp.usernameEnv()).isEqualTo("AFP_FTP_USER");
        assertThat(ftp.passwordEnv()).isEqualTo("AFP_FTP_PASSWORD");
        assertThat(ftp.passive()).isFalse();
        assertThat(ftp.afterRead()).isEqualTo(Transport.AfterRead.DELETE);
        assertThat(ftp.pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(ftp.requiredEnvironment())
                .containsEntry("usernameEnv", "AFP_FTP_USER")
                .containsEntry("passwordEnv", "AFP_FTP_PASSWORD");
    }

    @Test
    void ftpDefaultsToPassiveModeAndMovingToDone() throws IOException {
        write("afp.yaml", """
                transport: {type: ftps, host: h.example, directory: out, usernameEnv: U, passwordEnv: P}
                """);

        Transport ftps = new MappingRegistry(dir).require("afp").transport();

        assertThat(ftps.type()).isEqualTo(Transport.Type.FTPS);
        assertThat(ftps.passive()).isTrue();
        assertThat(ftps.afterRead()).isEqualTo(Transport.AfterRead.MOVE);
        assertThat(ftps.portOrDefault()).isEqualTo(21);
    }

    @Test
    void httpPollSectionIsRead() throws IOException {
        write("feeds.yaml", """
                transport:
                  type: http-poll
                  url: https://feeds.example/arabic.rss
                  pollInterval: 60s
                  connectTimeout: 5s
                  readTimeout: 15s
                  headers: { Accept: application/rss+xml }
                  tokenEnv: FEEDS_TOKEN
                """);

        Transport poll = new MappingRegistry(dir).require("feeds").transport();

        assertThat(poll.type()).isEqualTo(Transport.Type.HTTP_POLL);
        assertThat(poll.url()).isEqualTo(URI.create("https://feeds.example/arabic.rss"));
        assertThat(poll.pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(poll.connectTimeoutOrDefault()).isEqualTo(Duration.ofSeconds(5));
        assertThat(poll.readTimeoutOrDefault()).isEqualTo(Duration.ofSeconds(15));
        assertThat(poll.headers()).containsEntry("Accept", "application/rss+xml");
        assertThat(poll.tokenEnv()).isEqualTo("FEEDS_TOKEN");
    }

    @Test
    void httpPushSectionIsRead() throws IOException {
        write("qna.yaml", "transport:\n  type: http-push\n  tokenEnv: QNA_PUSH_TOKEN\n");

        Transport push = new MappingRegistry(dir).require("qna").transport();

        assertThat(push.type()).isEqualTo(Transport.Type.HTTP_PUSH);
        assertThat(push.requiredEnvironment()).containsExactlyEntriesOf(Map.of("tokenEnv", "QNA_PUSH_TOKEN"));
    }

    @Test
    void unknownTypeStopsLoadingNamingTheFileAndTheValue() throws IOException {
        write("acme.yaml", "transport:\n  type: sftp\n");

        assertThatThrownBy(() -> new MappingRegistry(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acme.yaml (line ")
                .hasMessageContaining("'sftp'")
                .hasMessageContaining("http-poll");
    }

    @Test
    void missingRequiredFieldsAreNamed() throws IOException {
        write("acme.yaml", "transport:\n  type: ftp\n  host: h.example\n  usernameEnv: U\n  passwordEnv: P\n");
        assertThatThrownBy(() -> new MappingRegistry(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acme.yaml: ")
                .hasMessageContaining("transport.directory");

        write("acme.yaml", "transport:\n  type: http-push\n");
        assertThatThrownBy(() -> new MappingRegistry(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transport.tokenEnv");

        write("acme.yaml", "transport:\n  type: http-poll\n  url: ftp://x.example/feed\n");
        assertThatThrownBy(() -> new MappingRegistry(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'ftp://x.example/feed'");
    }

    @Test
    void badValuesAreNamed() throws IOException {
        write("acme.yaml", "transport:\n  type: http-poll\n  url: https://x.example/f\n  pollInterval: soon\n");
        assertThatThrownBy(() -> new MappingRegistry(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acme.yaml (line ")
                .hasMessageContaining("'soon'");

        write(
                "acme.yaml",
                "transport: {type: ftp, host: h, directory: d, usernameEnv: U, passwordEnv: P, afterRead: shred}\n");
        assertThatThrownBy(() -> new MappingRegistry(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'shred'");

        write(
                "acme.yaml",
                "transport:\n  type: http-poll\n  url: https://x.example/f\n  headers: {Host: evil.example}\n");
        assertThatThrownBy(() -> new MappingRegistry(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'Host'");
    }

    private void write(String name, String yaml) throws IOException {
        Files.writeString(dir.resolve(name), yaml, StandardCharsets.UTF_8);
    }
}
