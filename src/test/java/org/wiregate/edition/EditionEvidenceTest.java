package org.wiregate.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.support.ArticleBuilder.anArticle;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.wiregate.article.Article;
import org.wiregate.article.Image;
import org.wiregate.article.Language;

/** The pieces of evidence that must survive translation, and the model the gateway runs with. */
class EditionEvidenceTest {

    private final NameFolding folding = new NameFolding(NamesList.load(Path.of("mappings/names")));

    @Test
    void namesFoldToOneKeyAcrossScriptsAndAccents() {
        assertThat(folding.key("بوتين")).isEqualTo(folding.key("Putin")).isEqualTo(folding.key("Putín"));
        assertThat(folding.key("غويتا")).isEqualTo(folding.key("Goïta")).isEqualTo(folding.key("Goita"));
        assertThat(folding.key("ماكرون")).isEqualTo(folding.key("Macron"));
        assertThat(folding.key("وبيروت"))
                .as("Arabic 'and' written onto the word")
                .isEqualTo(folding.key("Beirut"));
        assertThat(folding.key("بالدوحة")).as("'in the' written onto the word").isEqualTo(folding.key("Doha"));
    }

    @Test
    void namesListSettlesWhatFoldingCannot() {
        assertThat(folding.key("مصر")).isEqualTo(folding.key("Egypt")).isEqualTo(folding.key("Egipto"));
        assertThat(folding.listed("أسيمي غويتا")).isEqualTo(folding.listed("Assimi Goïta"));
    }

    @Test
    void figuresReadTheSameInEveryScriptAndConvention() {
        assertThat(plain(NumberExtractor.significant("قتل ٤٥ شخصا", Language.AR)))
                .containsExactly("45");
        assertThat(plain(NumberExtractor.significant("1.500 millones y un 3,5 %", Language.ES)))
                .containsExactly("1500000000", "3.5");
        assertThat(plain(NumberExtractor.significant("1,500 million and 3.5%", Language.EN)))
                .containsExactly("1500000000", "3.5");
        assertThat(plain(NumberExtractor.significant("نسبة ٣٫٥٪ في ٢٠٢٦", Language.AR)))
                .as("years say nothing")
                .containsExactly("3.5");
    }

    private static List<String> plain(Set<BigDecimal> numbers) {
        return numbers.stream().map(BigDecimal::toPlainString).toList();
    }

    @Test
    void theGatewayRunsWithTheShippedModelAndTheDefaultWindow() {
        EditionProperties bound = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("gateway.editions", EditionProperties.class);
        EditionModel model = EditionModel.shipped();

        assertThat(bound.window()).hasHours(24);
        assertThat(model.features()).isEqualTo(EditionFeatures.NAMES);
        assertThat(model.thresholds().linkAt()).isGreaterThan(model.thresholds().suggestAt());
    }

    @Test
    void placesCurrenciesAndLanguagesAreTheirCldrCodesInEveryLanguage() {
        EditionEvidence english = evidence(anArticle()
                .language(Language.EN)
                .headline("Lebanon asks Jordan for 40 million US dollars")
                .bodyHtml("<p>Talks in Beirut were held in Arabic.</p>")
                .build());
        EditionEvidence arabic = evidence(anArticle()
                .language(Language.AR)
                .headline("لبنان يطلب من الأردن أربعين مليون دولار أمريكي")
                .bodyHtml("<p>جرت المحادثات في بيروت وباللغة العربية.</p>")
                .build());
        EditionEvidence spanish = evidence(anArticle()
                .language(Language.ES)
                .headline("El Líbano pide a Jordania cuarenta millones de dólares estadounidenses")
                .bodyHtml("<p>Las conversaciones en Beirut se celebraron en árabe.</p>")
                .build());

        for (EditionEvidence e : List.of(english, arabic, spanish)) {
            assertThat(e.concepts())
                    .as(e.language() + " copy")
                    .contains("country:LB", "country:JO", "city:Asia/Beirut", "currency:USD", "lang:ar");
            assertThat(plain(e.numbers())).as(e.language() + " copy").contains("40000000");
        }
    }

