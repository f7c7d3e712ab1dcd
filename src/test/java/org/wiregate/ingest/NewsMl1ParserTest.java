package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Image;
import org.wiregate.support.Fixtures;

class NewsMl1ParserTest {

    private final NewsMl1Parser parser = new NewsMl1Parser();

    @Test
    void arabicNewsItemIsReadWithAllItsFields() {
        ParsedPayload parsed = parser.parse(Fixtures.bytes("/fixtures/newsml1/ar-afp-lebanon-budget.xml"));

        assertThat(parsed.format()).isEqualTo(WireFormat.NEWSML_1);
        assertThat(parsed.skipped()).isEmpty();
        assertThat(parsed.items()).hasSize(1);
        WireItem item = parsed.items().get(0);
        assertThat(item.format()).isEqualTo(WireFormat.NEWSML_1);
        assertThat(item.guid()).isEqualTo("urn:newsml:fixture-afp.example:20261124:TX-ARA-LEB-7Q2");
        assertThat(item.agencyVersion()).isEqualTo("1");
        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-24T09:35:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-24T09:35:00Z"));
        assertThat(item.pubStatus()).isEqualTo("usable");
        assertThat(item.embargoUntil()).isNull();
        assertThat(item.urgency()).isEqualTo(3);
        assertThat(item.language()).isEqualTo("ar");
        assertThat(item.headline()).isEqualTo("البرلمان اللبناني يقر موازنة 2027 بعد نقاش استمر ثلاثة أيام");
        assertThat(item.standfirst()).isEqualTo("صوّت 71 نائبا لصالح الموازنة مقابل 37 نائبا عارضوها");
        assertThat(item.byline()).isEqualTo("ريما حداد");
        assertThat(item.located()).isEqualTo("بيروت");
        assertThat(item.agency()).isEqualTo("AFP");
        assertThat(item.slugline()).isEqualTo("لبنان-برلمان-موازنة");
        assertThat(item.keywords()).containsExactly("لبنان", "موازنة");
        assertThat(item.altIds()).containsExactly(Map.entry("edition-group", "fixture-story-2"));
        assertThat(item.correctionNote()).isNull();
        assertThat(item.relatedLinks()).isEmpty();
    }

    @Test
    void subjectCodesGenreAndCountryBecomeCodes() {
        WireItem item = single("/fixtures/newsml1/ar-afp-lebanon-budget.xml");

        assertThat(item.codes())
                .containsExactly(
                        new WireCode(WireCode.Kind.SUBJECT, "subj:", "11000000", ""),
                        new WireCode(WireCode.Kind.SUBJECT, "subj:", "04018000", ""),
                        new WireCode(WireCode.Kind.GENRE, "genre:", "Current", ""),
                        new WireCode(WireCode.Kind.PLACE, "iso3166-1a2:", "LB", ""));
    }

    @Test
    void nitfDataContentBecomesTheArabicBody() {
        WireItem item = single("/fixtures/newsml1/ar-afp-lebanon-budget.xml");

        assertThat(item.bodyHtml())
                .isEqualTo(
                        "<p>بيروت (أ ف ب) - أقر البرلمان اللبناني الثلاثاء موازنة العام 2027 بعد نقاش استمر ثلاثة أيام.</p>"
                                + "<p>وتنص الموازنة على زيادة رواتب القطاع العام بنسبة 20 في المئة، وهو ما يطالب به صندوق النقد الدولي.</p>");
    }

    @Test
    void photoComponentBecomesAnImageWithItsCaptionCreditAndSize() {
        WireItem item = single("/fixtures/newsml1/ar-afp-lebanon-budget.xml");

        assertThat(item.images())
                .containsExactly(new Image(
                        "https://img.fixture-afp.example/ar/2026/11/24/leb-budget.jpg",
                        "نواب خلال جلسة مناقشة الموازنة في مجلس النواب اللبناني في بيروت في 24 تشرين الثاني/نوفمبر 2026",
                        "أ ف ب/حسن نصر",
                        "image/jpeg",
                        1024,
                        683));
    }

