package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Image;
import org.wiregate.support.Fixtures;

class NitfParserTest {

    private final NitfParser parser = new NitfParser();

    @Test
    void spanishNitfWithALocalDoctypeIsReadWithAllItsFields() {
        ParsedPayload parsed = parser.parse(Fixtures.bytes("/fixtures/nitf/es-efe-libano-presupuesto.xml"));

        assertThat(parsed.format()).isEqualTo(WireFormat.NITF);
        assertThat(parsed.skipped()).isEmpty();
        assertThat(parsed.items()).hasSize(1);
        WireItem item = parsed.items().get(0);
        assertThat(item.format()).isEqualTo(WireFormat.NITF);
        assertThat(item.guid()).isEqualTo("FXEFE-20261124-LIB-0311");
        assertThat(item.agencyVersion()).isEqualTo("1");
        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-24T10:15:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-24T10:15:00Z"));
        assertThat(item.embargoUntil()).isNull(); // released when issued
        assertThat(item.pubStatus()).isEqualTo("usable");
        assertThat(item.urgency()).isEqualTo(3);
        assertThat(item.language()).isEqualTo("es");
        assertThat(item.headline())
                .isEqualTo("El Parlamento libanés aprueba el presupuesto de 2027 tras tres días de debate");
        assertThat(item.standfirst())
                .isEqualTo("La ley sube un 20 % los salarios públicos y amplía la base fiscal, como pide el FMI");
        assertThat(item.byline()).isEqualTo("Por Nadia Saleh");
        assertThat(item.located()).isEqualTo("Beirut");
        assertThat(item.agency()).isEqualTo("Agencia Fixture EFE");
        assertThat(item.slugline()).isEqualTo("libano-presupuesto");
        assertThat(item.keywords()).containsExactly("Líbano", "presupuesto", "FMI");
        assertThat(item.altIds()).containsExactly(Map.entry("edition-group", "fixture-story-2"));
        assertThat(item.correctionNote()).isNull();
        assertThat(item.codes())
                .containsExactly(
                        new WireCode(WireCode.Kind.SUBJECT, "subj:", "11000000", "política"),
                        new WireCode(WireCode.Kind.SUBJECT, "subj:", "04000000", "economía, negocios y finanzas"),
                        new WireCode(WireCode.Kind.GENRE, "genre:", "news", ""),
                        new WireCode(WireCode.Kind.PLACE, "iso3166-1a2:", "LB", "Beirut"));
    }

    @Test
    void bodyBlocksBecomeHtmlAndMediaIsDroppedFromTheBody() {
        WireItem item = single("/fixtures/nitf/es-efe-libano-presupuesto.xml");

        assertThat(item.bodyHtml())
                .isEqualTo(
                        "<p>Beirut, 24 nov (EFE).- El Parlamento del Líbano aprobó este martes el presupuesto de 2027, "
                                + "con 71 votos a favor y 37 en contra.</p>"
                                + "<h2>Salarios y recaudación</h2>"
                                + "<p>El ministro de Finanzas, Samir Aoun, afirmó que el déficit bajará al 1,2 % del PIB.</p>"
                                + "<blockquote><p>\"Es un presupuesto de necesidad, no de elección\", dijo.</p></blockquote>"
                                + "<ol><li>Gasto: 4.900 millones de dólares</li><li>Ingresos: 4.600 millones de dólares</li></ol>"
                                + "<p>Más información en <a href=\"https://fixture-efe.example/libano\">la web de EFE</a>.</p>");
    }

    @Test
    void mediaBlockBecomesAnImageWithCaptionAndProducer() {
        WireItem item = single("/fixtures/nitf/es-efe-libano-presupuesto.xml");

        assertThat(item.images())
                .containsExactly(new Image(
                        "https://img.fixture-efe.example/2026/11/24/parlamento-libano.jpg",
                        "Diputados libaneses durante la sesión de debate del presupuesto en Beirut, el 24 de noviembre de 2026.",
                        "EFE/Nabil Mounzer",
                        "image/jpeg",
                        1200,
                        800));
    }

