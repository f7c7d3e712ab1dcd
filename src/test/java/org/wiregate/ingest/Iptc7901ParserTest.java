package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.wiregate.support.Fixtures;

/** IPTC 7901 and ANPA 1312 wire text in legacy character sets. */
class Iptc7901ParserTest {

    private static final Charset WINDOWS_1256 = Charset.forName("windows-1256");
    private static final String QNA = "/fixtures/iptc7901/ar-qna-7901-cp1256.txt";
    private static final String PRENSA_LATINA = "/fixtures/iptc7901/es-prensa-latina-anpa1312-latin1.txt";

    private static final String QNA_HEADLINE_1 =
            "الدوحة تستضيف جولة جديدة من المحادثات بين الأطراف السودانية الأسبوع المقبل";

    private final WireParsers parsers = new WireParsers();

    // ---------------------------------------------------------------- Arabic IPTC 7901, windows-1256

    @Test
    void arabicFileWithTwoMessagesGivesTwoItems() {
        ParsedPayload parsed = parsers.parse(Fixtures.bytes(QNA), WINDOWS_1256);

        assertThat(parsed.format()).isEqualTo(WireFormat.IPTC_7901);
        assertThat(parsed.skipped()).isEmpty();
        assertThat(parsed.items()).hasSize(2);
        assertThat(parsed.items())
                .extracting(WireItem::headline)
                .containsExactly(
                        QNA_HEADLINE_1, "قطر للطاقة توقع اتفاقية لتوريد الغاز الطبيعي المسال إلى اليابان لمدة 15 عاما");
    }

    @Test
    void firstArabicMessageIsReadWithAllItsFields() {
        WireItem item = qna().items().get(0);

        assertThat(item.format()).isEqualTo(WireFormat.IPTC_7901);
        assertThat(item.guid()).isEqualTo("iptc7901:QNA-0042:2026-11-20");
        assertThat(item.agencyVersion()).isNull();
        assertThat(item.firstCreated()).isNull();
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-20T09:45:00Z"));
        assertThat(item.pubStatus()).isNull();
        assertThat(item.urgency()).as("7901 priority 2").isEqualTo(2);
        assertThat(item.language())
                .as("7901 declares none; the mapping fixes it")
                .isNull();
        assertThat(item.slugline()).isEqualTo("قطر-السودان-وساطة");
        assertThat(item.headline()).isEqualTo(QNA_HEADLINE_1);
        assertThat(item.standfirst()).isNull();
        assertThat(item.bodyHtml())
                .isEqualTo(
                        "<p>الدوحة في 20 نوفمبر /قنا/ أعلنت وزارة الخارجية أن دولة قطر ستستضيف الأسبوع المقبل "
                                + "جولة جديدة من المحادثات غير المباشرة بين الأطراف السودانية، بمشاركة ممثلين عن الاتحاد الأفريقي.</p>"
                                + "<p>وقال المتحدث الرسمي باسم الوزارة إن الجولة تهدف إلى التوصل إلى اتفاق لوقف إطلاق النار "
                                + "وفتح ممرات آمنة لإيصال المساعدات الإنسانية؛ فهل تنجح هذه المرة؟</p>"
                                + "<p>وتأتي هذه الجولة بعد ثلاثة أسابيع من المشاورات التمهيدية التي عقدت في الدوحة. /انتهى/</p>");
        assertThat(item.byline()).isNull();
        assertThat(item.located()).isNull();
        assertThat(item.agency()).isNull();
        assertThat(item.link()).isNull();
        assertThat(item.embargoUntil()).isNull();
        assertThat(item.altIds()).isEmpty();
        assertThat(item.codes())
                .containsExactly(new WireCode(WireCode.Kind.SUBJECT, Iptc7901Parser.CATEGORY_SCHEME, "pol", ""));
        assertThat(item.keywords()).isEmpty();
        assertThat(item.images()).isEmpty();
        assertThat(item.relatedLinks()).isEmpty();
        assertThat(item.correctionNote()).isNull();
    }

