package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.publish.FeedWriterFixtures.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.wiregate.article.Article;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.support.ArticleBuilder;

/** JSON Feed 1.1 with the gateway's {@code _wire} extension. */
class JsonFeedWriterTest {

    @Test
    void jsonFeedDeclaresVersionLanguageAndUrls() {
        JsonNode feed = json(new JsonFeedWriter(URLS).write(englishPage(FeedFormat.JSON, null)));

        assertThat(feed.path("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.path("language").asText()).isEqualTo("en");
        assertThat(feed.path("title").asText()).isEqualTo("Wiregate News — Latest news");
        assertThat(feed.path("home_page_url").asText()).isEqualTo(BASE + "/en/");
        assertThat(feed.path("feed_url").asText()).isEqualTo(BASE + "/feeds/en.json");
        assertThat(feed.path("items")).hasSize(2);
    }

    @Test
    void jsonFeedItemHasUrnIdAndAbsoluteUrl() {
        JsonNode item = json(new JsonFeedWriter(URLS).write(englishPage(FeedFormat.JSON, null)))
                .path("items")
                .get(0);

        assertThat(item.path("id").asText()).isEqualTo(LISBON.id().urn());
        assertThat(item.path("url").asText())
                .isEqualTo(BASE + "/en/articles/" + LISBON.id().value()
                        + "/lisbon-approves-40-km-of-cycle-lanes-bus-corridors");
        assertThat(item.path("title").asText()).isEqualTo(LISBON.headline());
    }

    @Test
    void jsonFeedArabicItemUrlIsAnAbsoluteAsciiUriWithTheSlugPercentEncoded() {
        JsonNode item = json(new JsonFeedWriter(URLS).write(arabicPage(FeedFormat.JSON)))
                .path("items")
                .get(0);

        String url = item.path("url").asText();
        assertThat(url).startsWith(BASE + "/ar/articles/" + SAHEL_ARABIC.id().value() + "/");
        assertThat(url.chars()).allMatch(c -> c < 0x80);
        assertThat(URI.create(url).isAbsolute()).isTrue();
        assertThat(URLDecoder.decode(url.substring(url.lastIndexOf('/') + 1), StandardCharsets.UTF_8))
                .isEqualTo(ARABIC_SLUG);
    }

    @Test
    void jsonFeedArabicContentHtmlIsRightToLeft() {
        JsonNode item = json(new JsonFeedWriter(URLS).write(arabicPage(FeedFormat.JSON)))
                .path("items")
                .get(0);

        assertThat(item.path("content_html").asText())
                .startsWith("<div lang=\"ar\" dir=\"rtl\">")
                .contains(SAHEL_ARABIC.bodyHtml());
        assertThat(item.path("language").asText()).isEqualTo("ar");
    }

    @Test
    void jsonFeedItemHasSummaryImageAndAuthors() {
        JsonNode items = json(new JsonFeedWriter(URLS).write(englishPage(FeedFormat.JSON, null)))
                .path("items");

        assertThat(items.get(0).path("summary").asText()).isEqualTo(LISBON.standfirst());
        assertThat(items.get(0).path("image").asText()).isEqualTo("https://images.example.org/lisbon.jpg");
        assertThat(items.get(0).path("authors").get(0).path("name").asText()).isEqualTo("Ana Costa");
        assertThat(items.get(1).has("summary")).isFalse();
        assertThat(items.get(1).has("image")).isFalse();
        assertThat(items.get(1).path("authors").get(0).path("name").asText()).isEqualTo("Demo Wire");
    }

    @Test
    void jsonFeedDatesAreRfc3339() {
        JsonNode item = json(new JsonFeedWriter(URLS).write(englishPage(FeedFormat.JSON, null)))
                .path("items")
                .get(0);

        assertThat(item.path("date_published").asText()).matches(RFC_3339).isEqualTo("2026-11-27T09:12:00Z");
        assertThat(item.path("date_modified").asText()).matches(RFC_3339).isEqualTo("2026-11-27T09:40:00Z");
    }

    @Test
    void jsonFeedWireExtensionCarriesTheAgencyIdentity() {
        JsonNode items = json(new JsonFeedWriter(URLS).write(englishPage(FeedFormat.JSON, null)))
                .path("items");

        JsonNode wire = items.get(0).path("_wire");
        assertThat(wire.path("source").asText()).isEqualTo("standard");
        assertThat(wire.path("guid").asText()).isEqualTo("urn:test:en-lisbon");
        assertThat(wire.path("version").asText()).isEqualTo("2");
        assertThat(wire.path("section").asText()).isEqualTo("environment");
        assertThat(wire.path("regions").get(0).asText()).isEqualTo("europe");
        assertThat(wire.path("edition_group").asText()).isEqualTo("demo-story-20");
        assertThat(items.get(1).path("_wire").has("version")).isTrue();
        assertThat(items.get(1).path("_wire").path("version").isNull()).isTrue();
    }

    @Test
    void jsonFeedHasNextUrlOnlyWhenThereIsANextPage() {
        JsonNode withNext =
                json(new JsonFeedWriter(URLS).write(englishPage(FeedFormat.JSON, BASE + "/feeds/en.json?page=2")));
        JsonNode withoutNext = json(new JsonFeedWriter(URLS).write(englishPage(FeedFormat.JSON, null)));

        assertThat(withNext.path("next_url").asText()).isEqualTo(BASE + "/feeds/en.json?page=2");
        assertThat(withoutNext.has("next_url")).isFalse();
    }

    @Test
    void jsonFeedTagsAreInTheArticleLanguage() {
        JsonNode item = json(new JsonFeedWriter(URLS).write(arabicPage(FeedFormat.JSON)))
                .path("items")
                .get(0);

        List<String> tags = new ArrayList<>();
        item.path("tags").forEach(t -> tags.add(t.asText()));
        assertThat(tags).containsExactly("سياسة", "أفريقيا", "روسيا", "مالي");
    }

    @Test
    void captionWithQuotesAndMarkupStaysTextInContentHtml() {
        String caption = "Protesters hold a \"<b onmouseover=x()>Free Press</b>\" sign & flags";
        Article withCaption = ArticleBuilder.from(BRIEF)
                .images(new Image("https://images.example.org/protest.jpg", caption, null, "image/jpeg", 0, 0))
                .build();
        JsonNode item = json(new JsonFeedWriter(URLS)
                        .write(page(Language.EN, FeedFormat.JSON, List.of(withCaption), null)))
                .path("items")
                .get(0);

        Document html = Jsoup.parseBodyFragment(item.path("content_html").asText());

        assertThat(html.select("b")).isEmpty();
        assertThat(html.select("[onmouseover]")).isEmpty();
        assertThat(html.selectFirst("img").attr("alt")).isEqualTo(caption);
        assertThat(html.selectFirst("figcaption").text()).isEqualTo(caption);
    }

    @Test
    void arabicHeadlineSurvivesByteExactly() {
        byte[] output = render(arabicPage(FeedFormat.JSON));

        assertThat(indexOf(output, ARABIC_HEADLINE.getBytes(StandardCharsets.UTF_8)))
                .as("UTF-8 bytes of the Arabic headline in the %s output", FeedFormat.JSON)
                .isNotNegative();
    }

    @Test
    void arabicHeadlineParsesBackUnchangedFromJsonFeed() {
        JsonNode feed = json(render(arabicPage(FeedFormat.JSON)));

        assertThat(feed.path("items").get(0).path("title").asText()).isEqualTo(ARABIC_HEADLINE);
    }

    @Test
    void renderingTheSamePageTwiceGivesIdenticalBytes() {
        FeedPage page = englishPage(FeedFormat.JSON, URLS.feed(Language.EN, FeedFormat.JSON, 2));

        byte[] first = render(page);
        byte[] second = render(page);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void renderingAnEqualPageWithFreshWritersGivesIdenticalBytes() {
        byte[] first = render(arabicPage(FeedFormat.JSON));
        byte[] second = render(arabicPage(FeedFormat.JSON));

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
        byte[] out = new JsonFeedWriter(URLS).write(page);

        assertThat(new String(out, StandardCharsets.UTF_8)).contains("تصحيح").contains("صُحّح عدد الضحايا");
    }

    @Test
    void jsonFeedPicturesAreAttachments() {
        String json =
                new String(new JsonFeedWriter(URLS).write(englishPage(FeedFormat.JSON, null)), StandardCharsets.UTF_8);
        assertThat(json)
                .contains(
                        "\"attachments\":[{\"url\":\"https://images.example.org/lisbon.jpg\",\"mime_type\":\"image/jpeg\"");
    }

    // ---------------------------------------------------------------- partner feeds, editions, extensions

    @Test
    void jsonFeedNamesItsWebSubHubOnlyWhenThereIsOne() {
        JsonNode partner = json(new JsonFeedWriter(URLS).write(pageTwo(FeedFormat.JSON, false)));
        JsonNode first = json(new JsonFeedWriter(URLS).write(englishPage(FeedFormat.JSON, null)));

        assertThat(partner.path("hubs")).hasSize(1);
        assertThat(partner.at("/hubs/0/type").asText()).isEqualTo("WebSub");
        assertThat(partner.at("/hubs/0/url").asText()).isEqualTo(BASE + "/websub/hub");
        assertThat(first.has("hubs")).isFalse();
    }

    @Test
    void jsonFeedCarriesTheContractsRightsAndEachItemsTerms() {
        JsonNode feed = json(new JsonFeedWriter(URLS).write(pageTwo(FeedFormat.JSON, false)));

        assertThat(feed.at("/_wiregate/rights").asText()).isEqualTo(RIGHTS);
        JsonNode lisbon = feed.path("items").get(0);
        JsonNode brief = feed.path("items").get(1);
        assertThat(lisbon.at("/_wiregate/usage_terms").asText()).isEqualTo(USAGE_TERMS);
        assertThat(lisbon.path("_wiregate").has("embargoed")).isFalse();
        assertThat(brief.at("/_wiregate/embargoed").asText())
                .isEqualTo("2026-11-27T18:00:00Z")
                .matches(RFC_3339);
        assertThat(brief.path("_wiregate").has("usage_terms")).isFalse();
    }

    @Test
    void publicJsonFeedCarriesNoContractTerms() {
        JsonNode feed = json(new JsonFeedWriter(URLS).write(englishPage(FeedFormat.JSON, null)));

        assertThat(feed.has("_wiregate")).isFalse();
        feed.path("items").forEach(item -> assertThat(item.has("_wiregate")).isFalse());
    }

    @Test
    void jsonFeedSummaryOnlyItemsHaveTextContentAndNoPictures() {
        JsonNode items = json(new JsonFeedWriter(URLS).write(pageTwo(FeedFormat.JSON, true)))
                .path("items");

        assertThat(items.get(0).path("content_text").asText()).isEqualTo(LISBON.standfirst());
        assertThat(items.get(1).path("content_text").asText())
                .as("headline stands in")
                .isEqualTo(BRIEF.headline());
        for (JsonNode item : items) {
            assertThat(item.has("content_html")).isFalse();
            assertThat(item.has("image")).isFalse();
            assertThat(item.has("attachments")).isFalse();
            assertThat(item.path("_wire").has("images")).isFalse();
            assertThat(item.path("_wire").has("reading_time_minutes"))
                    .as("counted from the body")
                    .isFalse();
        }
        assertThat(items.get(0).path("summary").asText()).isEqualTo(LISBON.standfirst());
    }

    @Test
    void jsonFeedWholeItemsHaveHtmlContentAndNoTextContent() {
        JsonNode lisbon = json(new JsonFeedWriter(URLS).write(pageTwo(FeedFormat.JSON, false)))
                .path("items")
                .get(0);

        assertThat(lisbon.path("content_html").asText()).startsWith("<div lang=\"en\" dir=\"ltr\">");
        assertThat(lisbon.has("content_text")).isFalse();
        assertThat(lisbon.path("image").asText()).isEqualTo("https://images.example.org/lisbon.jpg");
    }

    @Test
    void jsonFeedItemListsItsEditionsInOtherLanguages() {
        JsonNode items = json(new JsonFeedWriter(URLS).write(pageTwo(FeedFormat.JSON, false)))
                .path("items");

        JsonNode editions = items.get(0).path("_editions");
        assertThat(editions).hasSize(2);
        assertThat(editions.get(0).path("language").asText()).isEqualTo("ar");
        assertThat(editions.get(0).path("id").asText()).isEqualTo(LISBOA_AR.id().urn());
        assertThat(editions.get(0).path("url").asText()).isEqualTo(URLS.article(LISBOA_AR));
        assertThat(URI.create(editions.get(0).path("url").asText()).isAbsolute())
                .isTrue();
        assertThat(editions.get(1).path("language").asText()).isEqualTo("es");
        assertThat(editions.get(1).path("id").asText()).isEqualTo(LISBOA_ES.id().urn());
        assertThat(editions.get(1).path("url").asText()).isEqualTo(URLS.article(LISBOA_ES));
        assertThat(items.get(1).has("_editions")).isFalse();
    }

    @Test
    void jsonFeedAttachmentsNameEveryPictureWithItsTypeAndCaption() {
        Article article = ArticleBuilder.from(LISBON)
                .images(
                        LISBON.images().get(0),
                        new Image("https://images.example.org/lisbon-bus.webp", null, null, null, 0, 0))
                .build();

        JsonNode item = json(new JsonFeedWriter(URLS).write(page(Language.EN, FeedFormat.JSON, List.of(article), null)))
                .path("items")
                .get(0);

        JsonNode attachments = item.path("attachments");
        assertThat(attachments).hasSize(2);
        assertThat(attachments.get(0).path("mime_type").asText()).isEqualTo("image/jpeg");
        assertThat(attachments.get(0).path("title").asText()).isEqualTo("Cyclists by the river");
        assertThat(attachments.get(1).path("url").asText()).isEqualTo("https://images.example.org/lisbon-bus.webp");
        assertThat(attachments.get(1).path("mime_type").asText())
                .as("a type is required; JPEG when unknown")
                .isEqualTo("image/jpeg");
        assertThat(attachments.get(1).has("title")).isFalse();
        assertThat(item.path("image").asText()).isEqualTo("https://images.example.org/lisbon.jpg");
    }

    @Test
    void jsonFeedAttachmentKeepsTheAgencysMediaType() {
        Article article = ArticleBuilder.from(BRIEF)
                .images(new Image("https://images.example.org/markets.png", "Traders", null, "image/png", 0, 0))
                .build();

        JsonNode item = json(new JsonFeedWriter(URLS).write(page(Language.EN, FeedFormat.JSON, List.of(article), null)))
                .path("items")
                .get(0);

        assertThat(item.at("/attachments/0/mime_type").asText()).isEqualTo("image/png");
    }

    @Test
    void jsonFeedWireExtensionListsEveryPictureWithCaptionCreditAndSize() {
        Article article = ArticleBuilder.from(LISBON)
                .images(
                        LISBON.images().get(0),
                        new Image("https://images.example.org/lisbon-bus.jpg", "A bus lane", null, "image/jpeg", 0, 0),
                        new Image("https://images.example.org/lisbon-tram.jpg", null, "Demo Wire", "image/jpeg", 1, 1))
                .build();

        JsonNode images = json(new JsonFeedWriter(URLS)
                        .write(page(Language.EN, FeedFormat.JSON, List.of(article), null)))
                .path("items")
                .get(0)
                .at("/_wire/images");

        assertThat(images).hasSize(3);
        assertThat(images.get(0).path("url").asText()).isEqualTo("https://images.example.org/lisbon.jpg");
        assertThat(images.get(0).path("caption").asText()).isEqualTo("Cyclists by the river");
        assertThat(images.get(0).path("credit").asText()).isEqualTo("Rui Almeida / Demo Wire");
        assertThat(images.get(0).path("width").asInt()).isEqualTo(1200);
        assertThat(images.get(0).path("height").asInt()).isEqualTo(800);
        assertThat(images.get(1).path("credit").isNull()).isTrue();
        assertThat(images.get(1).has("width")).as("size unknown").isFalse();
        assertThat(images.get(1).has("height")).as("size unknown").isFalse();
        assertThat(images.get(2).path("caption").isNull()).isTrue();
        assertThat(images.get(2).path("width").asInt()).isEqualTo(1);
        assertThat(images.get(2).path("height").asInt()).isEqualTo(1);
    }

    @Test
    void jsonFeedWireExtensionCarriesRevisionUrgencyTypeAndCorrection() {
        Article corrected = ArticleBuilder.from(LISBOA_ES)
                .breaking(true)
                .urgency(2)
                .readingTimeMinutes(4)
                .correctionNote("Corrige la longitud de los carriles: 40 kilómetros, no 14")
                .build();

        JsonNode wire = json(new JsonFeedWriter(URLS)
                        .write(page(Language.ES, FeedFormat.JSON, List.of(corrected), null)))
                .path("items")
                .get(0)
                .path("_wire");

        assertThat(wire.path("revision").asInt()).isEqualTo(2);
        assertThat(wire.path("agency").asText()).isEqualTo("EFE");
        assertThat(wire.path("urgency").asInt()).isEqualTo(2);
        assertThat(wire.path("breaking").asBoolean()).isTrue();
        assertThat(wire.path("content_type").asText()).isEqualTo("feature");
        assertThat(wire.path("regions")).extracting(JsonNode::asText).containsExactly("europe", "latin-america");
        assertThat(wire.path("reading_time_minutes").asInt()).isEqualTo(4);
        assertThat(wire.path("correction").asText())
                .isEqualTo("Corrige la longitud de los carriles: 40 kilómetros, no 14");
        JsonNode lisbon = json(new JsonFeedWriter(URLS).write(englishPage(FeedFormat.JSON, null)))
                .path("items")
                .get(0);
        assertThat(lisbon.path("_wire").has("correction")).isFalse();
        assertThat(json(new JsonFeedWriter(URLS).write(englishPage(FeedFormat.JSON, null)))
                        .at("/items/1/_wire")
                        .has("edition_group"))
                .isFalse();
    }

    @Test
    void jsonFeedSpanishTagsAreNamedInSpanishWithoutCaseRepeats() {
        Article article = ArticleBuilder.from(LISBOA_ES)
                .tags("Lisboa", "movilidad", "MEDIO AMBIENTE")
                .build();

        JsonNode item = json(new JsonFeedWriter(URLS).write(page(Language.ES, FeedFormat.JSON, List.of(article), null)))
                .path("items")
                .get(0);

        assertThat(item.path("tags"))
                .extracting(JsonNode::asText)
                .containsExactly("Medio ambiente", "Europa", "América Latina", "Lisboa", "movilidad");
        assertThat(item.path("language").asText()).isEqualTo("es");
    }
}
