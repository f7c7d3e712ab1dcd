package org.wiregate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.util.unit.DataSize;

class ConnectionWriteBufferTest {

    @Test
    void tomcatsConnectorGetsTheSizeAndSendsALargeBodyWhole() throws Exception {
        byte[] feed = new byte[180_210]; // the full first page of bench/serve.sh, three buffers and a bit
        Arrays.fill(feed, (byte) 'x');
        feed[feed.length - 1] = '!';
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        new ConnectionWriteBuffer(DataSize.ofKilobytes(64)).customize(factory);
        TomcatWebServer server =
                (TomcatWebServer) factory.getWebServer(context -> context.addServlet("feed", new HttpServlet() {
                            @Override
                            protected void doGet(HttpServletRequest request, HttpServletResponse response)
                                    throws IOException {
                                response.setContentLength(feed.length);
                                response.setBufferSize(feed.length);
                                response.getOutputStream().write(feed);
                            }
                        })
                        .addMapping("/feed"));
        server.start();
        try {
            Connector connector = server.getTomcat().getConnector();
            assertThat(String.valueOf(connector.getProperty("socket.appWriteBufSize")))
                    .isEqualTo("65536");

            HttpResponse<byte[]> answer = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/feed"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(feed);
        } finally {
            server.stop();
        }
    }

    @Test
    void aSizeBelowTomcatsOwnOrAboveSixteenMegabytesIsRefusedAtStart() {
        assertThatThrownBy(() -> new ConnectionWriteBuffer(DataSize.ofKilobytes(4)))
                .hasMessageContaining("gateway.http.write-buffer must be between 8KB and 16MB");
        assertThatThrownBy(() -> new ConnectionWriteBuffer(DataSize.ofMegabytes(17)))
                .hasMessageContaining("gateway.http.write-buffer");
    }
}
