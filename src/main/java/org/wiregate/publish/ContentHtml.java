package org.wiregate.publish;

import org.jsoup.nodes.Entities;
import org.wiregate.article.Article;
import org.wiregate.article.Image;
import org.wiregate.article.Language;

/**
 * The full HTML an aggregator shows: lead image with caption and credit, then the body, wrapped
 * in an element carrying the language and direction so Arabic renders right-to-left in any reader.
 */
final class ContentHtml {

    private ContentHtml() {}

    static String of(Article article) {
        StringBuilder html = new StringBuilder(article.bodyHtml().length() + 512);
        html.append("<div lang=\"")
                .append(article.language().code())
                .append("\" dir=\"")
                .append(article.language().direction())
                .append("\">");
        if (!article.images().isEmpty()) {
            Image image = article.images().get(0);
            html.append("<figure><img src=\"")
                    .append(attr(image.url()))
                    .append("\" alt=\"")
                    .append(attr(image.caption() == null ? "" : image.caption()))
                    .append('"');
            if (image.width() > 0 && image.height() > 0) {
                html.append(" width=\"")
                        .append(image.width())
                        .append("\" height=\"")
                        .append(image.height())
                        .append('"');
            }
            html.append(">");
            String caption = caption(image);
            if (!caption.isEmpty()) {
                html.append("<figcaption>").append(Entities.escape(caption)).append("</figcaption>");
            }
            html.append("</figure>");
        }
        html.append(article.bodyHtml());
        if (article.correctionNote() != null) {
            html.append("<p><em>")
                    .append(correctionLabel(article.language()))
                    .append(": ")
                    .append(Entities.escape(article.correctionNote()))
                    .append("</em></p>");
        }
        html.append("</div>");
        return html.toString();
    }

    static String correctionLabel(Language language) {
        return switch (language) {
            case EN -> "Correction";
            case AR -> "تصحيح";
            case ES -> "Corrección";
        };
    }

    /** "Caption (Credit)", or whichever of the two exists. */
    static String caption(Image image) {
        String caption = image.caption() == null ? "" : image.caption();
        if (image.credit() == null) {
            return caption;
        }
        return caption.isEmpty() ? image.credit() : caption + " (" + image.credit() + ")";
    }

    private static String attr(String value) {
        return Entities.escape(value).replace("\"", "&quot;");
    }
}
