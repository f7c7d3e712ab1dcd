package org.wiregate.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

class HtmlSanitiserTest {

    private final HtmlSanitiser sanitiser = new HtmlSanitiser();

    @Test
    void hostileBodyLosesItsScriptElementAndScriptText() {
        String clean = sanitiser.sanitise(hostileBody());

        assertThat(clean).doesNotContainIgnoringCase("<script");
        assertThat(clean).doesNotContain("alert(1)");
    }

    @Test
    void hostileBodyLosesEventHandlersAndJavascriptUrls() {
        String clean = sanitiser.sanitise(hostileBody());

        assertThat(clean).doesNotContainIgnoringCase("onerror");
        assertThat(clean).doesNotContainIgnoringCase("javascript:");
    }

    @Test
    void hostileBodyLosesStyleElementAndItsRules() {
        String clean = sanitiser.sanitise(hostileBody());

        assertThat(clean).doesNotContainIgnoringCase("<style");
        assertThat(clean).doesNotContain("display: none").doesNotContain("color: red");
    }

    @Test
    void hostileBodyLosesItsIframe() {
        String clean = sanitiser.sanitise(hostileBody());

        assertThat(clean).doesNotContainIgnoringCase("<iframe");
        assertThat(clean).doesNotContain("evil.example");
    }

    @Test
    void hostileBodyKeepsItsNormalParagraphs() {
        Document clean = parse(sanitiser.sanitise(hostileBody()));

        Elements paragraphs = clean.select("p");
        assertThat(paragraphs).hasSize(4);
        assertThat(paragraphs.get(0).text())
                .isEqualTo("LISBON (Demo Wire) - Lisbon city council on Tuesday approved "
                        + "a plan to build 40 km of new protected cycle lanes by 2028, part of a push to cut car traffic "
                        + "in the Portuguese capital.");
        assertThat(paragraphs.get(1).text())
                .isEqualTo("The first stretch, along the riverside avenue, is due to open next spring.");
    }

    @Test
    void hostileBodyKeepsItsHttpsLinkWithRelNoopener() {
        Document clean = parse(sanitiser.sanitise(hostileBody()));

        Elements links = clean.select("a");
        assertThat(links).hasSize(1);
        Element link = links.get(0);
        assertThat(link.attr("href")).isEqualTo("https://www.lisboa.example/mobility/cycle-lanes");
        assertThat(link.attr("rel")).isEqualTo("noopener");
        assertThat(link.text()).isEqualTo("city's mobility website");
    }

    @Test
    void javascriptLinkKeepsItsTextButIsNoLongerALink() {
        Document clean = parse(sanitiser.sanitise(hostileBody()));

        assertThat(clean.text()).contains("Read the full council decision");
        assertThat(clean.select("a:contains(Read the full council decision)")).isEmpty();
    }

    @Test
    void relativeLinkLosesItsHrefAndKeepsItsText() {
        String clean = sanitiser.sanitise("<p>See <a href=\"/local/page.html\">the council page</a> today.</p>");

        assertThat(clean)
                .doesNotContain("href")
                .doesNotContain("/local/page.html")
                .doesNotContain("<a");
        assertThat(parse(clean).select("p").text()).isEqualTo("See the council page today.");
    }

    @Test
    void imageWithRelativeSourceIsRemoved() {
        String clean = sanitiser.sanitise("<p>Before <img src=\"/images/photo.jpg\" alt=\"A photo\"> after</p>");

        assertThat(clean).doesNotContain("<img").doesNotContain("photo.jpg");
        assertThat(parse(clean).text()).isEqualTo("Before after");
    }

    @Test
    void hostileImageWithRelativeSourceIsRemoved() {
        String clean = sanitiser.sanitise(hostileBody());

        assertThat(clean).doesNotContain("<img");
    }

    @Test
    void imageWithAbsoluteHttpsSourceSurvives() {
        Document clean = parse(sanitiser.sanitise(
                "<p><img src=\"https://images.example/a.jpg\" alt=\"Harbour\" width=\"640\" onload=\"x()\"></p>"));

        Element image = clean.selectFirst("img");
        assertThat(image).isNotNull();
        assertThat(image.attr("src")).isEqualTo("https://images.example/a.jpg");
        assertThat(image.attr("alt")).isEqualTo("Harbour");
        assertThat(image.attr("width")).isEqualTo("640");
        assertThat(image.hasAttr("onload")).isFalse();
    }

