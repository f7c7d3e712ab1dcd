package org.wiregate.normalise;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Agency HTML through an allow-list: text structure, absolute http(s) links and images only.
 * Raw-text elements (script, style, noscript, iframe) are never allowed, so their content
 * cannot survive; event handlers and javascript: URLs are dropped with the attributes.
 */
public final class HtmlSanitiser {

    private static final Safelist ALLOWED = new Safelist()
            .addTags(
                    "p",
                    "br",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "blockquote",
                    "ul",
                    "ol",
                    "li",
                    "strong",
                    "em",
                    "b",
                    "i",
                    "u",
                    "sub",
                    "sup",
                    "figure",
                    "figcaption",
                    "cite",
                    "q",
                    "table",
                    "thead",
                    "tbody",
                    "tr",
                    "th",
                    "td",
                    "hr",
                    "a",
                    "img",
                    "span")
            .addAttributes("a", "href", "title")
            .addAttributes("img", "src", "alt", "width", "height")
            .addAttributes("th", "colspan", "rowspan")
            .addAttributes("td", "colspan", "rowspan")
            .addAttributes(":all", "dir", "lang")
            .addProtocols("a", "href", "https", "http", "mailto")
            .addProtocols("img", "src", "https", "http")
            .addEnforcedAttribute("a", "rel", "noopener");

    private final Cleaner cleaner = new Cleaner(ALLOWED);

    /** Safe HTML and its reader-visible text, from one parse. */
    public record Sanitised(String html, String text) {}

    /** Returns safe HTML; relative links lose their href (a feed has no base to resolve them against). */
    public String sanitise(String html) {
        return clean(html).html();
    }

    public Sanitised clean(String html) {
        if (html == null || html.isBlank()) {
            return new Sanitised("", "");
        }
        Document clean = cleaner.clean(Jsoup.parseBodyFragment(html));
        clean.select("img:not([src])").remove();
        for (Element link : clean.select("a:not([href])")) {
            link.unwrap();
        }
        clean.select("p:empty").remove();
        clean.outputSettings().prettyPrint(false);
        return new Sanitised(clean.body().html().trim(), clean.body().text().trim());
    }

    /** The reader-visible text of some HTML, for headlines, standfirsts and captions. */
    public static String text(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            return stripSpace(html.strip().replaceAll("\\s+", " ")); // plain text, the common case: no parse needed
        }
        return stripSpace(Jsoup.parseBodyFragment(html).text());
    }

    /**
     * Without space of any kind at either end: what {@link String#strip()} takes (U+2028, U+2029)
     * and the no-break spaces it leaves (U+00A0, U+202F), which trim() leaves too and feed readers
     * such as python3-feedparser strip, so a headline would read differently from one reader to the next.
     */
    private static String stripSpace(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isSpace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }
}
