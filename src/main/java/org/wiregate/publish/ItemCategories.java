package org.wiregate.publish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wiregate.article.Article;

/**
 * The category names an item shows in a feed, in the article's language: section, regions, then
 * tags, without case-only repeats (an agency tag "economy" next to the section "Economy").
 */
final class ItemCategories {

    private ItemCategories() {}

    static List<String> of(Article article) {
        Map<String, String> names = new LinkedHashMap<>();
        add(names, article.section().nameIn(article.language()));
        article.regions().forEach(r -> add(names, r.nameIn(article.language())));
        article.tags().forEach(t -> add(names, t));
        return List.copyOf(names.values());
    }

    private static void add(Map<String, String> names, String name) {
        names.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
    }
}
