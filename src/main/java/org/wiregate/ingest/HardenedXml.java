package org.wiregate.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentType;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;

/**
 * XML readers that never fetch external DTDs or entities and never expand entity declarations:
 * agency XML is untrusted (XXE, billion laughs). Camel's own XML converter does not set these.
 */
final class HardenedXml {

    /** Deeper than any real wire item (NewsML-G2 rarely passes 15); deeper copy is an attack or a bug. */
    static final int MAX_DEPTH = 256;

    /** Elements in one document: a NewsML-G2 message of 200 items stays under 60,000. */
    static final int MAX_ELEMENTS = 100_000;

    /** Attributes on one element: IPTC elements carry a handful; thousands make the parser's duplicate check the attack. */
    static final int MAX_ATTRIBUTES = 256;

    /** Characters of text and attribute values in one document (a 20 MB payload of Arabic is 10 million). */
    static final int MAX_CHARACTERS = 10_000_000;

    /** How often (in stream events) the scan looks whether its thread was told to stop. */
    private static final int INTERRUPT_CHECK_EVERY = 4096;

    /** What a format does with a DOCTYPE: NITF carries one (never read), feeds never need one. */
    enum Doctype {
        ALLOWED_WITHOUT_ENTITIES,
        REFUSED
    }

    private HardenedXml() {}

