package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.support.ArticleBuilder.anArticle;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.article.Section;
import org.wiregate.store.ArticleStore;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.MutableClock;
import org.wiregate.support.TestDirectories;

/** Rendered feeds are kept, evicted when an article changes, and expire when an embargo lapses. */
@SpringBootTest
class FeedServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @Autowired
    FeedService feeds;

    @Autowired
    ArticleStore store;

    @Autowired
    MutableClock clock;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(
                registry, "feed-service", TestDirectories.create("feed-service").resolve("inbox"));
        registry.add("gateway.feeds.page-size", () -> "2");
    }

    @Test
    void pageIsRenderedOnceEvictedOnChangeAndExpiredWhenAnEmbargoLapses() {
        clock.set(NOW);
        store.save(article(Language.AR, "first", null, 30), null);
        RenderedFeed first = feeds.latest(Language.AR, FeedFormat.ATOM, 1).orElseThrow();
        assertThat(feeds.latest(Language.AR, FeedFormat.ATOM, 1).orElseThrow()).isSameAs(first);

        store.save(article(Language.AR, "second", null, 20), null);
        RenderedFeed second = feeds.latest(Language.AR, FeedFormat.ATOM, 1).orElseThrow();
        assertThat(second.etag()).isNotEqualTo(first.etag());
        assertThat(text(second)).contains("headline second");

        store.save(article(Language.AR, "embargoed", NOW.plus(Duration.ofMinutes(10)), 10), null);
        RenderedFeed beforeLapse = feeds.latest(Language.AR, FeedFormat.ATOM, 1).orElseThrow();
        assertThat(text(beforeLapse)).doesNotContain("headline embargoed");
        assertThat(beforeLapse.validUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));

        clock.set(NOW.plus(Duration.ofMinutes(10)));
        assertThat(text(feeds.latest(Language.AR, FeedFormat.ATOM, 1).orElseThrow()))
                .contains("headline embargoed");
    }

    @Test
    void pagesLinkOnwardUntilTheLastAndPagesPastTheEndAreEmpty() {
        assertThat(feeds.latest(Language.ES, FeedFormat.JSON, 1)).isPresent(); // even with no items yet
        for (int minutesAgo = 1; minutesAgo <= 3; minutesAgo++) {
            store.save(article(Language.ES, "es-" + minutesAgo, null, minutesAgo), null);
        }
        String first = text(feeds.latest(Language.ES, FeedFormat.JSON, 1).orElseThrow());
        String second = text(feeds.latest(Language.ES, FeedFormat.JSON, 2).orElseThrow());
        assertThat(first)
                .contains("headline es-1", "headline es-2")
                .doesNotContain("headline es-3")
                .contains("\"next_url\":\"http://localhost:8080/feeds/es.json?page=2\"");
        assertThat(second).contains("headline es-3").doesNotContain("next_url");
        assertThat(feeds.latest(Language.ES, FeedFormat.JSON, 3)).isEmpty();
    }

    private static String text(RenderedFeed feed) {
        return new String(feed.body(), StandardCharsets.UTF_8);
    }

    private static Article article(Language language, String name, Instant embargo, int minutesAgo) {
        String guid = "urn:test:" + name + ":" + UUID.randomUUID();
        return anArticle()
                .wire("test", guid)
                .language(language)
                .headline("headline " + name)
                .standfirst("")
                .bodyHtml("<p>نص</p>")
                .byline(null)
                .agency("Demo Wire")
                .creditLine("Demo Wire")
                .publishedAt(NOW.minus(Duration.ofMinutes(minutesAgo)))
                .section(Section.POLITICS)
                .embargoUntil(embargo)
                .slug("headline-" + name)
                .build();
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
