package org.wiregate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Image;
import org.wiregate.article.RelatedLink;
import org.wiregate.support.Fixtures;

class NewsMlG2ParserTest {

    private static final String GUID = "urn:newsml:fixture.example:20261124:lebanon-budget";

    private final NewsMlG2Parser parser = new NewsMlG2Parser();

    @Test
    void textItemInANewsMessageIsReadWithAllItsFields() {
        ParsedPayload parsed = parser.parse(Fixtures.bytes("/fixtures/newsml-g2/en-lebanon-budget-v1.xml"));

        assertThat(parsed.format()).isEqualTo(WireFormat.NEWSML_G2);
        assertThat(parsed.items()).hasSize(1);
        assertThat(parsed.skipped()).isEmpty(); // the picture is the text item's association
        WireItem item = parsed.items().get(0);
        assertThat(item.format()).isEqualTo(WireFormat.NEWSML_G2);
        assertThat(item.guid()).isEqualTo(GUID);
        assertThat(item.agencyVersion()).isEqualTo("1");
        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-24T09:12:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-24T09:12:00Z"));
        assertThat(item.embargoUntil()).isNull();
        assertThat(item.pubStatus()).isEqualTo("usable");
        assertThat(item.urgency()).isEqualTo(3);
        assertThat(item.language()).isEqualTo("en");
        assertThat(item.headline()).isEqualTo("Lebanon's parliament approves 2027 budget after three-day debate");
        assertThat(item.standfirst())
                .isEqualTo("Lawmakers voted 71 to 37 for a budget that raises public-sector wages "
                        + "and widens the tax base, a step the IMF has asked for.");
        assertThat(item.slugline()).isEqualTo("LEBANON-BUDGET/");
        assertThat(item.byline()).isEqualTo("Rana Haddad");
        assertThat(item.located()).isEqualTo("BEIRUT");
        assertThat(item.agency()).isEqualTo("Fixture Wire Ltd");
        assertThat(item.link()).isNull();
        assertThat(item.correctionNote()).isNull();
        assertThat(item.keywords()).containsExactly("Lebanon", "budget", "IMF");
        assertThat(item.altIds())
                .containsEntry("edition-group", "fixture-story-2")
                .containsEntry("idType:fxwStory", "FXW-LEB-BUDGET");
    }

    @Test
    void qcodesBecomeSubjectGenreAndPlaceCodesSplitLikeConceptUris() {
        WireItem item = single("/fixtures/newsml-g2/en-lebanon-budget-v1.xml");

        assertThat(item.codes())
                .containsExactly(
                        new WireCode(WireCode.Kind.SUBJECT, "medtop:", "11000000", "politics and government"),
                        new WireCode(WireCode.Kind.SUBJECT, "medtop:", "04000000", "economy, business and finance"),
                        new WireCode(WireCode.Kind.PLACE, "iso3166-1a2:", "LB", "Lebanon"),
                        new WireCode(WireCode.Kind.GENRE, "genre:", "Current", "Current"));
        assertThat(item.codes().get(0))
                .isEqualTo(WireCode.fromUri(WireCode.Kind.SUBJECT, "medtop:11000000", "politics and government"));
    }

    @Test
    void inlineNitfBodyBecomesHtmlWithoutNamespaces() {
        WireItem item = single("/fixtures/newsml-g2/en-lebanon-budget-v1.xml");

        assertThat(item.bodyHtml())
                .startsWith("<p>BEIRUT, Nov 24 (Fixture Wire) - Lebanon's parliament approved the 2027 state budget "
                        + "on Tuesday after a three-day debate, with 71 lawmakers voting in favour and 37 against.</p>"
                        + "<p>The budget raises")
                .contains("<h2>Wages and revenue</h2><p>Finance Minister Samir Aoun told the chamber the deficit would "
                        + "fall to 1.2% of gross domestic product, <em>provided</em> customs revenue recovers.</p>")
                .contains("<blockquote><p>\"This is a budget of necessity, not of choice,\" he said.</p></blockquote>")
                .contains("<ul><li>Spending: 4.9 billion dollars</li><li>Revenue: 4.6 billion dollars</li></ul>")
                .endsWith(
                        "<p>Read the <a href=\"https://fixture.example/explainers/lebanon-imf-talks\">explainer</a>.</p>")
                .doesNotContain("xmlns", "nitf", "<block>", "class=");
    }

