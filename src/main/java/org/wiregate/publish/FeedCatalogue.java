package org.wiregate.publish;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.store.ArticleRepository;

/**
 * The feeds the gateway serves: {@code /feeds} as a page per language (with autodiscovery of the
 * main feeds) and {@code /feeds.opml} for feed readers to import them at once. Every fixed slice is
 * listed; of the tags, only those with copy first published in the last {@code tag-window}, at most
 * {@code max-tags} per language (most such copy first), so the catalogue stays the size of the
 * news, not of the archive. Every other tag feed is still served at its URL.
 */
@RestController
class FeedCatalogue {

    /** One feed of a language, titled as the feed itself is. */
    record Entry(Language language, FeedSlice slice, String title) {}

    private final ArticleRepository articles;
    private final FeedTitles titles;
    private final PublicUrls urls;
    private final Clock clock;
    private final FeedMaxAge maxAge;
    private final Duration tagWindow;
    private final int maxTags;

    FeedCatalogue(
            ArticleRepository articles,
            FeedTitles titles,
            PublicUrls urls,
            Clock clock,
            FeedMaxAge maxAge,
            @Value("${gateway.feeds.catalogue.tag-window:P7D}") Duration tagWindow,
            @Value("${gateway.feeds.catalogue.max-tags:100}") int maxTags) {
        this.tagWindow = tagWindow;
        this.maxTags = maxTags;
        this.articles = articles;
        this.titles = titles;
        this.urls = urls;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** All, breaking, each section, region and content type, and the tags with recent copy. */
    List<Entry> feedsOf(Language language, Instant now) {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(language, FeedSlice.ALL, titles.latest(language)));
        entries.add(slice(language, FeedSlice.BREAKING, FeedSlice.BREAKING.label(language)));
        for (Section section : Section.values()) {
            entries.add(slice(language, FeedSlice.section(section), section.nameIn(language)));
        }
        for (Region region : Region.values()) {
            entries.add(slice(language, FeedSlice.region(region), region.nameIn(language)));
        }
        for (ContentType type : ContentType.values()) {
            entries.add(slice(language, FeedSlice.type(type), type.nameIn(language)));
        }
        for (ArticleRepository.PublishedTag tag : articles.recentTags(language, now.minus(tagWindow), now, maxTags)) {
            FeedSlice.tag(tag.key()).ifPresent(slice -> entries.add(slice(language, slice, tag.name())));
        }
        return entries;
    }

    private Entry slice(Language language, FeedSlice slice, String label) {
        return new Entry(language, slice, titles.slice(language, label));
    }

    @GetMapping(value = "/feeds", produces = MediaType.TEXT_HTML_VALUE + ";charset=utf-8")
    ResponseEntity<String> page(@RequestParam(defaultValue = "en") String lang) {
        Language language = Language.fromTag(lang)
                .filter(l -> l.code().equals(lang))
                .orElseThrow(
                        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no feeds in language '" + lang + "'"));
        String heading = titles.outlet() + " — "
                + switch (language) {
                    case EN -> "Feeds";
                    case AR -> "خلاصات الأخبار";
                    case ES -> "Canales de noticias";
                };
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"")
                .append(language.code())
                .append("\" dir=\"")
                .append(language.direction())
                .append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(esc(heading))
                .append("</title>");
        for (FeedFormat format : FeedFormat.values()) {
            html.append("<link rel=\"alternate\" type=\"")
                    .append(format.mediaType().split(";")[0])
                    .append("\" href=\"")
                    .append(esc(urls.feed(language, format, 1)))
                    .append("\" title=\"")
                    .append(esc(titles.latest(language)))
                    .append("\">");
        }
        html.append(
                        "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.55}")
                .append("small{color:#555}</style></head><body><h1>")
                .append(esc(heading))
                .append("</h1><p>");
        for (Language other : Language.values()) {
            html.append("<a lang=\"")
                    .append(other.code())
                    .append("\" hreflang=\"")
                    .append(other.code())
                    .append("\" href=\"")
                    .append(esc(urls.catalogue(other)))
                    .append("\">")
                    .append(esc(titles.languageName(other)))
                    .append("</a> ");
        }
        html.append("· <a href=\"").append(esc(urls.base())).append("/feeds.opml\">OPML</a></p><ul>");
        for (Entry entry : feedsOf(language, clock.instant())) {
            html.append("<li>").append(esc(entry.title())).append(" <small>");
            for (FeedFormat format : FeedFormat.values()) {
                html.append("<a href=\"")
                        .append(esc(urls.feed(language, entry.slice(), format, 1)))
                        .append("\" type=\"")
                        .append(format.mediaType().split(";")[0])
                        .append("\">")
                        .append(format.extension().toUpperCase(Locale.ROOT))
                        .append("</a> ");
            }
            html.append("</small></li>");
        }
        html.append("</ul></body></html>");
        return ResponseEntity.ok()
                .cacheControl(maxAge.cacheControl(FeedMaxAge.Kind.SLICE))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .body(html.toString());
    }

    /** OPML 2.0: one outline per language, in it one per feed and format, titled in the feed's language. */
    @GetMapping(value = "/feeds.opml", produces = "text/x-opml;charset=utf-8")
    ResponseEntity<byte[]> opml() throws XMLStreamException {
        Instant now = clock.instant();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("opml");
        xml.writeAttribute("version", "2.0");
        xml.writeStartElement("head");
        element(xml, "title", titles.outlet());
        xml.writeEndElement();
        xml.writeStartElement("body");
        for (Language language : Language.values()) {
            // A folder is text only: the W3C checker wants a type on any outline with more (OPML 2.0 has none for
            // folders).
            xml.writeStartElement("outline");
            xml.writeAttribute("text", titles.languageName(language));
            for (Entry entry : feedsOf(language, now)) {
                for (FeedFormat format : FeedFormat.values()) {
                    // OPML 2.0: type="rss" for every subscription, whatever its format; version only
                    // where OPML names one (RSS2), so Atom and JSON Feed outlines carry none.
                    xml.writeEmptyElement("outline");
                    xml.writeAttribute("type", "rss");
                    xml.writeAttribute("text", entry.title());
                    xml.writeAttribute("title", entry.title());
                    if (format == FeedFormat.RSS) {
                        xml.writeAttribute("version", "RSS2");
                    }
                    xml.writeAttribute("language", language.code());
                    xml.writeAttribute("xmlUrl", urls.feed(language, entry.slice(), format, 1));
                    xml.writeAttribute("htmlUrl", urls.home(language));
                }
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return ResponseEntity.ok()
                .cacheControl(maxAge.cacheControl(FeedMaxAge.Kind.SLICE))
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.parseMediaType("text/x-opml;charset=utf-8"))
                .body(out.toByteArray());
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
