package org.wiregate.article;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Lookup of the taxonomy enums by their URL slug. */
final class SlugLookup {

    private SlugLookup() {}

    static <E> Optional<E> lookup(E[] values, String slug, Function<E, String> slugOf) {
        if (slug == null) {
            return Optional.empty();
        }
        String wanted = slug.trim().toLowerCase(Locale.ROOT);
        for (E value : values) {
            if (slugOf.apply(value).equals(wanted)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