    @Test
    void linkedPictureItemBecomesTheImageWithTheHighResolutionRendition() {
        WireItem item = single("/fixtures/newsml-g2/en-lebanon-budget-v1.xml");

        assertThat(item.images())
                .containsExactly(new Image(
                        "https://img.fixture.example/2026/11/24/leb-budget.jpg",
                        "Lawmakers attend the budget session at the Lebanese parliament in Beirut, November 24, 2026.",
                        "Fixture Wire/Hassan Nasser",
                        "image/jpeg",
                        3000,
                        2000));
    }

    @Test
    void seeAlsoLinksWithAbsoluteHttpUrlsBecomeRelatedLinks() {
        WireItem item = single("/fixtures/newsml-g2/en-lebanon-budget-v1.xml");

        assertThat(item.relatedLinks())
                .containsExactly(new RelatedLink(
                        "https://fixture.example/explainers/lebanon-imf-talks",
                        "Explainer: where Lebanon's IMF talks stand"));
    }

    @Test
    void updateIsTheNextVersionWithAnXhtmlBodyAndNoCorrectionNote() {
        WireItem item = single("/fixtures/newsml-g2/en-lebanon-budget-v2-update.xml");

        assertThat(item.guid()).isEqualTo(GUID);
        assertThat(item.agencyVersion()).isEqualTo("2");
        assertThat(item.firstCreated()).isEqualTo(Instant.parse("2026-11-24T09:12:00Z"));
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-24T09:05:00Z"));
        assertThat(item.urgency()).isEqualTo(4);
        assertThat(item.slugline()).isEqualTo("LEBANON-BUDGET/ (UPDATE 1)");
        assertThat(item.headline()).isEqualTo("UPDATE 1-Lebanon's parliament approves 2027 budget, IMF welcomes vote");
        assertThat(item.standfirst())
                .isEqualTo("The IMF called the vote \"an important step\" toward a staff-level agreement.");
        assertThat(item.correctionNote()).isNull();
        assertThat(item.bodyHtml())
                .isEqualTo("<p>(Adds IMF reaction in paragraphs 3-4)</p>"
                        + "<p>BEIRUT, Nov 24 (Fixture Wire) - Lebanon's parliament approved the 2027 state budget on Tuesday.</p>"
                        + "<p>The International Monetary Fund called the vote \"an important step\".</p>");
        assertThat(item.images()).isEmpty();
        assertThat(item.altIds()).containsExactly(Map.entry("edition-group", "fixture-story-2"));
    }

    @Test
    void correctionSignalCarriesTheEditorialNote() {
        WireItem item = single("/fixtures/newsml-g2/en-lebanon-budget-v3-correction.xml");

        assertThat(item.agencyVersion()).isEqualTo("3");
        assertThat(item.correctionNote()).isEqualTo("Corrects vote count in paragraph 1 to 71-37, not 71-35");
        assertThat(item.headline()).startsWith("CORRECTED-");
        assertThat(item.codes())
                .containsExactly(new WireCode(WireCode.Kind.SUBJECT, "medtop:", "11000000", "politics and government"));
    }

    @Test
    void correctionSignalWithoutANoteSaysCorrected() {
        String xml = new String(
                        Fixtures.bytes("/fixtures/newsml-g2/en-lebanon-budget-v3-correction.xml"),
                        StandardCharsets.UTF_8)
                .replaceAll("<edNote>[^<]*</edNote>", "");

        WireItem item =
                parser.parse(xml.getBytes(StandardCharsets.UTF_8)).items().get(0);

        assertThat(item.correctionNote()).isEqualTo("Corrected");
    }

