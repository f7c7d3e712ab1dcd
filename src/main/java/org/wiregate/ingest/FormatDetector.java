package org.wiregate.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.util.Locale;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Tells the wire format from the bytes themselves; file names and extensions are not trusted. */
final class FormatDetector {

    private static final String ATOM_NS = "http://www.w3.org/2005/Atom";

    WireFormat detect(byte[] payload) {
        int first = firstSignificantByte(payload);
        if (first < 0) {
            throw new WireFormatException("the file is empty");
        }
        if (hasUtf16ByteOrderMark(payload)) {
            return detectXml(payload); // only XML declares UTF-16 this way; the XML reader decodes it
        }
        byte b = payload[first];
        if (b == 0x01 || startsWith(payload, first, "ZCZC") || isAnpaSynchronisation(payload, first)) {
            return WireFormat.IPTC_7901;
        }
        if (b == '{' || b == '[') {
            return detectJson(payload);
        }
        if (b == '<') {
            return detectXml(payload);
        }
        throw new WireFormatException(
                "neither JSON nor XML nor IPTC 7901 (starts with " + describe(payload, first) + ")");
    }

    private WireFormat detectJson(byte[] payload) {
        JsonNode root = WireJson.readTree(payload);
        if (root.path("version").asText("").startsWith("https://jsonfeed.org/version/")) {
            return WireFormat.JSON_FEED;
        }
        if (root.has("headlines") || root.has("bodies") || root.has("descriptions")) {
            return WireFormat.NINJS_2;
        }
        if (root.has("headline") || root.has("body_html") || root.has("body_text") || root.has("uri")) {
            return WireFormat.NINJS_1;
        }
        throw new WireFormatException("JSON but neither ninjs (no uri, headline or headlines) nor JSON Feed");
    }

    private WireFormat detectXml(byte[] payload) {
        try {
            XMLStreamReader reader = HardenedXml.streamFactory()
                    .createXMLStreamReader(new ByteArrayInputStream(XmlEncodings.canonical(payload)));
            try {
                while (reader.hasNext()) {
                    if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                        return byRootElement(reader.getLocalName(), reader.getNamespaceURI());
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new WireFormatException("not well-formed XML: " + e.getMessage(), e);
        }
        throw new WireFormatException("XML without a root element");
    }

    private static WireFormat byRootElement(String local, String namespace) {
        String name = local.toLowerCase(Locale.ROOT);
        return switch (name) {
            case "rss", "rdf" -> WireFormat.RSS;
            case "feed" -> {
                if (!ATOM_NS.equals(namespace)) {
                    throw new WireFormatException("<feed> root element outside the Atom namespace (" + namespace + ")");
                }
                yield WireFormat.ATOM;
            }
            case "newsmessage", "newsitem", "packageitem", "knowledgeitem" -> WireFormat.NEWSML_G2;
            case "newsml" -> WireFormat.NEWSML_1;
            case "nitf" -> WireFormat.NITF;
            default ->
                throw new WireFormatException("XML with root element <" + local + ">, which is no known wire format");
        };
    }

    /** ANPA 1312 transmissions open with SYN characters (0x16) before the SOH of the first message. */
    private static boolean isAnpaSynchronisation(byte[] payload, int from) {
        int i = from;
        while (i < payload.length && payload[i] == 0x16) {
            i++;
        }
        return i > from && i < payload.length && payload[i] == 0x01;
    }

    private static boolean hasUtf16ByteOrderMark(byte[] payload) {
        return payload.length >= 2
                && (((payload[0] & 0xff) == 0xFE && (payload[1] & 0xff) == 0xFF)
                        || ((payload[0] & 0xff) == 0xFF && (payload[1] & 0xff) == 0xFE));
    }

    private static int firstSignificantByte(byte[] payload) {
        int i = 0;
        if (payload.length >= 3
                && (payload[0] & 0xff) == 0xEF
                && (payload[1] & 0xff) == 0xBB
                && (payload[2] & 0xff) == 0xBF) {
            i = 3; // UTF-8 byte order mark
        }
        for (; i < payload.length; i++) {
            byte b = payload[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] payload, int from, String ascii) {
        if (payload.length - from < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (payload[from + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(byte[] payload, int from) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = from; i < Math.min(payload.length, from + 16); i++) {
            int c = payload[i] & 0xff;
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return out.append('"').toString();
    }
}
