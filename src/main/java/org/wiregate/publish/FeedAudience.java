package org.wiregate.publish;

import java.util.Objects;
import java.util.function.Function;
import org.wiregate.article.Article;
import org.wiregate.store.ArticleScope;

/**
 * Who a feed is cut for, when it is not the public: what they may see ({@code scope}), how much of
 * each item, the terms each item carries, the feed's rights statement, and where their feeds live.
 * Pages are rendered once per {@link #contract()} and shared by every reader with that contract;
 * only {@code rights} differs between them and is set into the shared render per reader.
 *
 * @param usageTerms an item's usage terms; must depend only on the article and the contract
 *                   (scope, summaryOnly), never on the reader, since the render is shared
 * @param rights     the feed-level rights statement, which may name the reader; never a secret
 * @param feedsPath  the root path of the reader's feeds, e.g. {@code /partner/feeds}: self, next,
 *                   previous, first and last links point there
 */
public record FeedAudience(
        ArticleScope scope,
        boolean summaryOnly,
        Function<Article, String> usageTerms,
        String rights,
        String feedsPath) {

    public FeedAudience {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(usageTerms, "usageTerms");
        Objects.requireNonNull(rights, "rights");
        if (!feedsPath.startsWith("/") || feedsPath.endsWith("/") || feedsPath.equals("/feeds")) {
            throw new IllegalArgumentException("feedsPath must be a root path of its own, such as /partner/feeds");
        }
    }

    /** What readers with the same render share: their scope, their cut and their URLs. */
    public String contract() {
        return scope.fingerprint() + ";text=" + (summaryOnly ? "summary" : "full") + ";at=" + feedsPath;
    }
}
