package org.wiregate.publish;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Slugs;
import org.wiregate.store.ArticleChanged;
import org.wiregate.store.EditionRepository;

/**
 * Which feed pages a stored change touches: every page of every slice the article is in now or was
 * in before (the language's main feed, breaking, its section, type, regions and tags; a kill leaves
 * them all), and of every slice its editions are in, since their items link to it. Pages of other
 * slices keep their bytes, so a busy desk does not make every feed pay a render.
 */
@Component
class TouchedPages {

    /** One slice of one language: all of its pages, formats and contracts. */
    record SliceOf(Language language, FeedSlice slice) {}

    /**
     * Past this many members an edition group is not a story's editions but an agency reusing one
     * key; its change touches every page rather than reading all of them.
     */
    static final int MAX_EDITIONS = 32;

    private final EditionRepository editions;

    TouchedPages(EditionRepository editions) {
        this.editions = editions;
    }

    /** The pages the change touches; every page when what it touches cannot be read now (the database is away). */
    Predicate<FeedPageKey> by(ArticleChanged event) {
        Set<Language> wholeLanguages = EnumSet.noneOf(Language.class);
        Set<SliceOf> slices = new HashSet<>();
        Article article = event.article();
        slicesOf(article, slices);
        if (event.previousUnknown()) {
            wholeLanguages.add(article.language());
        } else if (event.previous() != null) {
            slicesOf(event.previous(), slices);
        }
        Set<String> groups = new HashSet<>();
        addIfPresent(groups, article.editionGroup());
        if (event.previous() != null) {
            addIfPresent(groups, event.previous().editionGroup());
        }
        try {
            // the group as stored now: the linker keeps it in a column, not always in the document
            editions.find(article.id()).ifPresent(g -> addIfPresent(groups, g.group()));
            List<Article> siblings = editions.editionsIn(groups, MAX_EDITIONS + 1);
            if (siblings.size() > MAX_EDITIONS) {
                return key -> true;
            }
            siblings.forEach(sibling -> slicesOf(sibling, slices));
        } catch (RuntimeException e) {
            return key -> true;
        }
        return key ->
                wholeLanguages.contains(key.language()) || slices.contains(new SliceOf(key.language(), key.slice()));
    }

    /** Every slice an article is listed in while visible, whatever its status now. */
    private static void slicesOf(Article article, Set<SliceOf> into) {
        Language language = article.language();
        into.add(new SliceOf(language, FeedSlice.ALL));
        if (article.breaking()) {
            into.add(new SliceOf(language, FeedSlice.BREAKING));
        }
        into.add(new SliceOf(language, FeedSlice.section(article.section())));
        into.add(new SliceOf(language, FeedSlice.type(article.contentType())));
        for (Region region : article.regions()) {
            into.add(new SliceOf(language, FeedSlice.region(region)));
        }
        for (String tag : article.tags()) {
            FeedSlice.tag(Slugs.of(tag)).ifPresent(slice -> into.add(new SliceOf(language, slice)));
        }
    }

    private static void addIfPresent(Set<String> groups, String group) {
        if (group != null) {
            groups.add(group);
        }
    }
}
