package org.wiregate.publish;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
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
import org.wiregate.article.Status;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.EditionRepository;

/**
 * The pages feed items link to: a plain, readable article page and a front page per language
 * with feed autodiscovery. They exist so every link in a feed resolves; the outlet's own websites
 * are expected to render the articles from the feeds or the partner API.
 */
@RestController
class SitePages {

    private final ArticleRepository articles;
    private final EditionRepository editions;
    private final FeedTitles titles;
    private final PublicUrls urls;
    private final Clock clock;

    SitePages(ArticleRepository articles, EditionRepository editions, FeedTitles titles, PublicUrls urls, Clock clock) {
        this.articles = articles;
        this.editions = editions;
        this.titles = titles;
        this.urls = urls;
        this.clock = clock;
    }

    @GetMapping(value = "/{lang:en|ar|es}/", produces = MediaType.TEXT_HTML_VALUE + ";charset=utf-8")
    ResponseEntity<String> home(@PathVariable String lang) {
        Language language = Language.fromTag(lang).orElseThrow();
        List<Article> latest = articles.findPublished(language, clock.instant(), 50, 0);
        StringBuilder body =
                new StringBuilder("<h1>").append(esc(titles.latest(language))).append("</h1><ul>");
        for (Article a : latest) {
            body.append("<li><a href=\"")
                    .append(esc(urls.article(a)))
                    .append("\">")
                    .append(esc(a.headline()))
                    .append("</a> <small>")
                    .append(esc(a.section().nameIn(language)))
                    .append(" · ")
                    .append(date(a.firstPublished(), language))
                    .append("</small></li>");
        }
        body.append("</ul>");
        return page(language, titles.latest(language), "", body.toString(), HttpStatus.OK);
    }

