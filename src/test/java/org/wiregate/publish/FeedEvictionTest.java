package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.wiregate.support.ArticleBuilder.anArticle;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.article.Status;
import org.wiregate.store.ArticleChanged;
import org.wiregate.store.ArticleScope;
import org.wiregate.store.ArticleStore;
import org.wiregate.support.ArticleBuilder;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.MutableClock;
import org.wiregate.support.TestDirectories;

/**
 * A stored change evicts the pages of every slice its article is in, was in before, and of its
 * editions' slices, public and per contract; the pages of every other slice keep their bytes. A
 * page rendered while a change touching it committed is not kept.
 */
@SpringBootTest
class FeedEvictionTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final FeedAudience PARTNER = new FeedAudience(
            new ArticleScope(null, null, null, null, null, false),
            false,
            a -> null,
            "Partner rights",
            "/partner/feeds");

    @Autowired
    FeedService feeds;

    @Autowired
    ContractFeedRenders contractRenders;

    @Autowired
    ArticleStore store;

    @Autowired
    MutableClock clock;

    /** Real, except where a test lets a change commit between a render's reading and its keeping. */
    @MockitoSpyBean
    FeedPageAssembler assembler;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(
                registry,
                "feed-eviction",
                TestDirectories.create("feed-eviction").resolve("inbox"));
    }

    /** Each slice has copy of its own, so every page below is kept. */
    @BeforeEach
    void seed() {
        clock.set(NOW);
        feeds.evictAll();
        store.save(article(Language.EN, Section.SPORTS, Region.ASIA, "beta", 50).build(), null);
        store.save(
                article(Language.EN, Section.ECONOMY, Region.EUROPE, "alpha", 40)
                        .build(),
                null);
        store.save(
                article(Language.EN, Section.HEALTH, Region.AFRICA, "gamma", 30)
                        .breaking(true)
                        .build(),
                null);
        store.save(article(Language.AR, Section.SPORTS, Region.ASIA, "beta", 20).build(), null);
    }

    @Test
    void aNewArticleEvictsItsSlicesOnly() {
        Map<String, RenderedFeed> before = renderAll();
        store.save(
                article(Language.EN, Section.ECONOMY, Region.EUROPE, "alpha", 5).build(), null);

        assertThat(changed(before))
                .containsExactlyInAnyOrder(
                        "en all",
                        "en section economy",
                        "en type news",
                        "en region europe",
                        "en tag alpha",
                        "partner en all",
                        "partner en section economy");
    }

    @Test
    void anUpdateEvictsTheSlicesItLeftAndTheOnesItJoined() {
        ArticleBuilder moving = article(Language.EN, Section.ECONOMY, Region.EUROPE, "alpha", 5);
        store.save(moving.build(), null);
        Map<String, RenderedFeed> before = renderAll();

        store.save(
                ArticleBuilder.from(moving.build())
                        .agencyVersion("2")
                        .section(Section.SPORTS)
                        .regions(List.of(Region.ASIA))
                        .tags(List.of("Beta"))
                        .updated(NOW.minus(Duration.ofMinutes(1)))
                        .build(),
                null);

        assertThat(changed(before))
                .containsExactlyInAnyOrder(
                        "en all",
                        "en section economy",
                        "en section sports",
                        "en type news",
                        "en region europe",
                        "en region asia",
                        "en tag alpha",
                        "en tag beta",
                        "partner en all",
                        "partner en section economy",
                        "partner en section sports");
    }

    @Test
    void aKillEvictsEverySliceTheArticleWasIn() {
        ArticleBuilder killed =
                article(Language.EN, Section.HEALTH, Region.AFRICA, "gamma", 5).breaking(true);
        store.save(killed.build(), null);
        Map<String, RenderedFeed> before = renderAll();

        store.save(
                ArticleBuilder.from(killed.build())
                        .agencyVersion("2")
                        .status(Status.CANCELED)
                        .updated(NOW.minus(Duration.ofMinutes(1)))
                        .build(),
                null);

        assertThat(changed(before))
                .containsExactlyInAnyOrder(
                        "en all",
                        "en breaking",
                        "en section health",
                        "en type news",
                        "en region africa",
                        "en tag gamma",
                        "partner en all",
                        "partner en section health");
    }

    @Test
    void aChangeEvictsTheSlicesOfItsEditionsWhichLinkToIt() {
        String group = "story-" + UUID.randomUUID();
        store.save(
                article(Language.EN, Section.SPORTS, Region.ASIA, "beta", 5)
                        .editionGroup(group)
                        .build(),
                null);
        Map<String, RenderedFeed> before = renderAll();

        store.save(
                article(Language.AR, Section.HEALTH, Region.AFRICA, "gamma", 4)
                        .editionGroup(group)
                        .build(),
                null);

        assertThat(changed(before))
                .containsExactlyInAnyOrder(
                        "ar all",
                        "en all",
                        "en section sports",
                        "en type news",
                        "en region asia",
                        "en tag beta",
                        "partner en all",
                        "partner en section sports");
    }

    @Test
    void aChangeWhoseFormerVersionIsUnknownEvictsItsWholeLanguage() {
        Article announced =
                article(Language.EN, Section.ECONOMY, Region.EUROPE, "alpha", 5).build();
        Map<String, RenderedFeed> before = renderAll();

        feeds.onArticleChanged(new ArticleChanged(announced, org.wiregate.store.StoreOutcome.UPDATED));

        assertThat(changed(before))
                .containsExactlyInAnyOrder(
                        "en all",
                        "en breaking",
                        "en section sports",
                        "en section economy",
                        "en section health",
                        "en type news",
                        "en region asia",
                        "en region europe",
                        "en region africa",
                        "en tag alpha",
                        "en tag beta",
                        "en tag gamma",
                        "partner en all",
                        "partner en section economy",
                        "partner en section sports",
                        "partner en section health");
    }

    @Test
    void aPageRenderedWhileAChangeCommittedIsNotKept() {
        // The render reads the page; then a change to it commits and evicts; then the render ends.
        doAnswer(commitsDuringTheFirstRender("committed during the render"))
                .when(assembler)
                .assemble(any(FeedPageKey.class), any(Instant.class));

        RenderedFeed overtaken = page(Language.EN, FeedSlice.ALL);
        assertThat(text(overtaken)).doesNotContain("committed during the render");
        RenderedFeed next = page(Language.EN, FeedSlice.ALL);
        assertThat(text(next)).contains("committed during the render");
        assertThat(page(Language.EN, FeedSlice.ALL))
                .as("rendered after the change: kept")
                .isSameAs(next);
    }

    @Test
    void aContractPageRenderedWhileAChangeCommittedIsNotKept() {
        doAnswer(commitsDuringTheFirstRender("committed during the contract render"))
                .when(assembler)
                .assemble(any(FeedPageKey.class), any(FeedAudience.class), anyString(), any(Instant.class));

        RenderedFeed overtaken = partnerPage(FeedSlice.ALL);
        assertThat(text(overtaken)).doesNotContain("committed during the contract render");
        RenderedFeed next = partnerPage(FeedSlice.ALL);
        assertThat(text(next)).contains("committed during the contract render");
        assertThat(partnerPage(FeedSlice.ALL))
                .as("rendered after the change: kept")
                .isSameAs(next);
    }

    /** The real render, during which (the first time only) a change with that headline commits. */
    private org.mockito.stubbing.Answer<Object> commitsDuringTheFirstRender(String headline) {
        AtomicBoolean once = new AtomicBoolean();
        return invocation -> {
            Object page = invocation.callRealMethod();
            if (once.compareAndSet(false, true)) {
                store.save(
                        article(Language.EN, Section.ECONOMY, Region.EUROPE, "alpha", 1)
                                .headline(headline)
                                .build(),
                        null);
            }
            return page;
        };
    }

    private static String text(RenderedFeed feed) {
        return new String(feed.body(), StandardCharsets.UTF_8);
    }

    /** Every page the test watches, rendered (and so kept) now. */
    private Map<String, RenderedFeed> renderAll() {
        Map<String, RenderedFeed> pages = new LinkedHashMap<>();
        for (Language language : List.of(Language.EN, Language.AR)) {
            pages.put(language.code() + " all", page(language, FeedSlice.ALL));
        }
        pages.put("en breaking", page(Language.EN, FeedSlice.BREAKING));
        for (Section section : List.of(Section.SPORTS, Section.ECONOMY, Section.HEALTH)) {
            pages.put("en section " + section.slug(), page(Language.EN, FeedSlice.section(section)));
        }
        pages.put("en type news", page(Language.EN, FeedSlice.type(org.wiregate.article.ContentType.NEWS)));
        for (Region region : List.of(Region.ASIA, Region.EUROPE, Region.AFRICA)) {
            pages.put("en region " + region.slug(), page(Language.EN, FeedSlice.region(region)));
        }
        for (String tag : List.of("alpha", "beta", "gamma")) {
            pages.put("en tag " + tag, page(Language.EN, FeedSlice.tag(tag).orElseThrow()));
        }
        pages.put("partner en all", partnerPage(FeedSlice.ALL));
        for (Section section : List.of(Section.SPORTS, Section.ECONOMY, Section.HEALTH)) {
            pages.put("partner en section " + section.slug(), partnerPage(FeedSlice.section(section)));
        }
        // rendered once more: each is the kept page now, or the test would prove nothing
        pages.forEach(
                (name, page) -> assertThat(again(name)).as(name + " is kept").isSameAs(page));
        return pages;
    }

    /** The names of the pages that are no longer the ones kept before. */
    private List<String> changed(Map<String, RenderedFeed> before) {
        return before.entrySet().stream()
                .filter(e -> again(e.getKey()) != e.getValue())
                .map(Map.Entry::getKey)
                .toList();
    }

    private RenderedFeed again(String name) {
        String[] parts = name.split(" ");
        boolean partner = parts[0].equals("partner");
        int at = partner ? 1 : 0;
        Language language = Language.fromTag(parts[at]).orElseThrow();
        FeedSlice slice = switch (parts[at + 1]) {
            case "all" -> FeedSlice.ALL;
            case "breaking" -> FeedSlice.BREAKING;
            default -> FeedSlice.parse(parts[at + 1], parts[at + 2]).orElseThrow();
        };
        return partner ? partnerPage(slice) : page(language, slice);
    }

    private RenderedFeed page(Language language, FeedSlice slice) {
        return feeds.feed(language, slice, FeedFormat.ATOM, 1).orElseThrow();
    }

    private RenderedFeed partnerPage(FeedSlice slice) {
        return contractRenders
                .feed(PARTNER, Language.EN, slice, FeedFormat.RSS, 1)
                .orElseThrow()
                .feed();
    }

    private static ArticleBuilder article(
            Language language, Section section, Region region, String tag, int minutesAgo) {
        return anArticle()
                .wire("test", "urn:test:" + UUID.randomUUID())
                .language(language)
                .headline("headline " + tag + " " + minutesAgo)
                .publishedAt(NOW.minus(Duration.ofMinutes(minutesAgo)))
                .section(section)
                .regions(List.of(region))
                .tags(List.of(tag.substring(0, 1).toUpperCase() + tag.substring(1)));
    }

    @TestConfiguration
    static class ClockConfiguration {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(NOW);
        }
    }
}
