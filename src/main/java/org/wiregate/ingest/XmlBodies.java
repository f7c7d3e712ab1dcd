package org.wiregate.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What the NewsML-G2, NewsML 1.2 and NITF parsers share: DOM look-ups by local name (agencies
 * disagree on namespaces, and some send none), NITF and XHTML bodies turned into plain HTML
 * without namespaces, and the compact ISO 8601 times NewsML 1.2 and NITF use.
 */
final class XmlBodies {

    /** Elements kept as they are; anything else is unwrapped (its text stays) unless dropped. */
    private static final Set<String> KEPT = Set.of(
            "p",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "ul",
            "ol",
            "li",
            "a",
            "em",
            "strong",
            "b",
            "i",
            "br",
            "q",
            "sub",
            "sup",
            "pre",
            "code",
            "table",
            "thead",
            "tbody",
            "tr",
            "td",
            "th",
            "caption",
            "dl",
            "dt",
            "dd");
    /** NITF names for HTML ones. */
    private static final Map<String, String> RENAMED = Map.of("hl2", "h2", "bq", "blockquote", "hl1", "h2");
    /** Not body text: pictures are read as images, scripts never reach readers. */
    private static final Set<String> DROPPED = Set.of(
            "media",
            "script",
            "style",
            "object",
            "iframe",
            "img",
            "figure",
            "video",
            "audio",
            "noscript",
            "head",
            "credit");

    private static final Set<String> VOID = Set.of("br");
    private static final Pattern AROUND_BLOCKS = Pattern.compile(
            "\\s*(</?(?:p|h[1-6]|blockquote|ul|ol|li|table|thead|tbody|tr|td|th|caption|dl|dt|dd|pre)(?:\\s[^>]*)?>)\\s*");

    private XmlBodies() {}

    // ------------------------------------------------------------------ DOM look-ups

    /** Refuses a document of another kind handed to a format's parser, rather than reading it as empty. */
    static void requireRoot(Element root, String what, String... localNames) {
        if (!List.of(localNames).contains(local(root))) {
            throw new WireFormatException("XML with root element <" + local(root) + "> is not " + what + " (expected <"
                    + String.join(">, <", localNames) + ">)");
        }
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (localName == null || localName.equals(local(e)))) {
                found.add(e);
            }
        }
        return found;
    }

    static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Follows a path of child names: {@code path(item, "itemMeta", "pubStatus")}. */
    static Element path(Element from, String... localNames) {
        Element at = from;
        for (String name : localNames) {
            at = child(at, name);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    /** Descendants with the local name, in document order. */
    static List<Element> descendants(Element root, String localName) {
        List<Element> found = new ArrayList<>();
        if (root == null) {
            return found;
        }
        NodeList all = root.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < all.getLength(); i++) {
            found.add((Element) all.item(i));
        }
        return found;
    }

    static String local(Node node) {
        return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
    }

    /** The attribute by local name whatever its namespace, or null when absent or blank. */
    static String attr(Element element, String localName) {
        if (element == null) {
            return null;
        }
        String value = element.getAttribute(localName);
        if (value.isBlank()) {
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Node a = attributes.item(i);
                if (localName.equals(local(a)) && !a.getNodeValue().isBlank()) {
                    return a.getNodeValue().trim();
                }
            }
            return null;
        }
        return value.trim();
    }

    static String xmlLang(Element element) {
        if (element == null) {
            return null;
        }
        String lang = element.getAttributeNS(XMLConstants.XML_NS_URI, "lang");
        return lang.isBlank() ? null : lang.trim();
    }

    /**
     * The language an element is in: its own {@code xml:lang}, else the nearest ancestor's, as XML
     * defines it (agencies put it on the root, the item, the content or the headline).
     */
    static String inheritedLang(Element element) {
        for (Node at = element; at instanceof Element e; at = e.getParentNode()) {
            String lang = xmlLang(e);
            if (lang != null) {
                return lang;
            }
        }
        return null;
    }

    /** Text content with runs of white space (pretty-printing) made single spaces, or null when blank. */
    static String text(Element element) {
        if (element == null) {
            return null;
        }
        String text = element.getTextContent().replaceAll("\\s+", " ").trim();
        return text.isEmpty() ? null : text;
    }

    /** Lines of text content, each trimmed, for plain-text bodies. */
    static String lines(Element element) {
        if (element == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String line : element.getTextContent().split("\\R")) {
            if (!line.isBlank()) {
                out.append(line.trim()).append('\n');
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    static Integer integer(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new WireFormatException(field + " is not a number: \"" + value.trim() + "\"");
        }
    }

    static int size(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0; // an unreadable picture size is "unknown", not a reason to refuse the story
        }
    }

    // ------------------------------------------------------------------ times

    /**
     * Reads the compact ISO 8601 form of NewsML 1.2 and NITF ({@code 20261127T101500Z},
     * {@code 20261127T101500+0300}, {@code 20261127}) or the extended form; no offset means UTC
     * ({@link WireTimes#parseIso} reads both).
     */
    static Instant time(String text, String field) {
        return WireTimes.parseIso(text, field);
    }

    // ------------------------------------------------------------------ bodies

    /**
     * The children of a NITF {@code body.content}, an XHTML {@code body} or a NewsML 1.2
     * {@code DataContent} as HTML: NITF names become HTML ones ({@code hl2} is {@code h2},
     * {@code bq} is {@code blockquote}), wrappers such as {@code block} are unwrapped, media is
     * dropped, links keep only {@code href}. The sanitiser still cleans the result.
     */
    static String html(Element container) {
        if (container == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (Node n = container.getFirstChild(); n != null; n = n.getNextSibling()) {
            write(n, out);
        }
        String html = AROUND_BLOCKS.matcher(out.toString()).replaceAll("$1").trim();
        return html.isEmpty() ? null : html;
    }

    private static void write(Node node, StringBuilder out) {
        switch (node.getNodeType()) {
            case Node.TEXT_NODE, Node.CDATA_SECTION_NODE ->
                out.append(escape(node.getNodeValue().replaceAll("\\s+", " "), false));
            case Node.ELEMENT_NODE -> {
                Element element = (Element) node;
                String name = local(element).toLowerCase(Locale.ROOT);
                if (DROPPED.contains(name)) {
                    return;
                }
                name = RENAMED.getOrDefault(name, name);
                if (!KEPT.contains(name)) {
                    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
                        write(n, out);
                    }
                    return;
                }
                out.append('<').append(name);
                String href = attr(element, "href");
                if ("a".equals(name) && href != null) {
                    out.append(" href=\"").append(escape(href, true)).append('"');
                }
                out.append('>');
                if (VOID.contains(name)) {
                    return;
                }
                for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
                    write(n, out);
                }
                out.append("</").append(name).append('>');
            }
            default -> {
                // comments, processing instructions and unexpanded entity references carry no copy
            }
        }
    }

    /** Escapes only what HTML requires, so copy stays readable (no {@code &apos;} for every apostrophe). */
    private static String escape(String text, boolean attribute) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The body of an inline NITF document, or of an XHTML one, found under {@code holder}. */
    static String inlineBody(Element holder) {
        for (Element e : children(holder, null)) {
            String name = local(e);
            if ("nitf".equals(name)) {
                return html(path(e, "body", "body.content"));
            }
            if ("html".equals(name)) {
                return html(child(e, "body"));
            }
            if ("body".equals(name)) {
                return html(e);
            }
        }
        return null;
    }
}
