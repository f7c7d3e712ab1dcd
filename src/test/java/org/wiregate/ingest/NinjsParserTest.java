package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Image;
import org.wiregate.article.RelatedLink;
import org.wiregate.support.Fixtures;

/**
 * ninjs 1.x and 2.x as agencies really send them: whole HTML documents as bodies, relative rendition
 * URLs, urgency as a string, blank keywords, video associations and links that are not web pages.
 * (ninjs 3.x camelCase and correction notes are in {@link Ninjs3ParserTest}.)
 */
class NinjsParserTest {

    private static final String QNA = "/fixtures/ninjs/ar-qna-ninjs2-item.json";
    private static final String PRENSA_LATINA = "/fixtures/ninjs/es-ninjs1-prensa-latina-item.json";

    private final NinjsParser parser = new NinjsParser();

    // ---------------------------------------------------------------- Arabic ninjs 2.x (QNA style)

    @Test
    void arabicNinjs2ItemIsReadWithAllItsFields() {
        ParsedPayload parsed = parser.parse(Fixtures.bytes(QNA));

        assertThat(parsed.format()).isEqualTo(WireFormat.NINJS_2);
        WireItem item = single(parsed);
        assertThat(item.guid()).isEqualTo("urn:newsml:fixture-qna.example:20261127:ar-energy-0951");
        assertThat(item.agencyVersion()).isEqualTo("1");
        assertThat(item.firstCreated()).as("09:51 Doha time").isEqualTo(Instant.parse("2026-11-27T06:51:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-27T07:04:00Z"));
        assertThat(item.pubStatus()).isEqualTo("usable");
        assertThat(item.language()).isEqualTo("ar");
        assertThat(item.headline()).isEqualTo("قطر توقع اتفاقية لتزويد ألمانيا بالغاز الطبيعي المسال لمدة 15 عاما");
        assertThat(item.standfirst()).as("no descriptions at all").isNull();
        assertThat(item.byline()).isEqualTo("الدوحة - قنا");
        assertThat(item.located()).isEqualTo("الدوحة");
        assertThat(item.agency()).isEqualTo("وكالة الأنباء القطرية");
        assertThat(item.altIds()).containsExactly(Map.entry("edition-group", "fixture-story-9"));
        assertThat(item.codes())
                .containsExactly(
                        new WireCode(
                                WireCode.Kind.SUBJECT,
                                "http://cv.iptc.org/newscodes/mediatopic/",
                                "04000000",
                                "الاقتصاد والأعمال والمال"),
                        new WireCode(WireCode.Kind.PLACE, "http://cvx.iptc.org/iso3166-1a2/", "QA", "قطر"));
    }