    @Test
    void secondArabicMessageWithOnlyDayAndTimeHasNoTimesAndAHashGuid() {
        WireItem item = qna().items().get(1);

        assertThat(item.slugline()).isEqualTo("قطر-اقتصاد-غاز");
        assertThat(item.urgency()).as("7901 priority 4, routine").isEqualTo(5);
        assertThat(item.codes())
                .containsExactly(new WireCode(WireCode.Kind.SUBJECT, Iptc7901Parser.CATEGORY_SCHEME, "eco", ""));
        assertThat(item.firstCreated()).isNull();
        assertThat(item.versionCreated())
                .as("trailer 201130 gives day and time, no month or year")
                .isNull();
        assertThat(item.guid()).matches("iptc7901:sha256:[0-9a-f]{64}");
        // the BEL (0x07) the file carries after مليوني is gone
        assertThat(item.bodyHtml())
                .isEqualTo("<p>الدوحة في 20 نوفمبر /قنا/ وقعت شركة قطر للطاقة اتفاقية طويلة الأجل لتوريد مليوني طن "
                        + "سنويا من الغاز الطبيعي المسال إلى اليابان، تبدأ الشحنات بموجبها في عام 2028. /انتهى/</p>");
    }

    @Test
    void guidsAreStableAcrossReadsAndDistinctPerMessage() {
        ParsedPayload first = qna();
        ParsedPayload again = qna();

        assertThat(again.items())
                .extracting(WireItem::guid)
                .containsExactlyElementsOf(
                        first.items().stream().map(WireItem::guid).toList());
        assertThat(first.items().get(0).guid())
                .isNotEqualTo(first.items().get(1).guid());
    }

    @Test
    void arabicReadWithTheWrongCharsetDoesNotSilentlyGiveArabic() {
        // 7901 names no character set: read as ISO-8859-1 (the default) the windows-1256 bytes become
        // Latin letters without any error. Only the mapping naming the charset gives the Arabic back.
        ParsedPayload wrong = parsers.parse(Fixtures.bytes(QNA));
        ParsedPayload alsoWrong = new Iptc7901Parser(StandardCharsets.ISO_8859_1).parse(Fixtures.bytes(QNA));

        for (ParsedPayload parsed : List.of(wrong, alsoWrong)) {
            assertThat(parsed.items()).hasSize(2);
            WireItem item = parsed.items().get(0);
            assertThat(item.headline()).isNotEqualTo(QNA_HEADLINE_1).doesNotContainPattern("[\\u0600-\\u06FF]");
            assertThat(item.headline()).startsWith("ÇáÏæÍÉ");
            assertThat(item.bodyHtml()).doesNotContainPattern("[\\u0600-\\u06FF]");
        }
    }

    @Test
    void arabicInIso88596IsDecodedWithThatCharset() {
        Charset iso88596 = Charset.forName("ISO-8859-6");
        byte[] payload = message(
                "\u0001QNA0107 3 SPO 0012\r\nقطر-رياضة\r\n\u0002العنابي يتأهل إلى نهائي كأس الخليج\r\n"
                        + "  الدوحة في 22 نوفمبر /قنا/ تأهل المنتخب القطري إلى النهائي.\r\n\u0003\u0004",
                iso88596);

        WireItem item = new Iptc7901Parser(iso88596).parse(payload).items().get(0);

        assertThat(item.headline()).isEqualTo("العنابي يتأهل إلى نهائي كأس الخليج");
        assertThat(item.slugline()).isEqualTo("قطر-رياضة");
        assertThat(item.bodyHtml()).isEqualTo("<p>الدوحة في 22 نوفمبر /قنا/ تأهل المنتخب القطري إلى النهائي.</p>");
        assertThat(item.urgency()).isEqualTo(3);
    }

    // ---------------------------------------------------------------- Spanish ANPA 1312, ISO-8859-1

