package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.publish.FeedWriterFixtures.BASE;
import static org.wiregate.publish.FeedWriterFixtures.LISBON;
import static org.wiregate.publish.FeedWriterFixtures.TITLES;
import static org.wiregate.publish.FeedWriterFixtures.json;
import static org.wiregate.publish.FeedWriterFixtures.page;
import static org.wiregate.publish.FeedWriterFixtures.rome;
import static org.wiregate.publish.FeedWriterFixtures.xml;
import static org.wiregate.support.ArticleBuilder.anArticle;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.modules.mediarss.MediaEntryModule;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.wiregate.article.Article;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.article.RelatedLink;

/**
 * Articles stored before the normaliser's gate, built here directly: every writer still produces a
 * valid document, with the repairable item repaired and the unrenderable one left out, both counted.
 */
class RenderIsolationTest {

    /** The item: a control character in the headline, a space in the picture URL. */
    private static final Article BROKEN = anArticle()
            .wire("standard", "urn:test:broken")
            .language(Language.EN)
            .headline("Markets \u0001 rally")
            .standfirst("Shares\u0002 rose.")
            .bodyHtml("<p>Body\u0003 &#1;text\u202B</p>")
            .byline("\u202EStaff")
            .tags("Mark\u0004ets")
            .images(new Image("https://images.example/a b.jpg", "Traders\u0005", "Credit\uFFFF", "image/jpeg", 0, 0))
            .slug("markets-rally")
            .build();

    /** An article whose rendering throws (here: its URL cannot be built). */
    private static final Article UNRENDERABLE = anArticle()
            .wire("standard", "urn:test:unrenderable")
            .language(Language.EN)
            .build();

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final RenderGuard guard = new RenderGuard(meters);
    private final PublicUrls urls = new PublicUrls(BASE) {
        @Override
        public String article(Article article) {
            if (article.id().equals(UNRENDERABLE.id())) {
                throw new IllegalStateException("no URL for this one");
            }
            return super.article(article);
        }
    };

    private FeedPage page(FeedFormat format) {
        return FeedWriterFixtures.page(Language.EN, format, List.of(LISBON, BROKEN, UNRENDERABLE), null);
    }

