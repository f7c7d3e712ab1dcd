package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Image;
import org.wiregate.article.RelatedLink;
import org.wiregate.support.Fixtures;

/** RSS and Atom read by {@link SyndicationParser} directly: media, enclosures, authors and related links. */
class SyndicationParserTest {

    private static final String EFE_RSS = "/fixtures/rss/es-efe-rss-media.xml";
    private static final String SANA_ATOM = "/fixtures/atom/ar-sana-atom-feed.xml";

    private final SyndicationParser parser = new SyndicationParser();

    // ---------------------------------------------------------------- Spanish RSS 2.0 with Media RSS (EFE style)

    @Test
    void spanishRssItemIsReadWithItsFields() {
        ParsedPayload parsed = parser.parse(Fixtures.bytes(EFE_RSS));

        assertThat(parsed.format()).isEqualTo(WireFormat.RSS);
        WireItem item = single(parsed);
        assertThat(item.guid()).isEqualTo("FXEFE-20261127-PER-0411");
        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-27T16:40:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-27T16:40:00Z"));
        assertThat(item.language()).isEqualTo("es");
        assertThat(item.headline()).isEqualTo("Perú declara la emergencia en 14 provincias por el fenómeno de El Niño");
        assertThat(item.byline()).isEqualTo("Redacción Lima");
        assertThat(item.link()).isEqualTo("https://fixture-efe.example/es/peru/2026-11-27/emergencia-el-nino");
        assertThat(item.relatedLinks()).isEmpty();
    }

    @Test
    void blankContentEncodedFallsBackToTheDescription() {
        WireItem item = single(parser.parse(Fixtures.bytes(EFE_RSS)));

        assertThat(item.bodyHtml())
                .isEqualTo(
                        "<p>Lima, 27 nov (EFE).- El Gobierno de Perú declaró este viernes el "
                                + "estado de emergencia en 14 provincias de la costa norte ante la llegada de El Niño costero.</p>");
        assertThat(item.standfirst())
                .isEqualTo(
                        "Lima, 27 nov (EFE).- El Gobierno de Perú declaró este viernes el "
                                + "estado de emergencia en 14 provincias de la costa norte ante la llegada de El Niño costero.");
    }

    @Test
    void mediaPicturesComeFirstThenImageEnclosuresNotAlreadyThere() {
        WireItem item = single(parser.parse(Fixtures.bytes(EFE_RSS)));

        assertThat(item.images())
                .containsExactly(
                        // media:content without medium, typed image/jpeg
                        new Image(
                                "https://fotos.fixture-efe.example/2026/11/27/piura-lluvias.jpg",
                                "Calles inundadas en Piura (Perú), el 27 de noviembre de 2026.",
                                "EFE/Paolo Aguilar",
                                "image/jpeg",
                                1280,
                                853),
                        new Image(
                                "https://fotos.fixture-efe.example/2026/11/27/tumbes-rio.jpg",
                                "El río Tumbes, desbordado.",
                                "EFE/Paolo Aguilar",
                                "image/jpeg",
                                1024,
                                683),
                        // the only enclosure that is a picture at an absolute web address and not a media:content again
                        new Image(
                                "https://fotos.fixture-efe.example/2026/11/27/mapa-nino.png",
                                null,
                                null,
                                "image/png",
                                0,
                                0));
        // not the video, the mp3, the site-relative jpeg or the ftp tiff
    }

    @Test
    void enclosureWithoutATypeIsNoImage() {
        String rss = """
                <rss version="2.0"><channel><title>T</title><link>https://fixture-efe.example/</link><description>D</description>
                  <item><title>Titular</title><guid>g1</guid>
                    <enclosure url="https://fotos.fixture-efe.example/2026/11/27/sin-tipo.jpg" length="1000"/>
                  </item></channel></rss>
                """;

        assertThat(single(parser.parse(rss.getBytes(StandardCharsets.UTF_8))).images())
                .isEmpty();
    }

    // ---------------------------------------------------------------- Arabic Atom (SANA style)

    @Test
    void arabicAtomEntryIsReadInTheFeedsXmlLang() {
        ParsedPayload parsed = parser.parse(Fixtures.bytes(SANA_ATOM));

        assertThat(parsed.format()).isEqualTo(WireFormat.ATOM);
        WireItem item = single(parsed);
        assertThat(item.language()).isEqualTo("ar");
        assertThat(item.guid()).isEqualTo("urn:fixture-sana:ar:20261127:0215");
        assertThat(item.headline()).isEqualTo("انطلاق فعاليات معرض دمشق الدولي بمشاركة 40 دولة");
        assertThat(item.firstCreated()).as("10:00 in Damascus").isEqualTo(Instant.parse("2026-11-27T07:00:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-27T07:30:00Z"));
        assertThat(item.bodyHtml())
                .isEqualTo(
                        "<p>دمشق في 27 تشرين الثاني /سانا/ انطلقت اليوم فعاليات الدورة الجديدة من معرض دمشق الدولي بمشاركة 40 دولة.</p>");
        assertThat(item.link()).isEqualTo("https://fixture-sana.example/ar/?p=20261127215");
    }

