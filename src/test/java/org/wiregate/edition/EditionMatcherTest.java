package org.wiregate.edition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.wiregate.edition.EvidenceBuilder.anEvidence;
import static org.wiregate.support.ArticleBuilder.anArticle;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;

/**
 * How much each kind of evidence adds to (or takes from) the likelihood that two articles are
 * editions of one story. Expectations are stated through the shipped weights, so the tests say what
 * each piece of evidence does, not what it is worth today.
 */
class EditionMatcherTest {

    private static final EditionMatcher.Weights WEIGHTS = EditionMatcher.Weights.defaults();
    private static final Offset<Double> EXACTLY = within(1e-9);
    private static final Instant NOON = Instant.parse("2026-11-24T12:00:00Z");

    private final EditionMatcher matcher = new EditionMatcher(WEIGHTS);
    private final NameFolding folding = new NameFolding(NamesList.load(Path.of("mappings/names")));

    private static EvidenceBuilder english() {
        return anEvidence().id("reuters:en-1").language(Language.EN);
    }

    private static EvidenceBuilder arabic() {
        return anEvidence().id("aja:ar-1").language(Language.AR);
    }

    private static EvidenceBuilder spanish() {
        return anEvidence().id("efe:es-1").language(Language.ES);
    }

    /** The score of a against b, names weighed by how many of a, b and the other candidates mention them. */
    private double score(EvidenceBuilder a, EvidenceBuilder b, EvidenceBuilder... otherCandidates) {
        EditionEvidence first = a.build();
        EditionEvidence second = b.build();
        List<EditionEvidence> pool = new ArrayList<>(List.of(first, second));
        for (EvidenceBuilder other : otherCandidates) {
            pool.add(other.build());
        }
        return matcher.score(first, second, EditionMatcher.documentFrequency(pool));
    }

    /** Two articles in the same section with no other evidence at all. */
    private double nothingInCommon() {
        return score(english(), arabic());
    }

    @Test
    void twoArticlesInOneLanguageAreNeverEditionsHoweverAlike() {
        EvidenceBuilder story = english()
                .images("https://img.example/rafah-1.jpg")
                .figures("27", "50")
                .mentions("Rafah")
                .dateline("Rafah")
                .regions(Region.PALESTINE);

        assertThat(score(
                        story,
                        english()
                                .id("reuters:en-2")
                                .images("https://img.example/rafah-1.jpg")
                                .figures("27", "50")
                                .mentions("Rafah")
                                .dateline("Rafah")
                                .regions(Region.PALESTINE)))
                .isZero();
    }

    @Test
    void theSameStoryInAnotherLanguageScoresOnItsEvidence() {
        assertThat(score(
                        english().images("https://img.example/rafah-1.jpg"),
                        arabic().images("https://img.example/rafah-1.jpg")))
                .isCloseTo(WEIGHTS.section() + WEIGHTS.image(), EXACTLY);
    }

    @Test
    void theSameSectionCountsForAndADifferentSectionAgainst() {
        assertThat(nothingInCommon()).isCloseTo(WEIGHTS.section(), EXACTLY);
        assertThat(score(english().section(Section.POLITICS), arabic().section(Section.SPORTS)))
                .isCloseTo(-WEIGHTS.section(), EXACTLY);
    }

    @Test
    void aSharedPictureAddsTheImageWeight() {
        assertThat(score(
                        english().images("https://img.example/kharkiv-3.jpg", "https://img.example/kharkiv-4.jpg"),
                        arabic().images("https://img.example/kharkiv-4.jpg")))
                .isCloseTo(nothingInCommon() + WEIGHTS.image(), EXACTLY);
    }

    @Test
    void differentPicturesAddNothing() {
        assertThat(score(
                        english().images("https://img.example/kharkiv-3.jpg"),
                        arabic().images("https://img.example/khartoum-9.jpg")))
                .isCloseTo(nothingInCommon(), EXACTLY);
    }

    @Test
    void oneFigureBothStateAddsTheFigureWeight() {
        assertThat(score(english().figures("27"), arabic().figures("27")))
                .isCloseTo(nothingInCommon() + WEIGHTS.number(), EXACTLY);
    }

    @Test
    void oneFigureEachThatDiffersAddsNothing() {
        assertThat(score(english().figures("27"), arabic().figures("31"))).isCloseTo(nothingInCommon(), EXACTLY);
    }

    @Test
    void againstAStoryStatingOneFigureTheFigureInCommonCountsByItself() {
        assertThat(score(english().figures("27", "50", "1400"), arabic().figures("27")))
                .isCloseTo(nothingInCommon() + WEIGHTS.number(), EXACTLY);
    }

    @Test
    void twoFiguresBothStateCountTheWholeShare() {
        assertThat(score(english().figures("27", "50"), arabic().figures("50", "27")))
                .isCloseTo(nothingInCommon() + WEIGHTS.numberCap(), EXACTLY);
    }