    @Test
    void numbersWrittenAsWordsReadAsFigures() {
        assertThat(plain(evidence(anArticle()
                                .language(Language.ES)
                                .headline("Mueren trece mineros")
                                .build())
                        .numbers()))
                .contains("13");
        assertThat(plain(evidence(anArticle()
                                .language(Language.AR)
                                .headline("مقتل ثلاثة عشر عاملا")
                                .build())
                        .numbers()))
                .contains("13");
        assertThat(plain(evidence(anArticle()
                                .language(Language.EN)
                                .headline("Thirteen miners die")
                                .build())
                        .numbers()))
                .contains("13");
        assertThat(plain(evidence(anArticle()
                                .language(Language.AR)
                                .headline("سقوط ٢٥ قتيلا")
                                .build())
                        .numbers()))
                .as("Arabic-Indic digits")
                .contains("25");
    }

    @Test
    void daysAreResolvedToDatesFromThePublicationInstant() {
        java.time.Instant tuesdayEvening = java.time.Instant.parse("2026-11-24T19:00:00Z");
        EditionEvidence english = evidence(anArticle()
                .language(Language.EN)
                .publishedAt(tuesdayEvening)
                .headline("Strike hits port on Monday, talks set for 28 November")
                .build());
        EditionEvidence spanish = evidence(anArticle()
                .language(Language.ES)
                .publishedAt(tuesdayEvening)
                .headline("El ataque del lunes; negociaciones el 28 de noviembre")
                .build());
        EditionEvidence arabic = evidence(anArticle()
                .language(Language.AR)
                .publishedAt(tuesdayEvening)
                .headline("هجوم يوم الاثنين ومحادثات في 28 تشرين الثاني")
                .build());

        for (EditionEvidence e : List.of(english, spanish, arabic)) {
            assertThat(e.dates())
                    .as(e.language() + " copy")
                    .contains(java.time.LocalDate.of(2026, 11, 23), java.time.LocalDate.of(2026, 11, 28));
        }
    }

    private EditionEvidence evidence(Article article) {
        return EditionEvidence.of(article, folding);
    }

    @Test
    void picturesAreKnownByTheirAddress() {
        Image rescue = new Image(
                "https://img.example/2026/11/20/kharkiv-rescue.jpg",
                "Rescuers in Kharkiv",
                "AP",
                "image/jpeg",
                1200,
                800);
        Image crater =
                new Image("https://img.example/2026/11/20/kharkiv-crater.jpg", "A crater", "AP", "image/jpeg", 0, 0);

        assertThat(evidence(anArticle().images(rescue, crater).build()).images())
                .containsExactly(rescue.url(), crater.url());
    }

    @Test
    void theCapitalisedWordsOfAnEnglishStoryAreItsNamesAndNoOtherWords() {
        EditionEvidence e = evidence(anArticle()
                .language(Language.EN)
                .headline("Zelensky meets Biden in Kharkiv")
                .standfirst("The talks focused on air defence.")
                .bodyHtml("<p>Both leaders spoke to reporters after the meeting.</p>")
                .build());

        assertThat(e.names())
                .containsExactlyInAnyOrder(folding.key("Zelensky"), folding.key("Biden"), folding.key("Kharkiv"));
    }

    @Test
    void everyWordOfThreeLettersOrMoreInAnArabicStoryIsACandidateName() {
        EditionEvidence e = evidence(anArticle()
                .language(Language.AR)
                .headline("مصر تستضيف محادثات بين بايدن وزيلينسكي")
                .standfirst("")
                .bodyHtml("<p>لم يعلن موعد اللقاء.</p>")
                .build());

        assertThat(e.names())
                .as("Egypt, Biden, Zelensky")
                .contains(folding.key("Egypt"), folding.key("Biden"), folding.key("Zelensky"))
                .doesNotContainNull();
    }

