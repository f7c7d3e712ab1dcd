package org.wiregate.ingest;

import static org.wiregate.ingest.WireText.firstNonBlank;
import static org.wiregate.ingest.WireText.isAbsoluteHttp;
import static org.wiregate.ingest.WireText.paragraphs;
import static org.wiregate.ingest.WireText.plainText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.jsoup.Jsoup;
import org.wiregate.article.Image;
import org.wiregate.article.RelatedLink;

/**
 * IPTC ninjs, one item per document. Version 1.x uses flat fields ({@code headline},
 * {@code body_html}, {@code subject}, associations as an object); 2.x and 3.x use arrays
 * ({@code headlines}, {@code bodies}, {@code subjects}, associations as a list). Version 3.x
 * renames the multi-word properties to camelCase ({@code firstCreated}, {@code pubStatus},
 * {@code altIds}, {@code contentType}, {@code edNote}, {@code embargoedUntil}); agencies move
 * between versions at their own pace, so each such property is read under both spellings.
 */
final class NinjsParser implements WireParser {

    /** Properties only ninjs 3.x spells this way: an item with one of them is read as 2.x/3.x. */
    private static final List<String> VERSION_3_ONLY = List.of(
            "firstCreated", "versionCreated", "pubStatus", "altIds", "copyrightHolder", "embargoedUntil", "edNote");

