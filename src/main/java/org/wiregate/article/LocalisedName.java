package org.wiregate.article;

import java.util.Objects;

/** A name as each desk writes it, so the Arabic feed says سياسة and not Politics. */
public record LocalisedName(String en, String ar, String es) {

    public LocalisedName {
        Objects.requireNonNull(en, "en");
        Objects.requireNonNull(ar, "ar");
        Objects.requireNonNull(es, "es");
    }

    public String in(Language language) {
        return switch (language) {
            case EN -> en;
            case AR -> ar;
            case ES -> es;
        };
    }
}
