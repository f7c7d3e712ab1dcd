package org.wiregate.article;

import java.util.Locale;
import java.util.Optional;

/** The languages the outlet publishes: one website, one set of feeds each. */
public enum Language {
    EN("en", false),
    AR("ar", true),
    ES("es", false);

    private final String code;
    private final boolean rightToLeft;

    Language(String code, boolean rightToLeft) {
        this.code = code;
        this.rightToLeft = rightToLeft;
    }

    /** BCP 47 primary subtag, as used in feed URLs, xml:lang and JSON Feed {@code language}. */
    public String code() {
        return code;
    }

    public boolean isRightToLeft() {
        return rightToLeft;
    }

    /** HTML {@code dir} value for content in this language. */
    public String direction() {
        return rightToLeft ? "rtl" : "ltr";
    }

    public Locale locale() {
        return Locale.forLanguageTag(code);
    }

    /** Reads a language tag as agencies send it ("ar", "AR", "es-419", "en_GB"); empty when we do not publish it. */
    public static Optional<Language> fromTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String primary = tag.trim().replace('_', '-').split("-", 2)[0].toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            if (language.code.equals(primary)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }
}
