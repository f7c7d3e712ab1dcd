package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wiregate.article.Image;

class WireParsersTest {

    private static final String MEDIATOPIC = "http://cv.iptc.org/newscodes/mediatopic/";

    private final WireParsers parsers = new WireParsers();

    // ---------------------------------------------------------------- ninjs

    @Test
    void ninjs2ItemIsReadWithAllItsFields() {
        ParsedPayload parsed = parsers.parse(resource("/fixtures/ninjs/en-ninjs2-item.json"));

        assertThat(parsed.format()).isEqualTo(WireFormat.NINJS_2);
        assertThat(parsed.items()).hasSize(1);
        WireItem item = parsed.items().get(0);
        assertThat(item.format()).isEqualTo(WireFormat.NINJS_2);
        assertThat(item.guid()).isEqualTo("urn:newsml:fixture.example:en-1");
        assertThat(item.agencyVersion()).isEqualTo("1");
        assertThat(item.pubStatus()).isEqualTo("usable");
        assertThat(item.urgency()).isEqualTo(3);
        assertThat(item.language()).isEqualTo("en");
        assertThat(item.headline())
                .isEqualTo("Kenya's electoral commission begins tallying by-election votes, turnout put at 48%");
        assertThat(item.standfirst())
                .isEqualTo("Kenya's electoral commission began tallying votes on Thursday "
                        + "from by-elections in six constituencies, with provisional turnout put at 48%.");
        assertThat(item.bodyHtml())
                .startsWith("<p>NAIROBI (Demo Wire) - Kenya's Independent Electoral and Boundaries Commission")
                .endsWith("declare final results in all six constituencies by Saturday.</p>");
        assertThat(item.byline()).isEqualTo("Demo Wire staff");
        assertThat(item.located()).isEqualTo("NAIROBI");
        assertThat(item.agency()).isEqualTo("Demo Wire");
        assertThat(item.keywords()).containsExactly("Kenya", "elections", "IEBC", "by-elections");
    }

    @Test
    void ninjs2TimesAreReadAsUtcInstants() {
        WireItem item = single("/fixtures/ninjs/en-ninjs2-item.json");

        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-19T16:30:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-19T16:30:00Z"));
        assertThat(item.embargoUntil()).isNull();
    }

    @Test
    void ninjsTimesWithAnOffsetOrWithoutOneAreConvertedToUtc() {
        String json = """
                {"uri": "urn:test:offsets", "language": "en",
                 "headlines": [{"role": "main", "value": "Offsets"}],
                 "firstcreated": "2026-11-19T19:30:00+03:00",
                 "versioncreated": "2026-11-19T16:45:00"}
                """;

        WireItem item =
                parsers.parse(json.getBytes(StandardCharsets.UTF_8)).items().get(0);

        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-19T16:30:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-19T16:45:00Z"));
    }

    @Test
    void ninjs2PictureAssociationBecomesAnImageWithCaptionCreditAndSize() {
        WireItem item = single("/fixtures/ninjs/en-ninjs2-item.json");

        assertThat(item.images()).hasSize(1);
        Image image = item.images().get(0);
        assertThat(image.url()).isEqualTo("https://images.demo-wire.example/2026/11/kenya-tally.jpg");
        assertThat(image.caption())
                .isEqualTo(
                        "Election officials count ballots at a polling station in Nairobi, Kenya, November 19, 2026.");
        assertThat(image.credit()).isEqualTo("Wanjiru Kamau / Demo Wire");
        assertThat(image.mediaType()).isEqualTo("image/jpeg");
        assertThat(image.width()).isEqualTo(1200);
        assertThat(image.height()).isEqualTo(800);
    }

    @Test
    void ninjs2EditionGroupAltIdIsKept() {
        WireItem item = single("/fixtures/ninjs/en-ninjs2-item.json");

        assertThat(item.altIds()).containsEntry("edition-group", "fixture-story-1");
    }

    @Test
    void ninjs2SubjectsGenresAndPlacesBecomeCodesSplitIntoSchemeAndCode() {
        WireItem item = single("/fixtures/ninjs/en-ninjs2-item.json");

        assertThat(item.codes())
                .containsExactly(
                        new WireCode(WireCode.Kind.SUBJECT, MEDIATOPIC, "11000000", "politics"),
                        new WireCode(WireCode.Kind.GENRE, "http://cv.iptc.org/newscodes/genre/", "Current", "Current"),
                        new WireCode(WireCode.Kind.PLACE, "http://cvx.iptc.org/iso3166-1a2/", "KE", "Kenya"));
    }

