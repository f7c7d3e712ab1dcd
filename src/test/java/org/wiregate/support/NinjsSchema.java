package org.wiregate.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * IPTC's official ninjs 2.2 JSON Schema ({@code src/test/resources/schemas/ninjs-schema_2.2.json},
 * origin and licence in the README beside it), with formats ({@code uri}, {@code date-time})
 * asserted, not just annotated. Nothing is fetched: the schema's one external reference (GeoJSON,
 * for {@code places[].geometry}, which the gateway never writes) is a schema that allows nothing.
 */
public final class NinjsSchema {

    private static final String ID = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json";
    private static final Schema SCHEMA = load();

    private NinjsSchema() {}

    /** The schema's complaints about one ninjs item, empty when it is valid. */
    public static List<String> errors(JsonNode item) {
        return SCHEMA.validate(item).stream().map(Error::toString).toList();
    }

    /** Fails with every complaint, naming the item by {@code what}. */
    public static void assertValid(String what, JsonNode item) {
        assertThat(errors(item)).as("ninjs 2.2 schema: " + what + "\n" + item).isEmpty();
    }

    private static Schema load() {
        String text;
        try (InputStream in = NinjsSchema.class.getResourceAsStream("/schemas/ninjs-schema_2.2.json")) {
            if (in == null) {
                throw new IllegalStateException("schemas/ninjs-schema_2.2.json is missing from the test classpath");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build())
                        .schemas(Map.of(
                                ID,
                                text,
                                "https://geojson.org/schema/GeoJSON.json",
                                "{\"$comment\": \"GeoJSON is not bundled: no geometry is expected\", \"not\": {}}")));
        return registry.getSchema(SchemaLocation.of(ID));
    }
}
