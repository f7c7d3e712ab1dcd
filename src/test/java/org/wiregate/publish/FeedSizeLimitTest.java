package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.support.ArticleBuilder.anArticle;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.wiregate.article.Article;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.article.Slugs;

/**
 * Feed pages and news sitemaps stay under 2 MB (what many aggregators and Google News accept):
 * a full page at the default page size of long Arabic articles, and a sitemap of 1000 URLs.
 */
class FeedSizeLimitTest {

    private static final int LIMIT = 2_000_000;
    private static final int PAGE_SIZE = 50; // gateway.feeds.page-size default
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final PublicUrls urls = new PublicUrls("https://news.example.org");
    private final FeedTitles titles = new FeedTitles("Wiregate News");

    @Test
    void aFullPageOfLongArabicArticlesStaysUnderTwoMegabytesInEveryFormat() {
        // 1,500 words each (a long read; agency copy is mostly 300-800), headlines with harakat, an image.
        String paragraph = "<p>"
                + "قالَ المُتحدِّثُ باسمِ الوزارةِ إنَّ المُحادَثاتِ ستُستأنَفُ الأسبوعَ المُقبلَ في الدَّوحةِ. "
                        .repeat(10)
                + "</p>";
        String body = paragraph.repeat(15);
        List<Article> items = new ArrayList<>();
        for (int i = 0; i < PAGE_SIZE; i++) {
            items.add(article(
                    i, "مُحادَثاتُ السَّلامِ تُستأنَفُ في الدَّوحةِ بعدَ أسابيعَ من التَّوقُّفِ، الجولة " + i, body));
        }
        for (FeedFormat format : FeedFormat.values()) {
            FeedPage page = new FeedPage(
                    Language.AR,
                    format,
                    1,
                    titles.latest(Language.AR),
                    titles.latestDescription(Language.AR),
                    items,
                    NOW,
                    urls.feed(Language.AR, format, 1),
                    urls.home(Language.AR),
                    urls.feed(Language.AR, format, 1),
                    urls.feed(Language.AR, format, 2),
                    null);
            byte[] bytes = switch (format) {
                case RSS -> new RssFeedWriter(urls).write(page);
                case ATOM -> new AtomFeedWriter(urls).write(page);
                case JSON -> new JsonFeedWriter(urls).write(page);
            };
            assertThat(bytes.length).as(format + " page of " + PAGE_SIZE).isLessThan(LIMIT);
        }
    }

    @Test
    void aSitemapOfAThousandUrlsStaysUnderTwoMegabytesAndLongerOnesAreCut() throws Exception {
        NewsSitemaps sitemaps = new NewsSitemaps(null, titles, urls, null, null);
        List<Article> thousand = new ArrayList<>();
        for (int i = 0; i < NewsSitemaps.MAX_URLS; i++) {
            thousand.add(article(
                    i,
                    "مُحادَثاتُ السَّلامِ تُستأنَفُ في الدَّوحةِ بعدَ أسابيعَ من التَّوقُّفِ وسطَ ضُغوطٍ دوليَّةٍ متزايدةٍ، الجولة "
                            + i,
                    "<p>نص</p>"));
        }
        byte[] full = sitemaps.render(Language.AR, thousand);
        assertThat(full.length).isLessThan(LIMIT);
        assertThat(urls(full)).isEqualTo(NewsSitemaps.MAX_URLS);

        List<Article> huge = new ArrayList<>();
        for (int i = 0; i < NewsSitemaps.MAX_URLS; i++) {
            huge.add(article(i, ("عنوان طويل جدا " + i + " ").repeat(200), "<p>نص</p>"));
        }
        byte[] cut = sitemaps.render(Language.AR, huge);
        assertThat(cut.length).isLessThan(LIMIT);
        assertThat(urls(cut)).isBetween(1, NewsSitemaps.MAX_URLS - 1);
    }

    private static int urls(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        return doc.getElementsByTagNameNS(NewsSitemaps.SITEMAP_NS, "url").getLength();
    }

    private static Article article(int i, String headline, String body) {
        return anArticle()
                .wire("size", "urn:size:" + i)
                .language(Language.AR)
                .headline(headline)
                .standfirst("ملخص الخبر " + i)
                .bodyHtml(body)
                .byline("مراسل")
                .agency("Demo Wire")
                .creditLine("Demo Wire")
                .dateline("الدوحة")
                .publishedAt(NOW.minus(Duration.ofMinutes(i)))
                .section(Section.POLITICS)
                .regions(Region.MENA)
                .tags("الدوحة", "مفاوضات")
                .images(new Image(
                        "https://img.example.org/" + i + ".jpg", "صورة من الدوحة", "وكالة", "image/jpeg", 1200, 800))
                .readingTimeMinutes(8)
                .slug(Slugs.of(headline))
                .build();
    }
}
