package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.publish.FeedWriterFixtures.BASE;
import static org.wiregate.publish.FeedWriterFixtures.BRIEF;
import static org.wiregate.publish.FeedWriterFixtures.LISBOA_AR;
import static org.wiregate.publish.FeedWriterFixtures.LISBOA_ES;
import static org.wiregate.publish.FeedWriterFixtures.LISBON;
import static org.wiregate.publish.FeedWriterFixtures.SAHEL_ARABIC;
import static org.wiregate.publish.FeedWriterFixtures.URLS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Article;
import org.wiregate.article.Image;
import org.wiregate.article.Status;
import org.wiregate.support.ArticleBuilder;

/**
 * IPTC ninjs 2.x as a partner's system reads it: identity and times, the body wrapped with its
 * language and direction, taxonomy names in the article's language, the lead picture and the
 * other-language editions as associations, and a kill as a notice without copy.
 */
class NinjsWriterTest {

    private static final String RFC_3339 = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    private final NinjsWriter writer = new NinjsWriter(URLS);

    // ---------------------------------------------------------------- identity, times, status

    @Test
    void itemCarriesTheStableUrnTheRevisionAndRfc3339Times() {
        JsonNode item = writer.item(LISBON, "demo-story-20", List.of());

        assertThat(item.path("uri").asText()).isEqualTo(LISBON.id().urn()).startsWith("urn:wiregate:article:");
        assertThat(item.path("type").asText()).isEqualTo("text");
        assertThat(item.path("version").isTextual())
                .as("ninjs version is a string")
                .isTrue();
        assertThat(item.path("version").asText()).isEqualTo("1");
        assertThat(item.path("firstcreated").asText()).matches(RFC_3339).isEqualTo("2026-11-27T09:12:00Z");
        assertThat(item.path("versioncreated").asText()).matches(RFC_3339).isEqualTo("2026-11-27T09:40:00Z");
        assertThat(item.path("pubstatus").asText()).isEqualTo("usable");
        assertThat(item.path("urgency").asInt()).isEqualTo(3);
        assertThat(item.path("language").asText()).isEqualTo("en");
    }

    @Test
    void versionFollowsTheGatewayRevision() {
        JsonNode item = writer.item(LISBON.withRevision(4), null, List.of());

        assertThat(item.path("version").asText()).isEqualTo("4");
    }

    @Test
    void embargoedTimeIsGivenOnlyForAnEmbargoedItem() {
        Article embargoed = ArticleBuilder.from(BRIEF)
                .embargoUntil(Instant.parse("2026-11-26T12:00:00Z"))
                .build();

        assertThat(writer.item(embargoed, null, List.of()).path("embargoed").asText())
                .isEqualTo("2026-11-26T12:00:00Z");
        assertThat(writer.item(BRIEF, null, List.of()).has("embargoed")).isFalse();
    }

    @Test
    void headlineIsTheMainHeadlineAndTheStandfirstTheSummary() {
        JsonNode item = writer.item(LISBON, null, List.of());

        assertThat(item.path("headlines")).hasSize(1);
        assertThat(item.at("/headlines/0/role").asText()).isEqualTo("main");
        assertThat(item.at("/headlines/0/value").asText()).isEqualTo(LISBON.headline());
        assertThat(item.at("/headlines/0").has("contenttype")).isFalse();
        assertThat(item.path("descriptions")).hasSize(1);
        assertThat(item.at("/descriptions/0/role").asText()).isEqualTo("summary");
        assertThat(item.at("/descriptions/0/value").asText()).isEqualTo(LISBON.standfirst());
    }

    @Test
    void itemWithoutStandfirstHasNoDescriptions() {
        assertThat(writer.item(BRIEF, null, List.of()).has("descriptions")).isFalse();
    }

    @Test
    void creditsDatelineAndBylineAreGivenWhenKnownAndLeftOutOtherwise() {
        JsonNode lisbon = writer.item(LISBON, null, List.of());
        assertThat(lisbon.path("by").asText()).isEqualTo("Ana Costa");
        assertThat(lisbon.path("located").asText()).isEqualTo("LISBON");
        assertThat(lisbon.path("copyrightholder").asText()).isEqualTo("Demo Wire");
        assertThat(lisbon.path("copyrightnotice").asText()).isEqualTo("Demo Wire");

        Article bare = ArticleBuilder.from(BRIEF).agency(null).creditLine(null).build();
        JsonNode item = writer.item(bare, null, List.of());
        assertThat(item.has("by")).isFalse();
        assertThat(item.has("located")).isFalse();
        assertThat(item.has("copyrightholder")).isFalse();
        assertThat(item.has("copyrightnotice")).isFalse();
        assertThat(item.has("ednote")).isFalse();
        assertThat(item.has("usageterms")).isFalse();
    }