    @Test
    void killIsACanceledVersionOfTheSameItem() {
        WireItem item = single("/fixtures/newsml-g2/en-lebanon-budget-v4-kill.xml");

        assertThat(item.guid()).isEqualTo(GUID);
        assertThat(item.agencyVersion()).isEqualTo("4");
        assertThat(item.pubStatus()).isEqualTo("canceled");
        assertThat(item.versionCreated()).isEqualTo(Instant.parse("2026-11-24T15:45:00Z"));
        assertThat(item.agency()).isEqualTo("Fixture Wire"); // provider name, no copyright holder
        assertThat(item.bodyHtml()).isNull();
        assertThat(item.correctionNote()).isNull();
    }

    @Test
    void embargoedItemKeepsItsEmbargoAndReadsLanguageFromTheContentSet() {
        WireItem item = single("/fixtures/newsml-g2/en-gulf-grid-embargoed.xml");

        assertThat(item.embargoUntil()).isEqualTo(Instant.parse("2026-11-27T06:00:00Z"));
        assertThat(item.embargoUntil()).isAfter(item.versionCreated());
        assertThat(item.pubStatus()).isEqualTo("usable");
        assertThat(item.language()).isEqualTo("en-GB");
        assertThat(item.located()).isEqualTo("Doha"); // no dateline: the located concept's name
        assertThat(item.altIds()).containsExactly(Map.entry("edition-group", "fixture-story-9"));
        assertThat(item.codes())
                .containsExactly(
                        new WireCode(WireCode.Kind.SUBJECT, "medtop:", "06000000", "environment"),
                        new WireCode(WireCode.Kind.PLACE, "cntry:", "QA", "Qatar"),
                        new WireCode(WireCode.Kind.GENRE, "genre:", "Analysis", "Analysis"));
        assertThat(item.bodyHtml())
                .isEqualTo(
                        "<p>DOHA, Nov 27 (Fixture Wire) - Gulf energy ministers will sign a grid expansion pact on Friday.</p>");
    }

    @Test
    void packageAndUnlinkedPictureAreSkippedWithAReason() {
        ParsedPayload parsed = parser.parse(Fixtures.bytes("/fixtures/newsml-g2/package-and-picture-only.xml"));

        assertThat(parsed.format()).isEqualTo(WireFormat.NEWSML_G2);
        assertThat(parsed.items()).isEmpty();
        assertThat(parsed.skipped())
                .containsExactly(
                        "packageItem urn:newsml:fixture.example:20261126:top-news-package: not a text item (package)",
                        "newsItem urn:newsml:fixture.example:20261126:doha-skyline-pic: not a text item (picture)");
    }

    @Test
    void pictureLinkedByItsRenditionUrlIsAnImageToo() {
        String xml = """
                <newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>
                  <newsItem guid="urn:test:text" version="1">
                    <itemMeta><itemClass qcode="ninat:text"/>
                      <link rel="irel:seeAlso" href="https://img.test/full.jpg"/></itemMeta>
                    <contentMeta><headline>Text</headline></contentMeta>
                  </newsItem>
                  <newsItem guid="urn:test:pic" version="1">
                    <itemMeta><itemClass qcode="ninat:picture"/></itemMeta>
                    <contentMeta><description>A caption</description><by>A photographer</by></contentMeta>
                    <contentSet><remoteContent href="https://img.test/full.jpg" contenttype="image/png"
                        width="800" height="600"/></contentSet>
                  </newsItem>
                  <newsItem guid="urn:test:video" version="1">
                    <itemMeta><itemClass qcode="ninat:video"/></itemMeta>
                  </newsItem>
                </itemSet></newsMessage>
                """;

        ParsedPayload parsed = parser.parse(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.items()).hasSize(1);
        WireItem item = parsed.items().get(0);
        assertThat(item.images())
                .containsExactly(
                        new Image("https://img.test/full.jpg", "A caption", "A photographer", "image/png", 800, 600));
        assertThat(item.relatedLinks()).isEmpty();
        assertThat(parsed.skipped()).containsExactly("newsItem urn:test:video: not a text item (video)");
    }

