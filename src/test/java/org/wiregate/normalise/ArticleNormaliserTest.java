package org.wiregate.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wiregate.support.WireItemBuilder.aWireItem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.ContentType;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.article.Status;
import org.wiregate.ingest.WireCode;
import org.wiregate.ingest.WireFormat;
import org.wiregate.ingest.WireItem;
import org.wiregate.ingest.WireParsers;
import org.wiregate.source.MappingRegistry;
import org.wiregate.support.WireItemBuilder;

class ArticleNormaliserTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-28T12:00:00Z");
    private static final String RUSSIA_MALI_GUID = "urn:newsml:demo-wire.example:20261127:en-russia-mali-sahel";

    private static ArticleNormaliser normaliser;
    private final WireParsers parsers = new WireParsers();

    @BeforeAll
    static void loadShippedMappings() {
        normaliser = new ArticleNormaliser(new MappingRegistry(Path.of("mappings")));
    }

    // ---------------------------------------------------------------- English ninjs, "standard" mapping

    @Test
    void englishStoryIsFiledUnderPoliticsInAfricaAsNews() {
        Article article = standard("/demo/standard/en-01-russia-mali-sahel.json");

        assertThat(article.section()).isEqualTo(Section.POLITICS);
        assertThat(article.regions()).containsExactly(Region.AFRICA);
        assertThat(article.contentType()).isEqualTo(ContentType.NEWS);
    }

    @Test
    void englishStoryKeepsTheAgencyKeywordsAsTags() {
        Article article = standard("/demo/standard/en-01-russia-mali-sahel.json");

        assertThat(article.tags()).containsExactly("Russia", "Mali", "Sahel", "Assimi Goita", "Vladimir Putin");
    }

    @Test
    void englishStoryKeepsItsImageWithCaptionAndCredit() {
        Article article = standard("/demo/standard/en-01-russia-mali-sahel.json");

        assertThat(article.images()).hasSize(1);
        Image image = article.images().get(0);
        assertThat(image.url()).isEqualTo("https://images.demo-wire.example/2026/11/mali-kremlin.jpg");
        assertThat(image.caption()).startsWith("Russian President Vladimir Putin speaks by phone with Malian");
        assertThat(image.credit()).isEqualTo("Pavel Orlov / Demo Wire");
    }

    @Test
    void englishStoryCarriesIdentityLanguageAndEditionGroup() {
        Article article = standard("/demo/standard/en-01-russia-mali-sahel.json");

        assertThat(article.id()).isEqualTo(ArticleId.of("standard", RUSSIA_MALI_GUID));
        assertThat(article.wire().source()).isEqualTo("standard");
        assertThat(article.wire().guid()).isEqualTo(RUSSIA_MALI_GUID);
        assertThat(article.wire().agencyVersion()).isEqualTo("1");
        assertThat(article.revision()).isEqualTo(1);
        assertThat(article.language()).isEqualTo(Language.EN);
        assertThat(article.editionGroup()).isEqualTo("demo-story-01");
    }

    @Test
    void englishStoryCarriesTextTimesAndReadingTime() {
        Article article = standard("/demo/standard/en-01-russia-mali-sahel.json");

        assertThat(article.headline()).isEqualTo("Russia, Mali reaffirm strengthening security cooperation in Sahel");
        assertThat(article.slug()).isEqualTo("russia-mali-reaffirm-strengthening-security-cooperation-in-sahel");
        assertThat(article.standfirst())
                .startsWith("Russian President Vladimir Putin and Mali's transitional president");
        assertThat(article.bodyHtml()).startsWith("<p>MOSCOW (Demo Wire) - ").contains("<blockquote>");
        assertThat(article.byline()).isEqualTo("Demo Wire staff");
        assertThat(article.dateline()).isEqualTo("MOSCOW");
        assertThat(article.agency()).isEqualTo("Demo Wire");
        assertThat(article.firstPublished()).isEqualTo(Instant.parse("2026-11-27T09:12:00Z"));
        assertThat(article.updated()).isEqualTo(Instant.parse("2026-11-27T09:40:00Z"));
        assertThat(article.readingTimeMinutes()).isGreaterThanOrEqualTo(1);
        assertThat(article.status()).isEqualTo(Status.USABLE);
    }

    @Test
    void englishStoryWithUrgencyThreeIsNotBreaking() {
        Article article = standard("/demo/standard/en-01-russia-mali-sahel.json");

        assertThat(article.urgency()).isEqualTo(3);
        assertThat(article.breaking()).isFalse();
    }

    @Test
    void flashStoryWithUrgencyOneIsBreaking() {
        Article article = standard("/demo/standard/en-02-vanuatu-earthquake-tsunami.json");

        assertThat(article.urgency()).isEqualTo(1);
        assertThat(article.breaking()).isTrue();
        assertThat(article.regions()).containsExactly(Region.ASIA_PACIFIC);
    }

    @Test
    void analysisGenreBecomesAnalysis() {
        Article article = standard("/demo/standard/en-06-analysis-canada-ai-data-centres-grid.json");

        assertThat(article.contentType()).isEqualTo(ContentType.ANALYSIS);
        assertThat(article.section()).isEqualTo(Section.TECHNOLOGY);
        assertThat(article.regions()).containsExactly(Region.US_AND_CANADA);
    }

    @Test
    void opinionGenreOfANinjs1StoryBecomesOpinion() {
        Article article = standard("/demo/standard/en-10-opinion-europe-climate-credibility.json");

        assertThat(article.contentType()).isEqualTo(ContentType.OPINION);
        assertThat(article.regions()).containsExactly(Region.EUROPE);
    }

    @Test
    void hostileBodyIsSanitisedOnTheWayIn() {
        Article article = standard("/fixtures/ninjs/hostile-script.json");

        assertThat(article.bodyHtml())
                .doesNotContain("<script", "alert(1)", "onerror", "javascript:", "<iframe", "<style");
        assertThat(article.bodyHtml()).contains("https://www.lisboa.example/mobility/cycle-lanes");
    }

    // ---------------------------------------------------------------- Arabic RSS and Spanish Atom, "demo" mapping

    @Test
    void arabicRssItemIsFiledFromItsArabicSectionWord() {
        Article article = demo("/demo/demo/ar-wire-1.rss.xml", 0);

        assertThat(article.headline()).isEqualTo("بوتين وغويتا يؤكدان تعزيز التعاون الأمني في منطقة الساحل");
        assertThat(article.section()).isEqualTo(Section.POLITICS);
        assertThat(article.regions()).containsExactly(Region.AFRICA);
        assertThat(article.contentType()).isEqualTo(ContentType.NEWS);
    }

    @Test
    void arabicRssItemKeepsLanguageEditionGroupAndArabicTags() {
        Article article = demo("/demo/demo/ar-wire-1.rss.xml", 0);

        assertThat(article.language()).isEqualTo(Language.AR);
        assertThat(article.editionGroup()).isEqualTo("demo-story-01");
        assertThat(article.tags()).containsExactly("روسيا", "مالي", "الساحل", "أسيمي غويتا", "فلاديمير بوتين");
        assertThat(article.id()).isEqualTo(ArticleId.of("demo", "demo-ar-20261127-01"));
        assertThat(article.urgency()).isEqualTo(3);
        assertThat(article.agency()).isEqualTo("Demo Wire");
    }

    @Test
    void arabicRssItemKeepsItsArabicImageCaptionAndCredit() {
        Article article = demo("/demo/demo/ar-wire-1.rss.xml", 0);

        assertThat(article.images()).singleElement().satisfies(image -> {
            assertThat(image.caption()).startsWith("الرئيس الروسي فلاديمير بوتين خلال اتصال هاتفي");
            assertThat(image.credit()).isEqualTo("بافل أورلوف / ديمو");
        });
    }

    @Test
    void arabicFlashItemWithUrgencyCategoryOneIsBreaking() {
        Article article = demo("/demo/demo/ar-wire-1.rss.xml", 1);

        assertThat(article.urgency()).isEqualTo(1);
        assertThat(article.breaking()).isTrue();
        assertThat(article.section()).isEqualTo(Section.ENVIRONMENT);
    }

    @Test
    void arabicAnalysisTypeCategoryBecomesAnalysis() {
        Article article = demo("/demo/demo/ar-wire-1.rss.xml", 5);

        assertThat(article.contentType()).isEqualTo(ContentType.ANALYSIS);
    }

    @Test
    void arabicOpinionTypeCategoryBecomesOpinion() {
        Article article = demo("/demo/demo/ar-wire-2.rss.xml", 3);

        assertThat(article.headline()).startsWith("رأي:");
        assertThat(article.contentType()).isEqualTo(ContentType.OPINION);
    }

    @Test
    void spanishAtomEntryIsFiledFromPolitica() {
        Article article = demo("/demo/demo/es-wire-1.atom.xml", 0);

        assertThat(article.language()).isEqualTo(Language.ES);
        assertThat(article.section()).isEqualTo(Section.POLITICS);
        assertThat(article.regions()).containsExactly(Region.AFRICA);
        assertThat(article.editionGroup()).isEqualTo("demo-story-01");
        assertThat(article.tags()).containsExactly("Rusia", "Malí", "Sahel", "Assimi Goita", "Vladímir Putin");
    }

    @Test
    void spanishOpinionTypeCategoryBecomesOpinion() {
        Article article = demo("/demo/demo/es-wire-2.atom.xml", 3);

        assertThat(article.headline()).startsWith("Opinión:");
        assertThat(article.contentType()).isEqualTo(ContentType.OPINION);
    }

    @Test
    void spanishSectionWordInDecomposedUnicodeStillMaps() {
        WireItem item = aWireItem()
                .format(WireFormat.ATOM)
                .guid("urn:test:nfd")
                .agencyVersion(null)
                .createdAt(RECEIVED)
                .language("es")
                .headline("Titular de prueba")
                .standfirst(null)
                .bodyHtml("<p>Texto.</p>")
                .byline(null)
                .agency(null)
                .code(WireCode.Kind.CATEGORY, "", "Poli\u0301tica", "Poli\u0301tica")
                .build();

        Article article = normaliser.normalise(item, "demo", RECEIVED);

        assertThat(article.section()).isEqualTo(Section.POLITICS);
    }

    // ---------------------------------------------------------------- identity

    @Test
    void sameSourceAndGuidGiveTheSameIdAcrossVersions() {
        Article first = standard("/fixtures/ninjs/en-ninjs2-item.json");
        Article corrected = standard("/fixtures/ninjs/en-ninjs2-item-v2.json");

        assertThat(corrected.headline()).isNotEqualTo(first.headline());
        assertThat(corrected.id()).isEqualTo(first.id());
        assertThat(corrected.wire().agencyVersion()).isEqualTo("2");
    }

    @Test
    void sameGuidFromAnotherSourceGivesAnotherId() {
        WireItem item = parse("/demo/standard/en-01-russia-mali-sahel.json", 0);

        Article fromStandard = normaliser.normalise(item, "standard", RECEIVED);
        Article fromDemo = normaliser.normalise(item, "demo", RECEIVED);

        assertThat(fromDemo.id()).isNotEqualTo(fromStandard.id());
        assertThat(fromDemo.id()).isEqualTo(ArticleId.of("demo", RUSSIA_MALI_GUID));
    }

    // ---------------------------------------------------------------- defaults

    @Test
    void itemWithoutTimesIsPublishedAtReceipt() {
        Article article = normaliser.normalise(item("urn:test:1", "Headline", "en", null, null), "standard", RECEIVED);

        assertThat(article.firstPublished()).isEqualTo(RECEIVED);
        assertThat(article.updated()).isEqualTo(RECEIVED);
    }

    @Test
    void onlyTheFirstPlaceDecidesTheRegionEvenWhenItIsUnmapped() {
        WireItem base = item("urn:test:places", "Headline", "en", null, null);
        WireItem item = WireItemBuilder.from(base)
                .code(WireCode.Kind.PLACE, "http://cvx.iptc.org/iso3166-1a2/", "AQ", "Antarctica")
                .code(WireCode.Kind.PLACE, "http://cvx.iptc.org/iso3166-1a2/", "FR", "France")
                .build();

        assertThat(normaliser.normalise(item, "standard", RECEIVED).regions()).isEmpty();
    }

    @Test
    void itemWithoutCodesGetsTheMappingDefaults() {
        Article article = normaliser.normalise(item("urn:test:1", "Headline", "en", null, null), "standard", RECEIVED);

        assertThat(article.section()).isEqualTo(Section.MISCELLANEOUS);
        assertThat(article.contentType()).isEqualTo(ContentType.NEWS);
        assertThat(article.regions()).isEmpty();
        assertThat(article.urgency()).isEqualTo(5);
        assertThat(article.breaking()).isFalse();
    }

    @Test
    void withheldStatusIsKeptAndNotPublishable() {
        Article article = normaliser.normalise(
                item("urn:test:1", "Headline", "en", "stat:withheld", RECEIVED), "standard", RECEIVED);

        assertThat(article.status()).isEqualTo(Status.WITHHELD);
        assertThat(article.isPublishableAt(RECEIVED)).isFalse();
    }

    // ---------------------------------------------------------------- rejections

    @Test
    void itemWithoutHeadlineIsRejected() {
        WireItem item = item("urn:test:no-headline", null, "en", "usable", RECEIVED);

        assertThatThrownBy(() -> normaliser.normalise(item, "standard", RECEIVED))
                .isInstanceOf(NormalisationException.class)
                .hasMessageContaining("urn:test:no-headline")
                .hasMessageContaining("no headline");
    }

    @Test
    void itemWhoseHeadlineIsOnlyMarkupIsRejected() {
        WireItem item = item("urn:test:markup-headline", "<b> </b>", "en", "usable", RECEIVED);

        assertThatThrownBy(() -> normaliser.normalise(item, "standard", RECEIVED))
                .isInstanceOf(NormalisationException.class)
                .hasMessageContaining("no headline");
    }

    @Test
    void itemWithoutGuidIsRejected() {
        WireItem item = item(null, "A headline", "en", "usable", RECEIVED);

        assertThatThrownBy(() -> normaliser.normalise(item, "standard", RECEIVED))
                .isInstanceOf(NormalisationException.class)
                .hasMessageContaining("no guid");
    }

    @Test
    void itemInFrenchIsRejectedAsNotPublished() {
        WireItem item = item("urn:test:fr", "Un titre", "fr", "usable", RECEIVED);

        assertThatThrownBy(() -> normaliser.normalise(item, "standard", RECEIVED))
                .isInstanceOf(NormalisationException.class)
                .hasMessageContaining("'fr'")
                .hasMessageContaining("not published");
    }

    @Test
    void itemWithoutLanguageIsRejectedWhenTheMappingFixesNone() {
        WireItem item = item("urn:test:nolang", "A headline", null, "usable", RECEIVED);

        assertThatThrownBy(() -> normaliser.normalise(item, "standard", RECEIVED))
                .isInstanceOf(NormalisationException.class)
                .hasMessageContaining("no language");
    }

    @Test
    void itemWithUnknownPublicationStatusIsRejected() {
        WireItem item = item("urn:test:draft", "A headline", "en", "draft", RECEIVED);

        assertThatThrownBy(() -> normaliser.normalise(item, "standard", RECEIVED))
                .isInstanceOf(NormalisationException.class)
                .hasMessageContaining("publication status")
                .hasMessageContaining("'draft'");
    }

    @Test
    void unknownSourceIsRefused() {
        WireItem item = item("urn:test:1", "A headline", "en", "usable", RECEIVED);

        assertThatThrownBy(() -> normaliser.normalise(item, "no-such-source", RECEIVED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-source");
    }

    // ---------------------------------------------------------------- urgency and breaking news

    @Test
    void urgencyOutsideOneToNineFallsBackToTheMappingDefault() {
        assertThat(normaliser
                        .normalise(aWireItem().urgency(0).build(), "standard", RECEIVED)
                        .urgency())
                .isEqualTo(5);
        assertThat(normaliser
                        .normalise(aWireItem().urgency(10).build(), "standard", RECEIVED)
                        .urgency())
                .isEqualTo(5);
        assertThat(normaliser
                        .normalise(aWireItem().urgency(1).build(), "standard", RECEIVED)
                        .urgency())
                .isEqualTo(1);
        assertThat(normaliser
                        .normalise(aWireItem().urgency(9).build(), "standard", RECEIVED)
                        .urgency())
                .isEqualTo(9);
    }

    @Test
    void itemAtTheMappingsBreakingUrgencyIsBreakingAndOneBelowIsNot() {
        // standard.yaml: breakingUrgency 2
        assertThat(normaliser
                        .normalise(aWireItem().urgency(2).build(), "standard", RECEIVED)
                        .breaking())
                .isTrue();
        assertThat(normaliser
                        .normalise(aWireItem().urgency(3).build(), "standard", RECEIVED)
                        .breaking())
                .isFalse();
    }

    @Test
    void urgencyCategoryCountsWhenTheItemSaysNoneAndAWordIsIgnored() {
        WireItem flash = aWireItem()
                .code(WireCode.Kind.CATEGORY, "urn:demo:urgency", "1", "1")
                .build();
        WireItem word = aWireItem()
                .code(WireCode.Kind.CATEGORY, "urn:demo:urgency", "عاجل", "عاجل")
                .build();
        WireItem both = aWireItem()
                .urgency(4)
                .code(WireCode.Kind.CATEGORY, "urn:demo:urgency", "1", "1")
                .build();

        assertThat(normaliser.normalise(flash, "demo", RECEIVED).urgency()).isEqualTo(1);
        assertThat(normaliser.normalise(flash, "demo", RECEIVED).breaking()).isTrue();
        assertThat(normaliser.normalise(word, "demo", RECEIVED).urgency()).isEqualTo(5);
        assertThat(normaliser.normalise(both, "demo", RECEIVED).urgency()).isEqualTo(4);
    }

    // ---------------------------------------------------------------- embargo and kill

    @Test
    void embargoIsKeptAndTheArticleStaysUnpublishableUntilItLapses() {
        Instant lapse = Instant.parse("2026-11-28T14:00:00Z");
        WireItem item = aWireItem()
                .language("es")
                .headline("El Gobierno presentará los presupuestos el jueves")
                .pubStatus("usable")
                .embargoUntil(lapse)
                .build();

        Article article = normaliser.normalise(item, "standard", RECEIVED);

        assertThat(article.embargoUntil()).isEqualTo(lapse);
        assertThat(article.status()).isEqualTo(Status.USABLE);
        assertThat(article.isPublishableAt(lapse.minusSeconds(1))).isFalse();
        assertThat(article.isPublishableAt(lapse)).isTrue();
    }

    @Test
    void killedItemIsCanceledAndNeverPublishable() {
        for (String kill : List.of("canceled", "stat:canceled", "cancelled", "kill")) {
            WireItem item = aWireItem().pubStatus(kill).build();

            Article article = normaliser.normalise(item, "standard", RECEIVED);

            assertThat(article.status()).as(kill).isEqualTo(Status.CANCELED);
            assertThat(article.isPublishableAt(RECEIVED.plusSeconds(86_400)))
                    .as(kill)
                    .isFalse();
        }
    }

    @Test
    void embargoedPublicationStatusIsWithheld() {
        Article article =
                normaliser.normalise(aWireItem().pubStatus("embargoed").build(), "standard", RECEIVED);

        assertThat(article.status()).isEqualTo(Status.WITHHELD);
        assertThat(article.isPublishableAt(RECEIVED)).isFalse();
    }

    // ---------------------------------------------------------------- language fixed by the mapping

    @Test
    void mappingThatFixesTheLanguageOverridesWhatTheItemSays() {
        WireItem declaredEnglish = aWireItem()
                .language("en")
                .headline("الدوحة تستضيف جولة جديدة من المحادثات")
                .build();
        WireItem undeclared = aWireItem()
                .language(null)
                .headline("الدوحة تستضيف جولة جديدة من المحادثات")
                .build();

        assertThat(normaliser.normalise(declaredEnglish, "qna", RECEIVED).language())
                .isEqualTo(Language.AR);
        assertThat(normaliser.normalise(undeclared, "qna", RECEIVED).language()).isEqualTo(Language.AR);
    }

    // ---------------------------------------------------------------- plain categories and category schemes

    @Test
    void plainCategoryThatIsARegionWordFilesTheRegionAndIsNoTag() {
        WireItem item = aWireItem()
                .language("es")
                .code(WireCode.Kind.CATEGORY, "", "Europa", "Europa")
                .build();

        Article article = normaliser.normalise(item, "demo", RECEIVED);

        assertThat(article.regions()).containsExactly(Region.EUROPE);
        assertThat(article.section()).isEqualTo(Section.MISCELLANEOUS);
        assertThat(article.tags()).isEmpty();
    }

    @Test
    void plainCategoryThatIsATypeWordSetsTheTypeAndIsNoTag() {
        WireItem item = aWireItem()
                .language("es")
                .code(WireCode.Kind.CATEGORY, "", "Reportaje", "Reportaje")
                .build();

        Article article = normaliser.normalise(item, "demo", RECEIVED);

        assertThat(article.contentType()).isEqualTo(ContentType.FEATURE);
        assertThat(article.regions()).isEmpty();
        assertThat(article.tags()).isEmpty();
    }

    @Test
    void plainCategoriesFileSectionRegionAndTypeAndTheRestBecomeTags() {
        WireItem item = aWireItem()
                .language("ar")
                .code(WireCode.Kind.CATEGORY, "", "اقتصاد", "اقتصاد")
                .code(WireCode.Kind.CATEGORY, "", "الشرق الأوسط وشمال أفريقيا", "الشرق الأوسط وشمال أفريقيا")
                .code(WireCode.Kind.CATEGORY, "", "تحليل", "تحليل")
                .code(WireCode.Kind.CATEGORY, "", "النفط", "النفط")
                .code(WireCode.Kind.CATEGORY, "", "سياسة", "سياسة")
                .build();

        Article article = normaliser.normalise(item, "demo", RECEIVED);

        assertThat(article.section()).as("the first section word wins").isEqualTo(Section.ECONOMY);
        assertThat(article.regions()).containsExactly(Region.MENA);
        assertThat(article.contentType()).isEqualTo(ContentType.ANALYSIS);
        assertThat(article.tags()).containsExactly("النفط");
    }

    @Test
    void categoryInTheMappingsSectionSchemeFilesTheSection(@TempDir Path mappings) throws IOException {
        Files.writeString(mappings.resolve("gulf-desk.yaml"), """
                name: Gulf Desk
                agency: Gulf Desk
                language: ar
                categorySchemes:
                  "urn:gulf-desk:section": section
                sections:
                  اقتصاد: economy
                  سياسة: politics
                """, StandardCharsets.UTF_8);
        ArticleNormaliser desk = new ArticleNormaliser(new MappingRegistry(mappings));
        WireItem item = aWireItem()
                .language(null)
                .headline("ارتفاع صادرات الغاز القطري إلى أوروبا")
                .code(WireCode.Kind.CATEGORY, "urn:gulf-desk:section", "اقتصاد", "اقتصاد")
                .code(WireCode.Kind.CATEGORY, "urn:gulf-desk:section", "سياسة", "سياسة")
                .build();

        Article article = desk.normalise(item, "gulf-desk", RECEIVED);

        assertThat(article.section()).isEqualTo(Section.ECONOMY);
        assertThat(article.tags()).isEmpty();
        assertThat(article.agency()).isEqualTo("Acme");
    }

    // ---------------------------------------------------------------- tags, agency, edition group

    @Test
    void blankKeywordsAreDroppedAndCaseOnlyRepeatsMerged() {
        WireItem item = aWireItem()
                .language("es")
                .keywords("Vivienda", "  ", "vivienda", " Madrid ", "")
                .code(WireCode.Kind.CATEGORY, "urn:demo:tag", "MADRID", "MADRID")
                .code(WireCode.Kind.CATEGORY, "urn:demo:tag", "Alquiler", "Alquiler")
                .build();

        assertThat(normaliser.normalise(item, "demo", RECEIVED).tags())
                .containsExactly("Vivienda", "Madrid", "Alquiler");
    }

    @Test
    void atMostTwentyTagsAreKept() {
        String[] keywords = new String[25];
        for (int i = 0; i < keywords.length; i++) {
            keywords[i] = "etiqueta " + (i + 1);
        }

        List<String> tags = normaliser
                .normalise(aWireItem().keywords(keywords).build(), "standard", RECEIVED)
                .tags();

        assertThat(tags).hasSize(20).startsWith("etiqueta 1").endsWith("etiqueta 20");
    }

    @Test
    void itemWithoutEditionGroupHasNone() {
        assertThat(normaliser
                        .normalise(aWireItem().build(), "standard", RECEIVED)
                        .editionGroup())
                .isNull();
    }

    @Test
    void editionGroupAltIdWinsOverTheEditionGroupCategory() {
        WireItem item = aWireItem()
                .altId("edition-group", " demo-story-07 ")
                .code(WireCode.Kind.CATEGORY, "urn:demo:edition-group", "demo-story-99", "demo-story-99")
                .build();
        WireItem categoryOnly = aWireItem()
                .code(WireCode.Kind.CATEGORY, "urn:demo:edition-group", "demo-story-99", "demo-story-99")
                .build();

        assertThat(normaliser.normalise(item, "demo", RECEIVED).editionGroup()).isEqualTo("demo-story-07");
        assertThat(normaliser.normalise(categoryOnly, "demo", RECEIVED).editionGroup())
                .isEqualTo("demo-story-99");
    }

    @Test
    void agencyAndCreditAreTheItemsAgencyOrElseTheMappings() {
        Article named = normaliser.normalise(aWireItem().agency(" EFE ").build(), "standard", RECEIVED);
        Article unnamed = normaliser.normalise(aWireItem().agency("  ").build(), "standard", RECEIVED);

        assertThat(named.agency()).isEqualTo("EFE");
        assertThat(named.creditLine()).isEqualTo("EFE");
        assertThat(unnamed.agency()).isEqualTo("Wire agency");
        assertThat(unnamed.creditLine()).isEqualTo("Wire agency");
    }

    @Test
    void bylineDatelineAndCorrectionNoteAreTrimmedTextOrNull() {
        WireItem item = aWireItem()
                .byline("  Marta Gil ")
                .located(" MADRID ")
                .correctionNote("<p>Corrige la cifra de <b>viviendas</b>: 12.000, no 21.000</p>")
                .build();
        WireItem blank =
                aWireItem().byline(" ").located("").correctionNote("<p> </p>").build();

        Article article = normaliser.normalise(item, "standard", RECEIVED);
        Article bare = normaliser.normalise(blank, "standard", RECEIVED);

        assertThat(article.byline()).isEqualTo("Marta Gil");
        assertThat(article.dateline()).isEqualTo("MADRID");
        assertThat(article.correctionNote()).isEqualTo("Corrige la cifra de viviendas: 12.000, no 21.000");
        assertThat(bare.byline()).isNull();
        assertThat(bare.dateline()).isNull();
        assertThat(bare.correctionNote()).isNull();
    }

    @Test
    void headlineAndStandfirstAreReaderTextAndTheSlugFollowsTheHeadline() {
        WireItem item = aWireItem()
                .language("es")
                .headline("  <b>Madrid</b> limita el alquiler   turístico ")
                .standfirst("<p>El Ayuntamiento aprueba la norma &amp; la aplica desde enero.</p>")
                .build();

        Article article = normaliser.normalise(item, "standard", RECEIVED);

        assertThat(article.headline()).isEqualTo("Madrid limita el alquiler turístico");
        assertThat(article.standfirst()).isEqualTo("El Ayuntamiento aprueba la norma & la aplica desde enero.");
        assertThat(article.slug()).isEqualTo("madrid-limita-el-alquiler-turistico");
    }

    @Test
    void bodyIsSanitisedAndPictureCaptionsAndCreditsAreText() {
        WireItem item = aWireItem()
                .bodyHtml("<p>Texto.</p><script>alert(1)</script>")
                .image(new Image(
                        "https://images.example.org/madrid.jpg",
                        "<em>Vista</em> de Madrid",
                        "  ",
                        "image/jpeg",
                        800,
                        600))
                .build();

        Article article = normaliser.normalise(item, "standard", RECEIVED);

        assertThat(article.bodyHtml()).isEqualTo("<p>Texto.</p>");
        assertThat(article.images()).singleElement().satisfies(image -> {
            assertThat(image.url()).isEqualTo("https://images.example.org/madrid.jpg");
            assertThat(image.caption()).isEqualTo("Vista de Madrid");
            assertThat(image.credit()).isNull();
            assertThat(image.mediaType()).isEqualTo("image/jpeg");
            assertThat(image.width()).isEqualTo(800);
            assertThat(image.height()).isEqualTo(600);
        });
    }

    @Test
    void itemWithOnlyAVersionTimeIsFirstPublishedThen() {
        Instant version = Instant.parse("2026-11-28T10:30:00Z");

        Article article = normaliser.normalise(
                aWireItem().firstCreated(null).versionCreated(version).build(), "standard", RECEIVED);

        assertThat(article.firstPublished()).isEqualTo(version);
        assertThat(article.updated()).isEqualTo(version);
    }

    // ---------------------------------------------------------------- helpers

    private Article standard(String path) {
        return normaliser.normalise(parse(path, 0), "standard", RECEIVED);
    }

    private Article demo(String path, int index) {
        return normaliser.normalise(parse(path, index), "demo", RECEIVED);
    }

    private WireItem parse(String path, int index) {
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertThat(in).as("classpath resource %s", path).isNotNull();
            return parsers.parse(in.readAllBytes()).items().get(index);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }

    private static WireItem item(String guid, String headline, String language, String pubStatus, Instant time) {
        return aWireItem()
                .format(WireFormat.NINJS_2)
                .guid(guid)
                .agencyVersion("1")
                .createdAt(time)
                .pubStatus(pubStatus)
                .language(language)
                .headline(headline)
                .standfirst("A standfirst.")
                .bodyHtml("<p>Some body text.</p>")
                .byline("Staff")
                .located("LONDON")
                .agency("Acme")
                .build();
    }
}