    // ---------------------------------------------------------------- body and language

    @Test
    void englishBodyIsHtmlWrappedLeftToRightWithoutTheFigure() {
        JsonNode body = writer.item(LISBON, null, List.of()).at("/bodies/0");

        assertThat(body.path("role").asText()).isEqualTo("main");
        assertThat(body.path("contenttype").asText()).isEqualTo("text/html");
        assertThat(body.path("value").asText())
                .isEqualTo("<div lang=\"en\" dir=\"ltr\">" + LISBON.bodyHtml() + "</div>")
                .doesNotContain("<figure", "<img");
    }

    @Test
    void arabicBodyIsWrappedRightToLeft() {
        JsonNode item = writer.item(SAHEL_ARABIC, null, List.of());

        assertThat(item.path("language").asText()).isEqualTo("ar");
        assertThat(item.at("/bodies/0/value").asText())
                .isEqualTo("<div lang=\"ar\" dir=\"rtl\">" + SAHEL_ARABIC.bodyHtml() + "</div>");
    }

    @Test
    void correctionIsAnEdnoteAndAClosingLineInTheItemsLanguage() {
        Article corrected = SAHEL_ARABIC.withCorrectionNote("صُحّح عدد الضحايا إلى 12 بدلا من 21");

        JsonNode item = writer.item(corrected, null, List.of());

        assertThat(item.path("ednote").asText()).isEqualTo("تصحيح: صُحّح عدد الضحايا إلى 12 بدلا من 21");
        assertThat(item.at("/bodies/0/value").asText())
                .isEqualTo("<div lang=\"ar\" dir=\"rtl\">" + SAHEL_ARABIC.bodyHtml()
                        + "<p><em>تصحيح: صُحّح عدد الضحايا إلى 12 بدلا من 21</em></p></div>");
        assertThat(NinjsWriter.body(LISBOA_ES.withCorrectionNote("Corrige la fecha de la votación")))
                .endsWith("<p><em>Corrección: Corrige la fecha de la votación</em></p></div>");
    }

    @Test
    void correctionNoteIsEscapedInTheBodyButPlainInTheEdnote() {
        Article corrected = LISBON.withCorrectionNote("Corrects the operator's name to Carris & Metro <Lisboa>");

        JsonNode item = writer.item(corrected, null, List.of());

        assertThat(item.path("ednote").asText())
                .isEqualTo("Correction: Corrects the operator's name to Carris & Metro <Lisboa>");
        Document body = Jsoup.parseBodyFragment(item.at("/bodies/0/value").asText());
        assertThat(body.select("lisboa")).as("the note's text is no markup").isEmpty();
        assertThat(body.select("div > p > em").last().text())
                .isEqualTo("Correction: Corrects the operator's name to Carris & Metro <Lisboa>");
    }

    // ---------------------------------------------------------------- taxonomy in the article's language

    @Test
    void sectionRegionsAndKeywordsAreSubjectsWithTaxonomyUris() {
        JsonNode subjects = writer.item(LISBON, null, List.of()).path("subjects");

        assertThat(subjects).hasSize(4);
        assertThat(subjects.get(0).path("name").asText()).isEqualTo("Environment");
        assertThat(subjects.get(0).path("rel").asText()).isEqualTo("section");
        assertThat(subjects.get(0).path("uri").asText()).isEqualTo(BASE + "/taxonomy/section/environment");
        assertThat(subjects.get(1).path("name").asText()).isEqualTo("Europe");
        assertThat(subjects.get(1).path("rel").asText()).isEqualTo("region");
        assertThat(subjects.get(1).path("uri").asText()).isEqualTo(BASE + "/taxonomy/region/europe");
        assertThat(subjects.get(2).path("name").asText()).isEqualTo("Lisbon");
        assertThat(subjects.get(2).path("rel").asText()).isEqualTo("keyword");
        assertThat(subjects.get(2).path("literal").asText()).isEqualTo("Lisbon");
        assertThat(subjects.get(2).has("uri")).isFalse();
        assertThat(subjects.get(3).path("literal").asText()).isEqualTo("cycling");
    }

