package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Image;
import org.wiregate.support.Fixtures;

/** JSON Feed 1.0 and 1.1 items to wire items; the gateway's JSON limits hold for JSON Feed too. */
class JsonFeedParserTest {

    private static final String FEED = "/fixtures/jsonfeed/es-jsonfeed-1.1.json";

    private final WireParsers parsers = new WireParsers();
    private final JsonFeedParser parser = new JsonFeedParser();

    @Test
    void spanishFeedGivesThreeItemsInOrder() {
        ParsedPayload parsed = parsers.parse(Fixtures.bytes(FEED));

        assertThat(parsed.format()).isEqualTo(WireFormat.JSON_FEED);
        assertThat(parsed.skipped()).isEmpty();
        assertThat(parsed.items())
                .extracting(WireItem::guid)
                .containsExactly(
                        "https://demo-wire.example/es/2026/11/26/chile-litio-planta",
                        "urn:demo-wire:es:20261126:peru-cafe",
                        "urn:demo-wire:es:20261127:uruguay-eolica");
        assertThat(parsed.items()).extracting(WireItem::format).containsOnly(WireFormat.JSON_FEED);
    }

    @Test
    void itemWithHtmlContentIsReadWithAllItsFieldsAndExtensionsIgnored() {
        WireItem item = item(0);

        assertThat(item.guid()).isEqualTo("https://demo-wire.example/es/2026/11/26/chile-litio-planta");
        assertThat(item.agencyVersion()).isNull();
        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-26T17:30:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-26T18:05:00Z"));
        assertThat(item.pubStatus()).isNull();
        assertThat(item.urgency())
                .as("_wire.urgency is an extension and is ignored")
                .isNull();
        assertThat(item.language()).isEqualTo("es");
        assertThat(item.headline())
                .isEqualTo("Chile inaugura en Antofagasta la primera planta estatal de refinado de litio");
        assertThat(item.standfirst())
                .isEqualTo(
                        "La planta procesará 40.000 toneladas de carbonato de litio al año y empleará a 900 personas.");
        assertThat(item.bodyHtml())
                .isEqualTo("<p>ANTOFAGASTA, 26 nov (Demo Wire) - Chile inauguró este jueves en "
                        + "Antofagasta la primera planta estatal de refinado de litio, con capacidad para procesar 40.000 "
                        + "toneladas de carbonato al año.</p><p>La ministra de Minería, Carolina Fuentes, afirmó que el "
                        + "proyecto «marca el paso de exportar materia prima a exportar tecnología».</p><p>La planta empleará "
                        + "a unas 900 personas, la mitad de ellas de la región.</p>");
        assertThat(item.byline()).isEqualTo("Marcela Rojas, Tomás Ibáñez");
        assertThat(item.located()).isNull();
        assertThat(item.agency()).isNull();
        assertThat(item.link())
                .as("url, not external_url")
                .isEqualTo("https://demo-wire.example/es/2026/11/26/chile-litio-planta");
        assertThat(item.embargoUntil()).isNull();
        assertThat(item.altIds()).as("_wire.editionGroup is ignored").isEmpty();
        assertThat(item.codes()).as("_wire.section is ignored").isEmpty();
        assertThat(item.keywords()).containsExactly("Chile", "litio", "minería", "Antofagasta");
        assertThat(item.images())
                .as("image wins over banner_image, without caption or credit")
                .containsExactly(
                        new Image("https://images.demo-wire.example/2026/11/chile-litio.jpg", null, null, null, 0, 0));
        assertThat(item.relatedLinks()).isEmpty();
        assertThat(item.slugline()).isNull();
        assertThat(item.correctionNote()).isNull();
    }

    @Test
    void plainTextContentBecomesParagraphsAndBannerImageIsUsedWhenThereIsNoImage() {
        WireItem item = item(1);

        assertThat(item.headline()).isEqualTo("¿Por qué sube el café? Perú prevé su peor cosecha en una década");
        assertThat(item.standfirst())
                .as("summary read as plain text")
                .isEqualTo(
                        "La roya y la sequía reducirán un 18 % la producción peruana de café, según la junta cafetalera.");
        assertThat(item.bodyHtml())
                .isEqualTo("<p>LIMA, 26 nov (Demo Wire) - La Junta Nacional del Café de Perú prevé "
                        + "que la cosecha de 2026-2027 sea la más baja en una década, con una caída del 18 %.</p>"
                        + "<p>La combinación de roya y sequía en Cajamarca y San Martín explica el descenso, según la junta.</p>"
                        + "<p>Los productores piden al Gobierno créditos a tasa cero para renovar cafetales.</p>");
        assertThat(item.byline()).isEqualTo("Luis Quispe");
        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-26T16:00:00Z"));
        assertThat(item.versionCreated()).isNull();
        assertThat(item.link()).isEqualTo("https://demo-wire.example/es/2026/11/26/peru-cafe-cosecha");
        assertThat(item.keywords()).containsExactly("Perú", "café", "agricultura");
        assertThat(item.images())
                .containsExactly(
                        new Image("https://images.demo-wire.example/2026/11/peru-cafe.jpg", null, null, null, 0, 0));
    }