    @Test
    void spanishEmbargoedItemIsUsableFromTheStatusChangeTime() {
        WireItem item = single("/fixtures/newsml1/es-madrid-housing-embargoed.xml");

        assertThat(item.guid()).isEqualTo("urn:newsml:fixture-afp.example:20261126:TX-SGE-ESP-3K9");
        assertThat(item.agencyVersion()).isEqualTo("2");
        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-26T09:45:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-26T10:45:00Z"));
        assertThat(item.pubStatus()).isEqualTo("usable");
        assertThat(item.embargoUntil()).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
        assertThat(item.urgency()).isEqualTo(4);
        assertThat(item.language()).isEqualTo("es");
        assertThat(item.headline())
                .isEqualTo("El Gobierno aprueba un plan para movilizar 40.000 viviendas vacías en alquiler asequible");
        assertThat(item.standfirst()).isNull();
        assertThat(item.byline()).isEqualTo("Lucía Ortega");
        assertThat(item.located()).isEqualTo("Madrid");
        assertThat(item.agency()).isEqualTo("AFP"); // the credit line: no provider party
        assertThat(item.slugline()).isEqualTo("España-vivienda-alquiler");
        assertThat(item.keywords()).containsExactly("vivienda", "alquiler");
        assertThat(item.altIds()).isEmpty();
        assertThat(item.images()).isEmpty();
        assertThat(item.codes())
                .containsExactly(
                        new WireCode(WireCode.Kind.SUBJECT, "subj:", "14000000", ""),
                        new WireCode(WireCode.Kind.GENRE, "genre:", "Current", ""),
                        new WireCode(WireCode.Kind.PLACE, "iso3166-1a2:", "ES", ""));
    }

    @Test
    void plainTextDataContentBecomesOneParagraphPerLine() {
        WireItem item = single("/fixtures/newsml1/es-madrid-housing-embargoed.xml");

        assertThat(item.bodyHtml())
                .isEqualTo("<p>Madrid, 26 nov (AFP) - El Consejo de Ministros aprobará el viernes "
                        + "un plan para sacar al mercado 40.000 viviendas vacías.</p>"
                        + "<p>Los propietarios que alquilen por debajo del índice de referencia recibirán una bonificación "
                        + "fiscal del 60 %.</p>");
    }

    @Test
    void embargoedWithoutALiftingTimeIsWithheldAndCanceledIsCanceled() {
        String xml = """
                <NewsML><NewsItem>
                  <Identification><NewsIdentifier><ProviderId>p</ProviderId><DateId>20261125</DateId>
                    <NewsItemId>A</NewsItemId><RevisionId>1</RevisionId></NewsIdentifier></Identification>
                  <NewsManagement><Status FormalName="%s"/></NewsManagement>
                  <NewsComponent><NewsLines><HeadLine>H</HeadLine></NewsLines></NewsComponent>
                </NewsItem></NewsML>
                """;

        assertThat(parse(xml.formatted("Embargoed")).pubStatus()).isEqualTo("withheld");
        assertThat(parse(xml.formatted("Embargoed")).embargoUntil()).isNull();
        assertThat(parse(xml.formatted("Canceled")).pubStatus()).isEqualTo("canceled");
        assertThat(parse(xml.formatted("Withheld")).pubStatus()).isEqualTo("withheld");
    }

