package org.wiregate.article;

import java.util.Optional;

/** The world regions the websites group coverage by. */
public enum Region {
    AFRICA("africa", new LocalisedName("Africa", "أفريقيا", "África")),
    ASIA("asia", new LocalisedName("Asia", "آسيا", "Asia")),
    ASIA_PACIFIC("asia-pacific", new LocalisedName("Asia-Pacific", "آسيا والمحيط الهادئ", "Asia-Pacífico")),
    EUROPE("europe", new LocalisedName("Europe", "أوروبا", "Europa")),
    LATIN_AMERICA("latin-america", new LocalisedName("Latin America", "أمريكا اللاتينية", "América Latina")),
    MENA("mena", new LocalisedName("MENA", "الشرق الأوسط وشمال أفريقيا", "Oriente Medio y Norte de África")),
    PALESTINE("palestine", new LocalisedName("Palestine", "فلسطين", "Palestina")),
    US_AND_CANADA("us-canada", new LocalisedName("US & Canada", "الولايات المتحدة وكندا", "EE. UU. y Canadá"));

    private final String slug;
    private final LocalisedName name;

    Region(String slug, LocalisedName name) {
        this.slug = slug;
        this.name = name;
    }

    public String slug() {
        return slug;
    }

    public String nameIn(Language language) {
        return name.in(language);
    }

    public static Optional<Region> fromSlug(String value) {
        return SlugLookup.lookup(values(), value, Region::slug);
    }
}
