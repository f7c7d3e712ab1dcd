package org.wiregate.ingest;

import static org.wiregate.ingest.WireText.firstNonBlank;
import static org.wiregate.ingest.WireText.isAbsoluteHttp;
import static org.wiregate.ingest.XmlBodies.attr;
import static org.wiregate.ingest.XmlBodies.child;
import static org.wiregate.ingest.XmlBodies.children;
import static org.wiregate.ingest.XmlBodies.local;
import static org.wiregate.ingest.XmlBodies.path;
import static org.wiregate.ingest.XmlBodies.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;
import org.wiregate.article.Image;
import org.wiregate.article.RelatedLink;

/**
 * IPTC NewsML-G2: a {@code newsMessage} carrying several items, or one {@code newsItem}. Only text
 * items become {@link WireItem}s; pictures travel as separate items that a text item links to, so
 * they are read as that item's images; packages and unlinked pictures, video or graphics are
 * reported in {@link ParsedPayload#skipped()}.
 */
final class NewsMlG2Parser implements WireParser {

    private static final String WHAT = "NewsML-G2";

    @Override
    public ParsedPayload parse(byte[] payload) {
        Element root = HardenedXml.parse(payload, WHAT).getDocumentElement();
        XmlBodies.requireRoot(root, WHAT, "newsMessage", "newsItem", "packageItem", "knowledgeItem");
        List<Element> all = new ArrayList<>();
        if ("newsMessage".equals(local(root))) {
            for (Element set : children(root, "itemSet")) {
                all.addAll(children(set, null));
            }
        } else {
            all.add(root);
        }

        Map<String, Element> pictures = new LinkedHashMap<>();
        for (Element item : all) {
            if ("newsItem".equals(local(item)) && "picture".equals(itemClass(item))) {
                pictures.put(attr(item, "guid"), item);
            }
        }
        List<Element> associated = new ArrayList<>();
        List<WireItem> items = new ArrayList<>();
        for (Element item : all) {
            if ("newsItem".equals(local(item)) && "text".equals(itemClass(item))) {
                items.add(read(item, pictures, associated));
            }
        }
        List<String> skipped = new ArrayList<>();
        for (Element item : all) {
            String cls = itemClass(item);
            if ("newsItem".equals(local(item)) && "text".equals(cls) || associated.contains(item)) {
                continue;
            }
            String kind = "packageItem".equals(local(item)) ? "package" : cls == null ? local(item) : cls;
            skipped.add(local(item) + " "
                    + Optional.ofNullable(attr(item, "guid")).orElse("(no guid)") + ": not a text item (" + kind + ")");
        }
        return new ParsedPayload(WireFormat.NEWSML_G2, items, skipped);
    }

    private static WireItem read(Element item, Map<String, Element> pictures, List<Element> associated) {
        Element meta = child(item, "itemMeta");
        Element content = child(item, "contentMeta");

        String correction = null;
        for (Element signal : children(meta, "signal")) {
            if ("sig:correction".equals(attr(signal, "qcode"))) {
                correction = Optional.ofNullable(text(child(meta, "edNote"))).orElse("Corrected");
            }
        }

        List<Image> images = new ArrayList<>();
        List<RelatedLink> related = new ArrayList<>();
        for (Element link : children(meta, "link")) {
            Element picture = pictureFor(link, pictures);
            String href = attr(link, "href");
            if (picture != null) {
                associated.add(picture);
                image(picture).ifPresent(images::add);
            } else if (isAbsoluteHttp(href)
                    && String.valueOf(attr(link, "contenttype")).startsWith("image/")) {
                images.add(new Image(
                        href,
                        attr(link, "title"),
                        null,
                        attr(link, "contenttype"),
                        XmlBodies.size(attr(link, "width")),
                        XmlBodies.size(attr(link, "height"))));
            } else if (isAbsoluteHttp(href) && !"irel:previousVersion".equals(attr(link, "rel"))) {
                related.add(new RelatedLink(href, attr(link, "title")));
            }
        }

        List<WireCode> codes = new ArrayList<>();
        for (Element subject : children(content, "subject")) {
            codes.add(concept(isPlace(subject) ? WireCode.Kind.PLACE : WireCode.Kind.SUBJECT, subject));
        }
        for (Element genre : children(content, "genre")) {
            codes.add(concept(WireCode.Kind.GENRE, genre));
        }
        List<String> keywords = children(content, "keyword").stream()
                .map(XmlBodies::text)
                .filter(k -> k != null)
                .toList();

        Map<String, String> altIds = new LinkedHashMap<>();
        for (Element alt : children(content, "altId")) {
            String type = firstNonBlank(attr(alt, "type"), attr(alt, "role"));
            String value = text(alt);
            if (type != null && value != null) {
                altIds.put(type.endsWith("edition-group") ? "edition-group" : type, value);
            }
        }

        Element inline = child(child(item, "contentSet"), "inlineXML");
        // contentMeta's language, else xml:lang as XML inherits it: on the inline content or the
        // headline or any of their ancestors (contentSet, the item, itemSet, newsMessage).
        List<Element> headlines = children(content, "headline");
        String language = firstNonBlank(
                attr(child(content, "language"), "tag"),
                XmlBodies.inheritedLang(inline),
                XmlBodies.inheritedLang(headlines.isEmpty() ? item : headlines.get(0)));

        return new WireItem(
                WireFormat.NEWSML_G2,
                attr(item, "guid"),
                attr(item, "version"),
                XmlBodies.time(text(child(meta, "firstCreated")), "firstCreated"),
                XmlBodies.time(text(child(meta, "versionCreated")), "versionCreated"),
                pubStatus(meta),
                XmlBodies.integer(text(child(content, "urgency")), "urgency"),
                language,
                byRole(headlines, "hld:main"),
                byRole(children(content, "description"), "drol:summary"),
                body(child(item, "contentSet")),
                text(child(content, "by")),
                firstNonBlank(text(child(content, "dateline")), text(path(content, "located", "name"))),
                firstNonBlank(
                        partyName(path(item, "rightsInfo", "copyrightHolder")),
                        partyName(child(meta, "provider")),
                        text(child(content, "creditline"))),
                null,
                XmlBodies.time(text(child(meta, "embargoed")), "embargoed"),
                altIds,
                codes,
                keywords,
                images,
                related,
                text(child(content, "slugline")),
                correction);
    }