    @Test
    void anIdentifierWithoutItsProviderOrDateGivesNoGuidRatherThanANullOne() {
        String xml = """
                <NewsML><NewsItem>
                  <Identification><NewsIdentifier>%s<NewsItemId>A</NewsItemId><RevisionId>1</RevisionId>
                  </NewsIdentifier></Identification>
                  <NewsComponent><NewsLines><HeadLine>H</HeadLine></NewsLines></NewsComponent>
                </NewsItem></NewsML>
                """;

        assertThat(parse(xml.formatted("<DateId>20261125</DateId>")).guid()).isNull();
        assertThat(parse(xml.formatted("<ProviderId>afp.com</ProviderId>")).guid())
                .isNull();
        assertThat(parse(xml.formatted("<ProviderId> afp.com </ProviderId><DateId>20261125</DateId>"))
                        .guid())
                .isEqualTo("urn:newsml:afp.com:20261125:A");
    }

    @Test
    void everyNewsItemIsOneWireItem() {
        String item = """
                <NewsItem>
                  <Identification><NewsIdentifier><ProviderId>p</ProviderId><DateId>20261125</DateId>
                    <NewsItemId>%s</NewsItemId><RevisionId>1</RevisionId></NewsIdentifier></Identification>
                  <NewsComponent><NewsLines><HeadLine>%s</HeadLine></NewsLines></NewsComponent>
                </NewsItem>
                """;
        String xml = "<NewsML>" + item.formatted("A", "First") + item.formatted("B", "Second") + "</NewsML>";

        ParsedPayload parsed = parser.parse(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.items())
                .extracting(WireItem::guid, WireItem::headline)
                .containsExactly(
                        Tuple.tuple("urn:newsml:p:20261125:A", "First"),
                        Tuple.tuple("urn:newsml:p:20261125:B", "Second"));
    }

    @Test
    void unreadableTimeIsRefusedNamingTheField() {
        String xml = """
                <NewsML><NewsItem><NewsManagement><FirstCreated>yesterday</FirstCreated></NewsManagement></NewsItem></NewsML>
                """;

        assertThatThrownBy(() -> parse(xml))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("FirstCreated")
                .hasMessageContaining("yesterday");
    }

    // ---------------------------------------------------------------- Spanish item with two photos (AFP style)

    private static final String AFP_CHILE = "/fixtures/newsml1/es-afp-chile-litio.xml";

    @Test
    void spanishItemIsReadAndItsEmptyKeywordLineDropped() {
        WireItem item = single(AFP_CHILE);

        assertThat(item.guid()).isEqualTo("urn:newsml:fixture-afp.example:20261127:TX-SGE-CHL-8M4");
        assertThat(item.firstCreated()).as("14:30 in Santiago").isEqualTo(Instant.parse("2026-11-27T17:30:00Z"));
        assertThat(item.language()).isEqualTo("es");
        assertThat(item.headline())
                .isEqualTo("Chile inaugura en Antofagasta su primera planta estatal de refinado de litio");
        assertThat(item.byline()).isEqualTo("Marcela Rojas");
        assertThat(item.located()).isEqualTo("Antofagasta");
        assertThat(item.slugline()).isEqualTo("Chile-minería-litio");
        assertThat(item.keywords()).containsExactly("Chile", "litio");
    }

    @Test
    void nitfBodyHeadIsNotRepeatedInTheBody() {
        WireItem item = single(AFP_CHILE);

        // the NITF hedline and byline are already the item's headline and byline
        assertThat(item.bodyHtml())
                .isEqualTo("<p>Antofagasta, Chile, 27 nov 2026 (AFP) - Chile inauguró este viernes "
                        + "en Antofagasta la primera planta estatal de refinado de litio.</p>"
                        + "<p>La planta procesará 40.000 toneladas de carbonato de litio al año.</p>");
    }

    @Test
    void photoCaptionComesFromItsTextContentItemElseFromItsHeadline() {
        WireItem item = single(AFP_CHILE);

        assertThat(item.images())
                .containsExactly(
                        new Image(
                                "https://img.fixture-afp.example/es/2026/11/27/chl-litio-1.jpg",
                                "Vista de la planta de refinado de litio en Antofagasta, Chile, el 27 de noviembre de 2026.",
                                "AFP/Martín Bernetti",
                                "image/jpeg",
                                1280,
                                853),
                        // its text ContentItem is blank: the photo's headline is the caption, its byline the credit
                        new Image(
                                "https://img.fixture-afp.example/es/2026/11/27/chl-litio-2.jpg",
                                "La ministra de Minería Carolina Fuentes",
                                "Martín Bernetti",
                                "image/jpeg",
                                0,
                                0));
    }