    private double count(String name, String output) {
        return meters.find(name).tag("output", output).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    @Test
    void rssLeavesOutWhatCannotBeRenderedAndRepairsTheRest() throws Exception {
        SyndFeed feed = rome(new RssFeedWriter(urls, guard).write(page(FeedFormat.RSS)));

        assertThat(feed.getEntries())
                .extracting(SyndEntry::getTitle)
                .containsExactly(LISBON.headline(), "Markets  rally");
        SyndEntry repaired = feed.getEntries().get(1);
        assertThat(repaired.getDescription().getValue()).isEqualTo("Shares rose.");
        assertThat(repaired.getContents().get(0).getValue())
                .contains("<p>Body text</p>")
                .doesNotContain("\u202B");
        assertThat(repaired.getCategories())
                .anySatisfy(c -> assertThat(c.getName()).isEqualTo("Markets"));
        MediaEntryModule media = (MediaEntryModule) repaired.getModule(MediaEntryModule.URI);
        assertThat(media.getMediaContents()[0].getReference()).hasToString("https://images.example/a%20b.jpg");
        assertThat(count("wiregate.publish.repairs", "rss")).isEqualTo(1.0);
        assertThat(count("wiregate.publish.skipped", "rss")).isEqualTo(1.0);
    }

    @Test
    void atomLeavesOutWhatCannotBeRenderedAndRepairsTheRest() throws Exception {
        byte[] bytes = new AtomFeedWriter(urls, guard).write(page(FeedFormat.ATOM));
        SyndFeed feed = rome(bytes);

        assertThat(feed.getEntries())
                .extracting(SyndEntry::getTitle)
                .containsExactly(LISBON.headline(), "Markets  rally");
        assertThat(feed.getEntries().get(1).getAuthors().get(0).getName()).isEqualTo("Staff");
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .contains("https://images.example/a%20b.jpg")
                .doesNotContain("a b.jpg");
        assertThat(count("wiregate.publish.repairs", "atom")).isEqualTo(1.0);
        assertThat(count("wiregate.publish.skipped", "atom")).isEqualTo(1.0);
    }

    @Test
    void jsonFeedLeavesOutWhatCannotBeRenderedAndRepairsTheRest() {
        JsonNode items = json(new JsonFeedWriter(urls, guard).write(page(FeedFormat.JSON)))
                .path("items");

        assertThat(items).hasSize(2);
        JsonNode repaired = items.get(1);
        assertThat(repaired.path("title").asText()).isEqualTo("Markets  rally");
        assertThat(repaired.path("image").asText()).isEqualTo("https://images.example/a%20b.jpg");
        assertThat(repaired.path("_wire").path("images").get(0).path("credit").asText())
                .isEqualTo("Credit");
        assertThat(count("wiregate.publish.repairs", "json")).isEqualTo(1.0);
        assertThat(count("wiregate.publish.skipped", "json")).isEqualTo(1.0);
    }

    @Test
    void ninjsCarriesTheRepairedItem() {
        NinjsWriter writer = new NinjsWriter(urls, guard);
        JsonNode item = json(writer.bytes(writer.item(BROKEN, null, List.of())));

        assertThat(item.path("headlines").get(0).path("value").asText()).isEqualTo("Markets  rally");
        assertThat(item.path("associations").get(0).path("uri").asText()).isEqualTo("https://images.example/a%20b.jpg");
        assertThat(item.path("by").asText()).isEqualTo("Staff");
        assertThat(count("wiregate.publish.repairs", "ninjs")).isEqualTo(1.0);
    }

    @Test
    void ninjsKeepsAnItemWithNothingLeftOfItsHeadlineAsStoredSinceJsonEscapesIt() {
        NinjsWriter writer = new NinjsWriter(urls, guard);
        Article empty = anArticle()
                .wire("standard", "urn:test:empty")
                .headline("\u0001")
                .build();

        JsonNode item = json(writer.bytes(writer.item(empty, null, List.of())));

        assertThat(item.path("headlines").get(0).path("value").asText()).isEqualTo("\u0001");
    }

    @Test
    void theSitemapLeavesOutWhatCannotBeRenderedAndRepairsTheRest() throws Exception {
        NewsSitemaps sitemaps = new NewsSitemaps(null, TITLES, urls, null, null, guard);
        Document sitemap = xml(sitemaps.render(Language.EN, List.of(LISBON, BROKEN, UNRENDERABLE)));

        assertThat(sitemap.getElementsByTagNameNS(NewsSitemaps.SITEMAP_NS, "url")
                        .getLength())
                .isEqualTo(2);
        assertThat(sitemap.getElementsByTagNameNS(NewsSitemaps.NEWS_NS, "title")
                        .item(1)
                        .getTextContent())
                .isEqualTo("Markets  rally");
        assertThat(count("wiregate.publish.skipped", "sitemap")).isEqualTo(1.0);
    }

    @Test
    void aPictureOrLinkWithoutAUsableUrlIsLeftOutAndCleanArticlesAreUntouched() {
        Article article = anArticle()
                .images(new Image("javascript:alert(1)", null, null, null, 0, 0))
                .tags("\u0001", "ok")
                .relatedLinks(List.of(new RelatedLink("/relative", "x"), new RelatedLink("https://a.example/ü", "y")))
                .build();

        Article safe = guard.safe("json", article);

        assertThat(safe.images()).isEmpty();
        assertThat(safe.tags()).containsExactly("ok");
        assertThat(safe.relatedLinks()).containsExactly(new RelatedLink("https://a.example/%C3%BC", "y"));
        assertThat(guard.safe("json", LISBON)).isSameAs(LISBON);
        assertThat(count("wiregate.publish.repairs", "json")).isEqualTo(1.0);
    }

    @Test
    void anArticleWithNothingLeftOfItsHeadlineIsLeftOut() {
        Article empty = anArticle()
                .wire("standard", "urn:test:empty")
                .headline("\u0001")
                .build();

        assertThat(guard.each("rss", List.of(empty, LISBON), Article::headline)).containsExactly(LISBON.headline());
        assertThat(count("wiregate.publish.skipped", "rss")).isEqualTo(1.0);
    }

    @Test
    void anArticleWithEmojiIsNotRepairedAtRenderTime() {
        // found by FeedWritersPropertyTest: every emoji counted and logged as a render-time repair
        Article emoji = anArticle()
                .headline("Goal \uD83D\uDE00")
                .tags("\uD83C\uDDEA\uD83C\uDDF8")
                .build();

        assertThat(guard.safe("json", emoji)).isSameAs(emoji);
        assertThat(count("wiregate.publish.repairs", "json")).isZero();
    }

    @Test
    void theSitemapKeepsACarriageReturnInATitle() throws Exception {
        // found by FeedWritersPropertyTest: written raw, a CR was read back as LF (RSS and Atom write &#xD;)
        Article twoLines = anArticle().headline("Markets\r\nrally").build();
        NewsSitemaps sitemaps = new NewsSitemaps(null, TITLES, urls, null, null, guard);

        Document sitemap = xml(sitemaps.render(Language.EN, List.of(twoLines)));

        assertThat(sitemap.getElementsByTagNameNS(NewsSitemaps.NEWS_NS, "title")
                        .item(0)
                        .getTextContent())
                .isEqualTo("Markets\r\nrally");
    }
}
