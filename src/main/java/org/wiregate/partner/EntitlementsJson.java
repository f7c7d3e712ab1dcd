package org.wiregate.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;

/**
 * Entitlements as stored and as the admin API takes them, with the slugs people use:
 * <pre>{"languages": ["en", "es"], "sections": ["politics"], "regions": null, "contentTypes": ["news"],
 *  "agencies": ["afp", "efe"], "text": "summary", "embargoPreview": false}</pre>
 * A missing or null dimension means "any"; an unknown slug is an error naming it.
 */
public final class EntitlementsJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS =
            Set.of("languages", "sections", "regions", "contentTypes", "agencies", "text", "embargoPreview");

    private EntitlementsJson() {}

    public static ObjectNode toJson(Entitlements e) {
        ObjectNode node = JSON.createObjectNode();
        put(node, "languages", e.languages(), Language::code);
        put(node, "sections", e.sections(), Section::slug);
        put(node, "regions", e.regions(), Region::slug);
        put(node, "contentTypes", e.contentTypes(), ContentType::slug);
        put(node, "agencies", e.agencies(), a -> a);
        node.put("text", e.text().name().toLowerCase(Locale.ROOT));
        node.put("embargoPreview", e.embargoPreview());
        return node;
    }

    public static String write(Entitlements e) {
        try {
            return JSON.writeValueAsString(toJson(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static Entitlements read(String json) {
        try {
            return fromJson(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("entitlements are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the unknown key or value */
    public static Entitlements fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Entitlements.STANDARD;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("entitlements must be a JSON object");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(
                        "unknown entitlement '" + key + "' (known: " + new TreeSet<>(KEYS) + ")");
            }
        });
        String text = node.path("text").asText("full");
        TextAccess access = switch (text) {
            case "full" -> TextAccess.FULL;
            case "summary" -> TextAccess.SUMMARY;
            default -> throw new IllegalArgumentException("text '" + text + "' must be full or summary");
        };
        JsonNode preview = node.path("embargoPreview");
        if (!preview.isMissingNode() && !preview.isNull() && !preview.isBoolean()) {
            throw new IllegalArgumentException("embargoPreview must be true or false");
        }
        return new Entitlements(
                set(
                        node,
                        "languages",
                        v -> Language.fromTag(v).filter(l -> l.code().equals(v)).orElse(null),
                        "language"),
                set(
                        node,
                        "sections",
                        v -> Section.fromSlug(v).filter(s -> s.slug().equals(v)).orElse(null),
                        "section"),
                set(
                        node,
                        "regions",
                        v -> Region.fromSlug(v).filter(r -> r.slug().equals(v)).orElse(null),
                        "region"),
                set(
                        node,
                        "contentTypes",
                        v -> ContentType.fromSlug(v)
                                .filter(t -> t.slug().equals(v))
                                .orElse(null),
                        "content type"),
                set(node, "agencies", v -> v.matches("[a-z0-9][a-z0-9-]*") ? v : null, "agency (source id)"),
                access,
                preview.asBoolean(false));
    }

    private static <T> Set<T> set(JsonNode node, String key, Function<String, T> parse, String what) {
        JsonNode values = node.path(key);
        if (values.isMissingNode() || values.isNull()) {
            return null;
        }
        if (!values.isArray()) {
            throw new IllegalArgumentException(key + " must be a list (or null for any)");
        }
        Set<T> parsed = new LinkedHashSet<>();
        for (JsonNode value : values) {
            T item = parse.apply(value.asText());
            if (item == null) {
                throw new IllegalArgumentException("unknown " + what + " '" + value.asText() + "' in " + key);
            }
            parsed.add(item);
        }
        return parsed;
    }

    private static <T> void put(ObjectNode node, String key, Collection<T> values, Function<T, String> slug) {
        if (values == null) {
            node.putNull(key);
            return;
        }
        ArrayNode array = node.putArray(key);
        values.stream().map(slug).sorted().forEach(array::add);
    }
}
