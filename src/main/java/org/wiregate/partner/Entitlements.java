package org.wiregate.partner;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.store.ArticleScope;

/**
 * A partner's contract: which copy it may take and how much of it. Each set is null for "any";
 * {@code agencies} are source ids (mapping file names, e.g. {@code afp}, {@code efe}) and are
 * always cut down to the sources whose mapping allows redistribution at all.
 */
public record Entitlements(
        Set<Language> languages,
        Set<Section> sections,
        Set<Region> regions,
        Set<ContentType> contentTypes,
        Set<String> agencies,
        TextAccess text,
        boolean embargoPreview) {

    /** Everything redistributable, full text, no embargo preview. */
    public static final Entitlements STANDARD = new Entitlements(null, null, null, null, null, TextAccess.FULL, false);

    public Entitlements {
        languages = languages == null ? null : Set.copyOf(languages);
        sections = sections == null ? null : Set.copyOf(sections);
        regions = regions == null ? null : Set.copyOf(regions);
        contentTypes = contentTypes == null ? null : Set.copyOf(contentTypes);
        agencies = agencies == null ? null : Set.copyOf(agencies);
        text = text == null ? TextAccess.FULL : text;
    }

    /** The query scope: this contract within what the agencies' own contracts let us pass on. */
    public ArticleScope scope(Set<String> redistributable) {
        Set<String> sources = new HashSet<>(redistributable);
        if (agencies != null) {
            sources.retainAll(agencies);
        }
        return new ArticleScope(languages, sections, regions, contentTypes, sources, embargoPreview);
    }

    public Set<Language> allowedLanguages() {
        return languages == null ? EnumSet.allOf(Language.class) : languages;
    }
}