    static XMLInputFactory streamFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return factory;
    }

    /**
     * A DOM builder for untrusted XML. A DOCTYPE is allowed, because NITF carries one, but its
     * external DTD is never loaded and any entity it names resolves to nothing; entity
     * declarations themselves are refused by {@link #parse} before the DOM parser runs.
     */
    static DocumentBuilder documentBuilder() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        try {
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setValidating(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // Nothing is ever fetched: whatever the document points at reads as empty.
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // warnings (an unread DTD, say) do not make copy unreadable
                }

                @Override
                public void error(SAXParseException e) {
                    // validity errors: the parser does not validate, and wire copy is read leniently
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser refuses the hardening settings", e);
        }
    }

    /**
     * Checks the document against the limits with a streaming pass ({@link #scan}) and then reads
     * it into a DOM. An encoding declared by a common alias ({@code utf8}, {@code cp1256}) is read
     * as the charset it names ({@link XmlEncodings}).
     *
     * @param what the format, for messages ("NITF")
     * @throws WireFormatException with line and column when the XML is malformed
     */
    static Document parse(byte[] payload, String what) {
        payload = XmlEncodings.canonical(payload);
        scan(payload, what, Doctype.ALLOWED_WITHOUT_ENTITIES);
        try {
            Document document = documentBuilder().parse(new ByteArrayInputStream(payload));
            DocumentType doctype = document.getDoctype();
            if (doctype != null
                    && doctype.getEntities() != null
                    && doctype.getEntities().getLength() > 0) {
                throw entities(what);
            }
            return document;
        } catch (SAXParseException e) {
            throw new WireFormatException(
                    what + " is not well-formed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                            + ": " + e.getMessage(),
                    e);
        } catch (SAXException | IOException e) {
            throw new WireFormatException(what + " is unreadable XML: " + e.getMessage(), e);
        }
    }

    /**
     * The one set of limits every XML format is held to, checked by a streaming pass before any
     * tree is built (Rome's or the DOM's): at most {@value #MAX_DEPTH} elements deep,
     * {@value #MAX_ELEMENTS} elements, {@value #MAX_ATTRIBUTES} attributes on an element and
     * {@value #MAX_CHARACTERS} characters of text; no entity declarations (so no entity expansion
     * at all), and for feeds no DOCTYPE. The stream reader keeps no tree, so a hostile document
     * fails in milliseconds, and the pass stops when its thread is interrupted (a parse over its
     * time budget).
     *
     * @param what the format, for messages ("NITF", "RSS")
     * @throws WireFormatException naming the format, the limit and the line
     */
    static void scan(byte[] payload, String what, Doctype doctype) {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> new ByteArrayInputStream(new byte[0]));
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(payload));
            int depth = 0;
            int elements = 0;
            long characters = 0;
            int events = 0;
            while (reader.hasNext()) {
                int event = reader.next();
                if (++events % INTERRUPT_CHECK_EVERY == 0
                        && Thread.currentThread().isInterrupted()) {
                    throw new WireFormatException(
                            what + " document: reading stopped at line " + line(reader) + " (the parse was cancelled)");
                }
                switch (event) {
                    case XMLStreamConstants.DTD -> {
                        if (doctype == Doctype.REFUSED) {
                            throw new WireFormatException(what + " document carries a DOCTYPE (line "
                                    + lineOf(payload, "<!DOCTYPE")
                                    + "), which feeds never need; refused (entity expansion and external entities"
                                    + " are attack vectors)");
                        }
                        String dtd = reader.getText();
                        if (dtd != null && dtd.contains("<!ENTITY") || declaresEntities(payload)) {
                            throw entities(what);
                        }
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++depth > MAX_DEPTH) {
                            throw limit(what, "nests deeper than " + MAX_DEPTH + " elements", reader);
                        }
                        if (++elements > MAX_ELEMENTS) {
                            throw limit(what, "has more than " + MAX_ELEMENTS + " elements", reader);
                        }
                        int attributes = reader.getAttributeCount();
                        if (attributes > MAX_ATTRIBUTES) {
                            throw limit(
                                    what, "has an element with more than " + MAX_ATTRIBUTES + " attributes", reader);
                        }
                        for (int i = 0; i < attributes; i++) {
                            characters += reader.getAttributeValue(i).length();
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> depth--;
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        characters += reader.getTextLength();
                    default -> {
                        // comments, processing instructions, the document's start and end
                    }
                }
                if (characters > MAX_CHARACTERS) {
                    throw limit(what, "holds more than " + MAX_CHARACTERS + " characters of text", reader);
                }
            }
        } catch (XMLStreamException e) {
            throw new WireFormatException(what + " is not well-formed XML at " + position(e) + ": " + reason(e), e);
        } finally {
            close(reader);
        }
    }

    private static WireFormatException limit(String what, String exceeded, XMLStreamReader reader) {
        return new WireFormatException(what + " document " + exceeded + " (line " + line(reader) + ")");
    }

    /** The line a marker starts on (the stream reader reports a DTD where it ends). */
    private static int lineOf(byte[] payload, String marker) {
        int line = 1;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == '\n') {
                line++;
            } else if (payload[i] == marker.charAt(0) && startsWith(payload, i, marker)) {
                return line;
            }
        }
        return line;
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

    private static int line(XMLStreamReader reader) {
        return reader.getLocation().getLineNumber();
    }

    /**
     * Whether the internal DTD subset declares any entity, general or parameter. The stream reader's
     * DTD text cannot be trusted for this (the JDK one garbles a subset holding a parameter entity),
     * so a SAX pass reads the declarations, fetching nothing, and stops at the end of the DTD.
     */
    private static boolean declaresEntities(byte[] payload) {
        final class Found extends SAXException {
            private static final long serialVersionUID = 1L;
        }
        final class DtdRead extends SAXException {
            private static final long serialVersionUID = 1L;
        }
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setXIncludeAware(false);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            reader.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            DefaultHandler2 handler = new DefaultHandler2() {
                @Override
                public void internalEntityDecl(String name, String value) throws SAXException {
                    throw new Found();
                }

                @Override
                public void externalEntityDecl(String name, String publicId, String systemId) throws SAXException {
                    throw new Found();
                }

                @Override
                public void unparsedEntityDecl(String name, String publicId, String systemId, String notation)
                        throws SAXException {
                    throw new Found();
                }

                @Override
                public void endDTD() throws SAXException {
                    throw new DtdRead();
                }

                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes)
                        throws SAXException {
                    throw new DtdRead();
                }
            };
            reader.setProperty("http://xml.org/sax/properties/declaration-handler", handler);
            reader.setProperty("http://xml.org/sax/properties/lexical-handler", handler);
            reader.setContentHandler(handler);
            reader.setDTDHandler(handler);
            reader.parse(new InputSource(new ByteArrayInputStream(payload)));
            return false;
        } catch (Found e) {
            return true;
        } catch (SAXException | IOException e) {
            return false; // the DTD was read without a declaration, or the stream pass reports what is wrong
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser refuses the hardening settings", e);
        }
    }

    private static WireFormatException entities(String what) {
        return new WireFormatException(what + " declares XML entities, which wire copy never needs;"
                + " refused (entity expansion and external entities are attack vectors)");
    }

    private static String position(XMLStreamException e) {
        Location at = e.getLocation();
        if (at == null) {
            return "an unknown position";
        }
        return "line " + at.getLineNumber() + ", column " + at.getColumnNumber();
    }

    /** The parser's own words without the "ParseError at [row,col]" prefix the JDK adds. */
    private static String reason(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int cut = message.indexOf("Message: ");
        return (cut >= 0 ? message.substring(cut + "Message: ".length()) : message).trim();
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing was held open but the byte array
            }
        }
    }
}