    @Test
    void allNamedAuthorsMakeTheBylineAndANamelessOneIsLeftOut() {
        WireItem item = single(parser.parse(Fixtures.bytes(SANA_ATOM)));

        assertThat(item.byline()).isEqualTo("رنا سليمان, محمد الخطيب");
    }

    @Test
    void onlyRelatedLinksWithAnAbsoluteWebAddressAreKept() {
        WireItem item = single(parser.parse(Fixtures.bytes(SANA_ATOM)));

        assertThat(item.relatedLinks())
                .containsExactly(new RelatedLink(
                        "https://fixture-sana.example/ar/?p=20261120118", "التحضيرات النهائية لمعرض دمشق الدولي"));
    }

    @Test
    void atomImageEnclosureLinkIsAnImage() {
        WireItem item = single(parser.parse(Fixtures.bytes(SANA_ATOM)));

        assertThat(item.images())
                .containsExactly(new Image(
                        "https://photos.fixture-sana.example/2026/11/27/fair-opening.jpg",
                        null,
                        null,
                        "image/jpeg",
                        0,
                        0));
    }

    // ---------------------------------------------------------------- refused

    @Test
    void feedWithADoctypeIsRefusedBeforeRomeReadsIt() {
        String rss = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY agency "Fixture EFE">]>
                <rss version="2.0"><channel><title>&agency;</title><link>https://fixture-efe.example/</link>
                  <description>D</description></channel></rss>
                """;

        assertThatThrownBy(() -> parser.parse(rss.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireFormatException.class)
                .hasMessage("RSS document carries a DOCTYPE (line 2), which feeds never need; refused"
                        + " (entity expansion and external entities are attack vectors)");
    }

    @Test
    void arabicInWindows1256LabelledUtf8IsRefusedNamingTheEncoding() {
        byte[] mislabelled = new String(Fixtures.bytes("/fixtures/rss/ar-rss-item.xml"), StandardCharsets.UTF_8)
                .getBytes(Charset.forName("windows-1256"));

        assertThatThrownBy(() -> parser.parse(mislabelled))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("bytes are not valid UTF-8 (declared or detected encoding)");
    }

    // ---------------------------------------------------------------- times as written

    @Test
    void isoTimesAreReadExactlyAndAnAtomSourcesDatesAreNotTheEntrys() {
        String atom = """
                <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es"><title>t</title><id>urn:f</id>
                  <updated>2020-01-01T00:00:00Z</updated>
                  <entry><id>urn:e</id><title>Titular</title>
                    <source><id>urn:s</id><updated>2021-01-01T00:00:00Z</updated><title>s</title></source>
                    <published>2026-11-27T09:00:00,25+01:00</published>
                    <updated>2026-11-27T09:30:00.5Z</updated>
                  </entry>
                </feed>
                """;

        WireItem item = single(parser.parse(atom.getBytes(StandardCharsets.UTF_8)));

        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-27T08:00:00.250Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-27T09:30:00.500Z"));
    }

    @Test
    void rssDatesAreRfc822ByRomeOrIsoByWireTimesAndTheChannelsAreNotAnItems() {
        String rss = """
                <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>
                  <link>https://fixture.example/</link><description>d</description>
                  <pubDate>Thu, 01 Jan 2026 00:00:00 GMT</pubDate>
                  <item><title>Uno</title><guid>g1</guid><pubDate>Fri, 27 Nov 2026 08:05:00 +03:00</pubDate></item>
                  <item><title>Dos</title><guid>g2</guid><dc:date>2026-11-27T09:30:00.25+0300</dc:date></item>
                  <item><title>Tres</title><guid>g3</guid></item>
                </channel></rss>
                """;

        List<WireItem> items =
                parser.parse(rss.getBytes(StandardCharsets.UTF_8)).items();

        assertThat(items)
                .extracting(WireItem::firstCreated)
                .containsExactly(
                        Instant.parse("2026-11-27T05:05:00Z"), Instant.parse("2026-11-27T06:30:00.250Z"), null);
        assertThat(SyndicationParser.entryTimes(rss.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(
                        new SyndicationParser.EntryTimes("Fri, 27 Nov 2026 08:05:00 +03:00", null),
                        new SyndicationParser.EntryTimes("2026-11-27T09:30:00.25+0300", null),
                        new SyndicationParser.EntryTimes(null, null));
    }

    private static WireItem single(ParsedPayload parsed) {
        assertThat(parsed.items()).hasSize(1);
        return parsed.items().get(0);
    }
}
