package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wiregate.article.Image;
import org.wiregate.support.Fixtures;

/** ninjs 3.x (camelCase properties), and the slugline and correction note of every ninjs version. */
class Ninjs3ParserTest {

    private static final String MEDIATOPIC = "http://cv.iptc.org/newscodes/mediatopic/";

    private final NinjsParser parser = new NinjsParser();
    private final WireParsers parsers = new WireParsers();

    @Test
    void englishNinjs3ItemIsReadWithAllItsFields() {
        ParsedPayload parsed = parsers.parse(Fixtures.bytes("/fixtures/ninjs3/en-ninjs3-item.json"));

        assertThat(parsed.format()).isEqualTo(WireFormat.NINJS_2);
        assertThat(parsed.skipped()).isEmpty();
        assertThat(parsed.items()).hasSize(1);
        WireItem item = parsed.items().get(0);
        assertThat(item.format()).isEqualTo(WireFormat.NINJS_2);
        assertThat(item.guid()).isEqualTo("urn:newsml:fixture.example:en-3");
        assertThat(item.agencyVersion()).isEqualTo("1");
        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-23T09:15:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-23T08:40:00Z"));
        assertThat(item.pubStatus()).isEqualTo("usable");
        assertThat(item.urgency()).isEqualTo(4);
        assertThat(item.language()).isEqualTo("en");
        assertThat(item.headline()).isEqualTo("Rotterdam opens Europe's largest fully automated container terminal");
        assertThat(item.standfirst())
                .isEqualTo("The port of Rotterdam opened a fully automated container terminal "
                        + "on Monday that will raise its annual capacity by 4 million containers.");
        // the text/html body, not the text/plain one listed first: contentType is read
        assertThat(item.bodyHtml())
                .startsWith("<p>ROTTERDAM (Demo Wire) - The port of Rotterdam opened a fully automated container "
                        + "terminal on Monday, adding capacity for 4 million containers a year")
                .endsWith("<p>The first ship to call at the terminal, a 24,000-container vessel from Shanghai, "
                        + "is expected on Wednesday.</p>");
        assertThat(item.byline()).isEqualTo("Pieter Janssen");
        assertThat(item.located()).isEqualTo("ROTTERDAM");
        assertThat(item.agency()).isEqualTo("Demo Wire");
        assertThat(item.link()).isNull();
        assertThat(item.embargoUntil()).isNull();
        assertThat(item.altIds())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "edition-group", "fixture-story-3",
                        "originaltransmissionreference", "DW-EN-20261123-0412"));
        assertThat(item.codes())
                .containsExactly(
                        new WireCode(WireCode.Kind.SUBJECT, MEDIATOPIC, "04000000", "economy, business and finance"),
                        new WireCode(WireCode.Kind.SUBJECT, "", "port", "port"),
                        new WireCode(WireCode.Kind.GENRE, "http://cv.iptc.org/newscodes/genre/", "Current", "Current"),
                        new WireCode(WireCode.Kind.PLACE, "http://cvx.iptc.org/iso3166-1a2/", "NL", "Netherlands"));
        assertThat(item.keywords()).isEmpty();
        assertThat(item.relatedLinks()).isEmpty();
        assertThat(item.slugline()).isEqualTo("Netherlands-Port-Automation");
        // an edNote that does not mark a correction is for the receiving desk, not for readers
        assertThat(item.correctionNote()).isNull();
    }

    @Test
    void ninjs3PictureAssociationBecomesAnImageFromItsBaseRendition() {
        WireItem item = single("/fixtures/ninjs3/en-ninjs3-item.json");

        assertThat(item.images())
                .containsExactly(new Image(
                        "https://images.demo-wire.example/2026/11/rotterdam-terminal.jpg",
                        "Remote-controlled cranes unload a container ship at the new terminal on the Maasvlakte 2 extension "
                                + "of the port of Rotterdam, Netherlands, November 23, 2026.",
                        "Sanne Bakker / Demo Wire",
                        "image/jpeg",
                        1600,
                        1067));
    }

    @Test
    void spanishNinjs3CorrectionCarriesItsEdNoteAsCorrectionNote() {
        WireItem item = single("/fixtures/ninjs3/es-ninjs3-correction.json");

        assertThat(item.format()).isEqualTo(WireFormat.NINJS_2);
        assertThat(item.guid()).isEqualTo("urn:newsml:fixture.example:es-3");
        assertThat(item.agencyVersion()).isEqualTo("2");
        assertThat(item.correctionNote()).isEqualTo("CORRIGE cifra de víctimas");
        assertThat(item.slugline()).isEqualTo("Ecuador-Inundaciones");
        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-25T13:05:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-25T20:20:00Z"));
        assertThat(item.pubStatus()).isEqualTo("usable");
        assertThat(item.urgency()).isEqualTo(3);
        assertThat(item.language()).isEqualTo("es");
        assertThat(item.headline())
                .isEqualTo("Las inundaciones en la costa de Ecuador dejan 14 muertos y miles de damnificados");
        assertThat(item.standfirst())
                .isEqualTo("Las lluvias torrenciales que azotan desde el domingo la provincia "
                        + "de Manabí han dejado 14 muertos, y no 41 como se informó por error.");
        assertThat(item.bodyHtml())
                .isEqualTo(
                        "<p>PORTOVIEJO, 25 nov (Demo Wire) - Las inundaciones provocadas por las lluvias torrenciales en la "
                                + "provincia ecuatoriana de Manabí han dejado al menos 14 muertos y unos 6.000 damnificados, "
                                + "informó este miércoles la Secretaría de Gestión de Riesgos.</p>"
                                + "<p>El organismo corrigió la cifra de víctimas difundida por la mañana, que por un error de "
                                + "transcripción señalaba 41 fallecidos.</p>"
                                + "<p>El Gobierno declaró la emergencia en once cantones y envió 200 militares para ayudar en "
                                + "la evacuación de las zonas más afectadas.</p>");
        assertThat(item.byline()).isEqualTo("Redacción Demo");
        assertThat(item.located()).isEqualTo("PORTOVIEJO");
        assertThat(item.agency()).isEqualTo("Demo Wire");
        assertThat(item.altIds()).containsExactlyEntriesOf(Map.of("edition-group", "fixture-story-4"));
        assertThat(item.codes())
                .containsExactly(
                        new WireCode(WireCode.Kind.SUBJECT, MEDIATOPIC, "03000000", "desastres y accidentes"),
                        new WireCode(WireCode.Kind.PLACE, "http://cvx.iptc.org/iso3166-1a2/", "EC", "Ecuador"));
        assertThat(item.images()).isEmpty();
    }

    @Test
    void itemWithOnlyCamelCasePropertiesIsReadAsNinjs3() {
        WireItem item = parse("""
                {"uri": "urn:test:camel", "firstCreated": "2026-11-21T07:00:00Z",
                 "versionCreated": "2026-11-21T07:30:00+02:00", "pubStatus": "withheld",
                 "embargoedUntil": "2026-11-22T00:00:00Z", "copyrightHolder": "Camel Wire",
                 "altIds": [{"role": "edition-group", "value": "fixture-story-9"}]}
                """);

        assertThat(item.format()).isEqualTo(WireFormat.NINJS_2);
        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-21T07:00:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-21T05:30:00Z"));
        assertThat(item.pubStatus()).isEqualTo("withheld");
        assertThat(item.embargoUntil()).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(item.agency()).isEqualTo("Camel Wire");
        assertThat(item.altIds()).containsEntry("edition-group", "fixture-story-9");
    }

    @Test
    void badNinjs3TimeIsReportedUnderItsCamelCaseName() {
        assertThatThrownBy(() -> parse("""
                {"uri": "urn:test:t", "headlines": [{"value": "H"}], "versionCreated": "yesterday"}
                """))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("versionCreated is not an ISO 8601 time: \"yesterday\"");
    }

    @Test
    void correctionSignalMakesAnyEdNoteTheCorrectionNote() {
        WireItem item = parse("""
                {"uri": "urn:test:sig", "headlines": [{"value": "Minister resigns"}],
                 "signals": ["sig:correction"], "edNote": "Fixes spelling of the minister's name in paragraph 2"}
                """);

        assertThat(item.correctionNote()).isEqualTo("Fixes spelling of the minister's name in paragraph 2");
    }

    @Test
    void correctionSignalAsConceptObjectOrSingleValueIsRecognised() {
        WireItem objects = parse("""
                {"uri": "urn:test:sig2", "headlines": [{"value": "H"}],
                 "signals": [{"uri": "http://cv.iptc.org/newscodes/signal/correction"}], "ednote": "Fixes the date"}
                """);
        WireItem single = parse("""
                {"uri": "urn:test:sig3", "headline": "H", "signal": "correction", "ednote": "Fixes the score"}
                """);

        assertThat(objects.correctionNote()).isEqualTo("Fixes the date");
        assertThat(single.format()).isEqualTo(WireFormat.NINJS_1);
        assertThat(single.correctionNote()).isEqualTo("Fixes the score");
    }

    @Test
    void correctedPubStatusMakesTheEdNoteTheCorrectionNote() {
        WireItem item = parse("""
                {"uri": "urn:test:ps", "headlines": [{"value": "H"}], "pubstatus": "corrected",
                 "ednote": "Fixes the number of injured"}
                """);

        assertThat(item.correctionNote()).isEqualTo("Fixes the number of injured");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CORRECTION: fixes the vote count",
                "Corrects headline",
                "CORRIGE cifra de víctimas",
                "corrige la fecha",
                "تصحيح: عدد الضحايا 14 وليس 41"
            })
    void edNoteStartingWithACorrectionWordIsTheCorrectionNote(String note) {
        String ninjs2 = "{\"uri\": \"urn:test:c\", \"headlines\": [{\"value\": \"H\"}], \"ednote\": \"" + note + "\"}";
        String ninjs1 =
                "{\"uri\": \"urn:test:c1\", \"headline\": \"H\", \"ednote\": \"" + note + "\", \"slugline\": \"S\"}";

        assertThat(parse(ninjs2).correctionNote()).isEqualTo(note);
        WireItem version1 = parse(ninjs1);
        assertThat(version1.format()).isEqualTo(WireFormat.NINJS_1);
        assertThat(version1.correctionNote()).isEqualTo(note);
        assertThat(version1.slugline()).isEqualTo("S");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Correctional officers' strike: see also BC-Prisons",
                "Adds correction of earlier typo later",
                "Photo available",
                "Corrigendum to follow"
            })
    void edNoteThatDoesNotMarkACorrectionIsNotShownToReaders(String note) {
        WireItem item =
                parse("{\"uri\": \"urn:test:n\", \"headlines\": [{\"value\": \"H\"}], \"edNote\": \"" + note + "\"}");

        assertThat(item.correctionNote()).isNull();
    }

    @Test
    void correctionSignalWithoutEdNoteGivesNoNote() {
        WireItem item = parse("""
                {"uri": "urn:test:nonote", "headlines": [{"value": "H"}], "signals": ["sig:correction"]}
                """);

        assertThat(item.correctionNote()).isNull();
    }

    private WireItem single(String path) {
        ParsedPayload parsed = parser.parse(Fixtures.bytes(path));
        assertThat(parsed.items()).hasSize(1);
        return parsed.items().get(0);
    }

    private WireItem parse(String json) {
        ParsedPayload parsed = parser.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.items()).hasSize(1);
        return parsed.items().get(0);
    }
}