    @Test
    void prensaLatinaAnpaMessageIsDetectedAfterSynAndReadWithAllItsFields() {
        ParsedPayload parsed = parsers.parse(Fixtures.bytes(PRENSA_LATINA));

        assertThat(parsed.format()).isEqualTo(WireFormat.IPTC_7901);
        assertThat(parsed.items()).hasSize(1);
        WireItem item = parsed.items().get(0);
        assertThat(item.format()).isEqualTo(WireFormat.IPTC_7901);
        assertThat(item.guid()).isEqualTo("iptc7901:A-0312:2026-11-24");
        assertThat(item.versionCreated())
                .as("trailer 15:30GMT 24-11-26")
                .isEqualTo(Instant.parse("2026-11-24T15:30:00Z"));
        assertThat(item.firstCreated()).isNull();
        assertThat(item.urgency()).as("ANPA priority u, urgent").isEqualTo(3);
        assertThat(item.codes())
                .containsExactly(new WireCode(WireCode.Kind.SUBJECT, Iptc7901Parser.CATEGORY_SCHEME, "i", ""));
        assertThat(item.slugline()).as("ANPA keyword from the header").isEqualTo("PL-Cuba-Economia");
        assertThat(item.language()).isNull();
        assertThat(item.headline()).isEqualTo("¿Crecerá la economía cubana en 2027? El Gobierno presenta su plan");
        assertThat(item.bodyHtml())
                .isEqualTo(
                        "<p>La Habana, 24 nov (Prensa Latina) El ministro de Economía y Planificación, Joaquín Alonso, "
                                + "presentó hoy ante la Asamblea Nacional el plan para el próximo año, que prevé un crecimiento "
                                + "del 2,1 por ciento del producto interno bruto.</p>"
                                + "<p>Según el ministro, el turismo y la producción de níquel serán los motores de la "
                                + "recuperación, junto a las compañías mixtas con socios de España y México.</p>"
                                + "<p>Alonso añadió que el país destinará un mayor presupuesto a la energía solar.</p>");
        assertThat(item.agency()).isNull();
        assertThat(item.correctionNote()).isNull();
    }

    @Test
    void controlCharactersAreStrippedFromEveryField() {
        // the fixture carries SYN, SOH, STX, ETX, EOT, CR, a C1 CSI (0x9B) and a BEL (0x07)
        WireItem item = parsers.parse(Fixtures.bytes(PRENSA_LATINA)).items().get(0);

        for (String field : new String[] {item.headline(), item.bodyHtml(), item.slugline(), item.guid()}) {
            assertThat(field).doesNotContainPattern("[\\u0000-\\u001F\\u007F-\\u009F]");
        }
        assertThat(item.bodyHtml()).contains("los motores de la recuperación").contains("energía solar.</p>");
    }

    // ---------------------------------------------------------------- urgency table, layout variants

    @ParameterizedTest(name = "priority {0} -> urgency {1}")
    @CsvSource(
            nullValues = "null",
            value = {
                "1, 1", "2, 2", "3, 3", "4, 5", "5, 6", "6, 8", "f, 1", "b, 2", "u, 3", "r, 5", "d, 6", "a, 8", "F, 1",
                "9, null", "x, null"
            })
    void priorityMapsToUrgencyByTheTable(String priority, Integer urgency) {
        WireItem item = latin1("\u0001XYZ0001 " + priority + " GEN 0004\r\n\u0002Headline\r\n  Body text.\r\n\u0003");

        assertThat(item.urgency()).isEqualTo(urgency);
        assertThat(Iptc7901Header.URGENCY_BY_PRIORITY.get(priority.toLowerCase(Locale.ROOT)))
                .isEqualTo(urgency);
    }

    @Test
    void withoutStxTheLineAfterTheHeaderIsTheHeadline() {
        WireItem item = latin1("\u0001SANA0311 1 POL 0010\r\nFlash: acuerdo de alto el fuego\r\n"
                + "  Texto del despacho en dos\r\nlíneas envueltas.\r\n\u0003\u0004");

        assertThat(item.headline()).isEqualTo("Flash: acuerdo de alto el fuego");
        assertThat(item.slugline()).isNull();
        assertThat(item.urgency()).isEqualTo(1);
        assertThat(item.bodyHtml()).isEqualTo("<p>Texto del despacho en dos líneas envueltas.</p>");
    }

