package org.wiregate.publish;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Language;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.EditionRepository;

/**
 * Google News sitemaps: {@code /sitemaps/news-{lang}.xml} (the articles first published in the
 * last two days, at most 1000, under 2 MB) and {@code /sitemaps/index.xml}.
 */
@RestController
class NewsSitemaps {

    static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static final String NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9";
    static final String XHTML_NS = "http://www.w3.org/1999/xhtml";
    static final int MAX_URLS = 1000;
    /** Google's limit is 50 MB for sitemaps, but news sitemaps are polled often: kept under 2 MB. */
    static final int MAX_BYTES = 2_000_000;

    private static final Duration WINDOW = Duration.ofDays(2);
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final String XML_UTF8 = "application/xml;charset=utf-8";

    private final ArticleRepository articles;
    private final FeedTitles titles;
    private final PublicUrls urls;
    private final Clock clock;
    private final FeedMaxAge maxAge;
    private final RenderGuard guard;
    /** Null in tests that render without a database: then no hreflang alternates. */
    private final EditionRepository editions;

    NewsSitemaps(ArticleRepository articles, FeedTitles titles, PublicUrls urls, Clock clock, FeedMaxAge maxAge) {
        this(articles, titles, urls, clock, maxAge, RenderGuard.detached());
    }

    NewsSitemaps(
            ArticleRepository articles,
            FeedTitles titles,
            PublicUrls urls,
            Clock clock,
            FeedMaxAge maxAge,
            RenderGuard guard) {
        this(articles, null, titles, urls, clock, maxAge, guard);
    }

    @Autowired
    NewsSitemaps(
            ArticleRepository articles,
            EditionRepository editions,
            FeedTitles titles,
            PublicUrls urls,
            Clock clock,
            FeedMaxAge maxAge,
            RenderGuard guard) {
        this.articles = articles;
        this.editions = editions;
        this.titles = titles;
        this.urls = urls;
        this.clock = clock;
        this.maxAge = maxAge;
        this.guard = guard;
    }

    @GetMapping(value = "/sitemaps/news-{lang}.xml", produces = XML_UTF8)
    ResponseEntity<byte[]> news(@PathVariable String lang) throws XMLStreamException {
        Language language = Language.fromTag(lang)
                .filter(l -> l.code().equals(lang))
                .orElseThrow(() ->
                        new ResponseStatusException(HttpStatus.NOT_FOUND, "no sitemap in language '" + lang + "'"));
        Instant now = clock.instant();
        return xml(render(language, articles.findPublishedSince(language, now.minus(WINDOW), now, MAX_URLS)));
    }

    /** The urlset, stopping before an entry that would take it past {@link #MAX_BYTES}. */
    byte[] render(Language language, List<Article> items) throws XMLStreamException {
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"" + SITEMAP_NS + "\" xmlns:news=\""
                + NEWS_NS + "\" xmlns:xhtml=\"" + XHTML_NS + "\">\n";
        List<Article> listed = items.subList(0, Math.min(items.size(), MAX_URLS));
        Map<ArticleId, List<Article>> siblings = editions == null || listed.isEmpty()
                ? Map.of()
                : editions.publishedSiblings(listed.stream().map(Article::id).toList(), clock.instant());
        String tail = "</urlset>\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        // Each entry alone: one that cannot be written is left out, not the whole sitemap (RenderGuard).
        for (byte[] entry : guard.each("sitemap", listed, article -> {
            try {
                return entry(language, article, siblings.getOrDefault(article.id(), List.of()));
            } catch (XMLStreamException e) {
                throw new IllegalStateException(e);
            }
        })) {
            if (out.size() + entry.length + tail.length() >= MAX_BYTES) {
                break;
            }
            out.writeBytes(entry);
        }
        out.writeBytes(tail.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private byte[] entry(Language language, Article article, List<Article> siblings) throws XMLStreamException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
        xml.setPrefix("news", NEWS_NS);
        xml.setPrefix("xhtml", XHTML_NS);
        xml.setDefaultNamespace(SITEMAP_NS);
        xml.writeStartElement(SITEMAP_NS, "url");
        element(xml, SITEMAP_NS, "loc", urls.article(article));
        alternates(xml, article, siblings);
        xml.writeStartElement(NEWS_NS, "news");
        xml.writeStartElement(NEWS_NS, "publication");
        element(xml, NEWS_NS, "name", titles.outlet());
        element(xml, NEWS_NS, "language", language.code());
        xml.writeEndElement();
        element(
                xml,
                NEWS_NS,
                "publication_date",
                RFC3339.format(article.firstPublished().truncatedTo(ChronoUnit.SECONDS)));
        element(xml, NEWS_NS, "title", article.headline());
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.close();
        return out.toByteArray();
    }

    /**
     * Google's hreflang in sitemaps: the url lists every edition, itself included, as
     * {@code <xhtml:link rel="alternate" hreflang="…" href="…"/>}; one edition per language.
     */
    private void alternates(XMLStreamWriter xml, Article article, List<Article> siblings) throws XMLStreamException {
        if (siblings.isEmpty()) {
            return;
        }
        Map<Language, Article> story = new EnumMap<>(Language.class);
        story.put(article.language(), article);
        siblings.forEach(s -> story.putIfAbsent(s.language(), s));
        for (Article edition : story.values()) {
            xml.writeEmptyElement(XHTML_NS, "link");
            xml.writeAttribute("rel", "alternate");
            xml.writeAttribute("hreflang", edition.language().code());
            xml.writeAttribute("href", urls.article(edition));
        }
    }

    @GetMapping(value = "/sitemaps/index.xml", produces = XML_UTF8)
    ResponseEntity<byte[]> index() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"")
                .append(SITEMAP_NS)
                .append("\">\n");
        for (Language language : Language.values()) {
            xml.append("<sitemap><loc>")
                    .append(HtmlUtils.htmlEscape(urls.newsSitemap(language)))
                    .append("</loc></sitemap>\n");
        }
        xml.append("</sitemapindex>\n");
        return xml(xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    private ResponseEntity<byte[]> xml(byte[] body) {
        return ResponseEntity.ok()
                .cacheControl(maxAge.cacheControl(FeedMaxAge.Kind.SLICE))
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.parseMediaType(XML_UTF8))
                .body(body);
    }

    private static void element(XMLStreamWriter xml, String ns, String name, String text) throws XMLStreamException {
        xml.writeStartElement(ns, name);
        // A CR written raw would be read back as LF (XML end-of-line handling): written as &#xD;, as the feeds do
        String[] lines = text.split("\r", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                xml.writeEntityRef("#xD");
            }
            xml.writeCharacters(lines[i]);
        }
        xml.writeEndElement();
    }
}
