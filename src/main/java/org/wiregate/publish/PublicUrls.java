package org.wiregate.publish;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.wiregate.article.Article;
import org.wiregate.article.Language;

/**
 * Every absolute URL the gateway writes, built from {@code gateway.public-base-url} and never
 * from the request's Host header, which a client controls (cache poisoning) and which differs
 * behind a proxy.
 */
@Component
public class PublicUrls {

    private final String base;
    private final String hub;

    public PublicUrls(String baseUrl) {
        this(baseUrl, "");
    }

    /** @param hubUrl the WebSub hub feeds name ({@code gateway.websub.hub-url}); blank: the built-in hub */
    @Autowired
    public PublicUrls(
            @Value("${gateway.public-base-url}") String baseUrl, @Value("${gateway.websub.hub-url:}") String hubUrl) {
        this.base = absolute("gateway.public-base-url", baseUrl).replaceAll("/+$", "");
        this.hub =
                hubUrl == null || hubUrl.isBlank() ? base + "/websub/hub" : absolute("gateway.websub.hub-url", hubUrl);
    }

    private static String absolute(String property, String url) {
        URI uri = URI.create(url.trim());
        if (!uri.isAbsolute()
                || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalStateException(property + " must be an absolute http(s) URL, got '" + url + "'");
        }
        return url.trim();
    }

    public String base() {
        return base;
    }

    /** The WebSub hub every feed names with rel="hub". */
    public String hub() {
        return hub;
    }

    public String feed(Language language, FeedFormat format, int page) {
        String url = base + "/feeds/" + language.code() + "." + format.extension();
        return page <= 1 ? url : url + "?page=" + page;
    }

    /** Any feed: the main one, breaking news, or a section, region, tag or type (tag keys percent-encoded). */
    public String feed(Language language, FeedSlice slice, FeedFormat format, int page) {
        return feed("/feeds", language, slice, format, page);
    }

    /**
     * The same feed URL under another root path: {@code /partner/feeds} for partner feeds.
     *
     * @param root a path starting with a slash, from code (never from a request)
     */
    public String feed(String root, Language language, FeedSlice slice, FeedFormat format, int page) {
        String url = base + root + "/" + language.code()
                + (slice.kind() == FeedSlice.Kind.ALL
                        ? ""
                        : "/" + slice.kind().segment()
                                + (slice.slug() == null
                                        ? ""
                                        : "/" + URLEncoder.encode(slice.slug(), StandardCharsets.UTF_8)))
                + "." + format.extension();
        return page <= 1 ? url : url + "?page=" + page;
    }

    /** The feed catalogue page in a language. */
    public String catalogue(Language language) {
        return base + "/feeds" + (language == Language.EN ? "" : "?lang=" + language.code());
    }

    public String newsSitemap(Language language) {
        return base + "/sitemaps/news-" + language.code() + ".xml";
    }

    /** The language's front page on the gateway: its latest headlines. */
    public String home(Language language) {
        return base + "/" + language.code() + "/";
    }

    /**
     * Stable for the life of the article: the id never changes; the slug is only for people.
     * Arabic slugs are percent-encoded, since RSS and Atom links must be URIs, not IRIs.
     */
    public String article(Article article) {
        return base + "/" + article.language().code() + "/articles/"
                + article.id().value() + "/" + URLEncoder.encode(article.slug(), StandardCharsets.UTF_8);
    }
}
