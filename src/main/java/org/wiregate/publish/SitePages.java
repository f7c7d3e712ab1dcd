package org.wiregate.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
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

/**
 * The pages feed items link to: a plain, readable article page and a front page per language
 * with feed autodiscovery. They exist so every link in a feed resolves; the outlet's own websites
 * are expected to render the articles from the feeds or the partner API.
 */
@RestController
class SitePages {

    private final ArticleRepository articles;
    private final FeedTitles titles;
    private final PublicUrls urls;
    private final Clock clock;

    SitePages(ArticleRepository articles, FeedTitles titles, PublicUrls urls, Clock clock) {
        this.articles = articles;
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
        return page(language, titles.latest(language), body.toString(), HttpStatus.OK);
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
        StringBuilder body = new StringBuilder("<article><p><small>")
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
        return page(a.language(), a.headline(), body.toString(), HttpStatus.OK);
    }

    private ResponseEntity<String> page(Language language, String title, String body, HttpStatus status) {
        String html =
                "<!doctype html><html lang=\"" + language.code() + "\" dir=\"" + language.direction() + "\"><head>"
                        + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                        + "<title>" + esc(title) + "</title>"
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