    /** The body from the first inline NITF or XHTML, else plain inline text as paragraphs. */
    private static String body(Element contentSet) {
        for (Element inline : children(contentSet, "inlineXML")) {
            String html = XmlBodies.inlineBody(inline);
            if (html != null) {
                return html;
            }
        }
        for (Element data : children(contentSet, "inlineData")) {
            String type = String.valueOf(attr(data, "contenttype"));
            if (type.contains("html")) {
                return WireText.firstNonBlank(data.getTextContent().trim());
            }
            return WireText.paragraphs(XmlBodies.lines(data));
        }
        return null;
    }

    private static String pubStatus(Element meta) {
        String qcode = attr(child(meta, "pubStatus"), "qcode");
        if (qcode == null) {
            return null;
        }
        return qcode.substring(qcode.indexOf(':') + 1).toLowerCase(Locale.ROOT);
    }

    private static String itemClass(Element item) {
        String qcode = attr(path(item, "itemMeta", "itemClass"), "qcode");
        return qcode == null ? null : qcode.substring(qcode.indexOf(':') + 1).toLowerCase(Locale.ROOT);
    }

    /** The picture item a link points at by guid ({@code residref}) or by one of its rendition URLs. */
    private static Element pictureFor(Element link, Map<String, Element> pictures) {
        String residref = attr(link, "residref");
        if (residref != null && pictures.containsKey(residref)) {
            return pictures.get(residref);
        }
        String href = attr(link, "href");
        for (Element picture : pictures.values()) {
            for (Element rendition : renditions(picture)) {
                if (href != null && href.equals(attr(rendition, "href"))) {
                    return picture;
                }
            }
        }
        return null;
    }

    private static List<Element> renditions(Element picture) {
        return children(child(picture, "contentSet"), "remoteContent");
    }

    /** The high-resolution or original rendition when named so, else the widest with an absolute URL. */
    private static Optional<Image> image(Element picture) {
        Element content = child(picture, "contentMeta");
        List<Element> usable = renditions(picture).stream()
                .filter(r -> isAbsoluteHttp(attr(r, "href")))
                .toList();
        Optional<Element> best = usable.stream()
                .filter(r -> {
                    String rendition = String.valueOf(attr(r, "rendition")).toLowerCase(Locale.ROOT);
                    rendition = rendition.substring(rendition.indexOf(':') + 1);
                    return List.of("highres", "baseimage", "original", "main").contains(rendition);
                })
                .findFirst()
                .or(() -> usable.stream().max(Comparator.comparingInt(r -> XmlBodies.size(attr(r, "width")))));
        return best.map(r -> new Image(
                attr(r, "href"),
                firstNonBlank(
                        byRole(children(content, "description"), "drol:caption"), text(child(content, "headline"))),
                firstNonBlank(
                        text(child(content, "creditline")),
                        text(child(content, "by")),
                        partyName(path(picture, "rightsInfo", "copyrightHolder"))),
                attr(r, "contenttype"),
                XmlBodies.size(attr(r, "width")),
                XmlBodies.size(attr(r, "height"))));
    }

    /** The value with the role, else one without a role, else the first: agencies often omit roles. */
    private static String byRole(List<Element> values, String role) {
        Element unroled = null;
        for (Element v : values) {
            String r = attr(v, "role");
            if (role.equals(r)) {
                return text(v);
            }
            if (r == null && unroled == null) {
                unroled = v;
            }
        }
        return text(unroled != null ? unroled : values.isEmpty() ? null : values.get(0));
    }

    private static boolean isPlace(Element subject) {
        String qcode = String.valueOf(attr(subject, "qcode"));
        return "cpnat:geoArea".equals(attr(subject, "type"))
                || qcode.startsWith("iso3166")
                || qcode.startsWith("cntry:");
    }

    /** A QCode such as {@code medtop:11000000} or a concept URI, split as {@link WireCode#fromUri} does. */
    private static WireCode concept(WireCode.Kind kind, Element concept) {
        return WireCode.fromUri(
                kind, firstNonBlank(attr(concept, "qcode"), attr(concept, "uri")), text(child(concept, "name")));
    }

    /** A party's name, else its literal, else the code of its QCode ({@code nprov:REUTERS} is REUTERS). */
    private static String partyName(Element party) {
        if (party == null) {
            return null;
        }
        String qcode = attr(party, "qcode");
        return firstNonBlank(
                text(child(party, "name")),
                attr(party, "literal"),
                qcode == null ? null : qcode.substring(qcode.indexOf(':') + 1));
    }
}
