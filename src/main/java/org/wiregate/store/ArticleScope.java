package org.wiregate.store;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.wiregate.article.Article;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.article.Status;

/**
 * Which stored articles a reader may see: the public site sees all of them ({@link #PUBLIC}), a
 * partner what its contract names. Each dimension is null for "any" or the set allowed (an empty
 * set allows nothing). The same rule runs as SQL in every query ({@link #appendTo}) and in Java
 * for single items and edition links ({@link #permits}); EntitlementsAcrossOutputsContract (on H2 and PostgreSQL) keeps the two in step.
 *
 * @param sources        source ids (mapping file names) whose copy may be shown
 * @param embargoPreview true when embargoed items are shown before their embargo lapses
 */
public record ArticleScope(
        Set<Language> languages,
        Set<Section> sections,
        Set<Region> regions,
        Set<ContentType> contentTypes,
        Set<String> sources,
        boolean embargoPreview) {

    public static final ArticleScope PUBLIC = new ArticleScope(null, null, null, null, null, false);

    public ArticleScope {
        languages = languages == null ? null : Set.copyOf(languages);
        sections = sections == null ? null : Set.copyOf(sections);
        regions = regions == null ? null : Set.copyOf(regions);
        contentTypes = contentTypes == null ? null : Set.copyOf(contentTypes);
        sources = sources == null ? null : Set.copyOf(sources);
    }

    /** Whether this scope may see the article's content dimensions (visibility in time is separate). */
    public boolean permits(Article article) {
        return (languages == null || languages.contains(article.language()))
                && (sections == null || sections.contains(article.section()))
                && (contentTypes == null || contentTypes.contains(article.contentType()))
                && (sources == null || sources.contains(article.wire().source()))
                && (regions == null || article.regions().stream().anyMatch(regions::contains));
    }

    /** Whether a reader with this scope may see the article at {@code now}: usable, in scope, out of embargo or previewing it. */
    public boolean showsAt(Article article, Instant now) {
        boolean inTime = embargoPreview ? article.status() == Status.USABLE : article.isPublishableAt(now);
        return inTime && permits(article);
    }

    /** This scope cut down to one language (empty when the language is not allowed at all). */
    public ArticleScope onlyLanguage(Language language) {
        return new ArticleScope(
                isLanguageAllowed(language) ? Set.of(language) : Set.of(),
                sections,
                regions,
                contentTypes,
                sources,
                embargoPreview);
    }

    public boolean isLanguageAllowed(Language language) {
        return languages == null || languages.contains(language);
    }

    /** True when nothing narrows this scope: the public site's. */
    public boolean isPublic() {
        return equals(PUBLIC);
    }

    /**
     * Adds this scope's conditions on the table alias {@code a} (article columns) to a WHERE list.
     * Values go in as parameters; the slugs come from enums and mapping ids, never from a request.
     */
    void appendTo(List<String> where, List<Object> params, String a) {
        in(where, params, a + ".language", languages, Language::code);
        in(where, params, a + ".section", sections, Section::slug);
        in(where, params, a + ".content_type", contentTypes, ContentType::slug);
        in(where, params, a + ".source", sources, s -> s);
        if (regions != null) {
            if (regions.isEmpty()) {
                where.add("1 = 0");
            } else {
                where.add("EXISTS (SELECT 1 FROM article_region sr WHERE sr.article_id = " + a
                        + ".id AND sr.region IN (" + placeholders(regions.size()) + "))");
                regions.stream().map(Region::slug).sorted().forEach(params::add);
            }
        }
    }

    /** A stable text naming exactly what this scope allows: equal scopes share cached feeds. */
    public String fingerprint() {
        return "l=" + names(languages, Language::code) + ";s=" + names(sections, Section::slug)
                + ";r=" + names(regions, Region::slug) + ";t=" + names(contentTypes, ContentType::slug)
                + ";src=" + names(sources, s -> s) + ";p=" + embargoPreview;
    }

    /** The languages this scope allows, in enum order. */
    public Set<Language> allowedLanguages() {
        return languages == null
                ? EnumSet.allOf(Language.class)
                : EnumSet.copyOf(languages.isEmpty() ? EnumSet.noneOf(Language.class) : languages);
    }

    private static <T> void in(
            List<String> where, List<Object> params, String column, Set<T> allowed, Function<T, String> value) {
        if (allowed == null) {
            return;
        }
        if (allowed.isEmpty()) {
            where.add("1 = 0");
            return;
        }
        where.add(column + " IN (" + placeholders(allowed.size()) + ")");
        allowed.stream().map(value).sorted().forEach(params::add);
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static <T> String names(Collection<T> values, Function<T, String> name) {
        return values == null
                ? "*"
                : values.stream()
                        .map(name)
                        .collect(Collectors.toCollection(TreeSet::new))
                        .toString();
    }
}
