package org.wiregate.ingest;

import static org.wiregate.ingest.WireText.firstNonBlank;
import static org.wiregate.ingest.WireText.isAbsoluteHttp;
import static org.wiregate.ingest.XmlBodies.attr;
import static org.wiregate.ingest.XmlBodies.child;
import static org.wiregate.ingest.XmlBodies.children;
import static org.wiregate.ingest.XmlBodies.local;
import static org.wiregate.ingest.XmlBodies.path;
import static org.wiregate.ingest.XmlBodies.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Element;
import org.wiregate.article.Image;

/**
 * IPTC NewsML 1.2, as AFP and ANA still send it: each {@code NewsItem} is one story. Its
 * metadata and text sit in a tree of {@code NewsComponent}s; components holding a photo
 * {@code ContentItem} are read as the story's images, never as its text.
 */
final class NewsMl1Parser implements WireParser {

    private static final String WHAT = "NewsML 1.2";

    @Override
    public ParsedPayload parse(byte[] payload) {
        Element root = HardenedXml.parse(payload, WHAT).getDocumentElement();
        XmlBodies.requireRoot(root, WHAT, "NewsML");
        List<WireItem> items = new ArrayList<>();
        for (Element item : children(root, "NewsItem")) {
            items.add(read(item));
        }
        return new ParsedPayload(WireFormat.NEWSML_1, items);
    }

    /**
     * The item's identity without its revision, so every revision of one item has one guid. All three
     * parts are required by NewsML 1.2; without one there is no guid (the item is then refused), never
     * "urn:newsml:null:…", which could make two providers' items one.
     */
    private static String guid(Element id) {
        String provider = text(child(id, "ProviderId"));
        String date = text(child(id, "DateId"));
        String itemId = text(child(id, "NewsItemId"));
        if (provider == null
                || provider.isBlank()
                || date == null
                || date.isBlank()
                || itemId == null
                || itemId.isBlank()) {
            return null;
        }
        return "urn:newsml:" + provider.trim() + ":" + date.trim() + ":" + itemId.trim();
    }

    private static WireItem read(Element item) {
        Element id = path(item, "Identification", "NewsIdentifier");
        String guid = id == null ? null : guid(id);
        Element management = child(item, "NewsManagement");

        Element top = child(item, "NewsComponent");
        List<Element> textual = new ArrayList<>();
        List<Element> photos = new ArrayList<>();
        collect(top, textual, photos);

        Element lines = first(textual, "NewsLines");
        Element descriptive = first(textual, "DescriptiveMetadata");

        String status = formalName(child(management, "Status"));
        Instant embargo = null;
        String pubStatus = status == null ? null : status.toLowerCase(Locale.ROOT);
        if ("embargoed".equals(pubStatus)) {
            embargo = XmlBodies.time(text(path(management, "StatusWillChange", "DateAndTime")), "StatusWillChange");
            // Embargoed copy is usable once the embargo lifts; with no lifting time it must wait.
            pubStatus = embargo != null ? "usable" : "withheld";
        }

        List<WireCode> codes = new ArrayList<>();
        Map<String, String> altIds = new LinkedHashMap<>();
        if (descriptive != null) {
            for (Element code : children(descriptive, "SubjectCode")) {
                for (Element subject : children(code, null)) {
                    String formal = formalName(subject);
                    if (formal != null && local(subject).startsWith("Subject")) {
                        codes.add(new WireCode(WireCode.Kind.SUBJECT, "subj:", formal, null));
                    }
                }
            }
            for (Element genre : children(descriptive, "Genre")) {
                codes.add(new WireCode(WireCode.Kind.GENRE, "genre:", formalName(genre), null));
            }
            for (Element location : children(descriptive, "Location")) {
                for (Element property : children(location, "Property")) {
                    if ("Country".equalsIgnoreCase(formalName(property)) && attr(property, "Value") != null) {
                        codes.add(new WireCode(WireCode.Kind.PLACE, "iso3166-1a2:", attr(property, "Value"), null));
                    }
                }
            }
            for (Element property : children(descriptive, "Property")) {
                String name = formalName(property);
                if (name != null && name.endsWith("edition-group") && attr(property, "Value") != null) {
                    altIds.put("edition-group", attr(property, "Value"));
                }
            }
        }

        List<String> keywords = lines == null
                ? List.of()
                : children(lines, "KeywordLine").stream()
                        .map(XmlBodies::text)
                        .filter(k -> k != null)
                        .toList();
        Instant revised = XmlBodies.time(text(child(management, "ThisRevisionCreated")), "ThisRevisionCreated");
        Instant created = XmlBodies.time(text(child(management, "FirstCreated")), "FirstCreated");

        return new WireItem(
                WireFormat.NEWSML_1,
                guid,
                text(child(id, "RevisionId")),
                created != null ? created : revised,
                revised != null ? revised : created,
                pubStatus,
                XmlBodies.integer(formalName(child(management, "Urgency")), "Urgency"),
                firstNonBlank(
                        formalName(child(descriptive, "Language")), XmlBodies.inheritedLang(top != null ? top : item)),
                text(child(lines, "HeadLine")),
                text(child(lines, "SubHeadLine")),
                body(textual),
                text(child(lines, "ByLine")),
                text(child(lines, "DateLine")),
                firstNonBlank(
                        formalName(path(first(textual, "AdministrativeMetadata"), "Provider", "Party")),
                        text(child(lines, "CreditLine"))),
                null,
                embargo,
                altIds,
                codes,
                keywords,
                images(photos),
                List.of(),
                text(child(lines, "SlugLine")),
                null);
    }

