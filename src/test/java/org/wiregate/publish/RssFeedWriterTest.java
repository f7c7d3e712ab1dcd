package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.publish.FeedWriterFixtures.*;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.support.ArticleBuilder;

/** RSS 2.0 as the RSS Advisory Board's validator and feed readers want it. */
class RssFeedWriterTest {

    @Test
    void rssParsesBackWithRome() throws Exception {
        SyndFeed feed = rome(new RssFeedWriter(URLS).write(englishPage(FeedFormat.RSS, null)));

        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getTitle()).isEqualTo("Wiregate News — Latest news");
        assertThat(feed.getLanguage()).isEqualTo("en");
        assertThat(feed.getEntries())
                .extracting(SyndEntry::getTitle)
                .containsExactly("Lisbon approves 40 km of cycle lanes & bus corridors", "Markets open higher");
        assertThat(feed.getEntries().get(0).getLink()).isEqualTo(URLS.article(LISBON));
    }

    @Test
    void rssChannelHasAtomSelfLink() {
        Document rss = xml(new RssFeedWriter(URLS).write(englishPage(FeedFormat.RSS, null)));

        Element self = atomLink(rss, "self");
        assertThat(self).as("atom:link rel=self").isNotNull();
        assertThat(self.getAttribute("href")).isEqualTo(BASE + "/feeds/en.rss");
        assertThat(self.getAttribute("type")).isEqualTo("application/rss+xml");
    }

    @Test
    void rssChannelHasAtomNextLinkOnlyWhenThereIsANextPage() {
        Document withNext =
                xml(new RssFeedWriter(URLS).write(englishPage(FeedFormat.RSS, BASE + "/feeds/en.rss?page=2")));
        Document withoutNext = xml(new RssFeedWriter(URLS).write(englishPage(FeedFormat.RSS, null)));

        assertThat(atomLink(withNext, "next"))
                .isNotNull()
                .satisfies(next -> assertThat(next.getAttribute("href")).isEqualTo(BASE + "/feeds/en.rss?page=2"));
        assertThat(atomLink(withoutNext, "next")).isNull();
    }

    @Test
    void rssGuidIsTheArticleUrnAndNotAPermalink() {
        Document rss = xml(new RssFeedWriter(URLS).write(englishPage(FeedFormat.RSS, null)));

        List<Element> guids = elements(rss, null, "guid");
        assertThat(guids).hasSize(2);
        assertThat(guids.get(0).getTextContent()).isEqualTo(LISBON.id().urn());
        assertThat(guids.get(0).getAttribute("isPermaLink")).isEqualTo("false");
        assertThat(guids.get(1).getTextContent()).isEqualTo(BRIEF.id().urn());
        assertThat(guids.get(1).getAttribute("isPermaLink")).isEqualTo("false");
    }

    @Test
    void rssPubDateIsRfc822InGmt() {
        Document rss = xml(new RssFeedWriter(URLS).write(englishPage(FeedFormat.RSS, null)));

        List<String> dates = texts(elements(rss, null, "pubDate"));
        assertThat(dates).allMatch(d -> d.matches(RFC_822), "RFC 822 date");
        assertThat(dates).contains("Fri, 27 Nov 2026 09:12:00 GMT", "Thu, 26 Nov 2026 07:05:00 GMT");
    }

    @Test
    void rssPubDateDoesNotDependOnTheJvmTimeZoneOrLocale() {
        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        byte[] bytes;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Riyadh"));
            Locale.setDefault(Locale.forLanguageTag("ar-SA"));
            bytes = new RssFeedWriter(URLS).write(englishPage(FeedFormat.RSS, null));
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
        }

        assertThat(texts(elements(xml(bytes), null, "pubDate"))).contains("Fri, 27 Nov 2026 09:12:00 GMT");
    }

    @Test
    void rssDescriptionComesBeforeContentEncodedInEveryItem() {
        Document rss = xml(new RssFeedWriter(URLS).write(englishPage(FeedFormat.RSS, null)));

        List<Element> items = elements(rss, null, "item");
        assertThat(items).hasSize(2);
        for (Element item : items) {
            List<Element> children = children(item);
            int description = indexOf(children, null, "description");
            int encoded = indexOf(children, CONTENT_NS, "encoded");
            assertThat(description).as("description present").isNotNegative();
            assertThat(encoded).as("content:encoded present").isNotNegative();
            assertThat(description).as("description before content:encoded").isLessThan(encoded);
        }
    }

    @Test
    void rssDescriptionIsTheStandfirstOrElseTheHeadline() {
        Document rss = xml(new RssFeedWriter(URLS).write(englishPage(FeedFormat.RSS, null)));

        List<String> descriptions = texts(descendants(elements(rss, null, "item"), null, "description"));
        assertThat(descriptions).containsExactly(LISBON.standfirst(), BRIEF.headline());
    }

    @Test
    void rssContentEncodedCarriesTheFullHtmlWithDirection() {
        Document rss = xml(new RssFeedWriter(URLS).write(arabicPage(FeedFormat.RSS)));

        String html = elements(rss, CONTENT_NS, "encoded").get(0).getTextContent();
        assertThat(html)
                .startsWith("<div lang=\"ar\" dir=\"rtl\">")
                .contains(SAHEL_ARABIC.bodyHtml())
                .contains("<figcaption>الرئيس الروسي فلاديمير بوتين (بافل أورلوف / ديمو)</figcaption>");
    }

    @Test
    void rssDcCreatorIsTheBylineOrElseTheAgency() {
        Document rss = xml(new RssFeedWriter(URLS).write(englishPage(FeedFormat.RSS, null)));

        assertThat(texts(elements(rss, DC_NS, "creator"))).containsExactly("Ana Costa", "Demo Wire");
    }

    @Test
    void rssChannelLanguageIsThePageLanguage() {
        Document english = xml(new RssFeedWriter(URLS).write(englishPage(FeedFormat.RSS, null)));
        Document arabic = xml(new RssFeedWriter(URLS).write(arabicPage(FeedFormat.RSS)));

        assertThat(texts(elements(english, null, "language"))).containsExactly("en");
        assertThat(texts(elements(arabic, null, "language"))).containsExactly("ar");
    }

    @Test
    void rssCategoriesAreInTheArticleLanguage() {
        Document rss = xml(new RssFeedWriter(URLS).write(arabicPage(FeedFormat.RSS)));

        assertThat(texts(elements(rss, null, "category"))).containsExactly("سياسة", "أفريقيا", "روسيا", "مالي");
    }

    @Test
    void rssImageIsMediaContentWithCaptionAndCredit() {
        Document rss = xml(new RssFeedWriter(URLS).write(englishPage(FeedFormat.RSS, null)));

        List<Element> media = elements(rss, MEDIA_NS, "content");
        assertThat(media).hasSize(1);
        assertThat(media.get(0).getAttribute("url")).isEqualTo("https://images.example.org/lisbon.jpg");
        assertThat(media.get(0).getAttribute("medium")).isEqualTo("image");
        assertThat(texts(elements(rss, MEDIA_NS, "description"))).containsExactly("Cyclists by the river");
        assertThat(texts(elements(rss, MEDIA_NS, "credit"))).containsExactly("Rui Almeida / Demo Wire");
    }

    @Test
    void arabicHeadlineSurvivesByteExactly() {
        byte[] output = render(arabicPage(FeedFormat.RSS));

        assertThat(indexOf(output, ARABIC_HEADLINE.getBytes(StandardCharsets.UTF_8)))
                .as("UTF-8 bytes of the Arabic headline in the %s output", FeedFormat.RSS)
                .isNotNegative();
    }

    @Test
    void arabicHeadlineParsesBackUnchanged() throws Exception {
        SyndFeed feed = rome(render(arabicPage(FeedFormat.RSS)));

        assertThat(feed.getEntries())
                .singleElement()
                .satisfies(entry -> assertThat(entry.getTitle()).isEqualTo(ARABIC_HEADLINE));
    }

    @Test
    void renderingTheSamePageTwiceGivesIdenticalBytes() {
        FeedPage page = englishPage(FeedFormat.RSS, URLS.feed(Language.EN, FeedFormat.RSS, 2));

        byte[] first = render(page);
        byte[] second = render(page);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void renderingAnEqualPageWithFreshWritersGivesIdenticalBytes() {
        byte[] first = render(arabicPage(FeedFormat.RSS));
        byte[] second = render(arabicPage(FeedFormat.RSS));

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
        byte[] out = new RssFeedWriter(URLS).write(page);

        assertThat(new String(out, StandardCharsets.UTF_8)).contains("تصحيح").contains("صُحّح عدد الضحايا");
    }

    @Test
    void rssCategoriesPointAtTheirFeedsAndPicturesCarryThumbnails() {
        String rss =
                new String(new RssFeedWriter(URLS).write(englishPage(FeedFormat.RSS, null)), StandardCharsets.UTF_8);
        assertThat(rss)
                .contains("<category domain=\"" + BASE + "/feeds/en/section/environment.rss\">Environment</category>")
                .contains("<category domain=\"" + BASE + "/feeds/en/region/europe.rss\">Europe</category>")
                .contains("<category domain=\"" + BASE + "/feeds/en/tag/cycling.rss\">cycling</category>")
                .contains("<media:thumbnail url=\"https://images.example.org/lisbon.jpg\"");
    }

    // ---------------------------------------------------------------- channel metadata and paging

    @Test
    void rssChannelDatesAreThePagesNewestUpdateAndItNamesGeneratorDocsAndTtl() {
        Document rss = xml(new RssFeedWriter(URLS).write(englishPage(FeedFormat.RSS, null)));

        assertThat(texts(elements(rss, null, "lastBuildDate"))).containsExactly("Fri, 27 Nov 2026 09:40:00 GMT");
        Element channel = elements(rss, null, "channel").get(0);
        assertThat(children(channel))
                .filteredOn(e -> e.getLocalName().equals("pubDate"))
                .extracting(Element::getTextContent)
                .containsExactly("Fri, 27 Nov 2026 09:40:00 GMT");
        assertThat(texts(elements(rss, null, "generator"))).containsExactly("wiregate");
        assertThat(texts(elements(rss, null, "docs"))).containsExactly("https://www.rssboard.org/rss-specification");
        assertThat(texts(elements(rss, null, "ttl"))).containsExactly("5");
        assertThat(elements(rss, null, "copyright"))
                .as("no contract, no copyright")
                .isEmpty();
    }

    @Test
    void rssChannelLinksEveryPageOfThePagedFeedAndTheHub() {
        Document rss = xml(new RssFeedWriter(URLS).write(pageTwo(FeedFormat.RSS, false)));

        assertThat(atomLink(rss, "self").getAttribute("href")).isEqualTo(BASE + "/feeds/en.rss?page=2");
        assertThat(atomLink(rss, "hub").getAttribute("href")).isEqualTo(BASE + "/websub/hub");
        assertThat(atomLink(rss, "first").getAttribute("href")).isEqualTo(BASE + "/feeds/en.rss");
        assertThat(atomLink(rss, "previous").getAttribute("href")).isEqualTo(BASE + "/feeds/en.rss");
        assertThat(atomLink(rss, "next").getAttribute("href")).isEqualTo(BASE + "/feeds/en.rss?page=3");
        assertThat(atomLink(rss, "last").getAttribute("href")).isEqualTo(BASE + "/feeds/en.rss?page=4");
        assertThat(atomLink(rss, "first").hasAttribute("type")).isFalse();
    }

    @Test
    void rssFirstPageLinksItselfAsFirstAndNamesNoHubPreviousOrLast() {
        Document rss = xml(new RssFeedWriter(URLS).write(englishPage(FeedFormat.RSS, null)));

        assertThat(atomLink(rss, "first").getAttribute("href")).isEqualTo(BASE + "/feeds/en.rss");
        assertThat(atomLink(rss, "hub")).isNull();
        assertThat(atomLink(rss, "previous")).isNull();
        assertThat(atomLink(rss, "last")).isNull();
    }

    @Test
    void rssChannelCopyrightIsTheContractsRights() {
        Document rss = xml(new RssFeedWriter(URLS).write(pageTwo(FeedFormat.RSS, false)));

        assertThat(texts(elements(rss, null, "copyright"))).containsExactly(RIGHTS);
    }

    // ---------------------------------------------------------------- items

    @Test
    void rssItemLinksTheOtherLanguageEditionsWithHreflang() {
        Document rss = xml(new RssFeedWriter(URLS).write(pageTwo(FeedFormat.RSS, false)));

        List<Element> items = elements(rss, null, "item");
        List<Element> alternates = descendants(List.of(items.get(0)), ATOM_NS, "link");
        assertThat(alternates).extracting(l -> l.getAttribute("rel")).containsOnly("alternate");
        assertThat(alternates).extracting(l -> l.getAttribute("hreflang")).containsExactly("ar", "es");
        assertThat(alternates).extracting(l -> l.getAttribute("type")).containsOnly("text/html");
        assertThat(alternates.get(0).getAttribute("href"))
                .isEqualTo(URLS.article(LISBOA_AR))
                .startsWith(BASE + "/ar/articles/" + LISBOA_AR.id().value() + "/%D9%84");
        assertThat(alternates.get(1).getAttribute("href")).isEqualTo(URLS.article(LISBOA_ES));
        assertThat(descendants(List.of(items.get(1)), ATOM_NS, "link"))
                .as("the brief has no editions")
                .isEmpty();
    }

    @Test
    void rssDcRightsAreTheCreditLineThenTheReadersUsageTerms() {
        Document partner = xml(new RssFeedWriter(URLS).write(pageTwo(FeedFormat.RSS, false)));
        List<Element> items = elements(partner, null, "item");
        assertThat(texts(descendants(List.of(items.get(0)), DC_NS, "rights")))
                .containsExactly("Demo Wire", USAGE_TERMS);
        assertThat(texts(descendants(List.of(items.get(1)), DC_NS, "rights"))).containsExactly("Demo Wire");

        Article uncredited = ArticleBuilder.from(LISBON).creditLine(null).build();
        Document withTerms = xml(new RssFeedWriter(URLS)
                .write(page(
                        Language.EN,
                        FeedFormat.RSS,
                        List.of(uncredited),
                        null,
                        new FeedPage.Terms(false, RIGHTS, Map.of(LISBON.id(), USAGE_TERMS), Map.of()))));
        assertThat(texts(elements(withTerms, DC_NS, "rights"))).containsExactly(USAGE_TERMS);
        Document publicFeed =
                xml(new RssFeedWriter(URLS).write(page(Language.EN, FeedFormat.RSS, List.of(uncredited), null)));
        assertThat(elements(publicFeed, DC_NS, "rights")).isEmpty();
    }

    @Test
    void rssItemShownBeforeItsEmbargoLapsesCarriesAnEmbargoCategory() {
        Document rss = xml(new RssFeedWriter(URLS).write(pageTwo(FeedFormat.RSS, false)));

        List<Element> items = elements(rss, null, "item");
        List<Element> briefCategories = descendants(List.of(items.get(1)), null, "category");
        assertThat(briefCategories).last().satisfies(category -> {
            assertThat(category.getTextContent()).isEqualTo("Embargoed until 2026-11-27T18:00:00Z");
            assertThat(category.getAttribute("domain")).isEqualTo("https://wiregate.dev/ns/embargo");
        });
        assertThat(texts(descendants(List.of(items.get(0)), null, "category")))
                .noneMatch(c -> c.startsWith("Embargoed"));
    }

    @Test
    void rssDescriptionIsHtmlThatShowsAPlainTextStandfirstAsWritten() {
        Article item = ArticleBuilder.anArticle()
                .guid("urn:test:iframe")
                .standfirst("Browsers will block <iframe> embeds, AT&T says")
                .build();
        Document rss = xml(new RssFeedWriter(URLS).write(page(Language.EN, FeedFormat.RSS, List.of(item), null)));

        // Readers decode the XML and then read the text as HTML: it must say "<iframe>", not be one.
        assertThat(texts(descendants(elements(rss, null, "item"), null, "description")))
                .containsExactly("Browsers will block &lt;iframe&gt; embeds, AT&amp;T says");
    }

    @Test
    void rssSummaryOnlyItemsCarryNeitherTheFullTextNorThePicture() {
        Document rss = xml(new RssFeedWriter(URLS).write(pageTwo(FeedFormat.RSS, true)));

        assertThat(elements(rss, CONTENT_NS, "encoded")).isEmpty();
        assertThat(elements(rss, MEDIA_NS, "content")).isEmpty();
        assertThat(texts(descendants(elements(rss, null, "item"), null, "description")))
                .containsExactly(LISBON.standfirst(), BRIEF.headline());
    }

    @Test
    void rssWholeItemsOfAPartnerFeedKeepTheFullTextAndPicture() {
        Document rss = xml(new RssFeedWriter(URLS).write(pageTwo(FeedFormat.RSS, false)));

        assertThat(elements(rss, CONTENT_NS, "encoded")).hasSize(2);
        assertThat(elements(rss, MEDIA_NS, "content")).hasSize(1);
    }

    @Test
    void rssAgencyTagRepeatingTheSectionIsShownOnce() {
        Article article =
                ArticleBuilder.from(BRIEF).tags("economy", "Markets", "ECONOMY").build();

        Document rss = xml(new RssFeedWriter(URLS).write(page(Language.EN, FeedFormat.RSS, List.of(article), null)));

        assertThat(texts(elements(rss, null, "category"))).containsExactly("Economy", "Markets");
    }

    @Test
    void rssSpanishCategoriesAreNamedInSpanishAndPointAtSpanishFeeds() {
        Document rss = xml(new RssFeedWriter(URLS).write(page(Language.ES, FeedFormat.RSS, List.of(LISBOA_ES), null)));

        List<Element> categories = elements(rss, null, "category");
        assertThat(texts(categories))
                .containsExactly("Medio ambiente", "Europa", "América Latina", "Lisboa", "movilidad");
        assertThat(categories.get(0).getAttribute("domain")).isEqualTo(BASE + "/feeds/es/section/environment.rss");
        assertThat(categories.get(2).getAttribute("domain")).isEqualTo(BASE + "/feeds/es/region/latin-america.rss");
    }
}