    @Test
    void directionAndLanguageAttributesOfArabicCopySurvive() {
        Document clean = parse(sanitiser.sanitise("<p dir=\"rtl\" lang=\"ar\" class=\"x\">نص عربي</p>"));

        Element paragraph = clean.selectFirst("p");
        assertThat(paragraph).isNotNull();
        assertThat(paragraph.attr("dir")).isEqualTo("rtl");
        assertThat(paragraph.attr("lang")).isEqualTo("ar");
        assertThat(paragraph.hasAttr("class")).isFalse();
        assertThat(paragraph.text()).isEqualTo("نص عربي");
    }

    @Test
    void nullOrBlankBodyIsEmpty() {
        assertThat(sanitiser.sanitise(null)).isEmpty();
        assertThat(sanitiser.sanitise("  \n ")).isEmpty();
    }

    @Test
    void textReadsHtmlAsReaderVisibleText() {
        assertThat(HtmlSanitiser.text("<p>Tom &amp; Jerry</p><p><em>return</em></p>"))
                .isEqualTo("Tom & Jerry return");
    }

    @Test
    void textOfPlainCopyIsTheCopyWithItsWhitespaceCollapsed() {
        assertThat(HtmlSanitiser.text("  El Congreso aprueba\n la reforma\t energética  "))
                .isEqualTo("El Congreso aprueba la reforma energética");
        assertThat(HtmlSanitiser.text(" \n ")).isEmpty();
        assertThat(HtmlSanitiser.text(null)).isEmpty();
    }

    @Test
    void textOfMarkupWithoutEntitiesLosesTheTags() {
        assertThat(HtmlSanitiser.text("Lisbon <b>approves</b> cycle lanes")).isEqualTo("Lisbon approves cycle lanes");
        assertThat(HtmlSanitiser.text("<b>عاجل:</b> زلزال يضرب فانواتو")).isEqualTo("عاجل: زلزال يضرب فانواتو");
    }

    @Test
    void textOfEntitiesWithoutMarkupIsDecoded() {
        assertThat(HtmlSanitiser.text("Procter &amp; Gamble raises its forecast"))
                .isEqualTo("Procter & Gamble raises its forecast");
        assertThat(HtmlSanitiser.text("&laquo;No habrá prórroga&raquo;, dice la ministra"))
                .isEqualTo("«No habrá prórroga», dice la ministra");
    }

    @Test
    void cleanGivesTheSafeHtmlAndItsReaderVisibleText() {
        HtmlSanitiser.Sanitised clean = sanitiser.clean(
                "<p>أعلنت الوزارة <a href=\"https://www.example.org/ar/\" onclick=\"x()\">الخطة</a> الجديدة.</p><script>alert(1)</script><p></p>");

        assertThat(clean.html())
                .isEqualTo(
                        "<p>أعلنت الوزارة <a href=\"https://www.example.org/ar/\" rel=\"noopener\">الخطة</a> الجديدة.</p>");
        assertThat(clean.text()).isEqualTo("أعلنت الوزارة الخطة الجديدة.");
    }

    /**
     * Regression (found by ContractFeedRendersPropertyTest's feedparser sample): a headline read as
     * HTML kept a trailing U+2029 (trim() leaves it), which python3-feedparser strips and Rome keeps.
     */
    @Test
    void textHasNoSpaceOfAnyKindAtEitherEnd() {
        assertThat(HtmlSanitiser.text("Markets &amp; oil \u2029")).isEqualTo("Markets & oil");
        assertThat(HtmlSanitiser.text("\u2028<b>Markets</b>&nbsp;")).isEqualTo("Markets");
        assertThat(HtmlSanitiser.text("\u00A0Markets rally\u202F")).isEqualTo("Markets rally");
        assertThat(HtmlSanitiser.text("Markets\u00A0rally"))
                .as("inside, a no-break space stays")
                .isEqualTo("Markets\u00A0rally");
    }

    private String hostileBody() {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/ninjs/hostile-script.json")) {
            assertThat(in).isNotNull();
            JsonNode root = new ObjectMapper().readTree(in.readAllBytes());
            String body = root.path("bodies").path(0).path("value").asText();
            assertThat(body).as("fixture must still be hostile").contains("<script>", "onerror", "javascript:");
            return body;
        } catch (IOException e) {
            throw new AssertionError("cannot read hostile-script.json", e);
        }
    }

    private static Document parse(String html) {
        return Jsoup.parseBodyFragment(html);
    }
}
