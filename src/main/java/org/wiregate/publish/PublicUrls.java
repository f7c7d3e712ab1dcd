package org.wiregate.publish;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

    public PublicUrls(@Value("${gateway.public-base-url}") String baseUrl) {
        URI uri = URI.create(baseUrl.trim());
        if (!uri.isAbsolute() || uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalStateException("gateway.public-base-url must be an absolute http(s) URL, got '" + baseUrl + "'");
        }
        this.base = baseUrl.trim().replaceAll("/+$", "");
    }

    public String base() {
        return base;
    }

    public String feed(Language language, FeedFormat format, int page) {
        String url = base + "/feeds/" + language.code() + "." + format.extension();
        return page <= 1 ? url : url + "?page=" + page;
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
        return base + "/" + article.language().code() + "/articles/" + article.id().value() + "/"
                + URLEncoder.encode(article.slug(), StandardCharsets.UTF_8);
    }
}