    /** How desks start the note of a correction: English, Spanish (and French) "CORRIGE", Arabic. */
    private static final Pattern CORRECTION_NOTE = Pattern.compile(
            "^\\s*(CORRECTION|CORRECTS|CORRIGE|تصحيح)(?![\\p{L}\\p{N}])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    @Override
    public ParsedPayload parse(byte[] payload) {
        JsonNode root = WireJson.readTree(payload);
        boolean v1 = !(root.has("headlines")
                || root.has("bodies")
                || root.has("descriptions")
                || VERSION_3_ONLY.stream().anyMatch(root::has));
        WireItem item = v1 ? readVersion1(root) : readVersion2(root);
        return new ParsedPayload(v1 ? WireFormat.NINJS_1 : WireFormat.NINJS_2, List.of(item));
    }

    private WireItem readVersion1(JsonNode root) {
        List<WireCode> codes = new ArrayList<>();
        for (JsonNode s : root.path("subject")) {
            codes.add(new WireCode(WireCode.Kind.SUBJECT, text(s, "scheme"), text(s, "code"), text(s, "name")));
        }
        for (JsonNode g : root.path("genre")) {
            codes.add(new WireCode(WireCode.Kind.GENRE, text(g, "scheme"), text(g, "code"), text(g, "name")));
        }
        for (JsonNode p : root.path("place")) {
            codes.add(new WireCode(WireCode.Kind.PLACE, text(p, "scheme"), text(p, "code"), text(p, "name")));
        }
        Map<String, String> altIds = new LinkedHashMap<>();
        root.path("altids")
                .properties()
                .forEach(e -> altIds.put(e.getKey(), e.getValue().asText()));

        List<Image> images = new ArrayList<>();
        Iterator<JsonNode> associations = root.path("associations").elements();
        while (associations.hasNext()) {
            JsonNode a = associations.next();
            if (!isPicture(a)) {
                continue;
            }
            List<JsonNode> renditions = new ArrayList<>();
            a.path("renditions").properties().forEach(e -> renditions.add(withName(e.getValue(), e.getKey())));
            bestRendition(renditions)
                    .ifPresent(r -> images.add(new Image(
                            text(r, "href"),
                            firstNonBlank(
                                    text(a, "description_text"),
                                    plainText(text(a, "description_html")),
                                    text(a, "headline")),
                            firstNonBlank(text(a, "byline"), text(a, "copyrightholder")),
                            firstNonBlank(text(r, "mimetype"), text(r, "contenttype")),
                            r.path("width").asInt(0),
                            r.path("height").asInt(0))));
        }

        String body = version1Body(root);
        return new WireItem(
                WireFormat.NINJS_1,
                text(root, "uri"),
                text(root, "version"),
                WireTimes.parseIso(text(root, "firstcreated"), "firstcreated"),
                WireTimes.parseIso(text(root, "versioncreated"), "versioncreated"),
                text(root, "pubstatus"),
                urgency(root),
                text(root, "language"),
                text(root, "headline"),
                firstNonBlank(text(root, "description_text"), plainText(text(root, "description_html"))),
                body,
                text(root, "byline"),
                text(root, "located"),
                firstNonBlank(text(root, "copyrightholder"), text(root, "provider")),
                null,
                WireTimes.parseIso(text(root, "embargoed"), "embargoed"),
                altIds,
                codes,
                strings(root.path("keywords")),
                images,
                List.of(),
                text(root, "slugline"),
                correctionNote(root));
    }

    private WireItem readVersion2(JsonNode root) {
        List<WireCode> codes = new ArrayList<>();
        for (JsonNode s : root.path("subjects")) {
            codes.add(concept(WireCode.Kind.SUBJECT, s));
        }
        for (JsonNode g : root.path("genres")) {
            codes.add(concept(WireCode.Kind.GENRE, g));
        }
        for (JsonNode p : root.path("places")) {
            codes.add(concept(WireCode.Kind.PLACE, p));
        }
        Map<String, String> altIds = new LinkedHashMap<>();
        for (JsonNode alt : either(root, "altids", "altIds")) {
            altIds.put(text(alt, "role"), text(alt, "value"));
        }

        List<Image> images = new ArrayList<>();
        for (JsonNode a : root.path("associations")) {
            if (!isPicture(a)) {
                continue;
            }
            List<JsonNode> renditions = new ArrayList<>();
            a.path("renditions").forEach(renditions::add);
            bestRendition(renditions)
                    .ifPresent(r -> images.add(new Image(
                            text(r, "href"),
                            firstNonBlank(
                                    byRole(a.path("descriptions"), "caption"), byRole(a.path("headlines"), "main")),
                            firstNonBlank(
                                    text(a, "by"),
                                    text(a, "creditline"),
                                    text(a, "copyrightholder"),
                                    text(a, "copyrightHolder")),
                            firstNonBlank(text(r, "contenttype"), text(r, "contentType"), text(r, "mimetype")),
                            r.path("width").asInt(0),
                            r.path("height").asInt(0))));
        }

        List<RelatedLink> related = new ArrayList<>();
        for (JsonNode link : root.path("links")) {
            String href = text(link, "href");
            if (href != null && href.startsWith("http")) {
                related.add(new RelatedLink(href, text(link, "title")));
            }
        }

        return new WireItem(
                WireFormat.NINJS_2,
                text(root, "uri"),
                text(root, "version"),
                time(root, "firstcreated", "firstCreated"),
                time(root, "versioncreated", "versionCreated"),
                firstNonBlank(text(root, "pubstatus"), text(root, "pubStatus")),
                urgency(root),
                text(root, "language"),
                // Some agencies mix versions ("headline" beside "bodies"): a 2.x field missing is read from its 1.x
                // name.
                firstNonBlank(byRole(root.path("headlines"), "main"), text(root, "headline")),
                firstNonBlank(
                        plainText(byRole(root.path("descriptions"), "summary")),
                        text(root, "description_text"),
                        plainText(text(root, "description_html"))),
                firstNonBlank(body(root.path("bodies")), version1Body(root)),
                text(root, "by"),
                text(root, "located"),
                firstNonBlank(text(root, "copyrightholder"), text(root, "copyrightHolder"), text(root, "provider")),
                null,
                time(root, "embargoed", "embargoedUntil"),
                altIds,
                codes,
                strings(root.path("keywords")),
                images,
                related,
                text(root, "slugline"),
                correctionNote(root));
    }

    /** A 1.x body: {@code body_html} or {@code body_xhtml}, else {@code body_text} as paragraphs; null if none. */
    private static String version1Body(JsonNode root) {
        String body = firstNonBlank(text(root, "body_html"), text(root, "body_xhtml"));
        if (body == null) {
            body = paragraphs(text(root, "body_text"));
        }
        return body;
    }

    /** The HTML body: an HTML rendition first (the body part if it is a whole document), else plain text as paragraphs. */
    private static String body(JsonNode bodies) {
        String plain = null;
        for (JsonNode b : bodies) {
            String type = firstNonBlank(text(b, "contenttype"), text(b, "contentType"));
            String value = text(b, "value");
            if (value == null) {
                continue;
            }
            if (type == null || type.toLowerCase(Locale.ROOT).contains("html")) {
                String lower = value.toLowerCase(Locale.ROOT);
                return lower.contains("<body") || lower.contains("<html")
                        ? Jsoup.parse(value).body().html()
                        : value;
            }
            if (plain == null && type.toLowerCase(Locale.ROOT).startsWith("text/plain")) {
                plain = value;
            }
        }
        return paragraphs(plain);
    }

    /** A time under its 1.x/2.x name or, failing that, its 3.x camelCase name. */
    private static Instant time(JsonNode root, String lowerCase, String camelCase) {
        String lower = text(root, lowerCase);
        return lower != null
                ? WireTimes.parseIso(lower, lowerCase)
                : WireTimes.parseIso(text(root, camelCase), camelCase);
    }

    /** The array under its 1.x/2.x name or, when absent, its 3.x camelCase name. */
    private static JsonNode either(JsonNode root, String lowerCase, String camelCase) {
        return root.has(lowerCase) ? root.path(lowerCase) : root.path(camelCase);
    }

    /**
     * The editorial note when this version is a correction: ninjs has no correction field, so
     * agencies say it with a signal (an extension many send), a pubstatus, or the note's first word.
     * A note on any other item is for the receiving desk, not readers, and is not returned.
     */
    static String correctionNote(JsonNode root) {
        String note = firstNonBlank(text(root, "ednote"), text(root, "edNote"));
        if (note == null) {
            return null;
        }
        boolean signalled = marksCorrection(root.get("signal"))
                || marksCorrection(root.get("signals"))
                || marksCorrection(root.get("pubstatus"))
                || marksCorrection(root.get("pubStatus"));
        return signalled || CORRECTION_NOTE.matcher(note).find() ? note.trim() : null;
    }

    /** A signal or status given as text ("sig:correction"), a list of them, or concept objects with uri/code/name. */
    private static boolean marksCorrection(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (marksCorrection(element)) {
                    return true;
                }
            }
            return false;
        }
        if (node.isObject()) {
            return List.of("uri", "qcode", "code", "value", "literal", "name").stream()
                    .map(field -> text(node, field))
                    .anyMatch(NinjsParser::isCorrectionWord);
        }
        return isCorrectionWord(node.asText());
    }

    private static boolean isCorrectionWord(String value) {
        return value != null && value.toLowerCase(Locale.ROOT).contains("correct");
    }

    /** The value with the given role, else the first value: agencies often omit roles. */
    private static String byRole(JsonNode values, String role) {
        String first = null;
        for (JsonNode v : values) {
            if (role.equals(text(v, "role"))) {
                return text(v, "value");
            }
            if (first == null) {
                first = text(v, "value");
            }
        }
        return first;
    }

    private static WireCode concept(WireCode.Kind kind, JsonNode node) {
        String uri = text(node, "uri");
        if (uri == null && text(node, "literal") != null) {
            return new WireCode(kind, "", text(node, "literal"), text(node, "name"));
        }
        return WireCode.fromUri(kind, uri, text(node, "name"));
    }

    private static boolean isPicture(JsonNode association) {
        String type = text(association, "type");
        return type != null && List.of("picture", "image", "graphic").contains(type.toLowerCase(Locale.ROOT));
    }

    /** The agency's base rendition when named so, else the widest one with an absolute URL. */
    private static Optional<JsonNode> bestRendition(List<JsonNode> renditions) {
        List<JsonNode> usable =
                renditions.stream().filter(r -> isAbsoluteHttp(text(r, "href"))).toList();
        return usable.stream()
                .filter(r -> List.of("baseimage", "original", "main", "highres")
                        .contains(String.valueOf(text(r, "name")).toLowerCase(Locale.ROOT)))
                .findFirst()
                .or(() -> usable.stream()
                        .max(Comparator.comparingInt(r -> r.path("width").asInt(0))));
    }

    private static JsonNode withName(JsonNode rendition, String name) {
        if (rendition.isObject() && !rendition.has("name")) {
            ((ObjectNode) rendition).put("name", name);
        }
        return rendition;
    }

    private static Integer urgency(JsonNode root) {
        JsonNode u = root.get("urgency");
        if (u == null || u.isNull()) {
            return null;
        }
        if (u.canConvertToInt()) {
            return u.asInt();
        }
        try {
            return Integer.valueOf(u.asText().trim());
        } catch (NumberFormatException e) {
            throw new WireFormatException("urgency is not a number: \"" + u.asText() + "\"");
        }
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .filter(s -> !s.isBlank())
                .toList();
    }

    private static String text(JsonNode node, String field) {
        return WireJson.text(node, field);
    }
}