    @Test
    void aDocumentMixingVersionsIsReadFromEitherName() {
        // 2.x "headlines" beside 1.x "body_html" and "description_text", as a converter wrote them
        String mixed = """
                {"uri": "urn:example:mixed-1", "version": "1", "language": "es",
                 "versioncreated": "2026-12-07T08:00:00Z", "firstcreated": "2026-12-07T08:00:00Z",
                 "headlines": [{"role": "main", "value": "Huelga de transporte en Madrid"}],
                 "headline": "Huelga de transporte en Madrid",
                 "description_text": "Los sindicatos convocan un paro de 24 horas.",
                 "body_html": "<p>MADRID, 7 dic (EFE).- Los sindicatos del transporte convocaron hoy un paro.</p>"}
                """;

        WireItem item = single(parser.parse(mixed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(item.headline()).isEqualTo("Huelga de transporte en Madrid");
        assertThat(item.standfirst()).isEqualTo("Los sindicatos convocan un paro de 24 horas.");
        assertThat(item.bodyHtml()).contains("Los sindicatos del transporte convocaron hoy un paro.");
    }

    @Test
    void urgencySentAsAStringIsReadAsANumber() {
        assertThat(single(parser.parse(Fixtures.bytes(QNA))).urgency()).isEqualTo(2);
    }

    @Test
    void bodySentAsAWholeHtmlDocumentKeepsOnlyWhatIsInsideItsBody() {
        WireItem item = single(parser.parse(Fixtures.bytes(QNA)));

        assertThat(item.bodyHtml())
                .startsWith("<p>الدوحة في 27 نوفمبر /قنا/ وقعت شركة قطر للطاقة اليوم اتفاقية طويلة الأجل")
                .contains("<p>وتبدأ الشحنات بموجب الاتفاقية في عام 2027 وتمتد لخمسة عشر عاما. /انتهى/</p>")
                .doesNotContain("<!DOCTYPE", "<html", "<head", "<title", "<meta", "<body", "قطر-ألمانيا-غاز");
    }

    @Test
    void htmlFragmentBodyIsKeptExactlyAsTheAgencySentIt() {
        WireItem item = single(parser.parse(Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json")));

        // not re-serialised by an HTML parser: no line breaks put between the paragraphs
        assertThat(item.bodyHtml())
                .contains("the commission's chairperson told reporters.</p><p>Polling stations closed")
                .doesNotContain("\n");
    }

    @Test
    void blankKeywordsAreDropped() {
        WireItem item = single(parser.parse(Fixtures.bytes(QNA)));

        assertThat(item.keywords()).containsExactly("قطر", "الغاز الطبيعي المسال");
    }

    @Test
    void onlyLinksWithAnAbsoluteWebAddressBecomeRelatedLinks() {
        WireItem item = single(parser.parse(Fixtures.bytes(QNA)));

        assertThat(item.relatedLinks())
                .containsExactly(new RelatedLink(
                        "https://www.fixture-qna.example/ar/News-Area/News/2026-11/20/qatar-energy-japan",
                        "قطر للطاقة توقع اتفاقية لتوريد الغاز إلى اليابان"));
    }

    @Test
    void pictureWithARelativeBaseRenditionUsesTheWidestAbsoluteOneAndVideoIsNoImage() {
        WireItem item = single(parser.parse(Fixtures.bytes(QNA)));

        // the base rendition has a site-relative href no partner could load; the video's poster frame is not
        // a picture of the story
        assertThat(item.images())
                .containsExactly(new Image(
                        "https://images.fixture-qna.example/2026/11/27/lng-signing-web.jpg",
                        "مراسم توقيع الاتفاقية في الدوحة، 27 نوفمبر 2026.",
                        "قنا",
                        "image/jpeg",
                        1280,
                        853));
    }

    // ---------------------------------------------------------------- Spanish ninjs 1.x (Prensa Latina style)

    @Test
    void spanishNinjs1ItemWithPlainTextBodyIsReadWithAllItsFields() {
        ParsedPayload parsed = parser.parse(Fixtures.bytes(PRENSA_LATINA));

        assertThat(parsed.format()).isEqualTo(WireFormat.NINJS_1);
        WireItem item = single(parsed);
        assertThat(item.format()).isEqualTo(WireFormat.NINJS_1);
        assertThat(item.guid()).isEqualTo("urn:newsml:fixture-pl.example:20261127:es-cuba-zafra-0412");
        assertThat(item.firstCreated()).as("11:20 in Havana").isEqualTo(Instant.parse("2026-11-27T16:20:00Z"));
        assertThat(item.urgency())
                .as("no urgency sent: the mapping's default applies")
                .isNull();
        assertThat(item.language()).isEqualTo("es");
        assertThat(item.headline()).isEqualTo("Cuba inicia la zafra azucarera con 24 centrales en molienda");
        assertThat(item.standfirst())
                .as("description_html read as text")
                .isEqualTo("La campaña 2026-2027 arranca en Villa Clara y Cienfuegos.");
        assertThat(item.bodyHtml())
                .isEqualTo("<p>La Habana, 27 nov (Prensa Latina) La zafra azucarera 2026-2027 "
                        + "comenzó hoy con 24 centrales en molienda, informó el grupo estatal Azcuba.</p>"
                        + "<p>La campaña prevé producir 350 000 toneladas de azúcar, por encima de la cosecha anterior.</p>"
                        + "<p>Los directivos señalaron que la falta de combustible y de piezas de repuesto sigue siendo el "
                        + "principal obstáculo.</p>");
        assertThat(item.byline()).isEqualTo("Redacción Economía");
        assertThat(item.located()).isEqualTo("La Habana");
        assertThat(item.agency()).as("provider, there is no copyright holder").isEqualTo("Prensa Latina");
        assertThat(item.codes())
                .containsExactly(
                        new WireCode(
                                WireCode.Kind.SUBJECT,
                                "http://cv.iptc.org/newscodes/mediatopic/",
                                "20000210",
                                "agricultura"),
                        new WireCode(WireCode.Kind.PLACE, "http://cvx.iptc.org/iso3166-1a2/", "CU", "Cuba"));
    }

    @Test
    void ninjs1RenditionMapUsesTheBaseImageEvenWhenALargerRenditionIsListed() {
        WireItem item = single(parser.parse(Fixtures.bytes(PRENSA_LATINA)));

        assertThat(item.images())
                .containsExactly(new Image(
                        "https://fotos.fixture-pl.example/2026/11/27/zafra.jpg",
                        "Macheteros en un campo de caña de Villa Clara, Cuba.",
                        "Prensa Latina",
                        "image/jpeg",
                        1280,
                        853));
    }

    @Test
    void ninjs2RenditionNamedBaseImageWinsOverAWiderOne() {
        WireItem item = parse("""
                {"uri": "urn:test:pic", "headlines": [{"value": "H"}],
                 "associations": [{"type": "picture", "by": "Demo Wire",
                   "renditions": [
                     {"name": "print", "href": "https://img.test/print.jpg", "contenttype": "image/jpeg", "width": 4000},
                     {"name": "baseImage", "href": "https://img.test/base.jpg", "contenttype": "image/jpeg", "width": 1600}]}]}
                """);

        assertThat(item.images()).extracting(Image::url).containsExactly("https://img.test/base.jpg");
    }

    @Test
    void withoutANamedBaseRenditionTheWidestAbsoluteOneIsUsed() {
        WireItem item = parse("""
                {"uri": "urn:test:pic", "headlines": [{"value": "H"}],
                 "associations": [{"type": "image",
                   "renditions": [
                     {"name": "thumbnail", "href": "https://img.test/thumb.jpg", "width": 160},
                     {"name": "web", "href": "https://img.test/web.jpg", "width": 1024},
                     {"name": "preview", "href": "https://img.test/preview.jpg", "width": 640}]}]}
                """);

        assertThat(item.images())
                .extracting(Image::url, Image::width)
                .containsExactly(Tuple.tuple("https://img.test/web.jpg", 1024));
    }

    // ---------------------------------------------------------------- fields agencies leave out or send oddly

    @Test
    void flashWithOnlyAHeadlineHasNoBodyNoStandfirstAndNoUrgency() {
        WireItem version1 = parse("""
                {"uri": "urn:test:flash1", "version": "1", "headline": "FLASH: Lebanon's parliament approves 2027 budget"}
                """);
        WireItem version2 = parse("""
                {"uri": "urn:test:flash2", "headlines": [{"role": "main", "value": "FLASH: Lebanon approves budget"}],
                 "bodies": []}
                """);

        for (WireItem item : new WireItem[] {version1, version2}) {
            assertThat(item.bodyHtml()).isNull();
            assertThat(item.standfirst()).isNull();
            assertThat(item.urgency()).isNull();
        }
    }

    @Test
    void headlinesWithoutRolesGiveTheFirstOne() {
        WireItem item = parse("""
                {"uri": "urn:test:roles", "headlines": [{"value": "Perú prevé su peor cosecha de café en una década"},
                                                         {"value": "Perú: cosecha de café"}],
                 "descriptions": [{"role": "seo", "value": "La roya y la sequía reducirán un 18 % la producción."}]}
                """);

        assertThat(item.headline()).isEqualTo("Perú prevé su peor cosecha de café en una década");
        assertThat(item.standfirst()).isEqualTo("La roya y la sequía reducirán un 18 % la producción.");
    }

    @Test
    void urgencyThatIsNotANumberIsRefusedNamingTheValue() {
        assertThatThrownBy(() ->
                        parse("{\"uri\": \"urn:test:u\", \"headlines\": [{\"value\": \"H\"}], \"urgency\": \"flash\"}"))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("urgency is not a number: \"flash\"");
    }

    @Test
    void literalSubjectKeepsItsLiteralAsCodeAndAUriWinsOverALiteral() {
        WireItem item = parse("""
                {"uri": "urn:test:lit", "headlines": [{"value": "H"}],
                 "subjects": [{"name": "energía solar", "literal": "energia-solar"},
                              {"name": "energy", "uri": "http://cv.iptc.org/newscodes/mediatopic/20000248",
                               "literal": "energy"}]}
                """);

        assertThat(item.codes())
                .containsExactly(
                        new WireCode(WireCode.Kind.SUBJECT, "", "energia-solar", "energía solar"),
                        new WireCode(
                                WireCode.Kind.SUBJECT,
                                "http://cv.iptc.org/newscodes/mediatopic/",
                                "20000248",
                                "energy"));
    }

    @Test
    void signalsThatAreNotCorrectionsKeepTheEdNoteFromReaders() {
        WireItem texts = parse("""
                {"uri": "urn:test:upd", "headlines": [{"value": "H"}], "signals": ["sig:update", "sig:embargo"],
                 "ednote": "Adds reaction from the energy ministry in paragraph 3"}
                """);
        WireItem concepts = parse("""
                {"uri": "urn:test:upd2", "headlines": [{"value": "H"}],
                 "signals": [{"uri": "http://cv.iptc.org/newscodes/signal/update", "name": "update"}],
                 "ednote": "Adds reaction from the energy ministry in paragraph 3"}
                """);

        assertThat(texts.correctionNote()).isNull();
        assertThat(concepts.correctionNote()).isNull();
    }

    private WireItem parse(String json) {
        return single(parser.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static WireItem single(ParsedPayload parsed) {
        assertThat(parsed.items()).hasSize(1);
        return parsed.items().get(0);
    }

    @Test
    void aPlainTextBodyIsReadWhateverTheCaseOfItsMediaType() {
        String ninjs = """
                {"uri": "urn:test:plain-case", "type": "text", "language": "es",
                 "headline": "Lluvias en Montevideo",
                 "bodies": [{"contenttype": "Text/Plain", "value": "Las lluvias dejaron 40 milímetros."}]}""";
        WireItem item = single(parser.parse(ninjs.getBytes(StandardCharsets.UTF_8)));
        assertThat(item.bodyHtml()).contains("Las lluvias dejaron 40 milímetros.");
    }
}
