package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wiregate.article.Language;
import org.wiregate.source.MappingRegistry;
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
            newsml-g2/es-efe-newsitem-utf8-alias-comma-fraction.xml | NEWSML_G2 | urn:newsml:fixture-efe.example:20261127:es-vivienda-3318 | 3 | El precio de la vivienda en alquiler sube un 9,8 % en España en el último año | es-ES | ES | 2026-11-27T10:40:00Z | 2026-11-27T12:05:30.500Z
            newsml-g2/en-afp-newsitem-hours-only-offset.xml  | NEWSML_G2  | urn:newsml:fixture-afp.example:20261127:TX-PAR-BRZ-7Q1     | 1  | Amazon deforestation in Brazil falls to lowest level in a decade              | en     | EN | 2026-11-27T08:48:00Z     | 2026-11-27T08:48:00Z
            newsml-g2/ar-sana-newsitem-lang-on-contentset.xml | NEWSML_G2 | urn:newsml:fixture-sana.example:20261127:sy-wheat-1187     | 2  | وزارة الزراعة: المساحات المزروعة بالقمح في الحسكة تتجاوز 200 ألف هكتار       | ar-SY  | AR | 2026-11-27T08:55:00Z     | 2026-11-27T09:30:00Z
            newsml1/en-newsml1-cp1252-descriptive-language.xml | NEWSML_1 | urn:newsml:fixture-reuters.example:20261127:L8N3FX0KQ      | 1  | Saudi Arabia says Red Sea tourism project “on track” for 2027 opening          | en     | EN | 2026-11-27T07:05:00Z     | 2026-11-27T07:05:00Z
            nitf/ar-qna-nitf-baselang-iso8859-6.xml          | NITF       | FXQNA-20261127-AR-0733                                     | 1  | وزارة التربية تطلق منصة رقمية لتعليم اللغة العربية للناطقين بغيرها            | ar-QA  | AR | 2026-11-27T08:30:00Z     | 2026-11-27T08:30:00Z
            nitf/ar-qna-nitf-baselang-arabic-alias.xml       | NITF       | FXQNA-20261127-AR-0733                                     | 1  | وزارة التربية تطلق منصة رقمية لتعليم اللغة العربية للناطقين بغيرها            | ar-QA  | AR | 2026-11-27T08:30:00Z     | 2026-11-27T08:30:00Z
            nitf/es-prensa-latina-nitf-lang-on-body.xml      | NITF       | FXPL-20261127-0885                                         | 2  | Varadero recibe al primer crucero de la temporada invernal                     | es-CU  | ES | 2026-11-27T15:45:00Z     | 2026-11-27T15:45:00Z
            ninjs/es-ninjs1-es-419-basic-format.json         | NINJS_1    | urn:newsml:fixture-pl.example:20261127:co-cafe-5512        | 1  | Colombia exporta 1,2 millones de sacos de café en octubre, un 18 % más         | es-419 | ES | 2026-11-27T14:15:00Z     | 2026-11-27T14:40:00Z
            ninjs/ar-spa-ninjs2-ar-sa-hours-offset.json      | NINJS_2    | urn:newsml:fixture-spa.example:20261127:sa-rain-0921       | 2  | المركز الوطني للأرصاد ينبه من أمطار رعدية على منطقة مكة المكرمة               | ar-SA  | AR | 2026-11-27T04:00:00Z     | 2026-11-27T05:30:00Z
            ninjs3/en-ninjs3-en-us-comma-fraction.json       | NINJS_2    | urn:newsml:fixture-ap.example:20261127:us-shutdown-3301    | 4  | Senate passes stopgap bill, averting a government shutdown                     | en-US  | EN | 2026-11-27T11:02:11.250Z | 2026-11-27T14:14:05.750Z
            rss/en-reuters-rss-gmt-no-declaration.xml        | RSS        | fixture-reuters-world-20261127-suez                        | -  | Egypt's Suez Canal revenue rebounds as shipping returns to the Red Sea         | en-US  | EN | 2026-11-27T14:05:00Z     | 2026-11-27T14:05:00Z
            rss/ar-sana-rss-windows-1256-plus0300.xml        | RSS        | sana-fixture-771388                                        | -  | إعادة تأهيل محطة توليد كهرباء حلب الحرارية بطاقة 200 ميغاواط                  | ar     | AR | 2026-11-27T10:40:00Z     | 2026-11-27T10:40:00Z
            atom/ar-qna-atom-fraction-plus-03-00-lang-on-feed.xml | ATOM       | tag:qna-fixture.example,2026:sport/gym-0455                | -  | قطر تستضيف بطولة العالم للجمباز الفني في أكتوبر المقبل                         | ar-QA  | AR | 2026-11-27T07:15:30.250Z | 2026-11-27T07:40:00.750Z
            atom/en-atom-latin1-basic-format.xml             | ATOM       | tag:wire-fixture.example,2026:markets/cafe-chain-7781      | -  | Café chain's shares jump 12% after record quarter                              | en     | EN | 2026-11-27T15:30:00Z     | 2026-11-27T16:10:00Z
            jsonfeed/ar-jsonfeed-item-language-ar-qa.json    | JSON_FEED  | https://qna-fixture.example/ar/local/2026/11/27/metro-0612 | -  | مترو الدوحة يمدد ساعات التشغيل خلال عطلة نهاية الأسبوع                          | ar-QA  | AR | 2026-11-27T05:00:00Z     | 2026-11-27T05:25:00Z
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

    /**
     * IPTC 7901 and ANPA 1312 copy names neither its character set nor its language: the bytes are
     * decoded with the source mapping's {@code legacyCharset} and the language is the one the
     * mapping fixes (none for a mapping that leaves it to the items). Only the version time is
     * carried, by the trailer, in UTC.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            iptc7901/ar-qna-anpa1312-cp1256.txt    | qna | iptc7901:Q-0518:2026-11-27  | قطر تفتتح أكبر محطة لالتقاط الكربون في المنطقة بطاقة مليوني طن سنويا | AR | 2026-11-27T09:15:00Z
            iptc7901/en-ap-7901-lf-utc-trailer.txt | ap  | iptc7901:AP-0577:2026-11-27 | Fed holds rates steady, signals one cut in early 2027                | -  | 2026-11-27T19:30:00Z
            """)
    void legacyWireTextIsReadWithTheMappingsCharsetAndLanguage(
            String fixture,
            String source,
            String guid,
            String headline,
            Language mappedLanguage,
            String versionCreated) {
        MappingRegistry mappings = new MappingRegistry(Path.of("mappings"));
        try (WireParsers fromSources = new WireParsers(mappings, Duration.ofSeconds(5))) {
            ParsedPayload parsed = fromSources.parseFrom(Fixtures.bytes("/fixtures/" + fixture), source);

            assertThat(parsed.format()).isEqualTo(WireFormat.IPTC_7901);
            assertThat(parsed.items()).singleElement().satisfies(item -> {
                assertThat(item.format()).isEqualTo(WireFormat.IPTC_7901);
                assertThat(item.guid()).isEqualTo(guid);
                assertThat(item.agencyVersion()).isNull();
                assertThat(item.headline()).isEqualTo(headline);
                assertThat(item.language()).as("7901 declares none").isNull();
                assertThat(mappings.require(source).fixedLanguage()).isEqualTo(Optional.ofNullable(mappedLanguage));
                assertThat(item.firstCreated()).isNull();
                assertThat(item.versionCreated()).isEqualTo(Instant.parse(versionCreated));
            });
        }
    }
}