    @Test
    void arabicSubjectsAndGenreAreNamedInArabic() {
        JsonNode item = writer.item(SAHEL_ARABIC, null, List.of());

        assertThat(names(item.path("subjects"))).containsExactly("سياسة", "أفريقيا", "روسيا", "مالي");
        assertThat(item.at("/genres/0/name").asText()).isEqualTo("خبر");
        assertThat(item.at("/genres/0/uri").asText()).isEqualTo(BASE + "/taxonomy/type/news");
    }

    @Test
    void spanishSubjectsAndGenreAreNamedInSpanish() {
        JsonNode item = writer.item(LISBOA_ES, null, List.of());

        assertThat(names(item.path("subjects")))
                .containsExactly("Medio ambiente", "Europa", "América Latina", "Lisboa", "movilidad");
        assertThat(item.path("subjects").get(2).path("uri").asText())
                .isEqualTo(BASE + "/taxonomy/region/latin-america");
        assertThat(item.path("genres")).hasSize(1);
        assertThat(item.at("/genres/0/name").asText()).isEqualTo("Reportaje");
        assertThat(item.at("/genres/0/uri").asText()).isEqualTo(BASE + "/taxonomy/type/feature");
    }

    // ---------------------------------------------------------------- picture

    @Test
    void leadPictureIsAFeatureImageAssociationWithItsRendition() {
        JsonNode associations = writer.item(LISBON, null, List.of()).path("associations");

        assertThat(associations).hasSize(1);
        JsonNode picture = associations.get(0);
        assertThat(picture.path("name").asText()).isEqualTo("featureimage");
        assertThat(picture.path("uri").asText()).isEqualTo("https://images.example.org/lisbon.jpg");
        assertThat(picture.path("type").asText()).isEqualTo("picture");
        assertThat(picture.at("/descriptions/0/role").asText()).isEqualTo("caption");
        assertThat(picture.at("/descriptions/0/value").asText()).isEqualTo("Cyclists by the river");
        assertThat(picture.path("by").asText()).isEqualTo("Rui Almeida / Demo Wire");
        assertThat(picture.path("copyrightholder").asText()).isEqualTo("Rui Almeida / Demo Wire");
        JsonNode rendition = picture.at("/renditions/0");
        assertThat(rendition.path("name").asText()).isEqualTo("baseImage");
        assertThat(rendition.path("href").asText()).isEqualTo("https://images.example.org/lisbon.jpg");
        assertThat(rendition.path("contenttype").asText()).isEqualTo("image/jpeg");
        assertThat(rendition.path("width").asInt()).isEqualTo(1200);
        assertThat(rendition.path("height").asInt()).isEqualTo(800);
    }

    @Test
    void pictureWithoutCaptionCreditTypeOrSizeCarriesOnlyWhatIsKnown() {
        Article article = ArticleBuilder.from(BRIEF)
                .images(new Image("https://images.example.org/markets.jpg", null, null, null, 0, 0))
                .build();

        JsonNode picture = writer.item(article, null, List.of()).at("/associations/0");

        assertThat(picture.path("uri").asText()).isEqualTo("https://images.example.org/markets.jpg");
        assertThat(picture.has("descriptions")).isFalse();
        assertThat(picture.has("by")).isFalse();
        assertThat(picture.has("copyrightholder")).isFalse();
        JsonNode rendition = picture.at("/renditions/0");
        assertThat(rendition.path("href").asText()).isEqualTo("https://images.example.org/markets.jpg");
        assertThat(rendition.has("contenttype")).isFalse();
        assertThat(rendition.has("width")).isFalse();
        assertThat(rendition.has("height")).isFalse();
    }