    @Test
    void xhtmlParagraphsStraightInDataContentKeepTheirMarkup() {
        String xml = """
                <NewsML><NewsItem>
                  <NewsComponent xml:lang="es">
                    <NewsLines><HeadLine>El Senado chileno aprueba la reforma de pensiones</HeadLine></NewsLines>
                    <ContentItem><MediaType FormalName="Text"/><MimeType FormalName="application/xhtml+xml"/>
                      <DataContent>
                        <p>Santiago, 27 nov 2026 (AFP) - El Senado chileno aprobó la <em>reforma de pensiones</em>
                          por 26 votos contra 20.</p>
                        <p>La ley entra en vigor en enero.</p>
                      </DataContent>
                    </ContentItem>
                  </NewsComponent>
                </NewsItem></NewsML>
                """;

        assertThat(parse(xml).bodyHtml())
                .isEqualTo(
                        "<p>Santiago, 27 nov 2026 (AFP) - El Senado chileno aprobó la "
                                + "<em>reforma de pensiones</em> por 26 votos contra 20.</p><p>La ley entra en vigor en enero.</p>");
    }

    @Test
    void withdrawalWhoseTextContentItemCarriesNoDataHasNoBody() {
        String xml = """
                <NewsML><NewsItem>
                  <NewsManagement><Status FormalName="Canceled"/></NewsManagement>
                  <NewsComponent>
                    <NewsLines><HeadLine>ELIMINADO: Chile-minería-litio</HeadLine></NewsLines>
                    <ContentItem><MediaType FormalName="Text"/></ContentItem>
                  </NewsComponent>
                </NewsItem></NewsML>
                """;

        WireItem item = parse(xml);

        assertThat(item.pubStatus()).isEqualTo("canceled");
        assertThat(item.bodyHtml()).isNull();
    }

    @Test
    void newsMlG2DocumentIsRefusedWithTheRootElementNamed() {
        byte[] g2 = Fixtures.bytes("/fixtures/newsml-g2/en-gulf-grid-embargoed.xml");

        assertThatThrownBy(() -> parser.parse(g2))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("root element <newsItem> is not NewsML 1.2");
    }

    private WireItem parse(String xml) {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8)).items().get(0);
    }

    private WireItem single(String resource) {
        ParsedPayload parsed = parser.parse(Fixtures.bytes(resource));
        assertThat(parsed.items()).hasSize(1);
        return parsed.items().get(0);
    }

    @Test
    void languageIsInheritedFromTheNewsItemOrTheRootWhenTheComponentSaysNothing() {
        String xml = """
                <NewsML Version="1.2" xml:lang="%s"><NewsItem%s>
                  <Identification><NewsIdentifier><ProviderId>p</ProviderId><DateId>20261127</DateId>
                    <NewsItemId>N</NewsItemId><RevisionId>1</RevisionId></NewsIdentifier></Identification>
                  %s
                </NewsItem></NewsML>
                """;
        String component = "<NewsComponent><NewsLines><HeadLine>H</HeadLine></NewsLines></NewsComponent>";

        assertThat(parser.parse(utf8(xml.formatted("es", "", component)))
                        .items()
                        .get(0)
                        .language())
                .isEqualTo("es");
        assertThat(parser.parse(utf8(xml.formatted("es", " xml:lang=\"ar\"", "")))
                        .items()
                        .get(0)
                        .language())
                .isEqualTo("ar");
        assertThat(parser.parse(utf8(xml.formatted("es", "", "")))
                        .items()
                        .get(0)
                        .language())
                .isEqualTo("es");
    }

    private static byte[] utf8(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