    @Test
    void arabicNitfIsReadExactly() {
        WireItem item = single("/fixtures/nitf/ar-qna-doha-grid.xml");

        assertThat(item.guid()).isEqualTo("FXQNA-20261126-0788");
        assertThat(item.agencyVersion()).isEqualTo("2");
        assertThat(item.language()).isEqualTo("ar"); // xml:lang on body
        assertThat(item.urgency()).isEqualTo(2);
        assertThat(item.headline()).isEqualTo("دول الخليج توقع اتفاقية لتوسيع الربط الكهربائي في الدوحة");
        assertThat(item.standfirst()) // the abstract: there is no hl2
                .isEqualTo(
                        "تتيح الاتفاقية نقل الطاقة الشمسية من سلطنة عمان إلى الكويت عبر شبكة مشتركة بطول ألفي كيلومتر.");
        assertThat(item.byline()).isEqualTo("الدوحة - قنا");
        assertThat(item.located()).isEqualTo("الدوحة");
        assertThat(item.agency()).isEqualTo("وكالة الأنباء القطرية");
        assertThat(item.slugline()).isEqualTo("qatar-energy-grid");
        assertThat(item.keywords()).containsExactly("قطر", "الطاقة الشمسية");
        assertThat(item.correctionNote()).isEqualTo("تصحيح اسم الوزير في الفقرة الثانية");
        assertThat(item.codes())
                .containsExactly(
                        new WireCode(WireCode.Kind.SUBJECT, "subj:", "06000000", "البيئة"),
                        new WireCode(WireCode.Kind.GENRE, "genre:", "news", ""),
                        new WireCode(WireCode.Kind.PLACE, "iso3166-1a2:", "QA", "الدوحة"));
        assertThat(item.bodyHtml())
                .isEqualTo(
                        "<p>الدوحة في 27 نوفمبر /قنا/ وقع وزراء الطاقة في دول مجلس التعاون الخليجي اليوم اتفاقية لتوسيع الربط الكهربائي.</p>"
                                + "<p>وقال سعادة وزير الطاقة إن المشروع سيكتمل بحلول عام 2030.</p>");
        assertThat(item.images()).isEmpty();
    }

    @Test
    void releaseAfterIssueIsAnEmbargoOnUsableCopy() {
        WireItem item = single("/fixtures/nitf/ar-qna-doha-grid.xml");

        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-26T17:15:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-26T17:15:00Z"));
        assertThat(item.embargoUntil()).isEqualTo(Instant.parse("2026-11-27T06:00:00Z"));
        assertThat(item.pubStatus()).isEqualTo("usable");
    }

    @Test
    void managementStatusesAreReadAndEmbargoWithoutReleaseIsWithheld() {
        String xml = """
                <nitf><head><docdata management-status="%s"><doc-id id-string="X"/>
                  <date.issue norm="20261125T080000Z"/></docdata></head>
                <body><body.head><hedline><hl1>H</hl1></hedline></body.head></body></nitf>
                """;

        assertThat(parse(xml.formatted("canceled")).pubStatus()).isEqualTo("canceled");
        assertThat(parse(xml.formatted("withheld")).pubStatus()).isEqualTo("withheld");
        assertThat(parse(xml.formatted("embargoed")).pubStatus()).isEqualTo("withheld");
        assertThat(parse(xml.formatted("usable")).pubStatus()).isEqualTo("usable");
    }