    @Test
    void ninjs1SpanishItemIsReadFromItsFlatFields() {
        ParsedPayload parsed = parsers.parse(resource("/fixtures/ninjs/es-ninjs1-item.json"));

        assertThat(parsed.format()).isEqualTo(WireFormat.NINJS_1);
        WireItem item = parsed.items().get(0);
        assertThat(item.format()).isEqualTo(WireFormat.NINJS_1);
        assertThat(item.guid()).isEqualTo("urn:newsml:fixture.example:es-1");
        assertThat(item.agencyVersion()).isEqualTo("1");
        assertThat(item.language()).isEqualTo("es");
        assertThat(item.headline())
                .isEqualTo("Kenia inicia el recuento de las elecciones parciales con una participación del 44 %");
        assertThat(item.standfirst()).startsWith("La comisión electoral de Kenia comenzó este jueves");
        assertThat(item.bodyHtml()).startsWith("<p>NAIROBI, 19 nov (Demo Wire) - La Comisión Electoral Independiente");
        assertThat(item.byline()).isEqualTo("Redacción Demo");
        assertThat(item.located()).isEqualTo("NAIROBI");
        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-19T18:10:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-19T18:25:00Z"));
        assertThat(item.keywords()).containsExactly("Kenia", "elecciones", "IEBC", "elecciones parciales");
    }

    @Test
    void ninjs1AltIdsObjectCodesAndRenditionMapAreRead() {
        WireItem item = single("/fixtures/ninjs/es-ninjs1-item.json");

        assertThat(item.altIds()).containsEntry("edition-group", "fixture-story-1");
        assertThat(item.codes())
                .containsExactly(
                        new WireCode(WireCode.Kind.SUBJECT, MEDIATOPIC, "11000000", "politics"),
                        new WireCode(WireCode.Kind.GENRE, "http://cv.iptc.org/newscodes/genre/", "Current", "Current"),
                        new WireCode(WireCode.Kind.PLACE, "http://cvx.iptc.org/iso3166-1a2/", "KE", "Kenia"));
        assertThat(item.images()).singleElement().satisfies(image -> {
            assertThat(image.url()).isEqualTo("https://images.demo-wire.example/2026/11/kenya-tally.jpg");
            assertThat(image.caption())
                    .isEqualTo("Funcionarios electorales cuentan papeletas en un colegio "
                            + "de Nairobi (Kenia), el 19 de noviembre de 2026.");
            assertThat(image.credit()).isEqualTo("Wanjiru Kamau / Demo Wire");
            assertThat(image.mediaType()).isEqualTo("image/jpeg");
            assertThat(image.width()).isEqualTo(1200);
        });
    }

    // ---------------------------------------------------------------- RSS and Atom

    @Test
    void arabicRssItemKeepsItsHeadlineExactly() {
        ParsedPayload parsed = parsers.parse(resource("/fixtures/rss/ar-rss-item.xml"));

        assertThat(parsed.format()).isEqualTo(WireFormat.RSS);
        assertThat(parsed.items()).hasSize(1);
        WireItem item = parsed.items().get(0);
        assertThat(item.headline()).isEqualTo("كينيا: بدء فرز أصوات الانتخابات الفرعية في ٦ دوائر، ونسبة المشاركة ٤٤٪");
        assertThat(item.guid()).isEqualTo("fixture-ar-1");
        assertThat(item.language()).isEqualTo("ar");
        assertThat(item.byline()).isEqualTo("مكتب نيروبي");
        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-19T19:05:00Z"));
        assertThat(item.link()).isEqualTo("https://demo-wire.example/ar/2026/11/19/kenya-by-elections-tally");
        assertThat(item.standfirst()).startsWith("بدأت مفوضية الانتخابات في كينيا فرز الأصوات");
        assertThat(item.bodyHtml()).startsWith("<p>نيروبي (ديمو) - بدأت المفوضية المستقلة للانتخابات");
    }

    @Test
    void arabicRssCategoriesKeepTheirDomainsAsSchemes() {
        WireItem item = single("/fixtures/rss/ar-rss-item.xml");

        assertThat(item.codes()).extracting(WireCode::kind).containsOnly(WireCode.Kind.CATEGORY);
        assertThat(item.codes())
                .extracting(WireCode::scheme, WireCode::code)
                .containsExactly(
                        tuple("", "سياسة"),
                        tuple("urn:demo:region", "أفريقيا"),
                        tuple("urn:demo:type", "خبر"),
                        tuple("urn:demo:tag", "كينيا"),
                        tuple("urn:demo:tag", "الانتخابات"),
                        tuple("urn:demo:tag", "مفوضية الانتخابات"),
                        tuple("urn:demo:edition-group", "fixture-story-1"),
                        tuple("urn:demo:urgency", "3"));
    }