    @Test
    void teleprinterZczcNnnnFramingIsRead() {
        ParsedPayload parsed = parsers.parse(("ZCZC\r\nSANA0312 3 ECO 0008\r\nSiria reabre el paso fronterizo\r\n"
                        + "  Damasco, 21 nov. El paso reabre hoy.\r\nNNNN\r\n"
                        + "ZCZC SANA0313 4 ECO 0006\r\nSegunda nota\r\n  Texto breve.\r\nNNNN\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(parsed.format()).isEqualTo(WireFormat.IPTC_7901);
        assertThat(parsed.items())
                .extracting(WireItem::headline)
                .containsExactly("Siria reabre el paso fronterizo", "Segunda nota");
        assertThat(parsed.items()).extracting(WireItem::urgency).containsExactly(3, 5);
        assertThat(parsed.items().get(0).bodyHtml()).isEqualTo("<p>Damasco, 21 nov. El paso reabre hoy.</p>");
    }

    @Test
    void headerSubjectNumbersAndTrailerTimeAreRead() {
        WireItem item = latin1("\u0001AFP0815 3 POL 0120 subj:11000000 04000000\r\nFrance-Budget\r\n"
                + "\u0002La France présente son budget=\r\n  Paris, 25 nov (AFP) - Le gouvernement présente son budget.\r\n"
                + "\u0003\r\n251415 GMT NOV 26\r\n\u0004");

        assertThat(item.codes())
                .containsExactly(
                        new WireCode(WireCode.Kind.SUBJECT, Iptc7901Parser.CATEGORY_SCHEME, "pol", ""),
                        new WireCode(WireCode.Kind.SUBJECT, "subj:", "11000000", ""),
                        new WireCode(WireCode.Kind.SUBJECT, "subj:", "04000000", ""));
        assertThat(item.headline()).as("the German-style closing = goes").isEqualTo("La France présente son budget");
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-25T14:15:00Z"));
        assertThat(item.guid()).isEqualTo("iptc7901:AFP-0815:2026-11-25");
        assertThat(item.slugline()).isEqualTo("France-Budget");
    }

    @ParameterizedTest
    @ValueSource(strings = {"251415", "251415 AST NOV 26", "251415 XYZ 26", "311415 NOV 26"})
    void trailerWithoutFullUtcDateGivesNoTime(String trailer) {
        WireItem item =
                latin1("\u0001AFP0816 4 POL 0010\r\n\u0002Titre\r\n  Texte.\r\n\u0003\r\n" + trailer + "\r\n\u0004");

        assertThat(item.versionCreated()).isNull();
        assertThat(item.firstCreated()).isNull();
        assertThat(item.guid()).startsWith("iptc7901:sha256:");
    }

    // ---------------------------------------------------------------- refused

    @Test
    void messageWithoutEtxIsRefusedNamingTheMessage() {
        byte[] payload = message(
                "\u0001QNA0044 4 POL 0010\r\nقطر\r\n\u0002خبر كامل\r\n  نص كامل.\r\n\u0003\u0004"
                        + "\u0001QNA0045 4 POL 0300\r\nقطر\r\n\u0002خبر مقطوع\r\n  نص انقطع في منتصف",
                WINDOWS_1256);

        assertThatThrownBy(() -> parsers.parse(payload, WINDOWS_1256))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("IPTC 7901 message 2 (QNA-0045) has no end of text (ETX): it was cut off in transfer,"
                        + " so the file is refused whole to be sent again");
    }

    @Test
    void singleTruncatedAnpaMessageIsRefused() {
        byte[] payload = "\u0016\u0016\u0001a0313 b i PL-Cuba 11-24 0100\r\n\u0002Titular\r\n   Texto sin fin"
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> parsers.parse(payload))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("message 1 (A-0313) has no end of text (ETX)");
    }

    @Test
    void textWithoutAnyMessageStartIsRefused() {
        assertThatThrownBy(() -> new Iptc7901Parser().parse("just some text\r\n".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("IPTC 7901 without any message start (SOH or ZCZC)");
    }

    @Test
    void synWithoutSohIsNotTakenForAnpa() {
        assertThatThrownBy(() -> parsers.parse(new byte[] {0x16, 0x16, 'h', 'i'}))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("neither JSON nor XML nor IPTC 7901");
        assertThat(new FormatDetector().detect(new byte[] {0x16, 0x16, 0x01, 'a'}))
                .isEqualTo(WireFormat.IPTC_7901);
        assertThat(new FormatDetector().detect(new byte[] {'\r', '\n', 0x16, 0x01, 'a'}))
                .isEqualTo(WireFormat.IPTC_7901);
    }

    // ---------------------------------------------------------------- header date and time

    @Test
    void headerDateAndTimeAreTheVersionTimeAndWinOverTheTrailer() {
        byte[] payload = message(
                "\u0001QNA0050 3 ECO 0120 20261121 14:05\r\nقطر-اقتصاد-موازنة\r\n"
                        + "\u0002قطر تعلن موازنة 2027 بفائض متوقع\r\n  الدوحة في 21 نوفمبر /قنا/ أعلنت وزارة المالية موازنة العام المقبل.\r\n"
                        + "\u0003\r\n211420 NOV 26\r\n\u0004",
                WINDOWS_1256);

        WireItem item = new Iptc7901Parser(WINDOWS_1256).parse(payload).items().get(0);

        assertThat(item.versionCreated())
                .as("filed 14:05, transmitted 14:20")
                .isEqualTo(Instant.parse("2026-11-21T14:05:00Z"));
        assertThat(item.guid()).isEqualTo("iptc7901:QNA-0050:2026-11-21");
        assertThat(item.slugline()).isEqualTo("قطر-اقتصاد-موازنة");
        assertThat(item.headline()).isEqualTo("قطر تعلن موازنة 2027 بفائض متوقع");
    }

    @Test
    void headerDateWithoutATimeGivesTheGuidDateButNoTime() {
        WireItem item =
                latin1("\u0001PL0451 4 ECO 0041 20261121\r\nPL-Cuba-Zafra\r\n\u0002Arranca la zafra azucarera\r\n"
                        + "  La Habana, 21 nov (Prensa Latina) La zafra comenzó hoy.\r\n\u0003\u0004");

        assertThat(item.guid()).isEqualTo("iptc7901:PL-0451:2026-11-21");
        assertThat(item.versionCreated())
                .as("a date alone is no time: the receipt time is used")
                .isNull();
    }

    @Test
    void headerDateFollowedBySubjectNumbersIsNoTimeAndTheSubjectsAreRead() {
        WireItem item = latin1("\u0001AFP0817 3 POL 0120 20261125 subj:11000000\r\n\u0002Titre\r\n  Texte.\r\n\u0003");

        assertThat(item.guid()).isEqualTo("iptc7901:AFP-0817:2026-11-25");
        assertThat(item.versionCreated()).isNull();
        assertThat(item.codes())
                .containsExactly(
                        new WireCode(WireCode.Kind.SUBJECT, Iptc7901Parser.CATEGORY_SCHEME, "pol", ""),
                        new WireCode(WireCode.Kind.SUBJECT, "subj:", "11000000", ""));
    }

    // ---------------------------------------------------------------- short and missing headers

    @Test
    void headerWithOnlyServiceAndSequenceIsRead() {
        WireItem item = latin1("\u0001SANA0311\r\n\u0002Reabre el paso fronterizo de Yabous\r\n"
                + "  Damasco, 27 nov (SANA) El paso reabre hoy.\r\n\u0003\r\n271015 NOV 26\r\n\u0004");

        assertThat(item.guid()).isEqualTo("iptc7901:SANA-0311:2026-11-27");
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-27T10:15:00Z"));
        assertThat(item.urgency()).isNull();
        assertThat(item.codes()).isEmpty();
        assertThat(item.headline()).isEqualTo("Reabre el paso fronterizo de Yabous");
    }

    @Test
    void headerEndingAtThePriorityHasAnUrgencyAndNoCategory() {
        WireItem item = latin1("\u0001SANA0312 1\r\n\u0002Alto el fuego en Alepo\r\n\u0003");

        assertThat(item.urgency()).isEqualTo(1);
        assertThat(item.codes()).isEmpty();
        assertThat(item.headline()).isEqualTo("Alto el fuego en Alepo");
    }

    @Test
    void messageWithoutAHeaderLineStartsWithItsHeadline() {
        WireItem item = latin1("\u0001\u0002Cuba y México firman un acuerdo energético\r\n"
                + "  La Habana, 27 nov (Prensa Latina) Ambos gobiernos firmaron hoy el acuerdo.\r\n\u0003\u0004");

        assertThat(item.headline()).isEqualTo("Cuba y México firman un acuerdo energético");
        assertThat(item.slugline())
                .as("the first body line is not a keyword line")
                .isNull();
        assertThat(item.bodyHtml())
                .isEqualTo("<p>La Habana, 27 nov (Prensa Latina) Ambos gobiernos firmaron hoy el acuerdo.</p>");
        assertThat(item.urgency()).isNull();
        assertThat(item.guid()).startsWith("iptc7901:sha256:");
    }

    @Test
    void anpaSelectorCodesBeforeThePriorityAreSkipped() {
        WireItem item = latin1("\u0016\u0016\u0001a0314 cpstf b i PL-Cuba-Huracan 11-27 0210\r\n"
                + "\u0002^Huracán Rafael toca tierra en Pinar del Río<\r\n"
                + "   La Habana, 27 nov (Prensa Latina) El huracán tocó tierra esta madrugada.<\r\n\u0003\r\n"
                + "09:40GMT 27-11-26<\r\n\u0004");

        assertThat(item.urgency()).as("ANPA priority b, bulletin").isEqualTo(2);
        assertThat(item.codes())
                .containsExactly(new WireCode(WireCode.Kind.SUBJECT, Iptc7901Parser.CATEGORY_SCHEME, "i", ""));
        assertThat(item.slugline()).isEqualTo("PL-Cuba-Huracan");
        assertThat(item.headline()).isEqualTo("Huracán Rafael toca tierra en Pinar del Río");
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-27T09:40:00Z"));
    }

    // ---------------------------------------------------------------- identity, cleaning, framing

    @Test
    void undatedFlashesWithDifferentHeadlinesGetDifferentGuids() {
        byte[] payload = message(
                "\u0001SANA0320 1 POL\r\nعاجل: انفجار في ريف دمشق\r\n\u0003\u0004"
                        + "\u0001SANA0321 1 POL\r\nعاجل: لا إصابات في انفجار ريف دمشق\r\n\u0003\u0004",
                WINDOWS_1256);

        List<WireItem> items = new Iptc7901Parser(WINDOWS_1256).parse(payload).items();

        assertThat(items)
                .extracting(WireItem::headline)
                .containsExactly("عاجل: انفجار في ريف دمشق", "عاجل: لا إصابات في انفجار ريف دمشق");
        assertThat(items).extracting(WireItem::bodyHtml).containsOnlyNulls();
        // the second flash is news, not a repeat of the first
        assertThat(items.get(0).guid())
                .startsWith("iptc7901:sha256:")
                .isNotEqualTo(items.get(1).guid());
    }

    @Test
    void deleteAndC1ControlCharactersAreStripped() {
        WireItem item =
                latin1("\u0001XYZ0002 3 GEN\r\n\u0002Titular\u007F con ruido\r\n  Texto\u009F limpio.\r\n\u0003");

        assertThat(item.headline()).isEqualTo("Titular con ruido");
        assertThat(item.bodyHtml()).isEqualTo("<p>Texto limpio.</p>");
    }

    @Test
    void emptyMessageWithItsEndOfTextIsNotMistakenForACutOffOne() {
        ParsedPayload parsed = new Iptc7901Parser()
                .parse(("\u0001PL0460 4 ECO\r\n\u0002Titular\r\n  Texto.\r\n\u0003\u0004" + "\u0001\r\n\u0003\u0004")
                        .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(parsed.items()).hasSize(2);
        WireItem empty = parsed.items().get(1);
        assertThat(empty.headline()).isNull();
        assertThat(empty.bodyHtml()).isNull();
    }

    @Test
    void strayMessageStartAtTheEndOfTheFileIsACutOffMessageWithoutHeader() {
        byte[] payload = message(
                "\u0001QNA0052 4 POL 0010\r\nقطر\r\n\u0002خبر كامل\r\n  نص كامل.\r\n\u0003\u0004\u0001\r\n",
                WINDOWS_1256);

        assertThatThrownBy(() -> new Iptc7901Parser(WINDOWS_1256).parse(payload))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("IPTC 7901 message 2 (no header) has no end of text (ETX): it was cut off in transfer,"
                        + " so the file is refused whole to be sent again");
    }

    @Test
    void cutOffMessageWithAnUnreadableHeaderIsNamedByItsHeaderLine() {
        assertThatThrownBy(() -> latin1("\u0001PL 0313 1 POL\r\n\u0002Titular\r\n   Texto sin fin"))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("IPTC 7901 message 1 (\"PL 0313 1 POL\") has no end of text (ETX)");
    }

    @Test
    void sohFramedMessageCutOffBeforeEtxIsRefusedEvenWhenARelayAppendedNnnn() {
        byte[] payload = message(
                "\u0001QNA0060 2 POL 0200\r\nقطر\r\n\u0002خبر\r\n  نص انقطع في منتصف\r\nNNNN\r\n", WINDOWS_1256);

        assertThatThrownBy(() -> new Iptc7901Parser(WINDOWS_1256).parse(payload))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("message 1 (QNA-0060) has no end of text (ETX)");
    }

    // ---------------------------------------------------------------- helpers

    private ParsedPayload qna() {
        return new Iptc7901Parser(WINDOWS_1256).parse(Fixtures.bytes(QNA));
    }

    private static WireItem latin1(String message) {
        ParsedPayload parsed = new Iptc7901Parser().parse(message.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(parsed.items()).hasSize(1);
        return parsed.items().get(0);
    }

    private static byte[] message(String text, Charset charset) {
        assertThat(charset.newEncoder().canEncode(text))
                .as("%s can encode the test text", charset)
                .isTrue();
        return text.getBytes(charset);
    }
}
