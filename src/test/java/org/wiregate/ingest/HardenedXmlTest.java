package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.wiregate.support.Fixtures;

class HardenedXmlTest {

    /** Every path a parser asked the local server for: must stay empty. */
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private HttpServer server;
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            byte[] body = "<!ENTITY leaked \"LEAKED-FROM-SERVER\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void fileEntityIsRefusedAndTheFileNeverRead(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-PASSWORD");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<nitf><body><body.head><hedline><hl1>&xxe;</hl1></hedline></body.head></body></nitf>";

        assertThatThrownBy(() -> new NitfParser().parse(utf8(xml)))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("declares XML entities, which wire copy never needs")
                .hasMessageNotContaining("TOP-SECRET-PASSWORD");
    }

    @Test
    void httpEntityIsRefusedWithoutARequest() {
        String xml = "<!DOCTYPE newsItem [<!ENTITY xxe SYSTEM \"" + base + "/entity\">]>"
                + "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"urn:x\">"
                + "<contentMeta><headline>&xxe;</headline></contentMeta></newsItem>";

        assertThatThrownBy(() -> new NewsMlG2Parser().parse(utf8(xml)))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("declares XML entities");
        assertThat(requests).isEmpty();
    }

    @Test
    void parameterEntityIsRefusedWithoutARequest() {
        String xml = "<!DOCTYPE NewsML [<!ENTITY % remote SYSTEM \"" + base + "/param.dtd\"> %remote;]>"
                + "<NewsML><NewsItem/></NewsML>";

        assertThatThrownBy(() -> new NewsMl1Parser().parse(utf8(xml)))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("declares XML entities");
        assertThat(requests).isEmpty();
    }

    @Test
    void domBuilderOnItsOwnFetchesNeitherEntitiesNorTheExternalDtd() throws Exception {
        // The pre-scan refuses this document first; the builder must be safe without it too.
        String xml = "<!DOCTYPE r SYSTEM \"" + base + "/r.dtd\" [<!ENTITY x SYSTEM \"" + base + "/x\">]><r>[&x;]</r>";

        Document document = HardenedXml.documentBuilder().parse(new ByteArrayInputStream(utf8(xml)));

        assertThat(document.getDocumentElement().getTextContent()).doesNotContain("LEAKED");
        assertThat(requests).isEmpty();
    }

    @Test
    void externalDtdOfNitfIsNotFetchedAndTheDocumentStillParses() {
        String xml = new String(Fixtures.bytes("/fixtures/nitf/es-efe-libano-presupuesto.xml"), StandardCharsets.UTF_8)
                .replace("SYSTEM \"nitf-3-6.dtd\"", "SYSTEM \"" + base + "/nitf.dtd\"");
        assertThat(xml).contains(base + "/nitf.dtd");

        ParsedPayload parsed = new NitfParser().parse(utf8(xml));

        assertThat(parsed.items()).singleElement().extracting(WireItem::guid).isEqualTo("FXEFE-20261124-LIB-0311");
        assertThat(requests).isEmpty();
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            xml.append("<!ENTITY lol")
                    .append(i)
                    .append(" \"")
                    .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        xml.append("]>\n<nitf><body><body.content><p>&lol9;</p></body.content></body></nitf>");

        assertThatThrownBy(() -> new NitfParser().parse(utf8(xml.toString())))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("declares XML entities");
    }

    @Test
    @Timeout(10)
    void hundredThousandNestedElementsAreRefusedFast() {
        int depth = 100_000;
        String xml = "<nitf>" + "<block>".repeat(depth) + "</block>".repeat(depth) + "</nitf>";

        assertThatThrownBy(() -> new NitfParser().parse(utf8(xml)))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("NITF document nests deeper than 256 elements (line 1)");
    }

    @Test
    void twoHundredFiftySixLevelsAreStillReadAndTwoHundredFiftySevenAreNot() {
        // nitf, body, body.content, the blocks and p: 256 elements deep with 252 blocks
        String xml = "<nitf><body><body.content>" + "<block>".repeat(252) + "<p>deep</p>" + "</block>".repeat(252)
                + "</body.content></body></nitf>";
        String deeper = xml.replace("<p>deep</p>", "<block><p>deep</p></block>");

        assertThat(new NitfParser().parse(utf8(xml)).items().get(0).bodyHtml()).isEqualTo("<p>deep</p>");
        assertThatThrownBy(() -> new NitfParser().parse(utf8(deeper)))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("NITF document nests deeper than 256 elements (line 1)");
    }

    @Test
    void truncatedXmlIsRefusedWithLineAndColumn() {
        byte[] whole = Fixtures.bytes("/fixtures/newsml-g2/en-lebanon-budget-v1.xml");
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

        assertThatThrownBy(() -> new NewsMlG2Parser().parse(truncated))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("NewsML-G2 is not well-formed XML at ")
                .hasMessageMatching("(?s).*line \\d+, column \\d+.*");
    }

    @Test
    void mismatchedTagIsReportedWhereItIs() {
        String xml = "<nitf>\n  <head>\n    <title>x</titel>\n  </head>\n</nitf>";

        assertThatThrownBy(() -> new NitfParser().parse(utf8(xml)))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("line 3, column");
    }

    @Test
    void htmlErrorPageIsNoKnownWireFormat() {
        byte[] page = utf8("<html><body>502 Bad Gateway</body></html>");

        assertThatThrownBy(() -> new WireParsers().parse(page))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("root element <html>, which is no known wire format");
        assertThatThrownBy(() -> new NitfParser().parse(page))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("root element <html> is not NITF");
    }

    @Test
    void doctypeWithoutEntitiesIsAllowed() {
        String xml = "<!DOCTYPE nitf PUBLIC \"-//IPTC//DTD NITF 3.6//EN\" \"" + base + "/nitf-3-6.dtd\">"
                + "<nitf><head><docdata><doc-id id-string=\"D1\"/></docdata></head><body/></nitf>";

        assertThat(new NitfParser().parse(utf8(xml)).items().get(0).guid()).isEqualTo("D1");
        assertThat(requests).isEmpty();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