    /** Splits the component tree into components holding text and metadata, and photo components. */
    private static void collect(Element component, List<Element> textual, List<Element> photos) {
        if (component == null) {
            return;
        }
        if (children(component, "ContentItem").stream().anyMatch(NewsMl1Parser::isPhoto)) {
            photos.add(component);
            return;
        }
        textual.add(component);
        for (Element nested : children(component, "NewsComponent")) {
            collect(nested, textual, photos);
        }
    }

    /** The first such child of the text components, outermost first. */
    private static Element first(List<Element> components, String localName) {
        for (Element component : components) {
            Element found = child(component, localName);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String body(List<Element> textual) {
        for (Element component : textual) {
            for (Element content : children(component, "ContentItem")) {
                Element data = child(content, "DataContent");
                if (data == null || !"text".equalsIgnoreCase(formalName(child(content, "MediaType")))) {
                    continue;
                }
                String html = XmlBodies.inlineBody(data);
                if (html == null && child(data, null) != null) {
                    html = XmlBodies.html(data); // paragraphs straight in DataContent
                }
                if (html == null) {
                    html = WireText.paragraphs(XmlBodies.lines(data));
                }
                if (html != null) {
                    return html;
                }
            }
        }
        return null;
    }

    private static List<Image> images(List<Element> photos) {
        List<Image> images = new ArrayList<>();
        for (Element component : photos) {
            Element lines = child(component, "NewsLines");
            for (Element content : children(component, "ContentItem")) {
                String href = attr(content, "Href");
                if (!isPhoto(content) || !isAbsoluteHttp(href)) {
                    continue;
                }
                int width = 0;
                int height = 0;
                for (Element property : children(child(content, "Characteristics"), "Property")) {
                    if ("Width".equalsIgnoreCase(formalName(property))) {
                        width = XmlBodies.size(attr(property, "Value"));
                    } else if ("Height".equalsIgnoreCase(formalName(property))) {
                        height = XmlBodies.size(attr(property, "Value"));
                    }
                }
                images.add(new Image(
                        href,
                        caption(component, lines),
                        firstNonBlank(text(child(lines, "CreditLine")), text(child(lines, "ByLine"))),
                        formalName(child(content, "MimeType")),
                        width,
                        height));
            }
        }
        return images;
    }

    /** A caption NewsLine, else the component's text ContentItem, else its headline. */
    private static String caption(Element component, Element lines) {
        for (Element line : children(lines, "NewsLine")) {
            if ("caption".equalsIgnoreCase(formalName(child(line, "NewsLineType")))) {
                return text(child(line, "NewsLineText"));
            }
        }
        for (Element content : children(component, "ContentItem")) {
            if ("text".equalsIgnoreCase(formalName(child(content, "MediaType")))) {
                String caption = text(child(content, "DataContent"));
                if (caption != null) {
                    return caption;
                }
            }
        }
        return text(child(lines, "HeadLine"));
    }

    private static boolean isPhoto(Element contentItem) {
        String media =
                String.valueOf(formalName(child(contentItem, "MediaType"))).toLowerCase(Locale.ROOT);
        String mime = String.valueOf(formalName(child(contentItem, "MimeType")));
        return media.equals("photo") || media.equals("image") || media.equals("graphic") || mime.startsWith("image/");
    }

    private static String formalName(Element element) {
        return attr(element, "FormalName");
    }
}
