package org.wiregate.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.wiregate.article.Image;

/**
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org), which smaller agencies and regional outlets offer
 * instead of RSS. It carries no classification, urgency or status: those come from the source's
 * mapping. Extensions ({@code _wire} and any other {@code _name}) and {@code external_url} are
 * ignored, so a feed cannot smuggle in fields the gateway would otherwise take from the mapping.
 * Read with {@link WireJson}, so the same size and nesting limits apply as to ninjs.
 */
final class JsonFeedParser implements WireParser {

    private static final String VERSION_1 = "https://jsonfeed.org/version/1";
    private static final String VERSION_1_1 = "https://jsonfeed.org/version/1.1";
    private static final Set<String> VERSIONS = Set.of(VERSION_1, VERSION_1_1, VERSION_1 + "/", VERSION_1_1 + "/");

    @Override
    public ParsedPayload parse(byte[] payload) {
        JsonNode feed = WireJson.readTree(payload);
        String version = text(feed, "version");
        if (version == null || !VERSIONS.contains(version)) {
            throw new WireFormatException("JSON Feed version \"" + version + "\" is not supported (1 or 1.1)");
        }
        JsonNode items = feed.get("items");
        if (items == null || !items.isArray()) {
            throw new WireFormatException("JSON Feed without an \"items\" array");
        }
        String feedLanguage = text(feed, "language");
        String feedByline = byline(feed);
        List<WireItem> out = new ArrayList<>();
        int index = 0;
        for (JsonNode item : items) {
            index++;
            if (!item.isObject()) {
                throw new WireFormatException("JSON Feed item " + index + " is not an object");
            }
            out.add(read(item, feedLanguage, feedByline));
        }
        return new ParsedPayload(WireFormat.JSON_FEED, out);
    }

    private static WireItem read(JsonNode item, String feedLanguage, String feedByline) {
        String body =
                WireText.firstNonBlank(text(item, "content_html"), WireText.paragraphs(text(item, "content_text")));
        List<Image> images = new ArrayList<>();
        // The item picture; the banner only when there is none. JSON Feed gives no caption, credit or size.
        String picture = WireText.firstNonBlank(absolute(text(item, "image")), absolute(text(item, "banner_image")));
        if (picture != null) {
            images.add(new Image(picture, null, null, null, 0, 0));
        }
        return new WireItem(
                WireFormat.JSON_FEED,
                text(item, "id"),
                null,
                WireTimes.parseIso(text(item, "date_published"), "date_published"),
                WireTimes.parseIso(text(item, "date_modified"), "date_modified"),
                null,
                null,
                WireText.firstNonBlank(text(item, "language"), feedLanguage),
                text(item, "title"),
                WireText.plainText(text(item, "summary")),
                body,
                // item authors replace the feed's (JSON Feed 1.1 section "authors")
                WireText.firstNonBlank(byline(item), feedByline),
                null,
                null,
                absolute(text(item, "url")),
                null,
                null,
                null,
                tags(item.path("tags")),
                images,
                List.of());
    }

    /** JSON Feed 1.1 {@code authors[].name}, else 1.0 {@code author.name}; several names joined by commas. */
    private static String byline(JsonNode node) {
        JsonNode authors = node.path("authors");
        List<String> names = new ArrayList<>();
        for (JsonNode author : authors) {
            String name = text(author, "name");
            if (name != null) {
                names.add(name.trim());
            }
        }
        if (!names.isEmpty()) {
            return String.join(", ", names);
        }
        JsonNode author = node.path("author");
        return author.isObject() ? text(author, "name") : null;
    }

    private static List<String> tags(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(JsonNode::isTextual)
                .map(t -> t.asText().trim())
                .filter(t -> !t.isEmpty())
                .toList();
    }

    private static String absolute(String url) {
        return WireText.isAbsoluteHttp(url) ? url.trim() : null;
    }

    private static String text(JsonNode node, String field) {
        return WireJson.text(node, field);
    }
}
