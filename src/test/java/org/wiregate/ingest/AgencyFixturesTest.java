package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wiregate.article.Language;
import org.wiregate.support.Fixtures;

/**
 * Agency files as agencies really write them, read leniently: encodings declared by an alias
 * ({@code utf8}, {@code UTF8}, {@code latin1}, {@code cp1256}, {@code windows-1252}), times with
 * offsets without a colon, in the basic format, with fractional seconds or a space for the T, RFC
 * 822 with numeric or named zones, and the language wherever the format puts it (NITF
 * {@code baselang} and inherited {@code xml:lang}, NewsML-G2 and NewsML 1.2 {@code xml:lang} on an
 * ancestor, region subtags such as {@code es-419}).
 */
class AgencyFixturesTest {

    private final WireParsers parsers = new WireParsers();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            rss/ar-sana-rss-utf8-declaration.xml             | RSS        | sana-fixture-771204                                        | -  | افتتاح الدورة الجديدة لمعرض دمشق الدولي للكتاب بمشاركة 300 دار نشر             | ar-SY  | AR | 2026-11-27T08:20:00Z     | 2026-11-27T08:20:00Z
            rss/ar-qna-rss-cp1256.xml                        | RSS        | qna-fixture-2026-11-27-0412                                | -  | قطر للطاقة توقع عقدا طويل الأجل لتوريد الغاز المسال إلى بنغلاديش              | ar     | AR | 2026-11-27T05:05:00Z     | 2026-11-27T05:05:00Z
            rss/es-prensa-latina-rss-latin1.xml              | RSS        | https://pl-fixture.example/es/2026/11/27/zafra-camaguey    | -  | La zafra azucarera arranca en Camagüey con 12 centrales en operación           | es-CU  | ES | 2026-11-27T12:30:00Z     | 2026-11-27T12:30:00Z
            rss/en-rss-windows-1252.xml                      | RSS        | fixture-wire-world-88431                                   | -  | Gulf states agree “grid of grids” link to Europe by 2032                       | en-GB  | EN | 2026-11-27T06:45:00Z     | 2026-11-27T06:45:00Z
            atom/en-atom-offset-without-colon.xml            | ATOM       | tag:wire-fixture.example,2026:business/oman-solar-5531     | -  | Oman signs solar export deal with three Gulf neighbours                        | en-GB  | EN | 2026-11-27T09:15:00Z     | 2026-11-27T09:45:00Z
            atom/es-atom-utf8-fractional-seconds.xml         | ATOM       | tag:agencia-fixture.example,2026:latam/uy-renovable-0193   | -  | Uruguay supera el 98 % de electricidad renovable en noviembre                  | es-419 | ES | 2026-11-27T12:30:00.500Z | 2026-11-27T13:02:30.250Z
            nitf/en-nitf-baselang.xml                        | NITF       | FXKUNA-20261127-EN-0214                                    | 3  | Kuwait raises crude output to 2.7 million barrels a day                        | en-US  | EN | 2026-11-27T06:45:00Z     | 2026-11-27T06:45:00Z
            nitf/es-efe-nitf-latin1-lang-on-content.xml      | NITF       | FXEFE-20261127-PER-0456                                    | 1  | Perú abre la segunda temporada de pesca de anchoveta con una cuota de 2,5 millones de toneladas | es | ES | 2026-11-27T12:10:00Z | 2026-11-27T12:10:00Z
            nitf/ar-nitf-utf8-declaration.xml                | NITF       | FXWAM-20261127-0917                                        | 2  | الإمارات تعلن موعد إطلاق مسبار حزام الكويكبات                                   | ar-AE  | AR | 2026-11-27T07:30:00Z     | 2026-11-27T07:30:00Z
            newsml-g2/ar-newsmessage-lang-on-root.xml        | NEWSML_G2  | urn:newsml:fixture-petra.example:20261127:jo-water-0061    | 2  | الأردن يطلق المرحلة الأولى من مشروع الناقل الوطني للمياه                       | ar     | AR | 2026-11-27T06:10:00Z     | 2026-11-27T06:40:00Z
            newsml-g2/es-newsitem-basic-format-times.xml     | NEWSML_G2  | urn:newsml:fixture-notimex.example:20261127:mx-peso-7730   | 4  | El peso mexicano cierra la semana con su mejor racha desde 2023                | es-419 | ES | 2026-11-27T14:00:00Z     | 2026-11-27T15:45:00Z
            newsml1/es-newsml1-latin1-lang-on-root.xml       | NEWSML_1   | urn:newsml:fixture-afp.example:20261127:TX-SGE-ARG-2K9     | 2  | Argentina récord de exportaciones de trigo a Brasil en noviembre               | es     | ES | 2026-11-27T11:30:00Z     | 2026-11-27T12:15:00Z
            ninjs/es-ninjs2-es-419-offset-without-colon.json | NINJS_2    | urn:newsml:fixture-ansa.example:20261127:latam-mercosur-2210 | 2 | El Mercosur y la AELC firman el acuerdo de libre comercio en Montevideo      | es-419 | ES | 2026-11-27T12:10:00Z     | 2026-11-27T15:55:00Z
            ninjs3/ar-ninjs3-ar-sa-fractional.json           | NINJS_2    | urn:newsml:fixture-spa.example:20261127:sa-metro-4410      | 1  | الرياض تفتتح الخط السادس من شبكة القطارات                                      | ar-SA  | AR | 2026-11-27T06:45:00.123Z | 2026-11-27T06:50:12.500Z
            ninjs/en-ninjs1-en-gb-space-separated.json       | NINJS_1    | urn:newsml:fixture-pa.example:20261127:uk-rail-0907        | 3  | Rail fares in England to rise by 3.4% in March                                 | en-GB  | EN | 2026-11-27T08:07:00Z     | 2026-11-27T09:12:30Z
            jsonfeed/en-jsonfeed-en-gb-offset-without-colon.json | JSON_FEED | https://wire-fixture.example/science/2026/11/27/arctic-ice | - | Arctic sea ice reaches a November low for the third year running           | en-GB  | EN | 2026-11-27T09:20:00Z     | 2026-11-27T10:05:00Z
            """)
    void agencyFileIsReadWithItsFieldsInUtc(
            String fixture,
            WireFormat format,
            String guid,
            String version,
            String headline,
            String languageTag,
            Language language,
            String firstCreated,
            String versionCreated) {
        ParsedPayload parsed = parsers.parse(Fixtures.bytes("/fixtures/" + fixture));

        assertThat(parsed.format()).isEqualTo(format);
        assertThat(parsed.items()).singleElement().satisfies(item -> {
            assertThat(item.format()).isEqualTo(format);
            assertThat(item.guid()).isEqualTo(guid);
            assertThat(item.agencyVersion()).isEqualTo(version);
            assertThat(item.headline()).isEqualTo(headline);
            assertThat(item.language()).isEqualTo(languageTag);
            assertThat(Language.fromTag(item.language())).contains(language);
            assertThat(item.firstCreated()).isEqualTo(Instant.parse(firstCreated));
            assertThat(item.versionCreated()).isEqualTo(Instant.parse(versionCreated));
        });
    }
}
