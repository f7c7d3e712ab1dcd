package org.wiregate.ingest;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Entities;

/** Text as every parser needs it: the first value an agency filled in, plain text, paragraphs, absolute links. */
final class WireText {

    private WireText() {}

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    static boolean isAbsoluteHttp(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://"));
    }

    /** The text of an HTML fragment (a headline or summary some agencies send as markup). */
    static String plainText(String html) {
        if (html == null) {
            return null;
        }
        return html.indexOf('<') < 0 ? html.trim() : Jsoup.parse(html).text();
    }

    /** Plain agency text to HTML paragraphs, one per line; escaping is left to jsoup. */
    static String paragraphs(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        StringBuilder html = new StringBuilder();
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                html.append("<p>").append(Entities.escape(line.trim())).append("</p>");
            }
        }
        return html.toString();
    }
}
