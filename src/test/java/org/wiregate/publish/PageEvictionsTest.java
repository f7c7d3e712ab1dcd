package org.wiregate.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.wiregate.article.Language;

/** A render is kept only if no eviction since it began touched its page, or if nobody can tell. */
class PageEvictionsTest {

    private static final FeedPageKey EN = new FeedPageKey(Language.EN, FeedSlice.ALL, FeedFormat.RSS, 1);
    private static final FeedPageKey AR = new FeedPageKey(Language.AR, FeedSlice.ALL, FeedFormat.RSS, 1);

    private final PageEvictions evictions = new PageEvictions();

    @Test
    void onlyAnEvictionOfThePageSinceTheMarkCounts() {
        evictions.record(page -> true); // before the render began
        long mark = evictions.mark();
        assertThat(evictions.touchedSince(mark, EN)).isFalse();

        evictions.record(page -> page.language() == Language.AR);
        assertThat(evictions.touchedSince(mark, EN)).isFalse();
        assertThat(evictions.touchedSince(mark, AR)).isTrue();

        evictions.record(page -> page.language() == Language.EN);
        assertThat(evictions.touchedSince(mark, EN)).isTrue();
    }

    @Test
    void evictionsNoLongerRememberedCountAsTouchingEveryPage() {
        long mark = evictions.mark();
        for (int i = 0; i <= PageEvictions.REMEMBERED; i++) {
            evictions.record(page -> page.language() == Language.AR);
        }
        assertThat(evictions.touchedSince(mark, EN)).isTrue();
        assertThat(evictions.touchedSince(evictions.mark(), EN)).isFalse();
    }
}
