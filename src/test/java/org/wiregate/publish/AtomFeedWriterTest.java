package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.publish.FeedWriterFixtures.*;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.wiregate.article.Article;
import org.wiregate.article.Language;

/** Atom 1.0 (RFC 4287) as feed readers read it. */
class AtomFeedWriterTest {

    @Test
    void atomParsesBackWithRome() throws Exception {
        SyndFeed feed = rome(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, null)));

        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getEntries()).extracting(SyndEntry::getUri)
                .containsExactly(LISBON.id().urn(), BRIEF.id().urn());
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle)
                .containsExactly("Lisbon approves 40 km of cycle lanes & bus corridors", "Markets open higher");
    }

    @Test
    void atomRootCarriesXmlLangOfThePage() {
        Document arabic = xml(new AtomFeedWriter(URLS).write(arabicPage(FeedFormat.ATOM)));
        Document english = xml(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, null)));

        assertThat(arabic.getDocumentElement().getAttributeNS(XML_NS, "lang")).isEqualTo("ar");
        assertThat(english.getDocumentElement().getAttributeNS(XML_NS, "lang")).isEqualTo("en");
    }

    @Test
    void atomEntryIdIsTheArticleUrn() {
        Document atom = xml(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, null)));

        List<String> entryIds = texts(descendants(elements(atom, ATOM_NS, "entry"), ATOM_NS, "id"));
        assertThat(entryIds).containsExactly(LISBON.id().urn(), BRIEF.id().urn());
    }

    @Test
    void atomEntryTimesAreRfc3339() {
        Document atom = xml(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, null)));

        Element entry = elements(atom, ATOM_NS, "entry").get(0);
        String published = child(entry, ATOM_NS, "published").getTextContent();
        String updated = child(entry, ATOM_NS, "updated").getTextContent();
        assertThat(published).matches(RFC_3339);
        assertThat(updated).matches(RFC_3339);
        assertThat(Instant.parse(published)).isEqualTo(LISBON.firstPublished());
        assertThat(Instant.parse(updated)).isEqualTo(LISBON.updated());
    }

    @Test
    void atomFeedHasSelfLinkAndUpdatedTime() {
        Document atom = xml(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, null)));

        Element self = atomLink(atom, "self");
        assertThat(self).isNotNull();
        assertThat(self.getAttribute("href")).isEqualTo(BASE + "/feeds/en.atom");
        String feedUpdated = child(atom.getDocumentElement(), ATOM_NS, "updated").getTextContent();
        assertThat(feedUpdated).matches(RFC_3339);
        assertThat(Instant.parse(feedUpdated)).isEqualTo(LISBON.updated());
    }

    @Test
    void atomEntryAuthorIsTheBylineOrElseTheAgency() {
        Document atom = xml(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, null)));

        List<Element> entries = elements(atom, ATOM_NS, "entry");
        assertThat(child(child(entries.get(0), ATOM_NS, "author"), ATOM_NS, "name").getTextContent()).isEqualTo("Ana Costa");
        assertThat(child(child(entries.get(1), ATOM_NS, "author"), ATOM_NS, "name").getTextContent()).isEqualTo("Demo Wire");
    }

    @Test
    void atomEntrySummaryIsTheStandfirst() {
        Document atom = xml(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, null)));

        Element entry = elements(atom, ATOM_NS, "entry").get(0);
        assertThat(child(entry, ATOM_NS, "summary").getTextContent()).isEqualTo(LISBON.standfirst());
    }

    @Test
    void atomArabicContentIsHtmlWrappedRightToLeft() {
        Document atom = xml(new AtomFeedWriter(URLS).write(arabicPage(FeedFormat.ATOM)));

        Element content = child(elements(atom, ATOM_NS, "entry").get(0), ATOM_NS, "content");
        assertThat(content).isNotNull();
        assertThat(content.getAttribute("type")).isEqualTo("html");
        assertThat(content.getTextContent()).startsWith("<div lang=\"ar\" dir=\"rtl\">").endsWith("</div>")
                .contains(SAHEL_ARABIC.bodyHtml());
    }

    @Test
    void atomEnglishContentIsWrappedLeftToRight() {
        Document atom = xml(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, null)));

        Element content = child(elements(atom, ATOM_NS, "entry").get(0), ATOM_NS, "content");
        assertThat(content.getTextContent()).startsWith("<div lang=\"en\" dir=\"ltr\">");
    }

    @Test
    void atomFeedHasNextLinkOnlyWhenThereIsANextPage() {
        Document withNext = xml(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, BASE + "/feeds/en.atom?page=2")));
        Document withoutNext = xml(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, null)));

        assertThat(atomLink(withNext, "next")).isNotNull();
        assertThat(atomLink(withoutNext, "next")).isNull();
    }

    @Test
    void arabicHeadlineSurvivesByteExactly() {
        byte[] output = render(arabicPage(FeedFormat.ATOM));

        assertThat(indexOf(output, ARABIC_HEADLINE.getBytes(StandardCharsets.UTF_8)))
                .as("UTF-8 bytes of the Arabic headline in the %s output", FeedFormat.ATOM)
                .isNotNegative();
    }

    @Test
    void arabicHeadlineParsesBackUnchanged() throws Exception {
        SyndFeed feed = rome(render(arabicPage(FeedFormat.ATOM)));

        assertThat(feed.getEntries()).singleElement()
                .satisfies(entry -> assertThat(entry.getTitle()).isEqualTo(ARABIC_HEADLINE));
    }

    @Test
    void renderingTheSamePageTwiceGivesIdenticalBytes() {
        FeedPage page = englishPage(FeedFormat.ATOM, URLS.feed(Language.EN, FeedFormat.ATOM, 2));

        byte[] first = render(page);
        byte[] second = render(page);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void renderingAnEqualPageWithFreshWritersGivesIdenticalBytes() {
        byte[] first = render(arabicPage(FeedFormat.ATOM));
        byte[] second = render(arabicPage(FeedFormat.ATOM));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void correctionNoteIsShownInTheItemsLanguage() {
        Article corrected = SAHEL_ARABIC.withCorrectionNote("صُحّح عدد الضحايا");
        FeedPage page = new FeedPage(Language.AR, FeedFormat.RSS, 1, "t", "d", List.of(corrected), corrected.updated(),
                "https://news.example.org/feeds/ar.rss", "https://news.example.org/ar/", "https://news.example.org/feeds/ar.rss",
                null, null);
        byte[] out = new AtomFeedWriter(URLS).write(page);

        assertThat(new String(out, StandardCharsets.UTF_8)).contains("تصحيح").contains("صُحّح عدد الضحايا");
    }
}