    @Test
    void arabicRssMediaContentBecomesAnImageWithCaptionAndCredit() {
        WireItem item = single("/fixtures/rss/ar-rss-item.xml");

        assertThat(item.images()).singleElement().satisfies(image -> {
            assertThat(image.url()).isEqualTo("https://images.demo-wire.example/2026/11/kenya-tally.jpg");
            assertThat(image.caption())
                    .isEqualTo("موظفو الانتخابات يفرزون بطاقات الاقتراع في أحد مراكز التصويت بنيروبي.");
            assertThat(image.credit()).isEqualTo("وانجيرو كاماو / ديمو");
            assertThat(image.mediaType()).isEqualTo("image/jpeg");
            assertThat(image.width()).isEqualTo(1200);
            assertThat(image.height()).isEqualTo(800);
        });
    }

    @Test
    void spanishAtomFeedGivesTwoItemsInTheLanguageOfItsXmlLang() {
        ParsedPayload parsed = parsers.parse(resource("/fixtures/atom/es-atom-feed.xml"));

        assertThat(parsed.format()).isEqualTo(WireFormat.ATOM);
        assertThat(parsed.items()).hasSize(2);
        assertThat(parsed.items()).extracting(WireItem::language).containsExactly("es", "es");
        assertThat(parsed.items())
                .extracting(WireItem::guid)
                .containsExactly("urn:demo-wire:es:20261124:f1", "urn:demo-wire:es:20261124:f2");
        assertThat(parsed.items())
                .extracting(WireItem::headline)
                .containsExactly(
                        "Bolivia inaugura en el altiplano el mayor parque solar del país",
                        "Una exposición reúne por primera vez en Madrid los cartones para tapices de Goya restaurados");
    }

    @Test
    void atomEntryFieldsAreRead() {
        WireItem item = parsers.parse(resource("/fixtures/atom/es-atom-feed.xml"))
                .items()
                .get(0);

        assertThat(item.format()).isEqualTo(WireFormat.ATOM);
        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-24T14:00:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-24T14:10:00Z"));
        assertThat(item.byline()).isEqualTo("Redacción Demo");
        assertThat(item.standfirst())
                .isEqualTo("La planta de Oruro, de 120 megavatios, abastecerá a unos 150.000 hogares bolivianos.");
        assertThat(item.bodyHtml()).startsWith("<p>LA PAZ, 24 nov (Demo Wire) - Bolivia inauguró");
        assertThat(item.codes())
                .contains(
                        new WireCode(WireCode.Kind.CATEGORY, "", "Medio ambiente", "Medio ambiente"),
                        new WireCode(WireCode.Kind.CATEGORY, "urn:demo:region", "América Latina", "América Latina"),
                        new WireCode(
                                WireCode.Kind.CATEGORY,
                                "urn:demo:edition-group",
                                "fixture-story-2",
                                "fixture-story-2"));
        assertThat(item.images()).singleElement().satisfies(image -> {
            assertThat(image.caption()).isEqualTo("Paneles solares en el altiplano de Oruro (Bolivia).");
            assertThat(image.credit()).isEqualTo("Diego Mamani / Demo Wire");
        });
    }

    @Test
    void isoLatin1RssIsDecodedFromItsXmlDeclaration() {
        ParsedPayload parsed = parsers.parse(resource("/fixtures/rss/rss-iso-8859-1.xml"));

        WireItem item = parsed.items().get(0);
        assertThat(item.headline()).isEqualTo("¿Qué pasará con el año fiscal en España?");
        assertThat(item.byline()).isEqualTo("Redacción Economía");
        assertThat(item.language()).isEqualTo("es");
        assertThat(item.images())
                .singleElement()
                .satisfies(image -> assertThat(image.credit()).isEqualTo("Íñigo Peña / Demo Wire"));
        assertThat(item.codes()).extracting(WireCode::code).contains("Economía", "análisis", "año fiscal");
    }

    @Test
    void utf8ByteOrderMarkBeforeXmlIsAccepted() {
        byte[] rss = withBom(resource("/fixtures/rss/ar-rss-item.xml"));

        WireItem item = parsers.parse(rss).items().get(0);

        assertThat(item.headline()).isEqualTo("كينيا: بدء فرز أصوات الانتخابات الفرعية في ٦ دوائر، ونسبة المشاركة ٤٤٪");
    }