    @Test
    void pictureSizeIsGivenOnlyWhenBothSidesAreKnown() {
        for (Image image : List.of(
                new Image("https://images.example.org/a.jpg", "Trading floor", null, "image/jpeg", 1200, 0),
                new Image("https://images.example.org/b.jpg", "Trading floor", null, "image/jpeg", 0, 800))) {
            Article article = ArticleBuilder.from(BRIEF).images(image).build();

            JsonNode rendition = writer.item(article, null, List.of()).at("/associations/0/renditions/0");

            assertThat(rendition.has("width"))
                    .as("width of %sx%s", image.width(), image.height())
                    .isFalse();
            assertThat(rendition.has("height"))
                    .as("height of %sx%s", image.width(), image.height())
                    .isFalse();
        }
        Article tiny = ArticleBuilder.from(BRIEF)
                .images(new Image("https://images.example.org/c.jpg", null, null, null, 1, 1))
                .build();
        JsonNode rendition = writer.item(tiny, null, List.of()).at("/associations/0/renditions/0");
        assertThat(rendition.path("width").asInt()).isEqualTo(1);
        assertThat(rendition.path("height").asInt()).isEqualTo(1);
    }

    @Test
    void onlyTheFirstPictureIsTheFeatureImage() {
        Article article = ArticleBuilder.from(LISBON)
                .images(
                        LISBON.images().get(0),
                        new Image("https://images.example.org/lisbon-2.jpg", "Bus lane", null, "image/jpeg", 800, 600))
                .build();

        JsonNode associations = writer.item(article, null, List.of()).path("associations");

        assertThat(associations).hasSize(1);
        assertThat(associations.get(0).path("uri").asText()).isEqualTo("https://images.example.org/lisbon.jpg");
    }

    @Test
    void itemWithoutPictureOrEditionsHasNoAssociations() {
        assertThat(writer.item(BRIEF, null, List.of()).has("associations")).isFalse();
    }

    // ---------------------------------------------------------------- editions

    @Test
    void editionsInOtherLanguagesAreTranslationAssociationsInLanguageOrder() {
        JsonNode associations = writer.item(LISBON, "demo-story-20", List.of(LISBOA_ES, LISBOA_AR))
                .path("associations");

        assertThat(associations).hasSize(3);
        assertThat(associations.get(0).path("name").asText()).isEqualTo("featureimage");
        JsonNode arabic = associations.get(1);
        assertThat(arabic.path("name").asText()).isEqualTo("translation");
        assertThat(arabic.path("uri").asText()).isEqualTo(LISBOA_AR.id().urn());
        assertThat(arabic.path("type").asText()).isEqualTo("text");
        assertThat(arabic.path("version").asText()).isEqualTo("3");
        assertThat(arabic.path("versioncreated").asText()).isEqualTo("2026-11-27T10:45:00Z");
        assertThat(arabic.path("language").asText()).isEqualTo("ar");
        assertThat(arabic.at("/headlines/0/role").asText()).isEqualTo("main");
        assertThat(arabic.at("/headlines/0/value").asText()).isEqualTo(LISBOA_AR.headline());
        JsonNode spanish = associations.get(2);
        assertThat(spanish.path("name").asText()).isEqualTo("translation");
        assertThat(spanish.path("uri").asText()).isEqualTo(LISBOA_ES.id().urn());
        assertThat(spanish.path("version").asText()).isEqualTo("2");
        assertThat(spanish.path("language").asText()).isEqualTo("es");
        assertThat(spanish.at("/headlines/0/value").asText()).isEqualTo(LISBOA_ES.headline());
    }

    @Test
    void anEditionInTheItemsOwnLanguageIsNoTranslationAndTheFirstOfEachLanguageWins() {
        Article otherEnglish =
                ArticleBuilder.from(BRIEF).editionGroup("demo-story-20").build();
        Article laterSpanish = ArticleBuilder.from(LISBOA_ES)
                .guid("urn:test:es-lisboa-2")
                .headline("Lisboa: otra versión")
                .build();

        JsonNode associations = writer.item(BRIEF, "demo-story-20", List.of(otherEnglish, LISBOA_ES, laterSpanish))
                .path("associations");

        assertThat(associations).hasSize(1);
        assertThat(associations.get(0).path("language").asText()).isEqualTo("es");
        assertThat(associations.get(0).path("uri").asText())
                .isEqualTo(LISBOA_ES.id().urn());
    }

