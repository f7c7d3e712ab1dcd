package org.wiregate.publish;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.wiregate.article.Language;

/** Feed titles and descriptions in the feed's own language. */
@Component
public class FeedTitles {

    private final String outlet;

    public FeedTitles(@Value("${gateway.outlet-name:Wiregate News}") String outlet) {
        this.outlet = outlet;
    }

    public String latest(Language language) {
        return outlet + " — "
                + switch (language) {
                    case EN -> "Latest news";
                    case AR -> "آخر الأخبار";
                    case ES -> "Últimas noticias";
                };
    }

    public String latestDescription(Language language) {
        return switch (language) {
            case EN -> "The latest stories from " + outlet + ", in English.";
            case AR -> "أحدث الأخبار من " + outlet + " باللغة العربية.";
            case ES -> "Las últimas noticias de " + outlet + ", en español.";
        };
    }

    /** "Wiregate News — سياسة", "Wiregate News — Última hora": the outlet and the slice's name. */
    public String slice(Language language, String label) {
        return outlet + " — " + label;
    }

    public String sliceDescription(Language language, String label) {
        return switch (language) {
            case EN -> label + ": the latest stories from " + outlet + ", in English.";
            case AR -> label + ": أحدث الأخبار من " + outlet + " باللغة العربية.";
            case ES -> label + ": las últimas noticias de " + outlet + ", en español.";
        };
    }

    /** The name of the language in itself, for catalogues. */
    public String languageName(Language language) {
        return switch (language) {
            case EN -> "English";
            case AR -> "العربية";
            case ES -> "Español";
        };
    }

    public String outlet() {
        return outlet;
    }
}
