package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import org.wiregate.source.MappingRegistry;

class TransportCredentialsTest {

    private static final String FTP = """
            transport:
              type: ftp
              host: ftp.afp.example
              directory: /outgoing
              usernameEnv: AFP_FTP_USER
              passwordEnv: AFP_FTP_PASSWORD
            """;

    @TempDir
    Path dir;

    @Test
    void missingSecretOfAnEnabledSourceStopsTheStartNamingFileAndVariable() throws IOException {
        Files.writeString(dir.resolve("afp.yaml"), FTP, StandardCharsets.UTF_8);
        MappingRegistry mappings = new MappingRegistry(dir);

        assertThatThrownBy(() ->
                        new TransportCredentials(mappings, new MockEnvironment().withProperty("AFP_FTP_USER", "afp")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("afp.yaml")
                .hasMessageContaining("transport.passwordEnv")
                .hasMessageContaining("AFP_FTP_PASSWORD")
                .hasMessageContaining("not set");
    }

    @Test
    void missingSecretOfADisabledSourceIsNoError() throws IOException {
        Files.writeString(dir.resolve("afp.yaml"), FTP + "  enabled: false\n", StandardCharsets.UTF_8);

        new TransportCredentials(new MappingRegistry(dir), new MockEnvironment());
    }

    @Test
    void secretsAreReadFromTheEnvironment() throws IOException {
        Files.writeString(dir.resolve("afp.yaml"), FTP, StandardCharsets.UTF_8);
        TransportCredentials credentials = new TransportCredentials(
                new MappingRegistry(dir),
                new MockEnvironment().withProperty("AFP_FTP_USER", "afp").withProperty("AFP_FTP_PASSWORD", "pw"));

        assertThat(credentials.require("AFP_FTP_PASSWORD")).isEqualTo("pw");
    }
}
