package org.wiregate.article;

import java.util.Locale;
import java.util.Optional;

/** The website sections an article is filed under. */
public enum Section {
    POLITICS("politics", new LocalisedName("Politics", "سياسة", "Política")),
    ECONOMY("economy", new LocalisedName("Economy", "اقتصاد", "Economía")),
    SPORTS("sports", new LocalisedName("Sports", "رياضة", "Deportes")),
    ARTS_AND_CULTURE("arts-culture", new LocalisedName("Arts & Culture", "ثقافة وفنون", "Cultura")),
    HEALTH("health", new LocalisedName("Health", "صحة", "Salud")),
    MISCELLANEOUS("miscellaneous", new LocalisedName("Miscellaneous", "منوعات", "Miscelánea")),
    TECHNOLOGY("technology", new LocalisedName("Technology", "تكنولوجيا", "Tecnología")),
    ENVIRONMENT("environment", new LocalisedName("Environment", "بيئة", "Medio ambiente"));

    private final String slug;
    private final LocalisedName name;

    Section(String slug, LocalisedName name) {
        this.slug = slug;
        this.name = name;
    }

    /** Stable URL segment and mapping value, e.g. {@code arts-culture}. */
    public String slug() {
        return slug;
    }

    public String nameIn(Language language) {
        return name.in(language);
    }

    public static Optional<Section> fromSlug(String value) {
        return SlugLookup.lookup(values(), value, Section::slug);
    }

    @Override
    public String toString() {
        return slug.toUpperCase(Locale.ROOT);
    }
}
