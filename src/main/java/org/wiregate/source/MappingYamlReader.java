package org.wiregate.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.convert.DurationStyle;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;

/**
 * One {@code mappings/<id>.yaml} file (with what it extends, {@link MappingInheritance}) as a
 * {@link SourceMapping}. A value no mapping may have (an unknown section, region, type, language,
 * charset, duration) stops the load, naming the file, the line and the value, rather than silently
 * filing copy under the wrong section.
 */
final class MappingYamlReader {

    private MappingYamlReader() {}

    static SourceMapping read(Path file) {
        String id = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalStateException(
                    file + ": source id '" + id + "' must be lower-case letters, digits and dashes");
        }
        ObjectNode root = MappingInheritance.resolve(file);
        try {
            String languageTag = root.path("language").asText(null);
            Language language = languageTag == null
                    ? null
                    : Language.fromTag(languageTag)
                            .orElseThrow(() -> new IllegalArgumentException(
                                    "language '" + languageTag + "' is not one of en, ar, es"));
            return new SourceMapping(
                    id,
                    root.path("name").asText(id),
                    root.path("agency").asText(null),
                    language,
                    strings(root.path("schemes"), Function.identity(), false),
                    strings(root.path("categorySchemes"), v -> enumValue(SourceMapping.CategoryRole.class, v), false),
                    strings(
                            root.path("sections"),
                            v -> Section.fromSlug(v).orElseThrow(() -> unknown("section", v)),
                            true),
                    strings(
                            root.path("regions"),
                            v -> Region.fromSlug(v).orElseThrow(() -> unknown("region", v)),
                            true),
                    strings(
                            root.path("contentTypes"),
                            v -> ContentType.fromSlug(v).orElseThrow(() -> unknown("content type", v)),
                            true),
                    Section.fromSlug(root.path("defaults").path("section").asText("miscellaneous"))
                            .orElseThrow(() -> unknown(
                                    "section",
                                    root.path("defaults").path("section").asText())),
                    ContentType.fromSlug(
                                    root.path("defaults").path("contentType").asText("news"))
                            .orElseThrow(() -> unknown(
                                    "content type",
                                    root.path("defaults").path("contentType").asText())),
                    root.path("defaults").path("urgency").asInt(5),
                    root.path("breakingUrgency").asInt(2),
                    TransportParser.parse(root.path("transport")),
                    charset(root.path("legacyCharset").asText(null)),
                    cadence(root.path("expectedEvery").asText(null)),
                    redistribution(root.path("partners")));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    file + MappingLines.lineOf(file, e.getMessage()) + ": " + e.getMessage(), e);
        }
    }

    /** {@code partners: {redistribute: true, usageTerms: "..."}}; absent means own-site-only. */
    private static SourceMapping.Redistribution redistribution(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return SourceMapping.Redistribution.OWN_SITE_ONLY;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("'partners' must be a table with redistribute and usageTerms");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!key.equals("redistribute") && !key.equals("usageTerms")) {
                throw new IllegalArgumentException(
                        "unknown key '" + key + "' under partners (known: redistribute, usageTerms)");
            }
        });
        JsonNode redistribute = node.path("redistribute");
        if (!redistribute.isMissingNode() && !redistribute.isBoolean()) {
            throw new IllegalArgumentException(
                    "partners.redistribute '" + redistribute.asText() + "' must be true or false");
        }
        String terms = node.path("usageTerms").asText(null);
        return new SourceMapping.Redistribution(
                redistribute.asBoolean(false), terms == null || terms.isBlank() ? null : terms.strip());
    }

    private static Duration cadence(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Duration parsed = DurationStyle.detectAndParse(value.trim());
            if (parsed.isNegative() || parsed.isZero()) {
                throw new IllegalArgumentException("not positive");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "expectedEvery '" + value + "' is not a positive duration (PT10M, 10m, 1h)");
        }
    }

    private static Charset charset(String name) {
        if (name == null) {
            return StandardCharsets.ISO_8859_1;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("legacyCharset '" + name + "' is not a character set this Java knows");
        }
    }

    private static <V> Map<String, V> strings(JsonNode node, Function<String, V> convert, boolean normaliseKeys) {
        Map<String, V> out = new LinkedHashMap<>();
        node.properties()
                .forEach(e -> out.put(
                        normaliseKeys ? SourceMapping.key(e.getKey()) : e.getKey(),
                        convert.apply(e.getValue().asText())));
        return out;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown category role '" + value + "'");
        }
    }

    private static IllegalArgumentException unknown(String what, String value) {
        return new IllegalArgumentException("unknown " + what + " '" + value + "'");
    }
}
