package org.wiregate.publish;

import java.time.Instant;
import java.util.List;
import org.wiregate.article.Article;
import org.wiregate.article.Language;

/**
 * One page of one feed, ready for any writer.
 *
 * @param updated the newest {@code updated} of its items: the feed's own time, never "now",
 *                so two instances render identical bytes
 */
public record FeedPage(
        Language language,
        FeedFormat format,
        int page,
        String title,
        String description,
        List<Article> items,
        Instant updated,
        String selfUrl,
        String homeUrl,
        String firstUrl,
        String nextUrl,
        String previousUrl) {

    public FeedPage {
        items = List.copyOf(items);
    }

    /** The page URL in another format, for alternate links. */
    public String urlIn(FeedFormat other, PublicUrls urls) {
        return urls.feed(language, other, page);
    }
}