    @Test
    void compactTimesWithoutSecondsOrOffsetAreUtc() {
        String xml = """
                <nitf><head><docdata><doc-id id-string="X"/><date.issue norm="20261125T0800"/></docdata></head>
                <body/></nitf>
                """;

        assertThat(parse(xml).firstCreated()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
    }

    @Test
    void anotherXmlFormatIsRefusedWithTheRootElementNamed() {
        assertThatThrownBy(() -> parser.parse("<NewsML/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("root element <NewsML> is not NITF");
    }

    // ---------------------------------------------------------------- Arabic NITF without xml:lang (SANA style)

    private static final String SANA = "/fixtures/nitf/ar-sana-damascus-fair.xml";

    @Test
    void arabicNitfTakesItsLanguageFromTheLanguageMetaAndIsReadWithAllItsFields() {
        WireItem item = single(SANA);

        assertThat(item.language())
                .as("<meta name=\"language\">, not the generator meta before it")
                .isEqualTo("ar");
        assertThat(item.guid()).isEqualTo("FXSANA-20261127-0215");
        assertThat(item.firstCreated()).as("11:30 in Damascus").isEqualTo(Instant.parse("2026-11-27T08:30:00Z"));
        assertThat(item.embargoUntil()).isNull();
        assertThat(item.pubStatus()).isEqualTo("usable");
        assertThat(item.urgency()).isEqualTo(4);
        assertThat(item.headline()).isEqualTo("انطلاق فعاليات معرض دمشق الدولي بمشاركة 40 دولة");
        assertThat(item.standfirst()).isNull();
        assertThat(item.byline()).isEqualTo("دمشق - سانا");
        assertThat(item.located()).isEqualTo("دمشق");
        assertThat(item.agency()).as("doc.rights provider").isEqualTo("الوكالة العربية السورية للأنباء - سانا");
        assertThat(item.slugline()).isEqualTo("syria-damascus-fair");
        assertThat(item.codes())
                .containsExactly(
                        new WireCode(WireCode.Kind.SUBJECT, "subj:", "04000000", "اقتصاد"),
                        new WireCode(WireCode.Kind.GENRE, "genre:", "news", ""),
                        new WireCode(WireCode.Kind.PLACE, "iso3166-1a2:", "SY", "دمشق"));
        assertThat(item.bodyHtml())
                .isEqualTo(
                        "<p>دمشق في 27 تشرين الثاني /سانا/ انطلقت اليوم فعاليات الدورة الجديدة من معرض دمشق الدولي بمشاركة 40 دولة.</p>"
                                + "<p>ويستمر المعرض عشرة أيام على أرض مدينة المعارض.</p>");
    }

    @Test
    void photoAndUntypedMediaBecomeImagesAndVideoDoesNot() {
        WireItem item = single(SANA);

        assertThat(item.images())
                .containsExactly(
                        new Image(
                                "https://photos.fixture-sana.example/2026/11/27/fair-opening.jpg",
                                "جانب من افتتاح معرض دمشق الدولي",
                                "سانا",
                                "image/jpeg",
                                1024,
                                683),
                        // no media-type: a picture; its first reference is site-relative, so the absolute one is used
                        new Image(
                                "https://photos.fixture-sana.example/2026/11/27/fair-pavilion.jpg",
                                "أحد أجنحة المعرض",
                                "سانا",
                                "image/jpeg",
                                800,
                                533));
    }

    @Test
    void dublinCoreLanguageMetaIsReadAndXmlLangWinsOverAnyMeta() {
        String xml = """
                <nitf%s><head><meta name="DC.language" content="%s"/><docdata><doc-id id-string="X"/></docdata></head>
                <body><body.head><hedline><hl1>Titular</hl1></hedline></body.head></body></nitf>
                """;

        assertThat(parse(xml.formatted("", "es")).language()).isEqualTo("es");
        assertThat(parse(xml.formatted(" xml:lang=\"es-419\"", "es")).language())
                .isEqualTo("es-419");
    }

    @Test
    void languageIsTheHeadlinesAsXmlInheritsItThenTheBodysThenBaselangThenAMeta() {
        String xml = """
                <nitf%s><head><meta name="language" content="en"/><docdata><doc-id id-string="X"/></docdata></head>
                <body%s><body.head><hedline><hl1%s>Titular</hl1></hedline></body.head>
                <body.content%s><p>Texto</p></body.content></body></nitf>
                """;

        assertThat(parse(xml.formatted(" baselang=\"es\"", "", "", "")).language())
                .isEqualTo("es");
        assertThat(parse(xml.formatted(" baselang=\"es\" xml:lang=\"es-MX\"", "", "", ""))
                        .language())
                .isEqualTo("es-MX");
        assertThat(parse(xml.formatted(" baselang=\"es\"", " xml:lang=\"ar\"", "", ""))
                        .language())
                .isEqualTo("ar");
        assertThat(parse(xml.formatted("", "", "", " xml:lang=\"es-419\"")).language())
                .isEqualTo("es-419");
        assertThat(parse(xml.formatted("", "", " xml:lang=\"ar-QA\"", " xml:lang=\"es\""))
                        .language())
                .isEqualTo("ar-QA");
        assertThat(parse(xml.formatted("", "", "", "")).language()).isEqualTo("en");
    }

    @Test
    void nitfWithoutHeadlineOrBodyTakesItsOwnXmlLang() {
        String xml =
                "<nitf xml:lang=\"ar\" baselang=\"en\"><head><docdata><doc-id id-string=\"X\"/></docdata></head></nitf>";

        assertThat(parse(xml).language()).isEqualTo("ar");
    }

    private WireItem parse(String xml) {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8)).items().get(0);
    }

    private WireItem single(String resource) {
        ParsedPayload parsed = parser.parse(Fixtures.bytes(resource));
        assertThat(parsed.items()).hasSize(1);
        return parsed.items().get(0);
    }
}
