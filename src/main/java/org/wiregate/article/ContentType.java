package org.wiregate.article;

import java.util.Optional;

/** What kind of piece an article is; readers and partners filter on it. */
public enum ContentType {
    NEWS("news", new LocalisedName("News", "خبر", "Noticia")),
    OPINION("opinion", new LocalisedName("Opinion", "رأي", "Opinión")),
    ANALYSIS("analysis", new LocalisedName("Analysis", "تحليل", "Análisis")),
    BLOG("blog", new LocalisedName("Blog", "مدونة", "Blog")),
    FEATURE("feature", new LocalisedName("Feature", "تقرير", "Reportaje")),
    VIDEO("video", new LocalisedName("Video", "فيديو", "Vídeo")),
    INFOGRAPH("infograph", new LocalisedName("Infographic", "إنفوغراف", "Infografía")),
    IN_PICTURES("in-pictures", new LocalisedName("In Pictures", "بالصور", "En imágenes"));

    private final String slug;
    private final LocalisedName name;

    ContentType(String slug, LocalisedName name) {
        this.slug = slug;
        this.name = name;
    }

    public String slug() {
        return slug;
    }

    public String nameIn(Language language) {
        return name.in(language);
    }

    public static Optional<ContentType> fromSlug(String value) {
        return SlugLookup.lookup(values(), value, ContentType::slug);
    }
}