    @Test
    void utf16XmlWithByteOrderMarkIsDecoded() {
        String xml = new String(resource("/fixtures/rss/ar-rss-item.xml"), StandardCharsets.UTF_8)
                .replaceFirst("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
        byte[] utf16 = xml.getBytes(StandardCharsets.UTF_16); // big-endian with byte order mark

        WireItem item = parsers.parse(utf16).items().get(0);

        assertThat(item.headline()).isEqualTo("كينيا: بدء فرز أصوات الانتخابات الفرعية في ٦ دوائر، ونسبة المشاركة ٤٤٪");
    }

    // ---------------------------------------------------------------- hostile XML

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void externalEntityIsRefusedAndNoLocalFileLeaks() {
        WireFormatException refused = catchThrowableOfType(
                WireFormatException.class, () -> parsers.parse(resource("/fixtures/xml/xxe.rss.xml")));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("DOCTYPE");
        assertThat(fullMessage(refused)).doesNotContain("root:").doesNotContain("/bin/");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void entityExpansionBombIsRefusedWithoutExpanding() {
        WireFormatException refused = catchThrowableOfType(
                WireFormatException.class, () -> parsers.parse(resource("/fixtures/xml/billion-laughs.rss.xml")));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("DOCTYPE");
        assertThat(fullMessage(refused)).doesNotContain("lollol");
    }

    // ---------------------------------------------------------------- unreadable payloads

    @Test
    void truncatedJsonIsReportedAsMalformedJson() {
        assertThatThrownBy(() -> parsers.parse(resource("/fixtures/malformed/broken.json")))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("malformed JSON");
    }

    @Test
    void plainTextIsReportedAsNeitherJsonNorXmlAndQuotesItsStart() {
        assertThatThrownBy(() -> parsers.parse(resource("/fixtures/malformed/not-a-feed.txt")))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("neither JSON nor XML")
                .hasMessageContaining("Morning news");
    }

    @Test
    void deeplyNestedArraysInsideAnItemHitTheNestingLimit() {
        byte[] json = ("{\"uri\": \"urn:test:deep\", \"keywords\": " + nestedArrays(10_000) + "}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parsers.parse(json))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("limits");
    }

    @Test
    void deeplyNestedTopLevelArraysAreRefusedAsJsonOverTheLimits() {
        byte[] json = nestedArrays(10_000).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parsers.parse(json))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("limits");
    }

    @Test
    void emptyFileIsReportedAsEmpty() {
        assertThatThrownBy(() -> parsers.parse(new byte[0]))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void whitespaceOnlyFileIsReportedAsEmpty() {
        assertThatThrownBy(() -> parsers.parse(" \r\n\t\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void utf8ByteOrderMarkBeforeJsonIsAccepted() {
        byte[] json = withBom(resource("/fixtures/ninjs/en-ninjs2-item.json"));

        ParsedPayload parsed = parsers.parse(json);

        assertThat(parsed.format()).isEqualTo(WireFormat.NINJS_2);
        assertThat(parsed.items().get(0).guid()).isEqualTo("urn:newsml:fixture.example:en-1");
    }

    // ---------------------------------------------------------------- recognised, not ingested

    @Test
    void newsmlG2ItemIsDetectedAndParsed() {
        byte[] xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:test:g2" version="1" standard="NewsML-G2">
                  <itemMeta><itemClass qcode="ninat:text"/><pubStatus qcode="stat:usable"/></itemMeta>
                  <contentMeta><headline>G2 item</headline></contentMeta>
                </newsItem>
                """.getBytes(StandardCharsets.UTF_8);

        ParsedPayload parsed = parsers.parse(xml);
        assertThat(parsed.format()).isEqualTo(WireFormat.NEWSML_G2);
        assertThat(parsed.items())
                .extracting(WireItem::guid, WireItem::headline)
                .containsExactly(tuple("urn:test:g2", "G2 item"));
    }

    @Test
    void jsonStringLongerThanTheLimitIsRefused() {
        byte[] json = ("{\"uri\": \"urn:test:long\", \"headline\": \"" + "x".repeat(9 * 1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parsers.parse(json))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("limits")
                .hasMessageContaining("String value length");
    }

    @Test
    void jsonFeedIsIngested() {
        byte[] json = """
                {"version": "https://jsonfeed.org/version/1.1", "title": "Someone else's feed",
                 "items": [{"id": "1", "content_text": "hello"}]}
                """.getBytes(StandardCharsets.UTF_8);
        ParsedPayload parsed = parsers.parse(json);
        assertThat(parsed.format()).isEqualTo(WireFormat.JSON_FEED);
        assertThat(parsed.items())
                .extracting(WireItem::guid, WireItem::bodyHtml)
                .containsExactly(tuple("1", "<p>hello</p>"));
    }

    // ---------------------------------------------------------------- helpers

    private WireItem single(String path) {
        ParsedPayload parsed = parsers.parse(resource(path));
        assertThat(parsed.items()).hasSize(1);
        return parsed.items().get(0);
    }

    private byte[] resource(String path) {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertThat(in).as("classpath resource %s", path).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }

    private static byte[] withBom(byte[] payload) {
        byte[] out = new byte[payload.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(payload, 0, out, 3, payload.length);
        return out;
    }

    private static String nestedArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** The messages of the exception and all its causes: nothing an operator sees may leak file content. */
    private static String fullMessage(Throwable thrown) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
