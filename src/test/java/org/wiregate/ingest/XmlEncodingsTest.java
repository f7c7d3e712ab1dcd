package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class XmlEncodingsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "utf8, UTF-8",
        "UTF8, UTF-8",
        "latin1, windows-1252",
        "latin-1, windows-1252",
        "ISO-8859-1, windows-1252",
        "iso_8859-1, windows-1252",
        "cp1256, windows-1256",
        "Windows1256, windows-1256",
        "arabic, ISO-8859-6",
        "cp1252, windows-1252",
        "windows-1252, windows-1252",
        "iso8859-6, ISO-8859-6"
    })
    void aliasInTheDeclarationBecomesTheRegisteredName(String alias, String registered) {
        String declared = "<?xml version=\"1.0\" encoding='" + alias + "' standalone=\"yes\"?>\n<rss/>";

        byte[] canonical = XmlEncodings.canonical(declared.getBytes(StandardCharsets.US_ASCII));

        assertThat(new String(canonical, StandardCharsets.US_ASCII))
                .isEqualTo("<?xml version=\"1.0\" encoding='" + registered + "' standalone=\"yes\"?>\n<rss/>");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss/>",
                "<?xml version=\"1.0\" encoding=\"no-such-charset\"?><rss/>",
                "<?xml version=\"1.0\"?><rss/>",
                "<rss/>",
                ""
            })
    void registeredUnknownOrAbsentNamesAreLeftAlone(String xml) {
        byte[] bytes = xml.getBytes(StandardCharsets.US_ASCII);

        assertThat(XmlEncodings.canonical(bytes)).isSameAs(bytes);
    }

    @Test
    void copyLabelledLatin1IsReadAsWindows1252AsBrowsersDo() throws Exception {
        // "Talks resume" – said the minister, in curly quotes and with an en dash, from a Windows system
        byte[] head = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><p>".getBytes(StandardCharsets.US_ASCII);
        byte[] text = {(byte) 0x93, 'T', 'a', 'l', 'k', 's', (byte) 0x94, ' ', (byte) 0x96, ' ', (byte) 0x80, '5'};
        byte[] tail = "</p>".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + text.length + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(text, 0, bytes, head.length, text.length);
        System.arraycopy(tail, 0, bytes, head.length + text.length, tail.length);

        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        String read = factory.newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(XmlEncodings.canonical(bytes)))
                .getDocumentElement()
                .getTextContent();

        assertThat(read).isEqualTo("\u201CTalks\u201D \u2013 \u20AC5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf8"})
    void aByteOrderMarkIsKept(String alias) {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] rest = ("<?xml version=\"1.0\" encoding=\"" + alias + "\"?><rss/>").getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[bom.length + rest.length];
        System.arraycopy(bom, 0, bytes, 0, bom.length);
        System.arraycopy(rest, 0, bytes, bom.length, rest.length);

        byte[] canonical = XmlEncodings.canonical(bytes);

        assertThat(new String(canonical, StandardCharsets.UTF_8))
                .isEqualTo("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss/>");
    }
}