    @Test
    void itemWithoutAuthorsTakesTheFeedsAndItsOwnLanguageWins() {
        WireItem item = item(2);

        assertThat(item.byline()).isEqualTo("Redacción Demo");
        assertThat(item.language()).isEqualTo("es-UY");
        assertThat(item.standfirst()).isNull();
        assertThat(item.images()).isEmpty();
        assertThat(item.keywords()).isEmpty();
        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-27T11:45:00Z"));
    }

    @Test
    void jsonFeed10AuthorAndNumericIdAreRead() {
        ParsedPayload parsed = parsers.parse(utf8("""
                {"version": "https://jsonfeed.org/version/1", "title": "Agencia Uno",
                 "items": [{"id": 20261122, "title": "Paraguay amplía la red de trenes",
                            "content_text": "ASUNCIÓN, 22 nov - Paraguay amplía su red.",
                            "date_published": "2026-11-22T10:00:00-03:00", "author": {"name": "Ana Benítez"},
                            "url": "/relative/not/a/link"}]}
                """));

        assertThat(parsed.format()).isEqualTo(WireFormat.JSON_FEED);
        WireItem item = parsed.items().get(0);
        assertThat(item.guid()).isEqualTo("20261122");
        assertThat(item.byline()).isEqualTo("Ana Benítez");
        assertThat(item.language()).isNull();
        assertThat(item.link()).isNull();
        assertThat(item.bodyHtml()).isEqualTo("<p>ASUNCIÓN, 22 nov - Paraguay amplía su red.</p>");
        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-22T13:00:00Z"));
    }

    @Test
    void blankAndNonTextTagsAreDroppedAndTagsAreTrimmed() {
        byte[] json = """
                {"version": "https://jsonfeed.org/version/1.1", "language": "es",
                 "items": [{"id": "urn:demo-wire:es:20261127:uruguay-eolica", "title": "Uruguay bate su récord eólico",
                            "tags": ["Uruguay", "", "   ", " energía eólica ", 2026, {"name": "UTE"}]}]}
                """.getBytes(StandardCharsets.UTF_8);

        WireItem item = parser.parse(json).items().get(0);

        assertThat(item.keywords()).containsExactly("Uruguay", "energía eólica");
    }

    @Test
    void emptyItemsArrayIsAnEmptyPayload() {
        ParsedPayload parsed = parser.parse(utf8("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}"));

        assertThat(parsed.format()).isEqualTo(WireFormat.JSON_FEED);
        assertThat(parsed.items()).isEmpty();
    }

    @Test
    void unknownVersionIsRefused() {
        assertThatThrownBy(
                        () -> parsers.parse(utf8("{\"version\": \"https://jsonfeed.org/version/2\", \"items\": []}")))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("JSON Feed version \"https://jsonfeed.org/version/2\" is not supported");
    }

    @Test
    void feedWithoutItemsArrayOrWithANonObjectItemIsRefused() {
        assertThatThrownBy(
                        () -> parser.parse(utf8("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": {}}")))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("JSON Feed without an \"items\" array");
        assertThatThrownBy(() -> parser.parse(
                        utf8("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"1\"}, 7]}")))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("JSON Feed item 2 is not an object");
    }

    @Test
    void badDateIsReportedWithItsFieldName() {
        assertThatThrownBy(() -> parser.parse(utf8("""
                {"version": "https://jsonfeed.org/version/1.1",
                 "items": [{"id": "1", "title": "T", "date_published": "26/11/2026"}]}
                """)))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("date_published is not an ISO 8601 time: \"26/11/2026\"");
    }

    // ---------------------------------------------------------------- WireJson limits

    @Test
    void deeplyNestedExtensionHitsTheNestingLimit() {
        byte[] json = utf8("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"1\", \"_wire\": "
                + "[".repeat(5_000) + "]".repeat(5_000) + "}]}");

        for (var parse : List.<Function<byte[], ParsedPayload>>of(parser::parse, parsers::parse)) {
            assertThatThrownBy(() -> parse.apply(json))
                    .isInstanceOf(WireFormatException.class)
                    .hasMessageStartingWith("JSON exceeds the gateway's limits");
        }
    }

    @Test
    void stringOverTheLengthLimitIsRefused() {
        String huge = "a".repeat(8 * 1024 * 1024 + 1);
        byte[] json = utf8("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"1\", "
                + "\"content_text\": \"" + huge + "\"}]}");

        assertThatThrownBy(() -> parser.parse(json))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("JSON exceeds the gateway's limits");
    }

    @Test
    void duplicateKeyAndTrailingGarbageAreMalformed() {
        assertThatThrownBy(
                        () -> parser.parse(
                                utf8(
                                        "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"1\", \"id\": \"2\"}]}")))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("malformed JSON")
                .hasMessageContaining("Duplicate field 'id'");
        assertThatThrownBy(() -> parsers.parse(
                        utf8("{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []} {\"items\": []}")))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("malformed JSON");
    }

    private WireItem item(int index) {
        return parser.parse(Fixtures.bytes(FEED)).items().get(index);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
