package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.publish.FeedWriterFixtures.*;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.support.ArticleBuilder;

/** Atom 1.0 (RFC 4287) as feed readers read it. */
class AtomFeedWriterTest {

    @Test
    void atomParsesBackWithRome() throws Exception {
        SyndFeed feed = rome(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, null)));

        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getEntries())
                .extracting(SyndEntry::getUri)
                .containsExactly(LISBON.id().urn(), BRIEF.id().urn());
        assertThat(feed.getEntries())
                .extracting(SyndEntry::getTitle)
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
        String feedUpdated =
                child(atom.getDocumentElement(), ATOM_NS, "updated").getTextContent();
        assertThat(feedUpdated).matches(RFC_3339);
        assertThat(Instant.parse(feedUpdated)).isEqualTo(LISBON.updated());
    }

    @Test
    void atomEntryAuthorIsTheBylineOrElseTheAgency() {
        Document atom = xml(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, null)));

        List<Element> entries = elements(atom, ATOM_NS, "entry");
        assertThat(child(child(entries.get(0), ATOM_NS, "author"), ATOM_NS, "name")
                        .getTextContent())
                .isEqualTo("Ana Costa");
        assertThat(child(child(entries.get(1), ATOM_NS, "author"), ATOM_NS, "name")
                        .getTextContent())
                .isEqualTo("Demo Wire");
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
        assertThat(content.getTextContent())
                .startsWith("<div lang=\"ar\" dir=\"rtl\">")
                .endsWith("</div>")
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
        Document withNext =
                xml(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, BASE + "/feeds/en.atom?page=2")));
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

        assertThat(feed.getEntries())
                .singleElement()
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
        FeedPage page = new FeedPage(
                Language.AR,
                FeedFormat.RSS,
                1,
                "t",
                "d",
                List.of(corrected),
                corrected.updated(),
                "https://news.example.org/feeds/ar.rss",
                "https://news.example.org/ar/",
                "https://news.example.org/feeds/ar.rss",
                null,
                null);
        byte[] out = new AtomFeedWriter(URLS).write(page);

        assertThat(new String(out, StandardCharsets.UTF_8)).contains("تصحيح").contains("صُحّح عدد الضحايا");
    }

    // ---------------------------------------------------------------- feed identity, paging, rights

    @Test
    void atomFeedIdIsTheFirstPageUrlOnEveryPage() {
        Document first = xml(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, null)));
        Document second = xml(new AtomFeedWriter(URLS).write(pageTwo(FeedFormat.ATOM, false)));

        assertThat(child(first.getDocumentElement(), ATOM_NS, "id").getTextContent())
                .isEqualTo(BASE + "/feeds/en.atom");
        assertThat(child(second.getDocumentElement(), ATOM_NS, "id").getTextContent())
                .isEqualTo(BASE + "/feeds/en.atom");
    }

    @Test
    void atomFeedTitleAndSubtitleAreInThePageLanguage() {
        Document arabic = xml(new AtomFeedWriter(URLS).write(arabicPage(FeedFormat.ATOM)));
        Document spanish =
                xml(new AtomFeedWriter(URLS).write(page(Language.ES, FeedFormat.ATOM, List.of(LISBOA_ES), null)));

        Element title = child(arabic.getDocumentElement(), ATOM_NS, "title");
        assertThat(title.getTextContent()).isEqualTo("Wiregate News — آخر الأخبار");
        assertThat(title.getAttribute("type")).isEqualTo("text");
        assertThat(child(arabic.getDocumentElement(), ATOM_NS, "subtitle").getTextContent())
                .isEqualTo("أحدث الأخبار من Wiregate News باللغة العربية.");
        assertThat(child(spanish.getDocumentElement(), ATOM_NS, "title").getTextContent())
                .isEqualTo("Wiregate News — Últimas noticias");
        assertThat(child(spanish.getDocumentElement(), ATOM_NS, "subtitle").getTextContent())
                .isEqualTo("Las últimas noticias de Wiregate News, en español.");
    }

    @Test
    void atomFeedLinksItsPageTheSiteEveryOtherPageAndTheHub() {
        Document atom = xml(new AtomFeedWriter(URLS).write(pageTwo(FeedFormat.ATOM, false)));

        assertThat(atomLink(atom, "self").getAttribute("href")).isEqualTo(BASE + "/feeds/en.atom?page=2");
        assertThat(atomLink(atom, "self").getAttribute("type")).isEqualTo("application/atom+xml");
        Element alternate = feedLink(atom, "alternate");
        assertThat(alternate.getAttribute("href")).isEqualTo(BASE + "/en/");
        assertThat(alternate.getAttribute("type")).isEqualTo("text/html");
        assertThat(atomLink(atom, "hub").getAttribute("href")).isEqualTo(BASE + "/websub/hub");
        assertThat(atomLink(atom, "first").getAttribute("href")).isEqualTo(BASE + "/feeds/en.atom");
        assertThat(atomLink(atom, "first").hasAttribute("type")).isFalse();
        assertThat(atomLink(atom, "previous").getAttribute("href")).isEqualTo(BASE + "/feeds/en.atom");
        assertThat(atomLink(atom, "next").getAttribute("href")).isEqualTo(BASE + "/feeds/en.atom?page=3");
        assertThat(atomLink(atom, "last").getAttribute("href")).isEqualTo(BASE + "/feeds/en.atom?page=4");
    }

    @Test
    void atomFirstPageNamesNoHubPreviousOrLastPage() {
        Document atom = xml(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, null)));

        assertThat(atomLink(atom, "first").getAttribute("href")).isEqualTo(BASE + "/feeds/en.atom");
        assertThat(atomLink(atom, "hub")).isNull();
        assertThat(atomLink(atom, "previous")).isNull();
        assertThat(atomLink(atom, "last")).isNull();
        assertThat(child(atom.getDocumentElement(), ATOM_NS, "rights"))
                .as("no contract, no rights")
                .isNull();
    }

    @Test
    void atomFeedRightsAreTheContractsRights() {
        Document atom = xml(new AtomFeedWriter(URLS).write(pageTwo(FeedFormat.ATOM, false)));

        assertThat(child(atom.getDocumentElement(), ATOM_NS, "rights").getTextContent())
                .isEqualTo(RIGHTS);
    }

    @Test
    void atomEntryRightsAreTheCreditLineThenTheReadersUsageTerms() {
        List<Element> entries =
                elements(xml(new AtomFeedWriter(URLS).write(pageTwo(FeedFormat.ATOM, false))), ATOM_NS, "entry");
        assertThat(child(entries.get(0), ATOM_NS, "rights").getTextContent()).isEqualTo("Demo Wire — " + USAGE_TERMS);
        assertThat(child(entries.get(1), ATOM_NS, "rights").getTextContent()).isEqualTo("Demo Wire");

        Article uncredited = ArticleBuilder.from(LISBON).creditLine(null).build();
        Element withTerms = elements(
                        xml(new AtomFeedWriter(URLS)
                                .write(page(
                                        Language.EN,
                                        FeedFormat.ATOM,
                                        List.of(uncredited),
                                        null,
                                        new FeedPage.Terms(
                                                false, RIGHTS, Map.of(LISBON.id(), USAGE_TERMS), Map.of())))),
                        ATOM_NS,
                        "entry")
                .get(0);
        assertThat(child(withTerms, ATOM_NS, "rights").getTextContent()).isEqualTo(USAGE_TERMS);
        Element publicEntry = elements(
                        xml(new AtomFeedWriter(URLS)
                                .write(page(Language.EN, FeedFormat.ATOM, List.of(uncredited), null))),
                        ATOM_NS,
                        "entry")
                .get(0);
        assertThat(child(publicEntry, ATOM_NS, "rights")).isNull();
    }

    @Test
    void atomAnnouncesKilledEntriesWithTombstonesToTheSecond() {
        Document atom = xml(new AtomFeedWriter(URLS).write(pageTwo(FeedFormat.ATOM, false)));

        List<Element> deleted = elements(atom, "http://purl.org/atompub/tombstones/1.0", "deleted-entry");
        assertThat(deleted).singleElement().satisfies(d -> {
            assertThat(d.getAttribute("ref")).isEqualTo("urn:wiregate:article:killedstoryaaaaaaaaaaaaaa");
            assertThat(d.getAttribute("when")).isEqualTo("2026-11-27T08:15:30Z").matches(RFC_3339);
        });
        assertThat(elements(
                        xml(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, null))),
                        "http://purl.org/atompub/tombstones/1.0",
                        "deleted-entry"))
                .isEmpty();
    }

    // ---------------------------------------------------------------- entries

    @Test
    void atomEntryLinksItsOwnPageAndItsEditionsWithHreflang() {
        Element lisbon = elements(
                        xml(new AtomFeedWriter(URLS).write(pageTwo(FeedFormat.ATOM, false))), ATOM_NS, "entry")
                .get(0);

        List<Element> alternates = children(lisbon).stream()
                .filter(e -> "link".equals(e.getLocalName()) && "alternate".equals(e.getAttribute("rel")))
                .toList();
        assertThat(alternates).extracting(l -> l.getAttribute("hreflang")).containsExactly("en", "ar", "es");
        assertThat(alternates)
                .extracting(l -> l.getAttribute("href"))
                .containsExactly(URLS.article(LISBON), URLS.article(LISBOA_AR), URLS.article(LISBOA_ES));
        assertThat(alternates).extracting(l -> l.getAttribute("type")).containsOnly("text/html");
    }

    @Test
    void atomArabicEntryLinksItsOwnPageWithArabicHreflang() {
        Element entry = elements(xml(new AtomFeedWriter(URLS).write(arabicPage(FeedFormat.ATOM))), ATOM_NS, "entry")
                .get(0);

        Element own = child(entry, ATOM_NS, "link");
        assertThat(own.getAttribute("hreflang")).isEqualTo("ar");
        assertThat(own.getAttribute("href")).isEqualTo(URLS.article(SAHEL_ARABIC));
    }

    @Test
    void atomCategoriesAreSlugsLabelledInTheArticleLanguage() {
        Element entry = elements(xml(new AtomFeedWriter(URLS).write(arabicPage(FeedFormat.ATOM))), ATOM_NS, "entry")
                .get(0);

        List<Element> categories = children(entry).stream()
                .filter(e -> "category".equals(e.getLocalName()))
                .toList();
        assertThat(categories)
                .extracting(c -> c.getAttribute("term"))
                .containsExactly("politics", "africa", "روسيا", "مالي");
        assertThat(categories).extracting(c -> c.getAttribute("label")).containsExactly("سياسة", "أفريقيا", "", "");
    }

    @Test
    void atomEntryShownBeforeItsEmbargoLapsesCarriesAnEmbargoCategory() {
        List<Element> entries =
                elements(xml(new AtomFeedWriter(URLS).write(pageTwo(FeedFormat.ATOM, false))), ATOM_NS, "entry");

        Element embargo = children(entries.get(1)).stream()
                .filter(e -> "category".equals(e.getLocalName()) && e.hasAttribute("scheme"))
                .findFirst()
                .orElseThrow();
        assertThat(embargo.getAttribute("scheme")).isEqualTo("https://wiregate.dev/ns/embargo");
        assertThat(embargo.getAttribute("term")).isEqualTo("2026-11-27T18:00:00Z");
        assertThat(embargo.getAttribute("label")).isEqualTo("Embargoed until 2026-11-27T18:00:00Z");
        assertThat(children(entries.get(0)))
                .noneMatch(e -> "category".equals(e.getLocalName()) && e.hasAttribute("scheme"));
    }

    @Test
    void atomEntryWithoutStandfirstHasNoSummaryButItsContent() {
        Element brief = elements(
                        xml(new AtomFeedWriter(URLS).write(englishPage(FeedFormat.ATOM, null))), ATOM_NS, "entry")
                .get(1);

        assertThat(child(brief, ATOM_NS, "summary")).isNull();
        assertThat(child(brief, ATOM_NS, "content").getTextContent()).contains(BRIEF.bodyHtml());
    }

    @Test
    void atomSummaryOnlyEntriesHaveASummaryAndNeitherContentNorPicture() {
        Document atom = xml(new AtomFeedWriter(URLS).write(pageTwo(FeedFormat.ATOM, true)));

        List<Element> entries = elements(atom, ATOM_NS, "entry");
        assertThat(child(entries.get(0), ATOM_NS, "summary").getTextContent()).isEqualTo(LISBON.standfirst());
        assertThat(child(entries.get(1), ATOM_NS, "summary").getTextContent())
                .as("headline stands in")
                .isEqualTo(BRIEF.headline());
        assertThat(child(entries.get(1), ATOM_NS, "summary").getAttribute("type"))
                .isEqualTo("text");
        assertThat(elements(atom, ATOM_NS, "content")).isEmpty();
        assertThat(elements(atom, MEDIA_NS, "content")).isEmpty();
    }

    @Test
    void atomEntryPictureIsMediaContentWithCaptionAndCredit() {
        Document atom = xml(new AtomFeedWriter(URLS).write(pageTwo(FeedFormat.ATOM, false)));

        List<Element> entries = elements(atom, ATOM_NS, "entry");
        List<Element> media = descendants(List.of(entries.get(0)), MEDIA_NS, "content");
        assertThat(media).singleElement().satisfies(m -> {
            assertThat(m.getAttribute("url")).isEqualTo("https://images.example.org/lisbon.jpg");
            assertThat(m.getAttribute("medium")).isEqualTo("image");
        });
        assertThat(texts(descendants(List.of(entries.get(0)), MEDIA_NS, "credit")))
                .containsExactly("Rui Almeida / Demo Wire");
        assertThat(descendants(List.of(entries.get(1)), MEDIA_NS, "content"))
                .as("the brief has no picture")
                .isEmpty();
    }

    private static Element feedLink(Document atom, String rel) {
        return children(atom.getDocumentElement()).stream()
                .filter(e -> "link".equals(e.getLocalName()) && rel.equals(e.getAttribute("rel")))
                .findFirst()
                .orElse(null);
    }
}