    @GetMapping(
            value = {"/{lang:en|ar|es}/articles/{id}", "/{lang:en|ar|es}/articles/{id}/{slug}"},
            produces = MediaType.TEXT_HTML_VALUE + ";charset=utf-8")
    ResponseEntity<String> article(@PathVariable String lang, @PathVariable String id) {
        ArticleId articleId;
        try {
            articleId = new ArticleId(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Article a = articles.find(articleId)
                .filter(found -> found.language().code().equals(lang))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (a.status() == Status.CANCELED) {
            throw new ResponseStatusException(HttpStatus.GONE, "this article was withdrawn by the agency");
        }
        if (!a.isPublishableAt(clock.instant())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        List<Article> story = editionsOf(a);
        StringBuilder body = new StringBuilder(editionSwitch(a, story))
                .append("<article><p><small>")
                .append(esc(a.section().nameIn(a.language())))
                .append("</small></p><h1>")
                .append(esc(a.headline()))
                .append("</h1>");
        if (!a.standfirst().isEmpty()) {
            body.append("<p><strong>").append(esc(a.standfirst())).append("</strong></p>");
        }
        body.append("<p><small>");
        if (a.byline() != null) {
            body.append(esc(a.byline())).append(" · ");
        }
        body.append(esc(a.agency()))
                .append(" · ")
                .append(date(a.firstPublished(), a.language()))
                .append(" · ")
                .append(a.readingTimeMinutes())
                .append(" min</small></p>")
                .append(ContentHtml.of(a))
                .append("<p><small>")
                .append(esc(String.join(" · ", ItemCategories.of(a))))
                .append("</small></p></article>");
        return page(a.language(), a.headline(), alternates(story), body.toString(), HttpStatus.OK);
    }

    /** The article and its published editions, one per language, in the order en, ar, es. */
    private List<Article> editionsOf(Article article) {
        Map<Language, Article> byLanguage = new EnumMap<>(Language.class);
        byLanguage.put(article.language(), article);
        for (Article sibling : editions.publishedSiblings(List.of(article.id()), clock.instant())
                .getOrDefault(article.id(), List.of())) {
            byLanguage.putIfAbsent(sibling.language(), sibling); // newest first within a language
        }
        return List.copyOf(byLanguage.values());
    }

    /**
     * {@code <link rel="alternate" hreflang>} for every edition, the page itself included (search
     * engines want the set to be the same on every page of it); x-default is the English edition.
     */
    private String alternates(List<Article> story) {
        if (story.size() < 2) {
            return "";
        }
        StringBuilder links = new StringBuilder();
        for (Article edition : story) {
            links.append("<link rel=\"alternate\" hreflang=\"")
                    .append(edition.language().code())
                    .append("\" href=\"")
                    .append(esc(urls.article(edition)))
                    .append("\">");
        }
        story.stream()
                .filter(edition -> edition.language() == Language.EN)
                .findFirst()
                .ifPresent(english -> links.append("<link rel=\"alternate\" hreflang=\"x-default\" href=\"")
                        .append(esc(urls.article(english)))
                        .append("\">"));
        return links.toString();
    }

    /** English · العربية · Español: each edition named in its own language, the page's own not a link. */
    private String editionSwitch(Article current, List<Article> story) {
        if (story.size() < 2) {
            return "";
        }
        StringBuilder nav = new StringBuilder("<nav class=\"editions\" aria-label=\"")
                .append(esc(EDITIONS_LABEL.get(current.language())))
                .append("\"><p>");
        for (int i = 0; i < story.size(); i++) {
            Article edition = story.get(i);
            Language l = edition.language();
            if (i > 0) {
                nav.append(" · ");
            }
            String attributes = " lang=\"" + l.code() + "\" dir=\"" + l.direction() + "\"";
            if (edition == current) {
                nav.append("<strong aria-current=\"page\"").append(attributes).append('>');
                nav.append(esc(nativeName(l))).append("</strong>");
            } else {
                nav.append("<a href=\"")
                        .append(esc(URI.create(urls.article(edition)).getRawPath()))
                        .append("\" hreflang=\"")
                        .append(l.code())
                        .append('"')
                        .append(attributes)
                        .append('>')
                        .append(esc(nativeName(l)))
                        .append("</a>");
            }
        }
        return nav.append("</p></nav>").toString();
    }

    private static final Map<Language, String> EDITIONS_LABEL =
            Map.of(Language.EN, "Editions", Language.AR, "الطبعات", Language.ES, "Ediciones");

    /** The language's name in itself, as a reader of it looks for it: English, العربية, Español. */
    static String nativeName(Language language) {
        String name = language.locale().getDisplayLanguage(language.locale());
        return name.substring(0, 1).toUpperCase(language.locale()) + name.substring(1);
    }

    private ResponseEntity<String> page(Language language, String title, String head, String body, HttpStatus status) {
        String html =
                "<!doctype html><html lang=\"" + language.code() + "\" dir=\"" + language.direction() + "\"><head>"
                        + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                        + "<title>" + esc(title) + "</title>"
                        + head
                        + alternate("application/rss+xml", urls.feed(language, FeedFormat.RSS, 1), language)
                        + alternate("application/atom+xml", urls.feed(language, FeedFormat.ATOM, 1), language)
                        + alternate("application/feed+json", urls.feed(language, FeedFormat.JSON, 1), language)
                        + "<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.55}"
                        + "img{max-width:100%;height:auto}figcaption,small{color:#555}</style></head><body>"
                        + body + "</body></html>";
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic())
                .header("X-Content-Type-Options", "nosniff")
                .header(
                        "Content-Security-Policy",
                        "default-src 'none'; img-src https: http:; style-src 'unsafe-inline'")
                .body(html);
    }

    private String alternate(String type, String href, Language language) {
        return "<link rel=\"alternate\" type=\"" + type + "\" href=\"" + esc(href) + "\" title=\""
                + esc(titles.latest(language)) + "\">";
    }

    private static String date(Instant instant, Language language) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                        .withLocale(language.locale())
                        .withZone(ZoneOffset.UTC)
                        .format(instant)
                + " UTC";
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