    @Test
    void oneOfTwoFiguresInCommonCountsHalfTheShare() {
        assertThat(score(english().figures("27", "50"), arabic().figures("27", "65")))
                .isCloseTo(nothingInCommon() + WEIGHTS.numberCap() / 2, EXACTLY);
    }

    @Test
    void twoFiguresEachWithNoneInCommonAreNotHeldAgainst() {
        assertThat(score(english().figures("27", "50"), arabic().figures("31", "18")))
                .isCloseTo(nothingInCommon(), EXACTLY);
    }

    @Test
    void threeFiguresEachWithNoneInCommonCountAgainst() {
        // two strikes on one day: each story states its own toll, wounded and displaced
        assertThat(score(english().figures("12", "30", "1400"), arabic().figures("31", "18", "900")))
                .isCloseTo(nothingInCommon() - WEIGHTS.number(), EXACTLY);
    }

    @Test
    void aThirdOfThreeFiguresInCommonIsEnoughNotToCountAgainst() {
        assertThat(score(english().figures("12", "30", "1400"), arabic().figures("12", "18", "900")))
                .isCloseTo(nothingInCommon() + WEIGHTS.numberCap() / 3, EXACTLY);
    }

    @Test
    void threeInTenFiguresInCommonStillCountsForTheMatch() {
        // a budget story: ten figures each, three of them the same
        assertThat(score(
                        english().figures("4.5", "210", "18", "36", "7.2", "950", "44", "61", "130", "2.8"),
                        arabic().figures("4.5", "210", "18", "37", "7.1", "955", "45", "62", "131", "2.9")))
                .isCloseTo(nothingInCommon() + WEIGHTS.numberCap() * 0.3, EXACTLY);
    }

    @Test
    void aNameOnlyThePairMentionsCountsFully() {
        assertThat(score(english().mentions("Rafah"), arabic().mentions("رفح")))
                .isCloseTo(nothingInCommon() + WEIGHTS.name(), EXACTLY);
    }

    @Test
    void aNameOnlyOneSideMentionsAddsNothing() {
        assertThat(score(english().mentions("Rafah", "Sinwar", "Jabalia"), arabic().mentions("جباليا")))
                .isCloseTo(nothingInCommon() + WEIGHTS.name(), EXACTLY);
    }

    @Test
    void aNameAnotherCandidateAlsoMentionsCountsHalf() {
        assertThat(score(
                        english().mentions("Rafah"),
                        arabic().mentions("رفح"),
                        spanish().mentions("Rafah")))
                .isCloseTo(nothingInCommon() + WEIGHTS.name() / 2, EXACTLY);
    }

    @Test
    void aNameTwoOtherCandidatesAlsoMentionCountsAThird() {
        assertThat(score(
                        english().mentions("Rafah"),
                        arabic().mentions("رفح"),
                        spanish().mentions("Rafah"),
                        spanish().id("efe:es-2").mentions("Rafah")))
                .isCloseTo(nothingInCommon() + WEIGHTS.name() / 3, EXACTLY);
    }

    @Test
    void manyNamesInCommonCountNoMoreThanTheCap() {
        assertThat(3 * WEIGHTS.name()).as("three names are more than the cap").isGreaterThan(WEIGHTS.nameCap());

        assertThat(score(
                        english().mentions("Rafah", "Sinwar", "Jabalia"),
                        arabic().mentions("رفح", "السنوار", "جباليا")))
                .isCloseTo(nothingInCommon() + WEIGHTS.nameCap(), EXACTLY);
    }

    @Test
    void theSameDatelineAddsTheDatelineWeight() {
        assertThat(score(english().dateline("Khartoum"), arabic().dateline("الخرطوم")))
                .isCloseTo(nothingInCommon() + WEIGHTS.dateline(), EXACTLY);
    }

    @Test
    void differentDatelinesAddNothing() {
        assertThat(score(english().dateline("Khartoum"), arabic().dateline("Cairo")))
                .isCloseTo(nothingInCommon(), EXACTLY);
    }

    @Test
    void aDatelineOnOneSideOnlyAddsNothing() {
        assertThat(score(english().dateline("Khartoum"), arabic())).isCloseTo(nothingInCommon(), EXACTLY);
        assertThat(score(english(), arabic().dateline("الخرطوم"))).isCloseTo(nothingInCommon(), EXACTLY);
    }

    @Test
    void disjointRegionsCountAgainst() {
        assertThat(score(english().regions(Region.MENA), arabic().regions(Region.EUROPE)))
                .isCloseTo(nothingInCommon() - WEIGHTS.region(), EXACTLY);
    }

    @Test
    void aRegionInCommonIsNotHeldAgainst() {
        assertThat(score(english().regions(Region.MENA, Region.PALESTINE), arabic().regions(Region.PALESTINE)))
                .isCloseTo(nothingInCommon(), EXACTLY);
    }

    @Test
    void aStoryFiledWithoutRegionsIsNotHeldAgainst() {
        assertThat(score(english().regions(Region.MENA), arabic())).isCloseTo(nothingInCommon(), EXACTLY);
        assertThat(score(english(), arabic().regions(Region.EUROPE))).isCloseTo(nothingInCommon(), EXACTLY);
    }