    @Test
    void aThreeLetterAbbreviationIsAName() {
        EditionEvidence e = evidence(
                anArticle().headline("UAE and Qatar broker prisoner swap").build());

        assertThat(e.names()).contains(folding.key("UAE"), folding.key("Qatar"));
    }

    @Test
    void aListedTwoWordNameInTheTextIsFoundWhole() {
        EditionEvidence e = evidence(anArticle()
                .headline("Settlers torch cars in villages of the West Bank")
                .build());

        assertThat(e.names())
                .as("West Bank is Cisjordania in Spanish copy")
                .contains(folding.key("Cisjordania"))
                .doesNotContainNull();
    }

    @Test
    void aTagOnTheNamesListGivesItsCanonicalName() {
        EditionEvidence e = evidence(anArticle()
                .headline("settlers torch cars")
                .standfirst("")
                .bodyHtml("")
                .tags("West Bank")
                .build());

        assertThat(e.names()).containsExactly(folding.key("Cisjordania"));
    }

    @Test
    void anUnlistedTagOfSeveralWordsCountsWordByWord() {
        EditionEvidence e = evidence(anArticle()
                .headline("two goals in the derby")
                .standfirst("")
                .bodyHtml("")
                .tags("Mohamed Salah")
                .build());

        assertThat(e.names()).containsExactlyInAnyOrder(folding.key("Mohamed"), folding.key("Salah"));
    }

    @Test
    void namesAreReadFromTheFirstThreeParagraphsOnly() {
        EditionEvidence e = evidence(anArticle()
                .bodyHtml("<p>Russian missiles struck overnight.</p><p>Emergency crews worked through Kharkiv.</p>"
                        + "<p>Power was cut to much of the city.</p><p>Earlier this month Kherson was also hit.</p>")
                .build());

        assertThat(e.names()).contains(folding.key("Kharkiv")).doesNotContain(folding.key("Kherson"));
    }

    @Test
    void figuresAreReadFromTheWholeBody() {
        EditionEvidence e = evidence(anArticle()
                .bodyHtml("<p>Russian missiles struck overnight.</p><p>Emergency crews worked through the night.</p>"
                        + "<p>Power was cut to much of the city.</p><p>Some 1,200 homes were left without heating.</p>")
                .build());

        assertThat(plain(e.numbers())).containsExactly("1200");
    }

    @Test
    void aDatelineCldrKnowsIsItsCodeInEveryLanguage() {
        EditionEvidence english = evidence(anArticle().dateline("KHARTOUM").build());
        EditionEvidence arabic =
                evidence(anArticle().language(Language.AR).dateline("الخرطوم").build());

        assertThat(english.dateline()).isEqualTo("city:Africa/Khartoum").isEqualTo(arabic.dateline());
        assertThat(english.concepts()).contains(english.dateline());
    }

    @Test
    void aDatelineWithCountryAndAgencyIsReadAsItsPlace() {
        EditionEvidence e =
                evidence(anArticle().dateline("KHARTOUM, Sudan (Reuters)").build());

        assertThat(e.dateline()).isEqualTo("city:Africa/Khartoum");
        assertThat(e.concepts()).contains("country:SD");
    }

    @Test
    void anUnlistedPlaceCldrDoesNotKnowIsFoldedAsAName() {
        EditionEvidence e = evidence(anArticle().dateline("BINT JBEIL").build());

        assertThat(e.dateline()).isEqualTo(folding.key("Bint Jbeil"));
        assertThat(e.names()).contains(e.dateline());
    }

    @Test
    void aListedDatelineIsItsCanonicalPlaceInEveryLanguage() {
        EditionEvidence spanish =
                evidence(anArticle().language(Language.ES).dateline("El Cairo").build());
        EditionEvidence arabic =
                evidence(anArticle().language(Language.AR).dateline("القاهرة").build());

        assertThat(spanish.dateline()).startsWith("name:").isEqualTo(arabic.dateline());
        assertThat(spanish.names()).contains(spanish.dateline());
    }

    @Test
    void aStoryWithoutADatelineHasNone() {
        assertThat(evidence(anArticle().dateline(null).build()).dateline()).isNull();
    }
}
