package org.wiregate.ingest;

import static org.wiregate.ingest.WireText.firstNonBlank;
import static org.wiregate.ingest.WireText.isAbsoluteHttp;
import static org.wiregate.ingest.XmlBodies.attr;
import static org.wiregate.ingest.XmlBodies.child;
import static org.wiregate.ingest.XmlBodies.children;
import static org.wiregate.ingest.XmlBodies.descendants;
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
 * IPTC NITF 3.x, one story per document, as EFE and QNA send it. The DOCTYPE NITF carries is
 * accepted but its DTD never read; body block elements become HTML and {@code media} blocks
 * become the story's images.
 */
final class NitfParser implements WireParser {

    private static final String WHAT = "NITF";

    @Override
    public ParsedPayload parse(byte[] payload) {
        Element nitf = HardenedXml.parse(payload, WHAT).getDocumentElement();
        XmlBodies.requireRoot(nitf, WHAT, "nitf");
        Element head = child(nitf, "head");
        Element docdata = child(head, "docdata");
        Element body = child(nitf, "body");
        Element bodyHead = child(body, "body.head");
        Element content = child(body, "body.content");

        Instant issued = XmlBodies.time(attr(child(docdata, "date.issue"), "norm"), "date.issue");
        Instant release = XmlBodies.time(attr(child(docdata, "date.release"), "norm"), "date.release");
        Instant embargo = release != null && (issued == null || release.isAfter(issued)) ? release : null;

        String status = attr(docdata, "management-status");
        String pubStatus = status == null ? null : status.toLowerCase(Locale.ROOT);
        if ("embargoed".equals(pubStatus)) {
            // Embargoed copy is usable once the embargo lifts; with no release time it must wait.
            pubStatus = embargo != null ? "usable" : "withheld";
        }

        List<WireCode> codes = new ArrayList<>();
        for (Element tobject : children(head, "tobject")) {
            for (Element subject : children(tobject, "tobject.subject")) {
                String refnum = attr(subject, "tobject.subject.refnum");
                if (refnum != null) {
                    codes.add(new WireCode(
                            WireCode.Kind.SUBJECT,
                            "subj:",
                            refnum,
                            firstNonBlank(
                                    attr(subject, "tobject.subject.matter"), attr(subject, "tobject.subject.type"))));
                }
            }
            String genre = attr(tobject, "tobject.type");
            if (genre != null) {
                codes.add(new WireCode(WireCode.Kind.GENRE, "genre:", genre, null));
            }
        }
        for (Element evloc : children(docdata, "evloc")) {
            if (attr(evloc, "iso-cc") != null) {
                codes.add(new WireCode(
                        WireCode.Kind.PLACE,
                        "iso3166-1a2:",
                        attr(evloc, "iso-cc"),
                        firstNonBlank(attr(evloc, "city"), attr(evloc, "state-prov"))));
            }
        }
        List<String> keywords = new ArrayList<>();
        for (Element keyword : children(child(docdata, "key-list"), "keyword")) {
            if (attr(keyword, "key") != null) {
                keywords.add(attr(keyword, "key"));
            }
        }

        Map<String, String> altIds = new LinkedHashMap<>();
        Element hedline = child(bodyHead, "hedline");
        // xml:lang as XML inherits it, to the headline (from hl1 up to nitf) or to the body text,
        // then NITF's own baselang on <nitf>, then a language meta.
        Element headline = child(hedline, "hl1");
        String language = firstNonBlank(
                XmlBodies.inheritedLang(headline),
                XmlBodies.inheritedLang(content),
                XmlBodies.xmlLang(nitf),
                attr(nitf, "baselang"));
        for (Element meta : children(head, "meta")) {
            String name = String.valueOf(attr(meta, "name")).toLowerCase(Locale.ROOT);
            if (name.endsWith("edition-group") && attr(meta, "content") != null) {
                altIds.put("edition-group", attr(meta, "content"));
            } else if ((name.equals("language") || name.equals("dc.language")) && language == null) {
                language = attr(meta, "content");
            }
        }

        Element dateline = child(bodyHead, "dateline");
        Element correction = child(docdata, "correction");
        Element copyright = child(docdata, "doc.copyright");

        WireItem item = new WireItem(
                WireFormat.NITF,
                attr(child(docdata, "doc-id"), "id-string"),
                attr(child(docdata, "du-key"), "version"),
                issued,
                issued,
                pubStatus,
                XmlBodies.integer(attr(child(docdata, "urgency"), "ed-urg"), "urgency"),
                language,
                text(headline),
                firstNonBlank(text(child(hedline, "hl2")), text(child(bodyHead, "abstract"))),
                XmlBodies.html(content),
                text(child(bodyHead, "byline")),
                firstNonBlank(text(child(dateline, "location")), text(dateline)),
                firstNonBlank(
                        attr(copyright, "holder"),
                        attr(child(docdata, "doc.rights"), "provider"),
                        text(child(bodyHead, "distributor"))),
                null,
                embargo,
                altIds,
                codes,
                keywords,
                images(content),
                List.of(),
                attr(child(docdata, "du-key"), "key"),
                correction == null ? null : firstNonBlank(attr(correction, "info"), "Corrected"));
        return new ParsedPayload(WireFormat.NITF, List.of(item));
    }

    /** Each {@code media} block with an absolute picture URL, its caption and producer. */
    private static List<Image> images(Element content) {
        List<Image> images = new ArrayList<>();
        for (Element media : descendants(content, "media")) {
            String type = attr(media, "media-type");
            if (type != null && !type.equalsIgnoreCase("image") && !type.equalsIgnoreCase("photo")) {
                continue;
            }
            for (Element reference : children(media, "media-reference")) {
                String source = attr(reference, "source");
                if (isAbsoluteHttp(source)) {
                    images.add(new Image(
                            source,
                            text(child(media, "media-caption")),
                            text(child(media, "media-producer")),
                            attr(reference, "mime-type"),
                            XmlBodies.size(attr(reference, "width")),
                            XmlBodies.size(attr(reference, "height"))));
                    break;
                }
            }
        }
        return images;
    }
}
