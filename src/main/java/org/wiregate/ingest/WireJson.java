package org.wiregate.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The JSON reader for agency copy. Limits are set in code because Boot has no properties for
 * Jackson's {@link StreamReadConstraints}: a hostile payload must fail fast, not exhaust memory.
 */
final class WireJson {

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxStringLength(8 * 1024 * 1024)
                            .maxNumberLength(64)
                            .maxNameLength(1024)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            // "{...} garbage" is a damaged transfer, not a valid item
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WireJson() {}

    static JsonNode readTree(byte[] payload) {
        try {
            JsonNode node = MAPPER.readTree(payload);
            if (node == null || !node.isObject()) {
                throw new WireFormatException("JSON document is not an object");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw new WireFormatException("JSON exceeds the gateway's limits: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new WireFormatException("malformed JSON: " + firstLine(e.getMessage()), e);
        }
    }

    /** A scalar field as text, or null when absent, null, a container or blank (JSON Feed ids may be numbers). */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