    @Test
    void anotherXmlFormatIsRefusedWithTheRootElementNamed() {
        assertThatThrownBy(() -> parser.parse("<nitf><head/></nitf>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("root element <nitf> is not NewsML-G2");
    }

    // ---------------------------------------------------------------- Spanish news message (EFE style)

    private static final String EFE = "/fixtures/newsml-g2/es-efe-uruguay-eolica.xml";

    @Test
    void spanishTextItemWithAPlainTextBodyIsReadWithAllItsFields() {
        ParsedPayload parsed = parser.parse(Fixtures.bytes(EFE));

        assertThat(parsed.skipped()).as("the photo is the text item's picture").isEmpty();
        assertThat(parsed.items()).hasSize(1);
        WireItem item = parsed.items().get(0);
        assertThat(item.guid()).isEqualTo("urn:newsml:fixture-efe.example:20261127:uruguay-eolica");
        assertThat(item.firstCreated()).as("12:58 in Montevideo").isEqualTo(Instant.parse("2026-11-27T15:58:00Z"));
        assertThat(item.pubStatus()).isEqualTo("usable");
        assertThat(item.urgency()).isEqualTo(4);
        assertThat(item.language()).isEqualTo("es");
        assertThat(item.slugline()).isEqualTo("Uruguay-Energía");
        assertThat(item.located()).isEqualTo("Montevideo");
        assertThat(item.byline()).isEqualTo("Lucía Fernández");
        assertThat(item.standfirst()).isNull();
        assertThat(item.bodyHtml())
                .isEqualTo("<p>Montevideo, 27 nov (EFE).- Uruguay generó en los últimos doce meses "
                        + "el 40 % de su electricidad con energía eólica, un récord para el país, informó este viernes la "
                        + "empresa estatal UTE.</p>"
                        + "<p>Los 48 parques eólicos del país aportaron 5.200 gigavatios hora, según el balance anual de la "
                        + "compañía.</p>");
        assertThat(item.codes())
                .containsExactly(
                        new WireCode(WireCode.Kind.SUBJECT, "medtop:", "20000250", "energía alternativa"),
                        new WireCode(WireCode.Kind.PLACE, "iso3166-1a2:", "UY", "Uruguay"));
    }

    @Test
    void headlineWithoutARoleIsTheMainOneWhenNoneIsMarkedMain() {
        WireItem item = single(EFE);

        // hld:short is listed first, but an unmarked headline is the agency's main one
        assertThat(item.headline())
                .isEqualTo("Uruguay genera por primera vez el 40 % de su electricidad con el viento en un año");
    }

    @Test
    void providerWithOnlyAQcodeGivesTheAgencyCode() {
        // no rightsInfo, no provider name, no creditline: nprov:EFE is EFE
        assertThat(single(EFE).agency()).isEqualTo("EFE");
    }

    @Test
    void emptyKeywordElementsAreDropped() {
        assertThat(single(EFE).keywords()).containsExactly("Uruguay", "energía eólica");
    }

    @Test
    void linkedPictureUsesTheWidestAbsoluteRenditionWhenTheHighResOneIsRelative() {
        WireItem item = single(EFE);

        assertThat(item.images())
                .first()
                .isEqualTo(new Image(
                        "https://fotos.fixture-efe.example/2026/11/27/peralta-p.jpg",
                        "Aerogeneradores del parque eólico de Peralta, en el departamento de Tacuarembó (Uruguay).",
                        "EFE/Federico Anfitti",
                        "image/jpeg",
                        1024,
                        683));
    }

    @Test
    void imageLinkWithAnAbsoluteUrlIsAnImageAndOtherSchemesAreIgnored() {
        WireItem item = single(EFE);

        assertThat(item.images())
                .hasSize(2)
                .last()
                .isEqualTo(new Image(
                        "https://fotos.fixture-efe.example/2026/11/27/infografia-eolica.jpg",
                        "Infografía: la generación eólica en Uruguay, 2016-2026",
                        null,
                        "image/jpeg",
                        1200,
                        1600));
        // the ftp graphic is neither an image nor a related link
        assertThat(item.relatedLinks())
                .containsExactly(new RelatedLink(
                        "https://fixture-efe.example/es/uruguay/energia-renovable",
                        "Uruguay, pionero en energías renovables"));
    }

    @Test
    void renditionNamedHighResWinsOverAWiderOne() {
        String xml = """
                <newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>
                  <newsItem guid="urn:test:text" version="1">
                    <itemMeta><itemClass qcode="ninat:text"/>
                      <link rel="irel:associatedWith" residref="urn:test:pic"/></itemMeta>
                    <contentMeta><headline>Text</headline></contentMeta>
                  </newsItem>
                  <newsItem guid="urn:test:pic" version="1">
                    <itemMeta><itemClass qcode="ninat:picture"/></itemMeta>
                    <contentSet>
                      <remoteContent rendition="rnd:print" href="https://img.test/print.tif" width="6000"/>
                      <remoteContent rendition="rnd:highRes" href="https://img.test/high.jpg" width="3000"/>
                    </contentSet>
                  </newsItem>
                </itemSet></newsMessage>
                """;

        WireItem item =
                parser.parse(xml.getBytes(StandardCharsets.UTF_8)).items().get(0);

        assertThat(item.images()).extracting(Image::url).containsExactly("https://img.test/high.jpg");
    }

    @Test
    void inlineDataMarkedHtmlIsTheBodyAsSent() {
        String xml = """
                <newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:test:html" version="1">
                  <itemMeta><itemClass qcode="ninat:text"/></itemMeta>
                  <contentMeta><headline>Titular</headline></contentMeta>
                  <contentSet>
                    <inlineData contenttype="text/html">
                      &lt;p&gt;Lima, 27 nov (EFE).- El Congreso peruano aprobó la ley.&lt;/p&gt;&lt;p&gt;Entra en vigor el lunes.&lt;/p&gt;
                    </inlineData>
                    <inlineData contenttype="text/plain">Lima, 27 nov (EFE).- El Congreso peruano aprobó la ley.</inlineData>
                  </contentSet>
                </newsItem>
                """;

        WireItem item =
                parser.parse(xml.getBytes(StandardCharsets.UTF_8)).items().get(0);

        assertThat(item.bodyHtml())
                .isEqualTo(
                        "<p>Lima, 27 nov (EFE).- El Congreso peruano aprobó la ley.</p><p>Entra en vigor el lunes.</p>");
    }

    @Test
    void itemWithoutPubStatusLeavesItUnset() {
        String xml = """
                <newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:test:nostatus" version="1">
                  <itemMeta><itemClass qcode="ninat:text"/><versionCreated>2026-11-27T10:00:00Z</versionCreated></itemMeta>
                  <contentMeta><headline>Sin estado</headline></contentMeta>
                </newsItem>
                """;

        WireItem item =
                parser.parse(xml.getBytes(StandardCharsets.UTF_8)).items().get(0);

        assertThat(item.pubStatus())
                .as("the mapping's default applies, not an empty status")
                .isNull();
        assertThat(item.bodyHtml()).isNull();
    }

    private WireItem single(String resource) {
        ParsedPayload parsed = parser.parse(Fixtures.bytes(resource));
        assertThat(parsed.items()).hasSize(1);
        return parsed.items().get(0);
    }

    @Test
    void languageIsContentMetasThenXmlLangInheritedByTheInlineContentOrTheHeadline() {
        String xml = """
                <newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/" xml:lang="ar"><itemSet>
                <newsItem guid="urn:x" version="1"><itemMeta><itemClass qcode="ninat:text"/></itemMeta>
                <contentMeta>%s<headline%s>H</headline></contentMeta>%s</newsItem></itemSet></newsMessage>
                """;
        String inline =
                "<contentSet><inlineXML xml:lang=\"es\"><html><body><p>T</p></body></html></inlineXML></contentSet>";

        assertThat(language(xml.formatted("", "", ""))).isEqualTo("ar");
        assertThat(language(xml.formatted("", " xml:lang=\"en-GB\"", ""))).isEqualTo("en-GB");
        assertThat(language(xml.formatted("", " xml:lang=\"en-GB\"", inline))).isEqualTo("es");
        assertThat(language(xml.formatted("<language tag=\"es-419\"/>", " xml:lang=\"en\"", inline)))
                .isEqualTo("es-419");
    }

    private String language(String xml) {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8)).items().get(0).language();
    }
}