    @Test
    void anEditionPublishedExactlyAWindowLaterIsWithinIt() {
        assertThat(EditionMatcher.withinWindow(
                        english().published(NOON).build(),
                        arabic().published(NOON.plus(Duration.ofHours(24))).build(),
                        Duration.ofHours(24)))
                .isTrue();
    }

    @Test
    void anEditionPublishedEarlierIsWithinTheWindowToo() {
        assertThat(EditionMatcher.withinWindow(
                        english().published(NOON).build(),
                        arabic().published(NOON.minus(Duration.ofHours(23))).build(),
                        Duration.ofHours(24)))
                .isTrue();
    }

    @Test
    void aStoryPublishedASecondAfterTheWindowIsOutsideIt() {
        assertThat(EditionMatcher.withinWindow(
                        english().published(NOON).build(),
                        arabic().published(NOON.plus(Duration.ofHours(24)).plusSeconds(1))
                                .build(),
                        Duration.ofHours(24)))
                .isFalse();
    }

    // The whole way, from articles as agencies file them.

    @Test
    void theEnglishAndArabicEditionsOfOneStoryScoreEnoughToLink() {
        Image photo = new Image(
                "https://img.example/2026/11/24/rafah-strike.jpg", "Rescuers in Rafah", "AFP", "image/jpeg", 1200, 800);
        EditionEvidence english = EditionEvidence.of(
                anArticle()
                        .wire("afp", "urn:afp:rafah-en")
                        .language(Language.EN)
                        .dateline("RAFAH, Gaza Strip")
                        .headline("Israeli strike on Rafah shelter kills 27, Gaza health ministry says")
                        .standfirst(
                                "Rescuers pulled 27 bodies and 50 wounded from the rubble of a school housing displaced families.")
                        .bodyHtml("<p>The strike hit the Al-Awda school in western Rafah before dawn.</p>"
                                + "<p>The ministry said 14 of the dead were children.</p>")
                        .section(Section.POLITICS)
                        .regions(Region.PALESTINE)
                        .images(photo)
                        .publishedAt(NOON)
                        .build(),
                folding);
        EditionEvidence arabic = EditionEvidence.of(
                anArticle()
                        .wire("afp", "urn:afp:rafah-ar")
                        .language(Language.AR)
                        .dateline("رفح")
                        .headline("مقتل ٢٧ شخصا في غارة إسرائيلية على مدرسة تؤوي نازحين في رفح")
                        .standfirst("انتشل المسعفون ٢٧ جثة و٥٠ جريحا من تحت أنقاض المدرسة بحسب وزارة الصحة في غزة")
                        .bodyHtml("<p>وقالت الوزارة إن ١٤ من القتلى أطفال.</p>")
                        .section(Section.POLITICS)
                        .regions(Region.PALESTINE)
                        .images(photo)
                        .publishedAt(NOON.plus(Duration.ofMinutes(40)))
                        .build(),
                folding);

        double score = matcher.score(english, arabic, EditionMatcher.documentFrequency(List.of(english, arabic)));

        assertThat(score)
                .isGreaterThanOrEqualTo(EditionLinker.Thresholds.defaults().linkAt());
    }

    @Test
    void twoStoriesAboutDifferentStrikesInOneRegionOnOneDayAreNotEvenSuggested() {
        EditionEvidence english = EditionEvidence.of(
                anArticle()
                        .wire("reuters", "urn:reuters:khan-younis")
                        .language(Language.EN)
                        .dateline("KHAN YOUNIS, Gaza Strip")
                        .headline("Strike on Khan Younis tent camp kills 12 in southern Gaza")
                        .standfirst("Medics said 30 people were wounded and 1,400 families fled the Mawasi area.")
                        .bodyHtml("<p>The Israeli military said it targeted a Hamas commander.</p>")
                        .section(Section.POLITICS)
                        .regions(Region.PALESTINE)
                        .publishedAt(NOON)
                        .build(),
                folding);
        EditionEvidence arabic = EditionEvidence.of(
                anArticle()
                        .wire("aja", "urn:aja:jabalia")
                        .language(Language.AR)
                        .dateline("غزة")
                        .headline("مقتل ٣١ فلسطينيا في قصف على مخيم جباليا شمال غزة")
                        .standfirst("أصيب ١٨ آخرون ونزحت ٩٠٠ عائلة من المخيم بحسب الدفاع المدني")
                        .bodyHtml("<p>وقال الدفاع المدني إن طواقمه لم تتمكن من الوصول إلى المنطقة.</p>")
                        .section(Section.POLITICS)
                        .regions(Region.PALESTINE)
                        .publishedAt(NOON.plus(Duration.ofHours(3)))
                        .build(),
                folding);

        double score = matcher.score(english, arabic, EditionMatcher.documentFrequency(List.of(english, arabic)));

        assertThat(score).isLessThan(EditionLinker.Thresholds.defaults().suggestAt());
    }
}