    @Test
    void altidsCarryTheEditionGroupWhenThereIsOneAndAlwaysTheAgencyGuid() {
        JsonNode grouped = writer.item(LISBON, "demo-story-20", List.of()).path("altids");
        assertThat(grouped).hasSize(2);
        assertThat(grouped.get(0).path("role").asText()).isEqualTo("edition-group");
        assertThat(grouped.get(0).path("value").asText()).isEqualTo("demo-story-20");
        assertThat(grouped.get(1).path("role").asText()).isEqualTo("agency-guid");
        assertThat(grouped.get(1).path("value").asText()).isEqualTo("standard:urn:test:en-lisbon");

        JsonNode alone = writer.item(BRIEF, null, List.of()).path("altids");
        assertThat(alone).hasSize(1);
        assertThat(alone.get(0).path("role").asText()).isEqualTo("agency-guid");
        assertThat(alone.get(0).path("value").asText()).isEqualTo("standard:urn:test:en-brief");
    }

    // ---------------------------------------------------------------- kills and contract cuts

    @Test
    void killedItemIsANoticeWithoutSummaryBodyOrPicture() {
        Article killed = ArticleBuilder.from(LISBON).status(Status.CANCELED).build();

        JsonNode item = writer.item(killed, "demo-story-20", List.of(LISBOA_ES));

        assertThat(item.path("pubstatus").asText()).isEqualTo("canceled");
        assertThat(item.at("/headlines/0/value").asText()).isEqualTo(LISBON.headline());
        assertThat(item.has("descriptions")).isFalse();
        assertThat(item.has("bodies")).isFalse();
        assertThat(item.path("associations")).hasSize(1);
        assertThat(item.at("/associations/0/name").asText()).isEqualTo("translation");
    }

    @Test
    void withheldItemSaysSo() {
        Article withheld = ArticleBuilder.from(BRIEF).status(Status.WITHHELD).build();

        assertThat(writer.item(withheld, null, List.of()).path("pubstatus").asText())
                .isEqualTo("withheld");
    }

    @Test
    void summaryOnlyContractGetsHeadlineAndSummaryButNeitherBodyNorPicture() {
        JsonNode item = writer.item(
                LISBON, "demo-story-20", List.of(LISBOA_ES), new NinjsWriter.Cut(true, "Headline and summary only."));

        assertThat(item.at("/headlines/0/value").asText()).isEqualTo(LISBON.headline());
        assertThat(item.at("/descriptions/0/value").asText()).isEqualTo(LISBON.standfirst());
        assertThat(item.path("usageterms").asText()).isEqualTo("Headline and summary only.");
        assertThat(item.has("bodies")).isFalse();
        assertThat(item.path("associations")).as("the edition, not the picture").hasSize(1);
        assertThat(item.at("/associations/0/name").asText()).isEqualTo("translation");
        assertThat(writer.bytes(item))
                .asString(StandardCharsets.UTF_8)
                .doesNotContain("lisbon.jpg", "Cyclists by the river", "Rui Almeida", LISBON.bodyHtml());
    }

    @Test
    void wholeContractWithUsageTermsKeepsTheBody() {
        JsonNode item = writer.item(LISBON, null, List.of(), new NinjsWriter.Cut(false, "No resale."));

        assertThat(item.path("usageterms").asText()).isEqualTo("No resale.");
        assertThat(item.at("/bodies/0/value").asText()).contains(LISBON.bodyHtml());
    }

    // ---------------------------------------------------------------- bytes

    @Test
    void bytesAreTheItemAsUtf8JsonAndReadBackWithTheWritersMapper() throws Exception {
        ObjectNode item = writer.item(SAHEL_ARABIC, "demo-story-01", List.of(LISBOA_ES));

        byte[] bytes = writer.bytes(item);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains(SAHEL_ARABIC.headline());
        assertThat(writer.mapper().readTree(bytes)).isEqualTo(item);
    }

    @Test
    void renderingTheSameItemTwiceGivesIdenticalBytes() {
        NinjsWriter fresh = new NinjsWriter(new PublicUrls(BASE));

        assertThat(fresh.bytes(fresh.item(LISBON, "demo-story-20", List.of(LISBOA_AR, LISBOA_ES))))
                .isEqualTo(writer.bytes(writer.item(LISBON, "demo-story-20", List.of(LISBOA_AR, LISBOA_ES))));
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.path("name").asText()));
        return names;
    }
}
