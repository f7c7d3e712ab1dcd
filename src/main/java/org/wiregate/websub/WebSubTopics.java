package org.wiregate.websub;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.publish.FeedFormat;
import org.wiregate.publish.FeedSlice;
import org.wiregate.publish.PublicUrls;

/**
 * The topics of this gateway: the first page of every public feed in every format (main, breaking,
 * section, region, type and tag feeds), by its public URL.
 */
@Component
public class WebSubTopics {

    /** One feed a subscriber can follow; {@code url} is its canonical public URL. */
    public record Topic(Language language, FeedSlice slice, FeedFormat format, String url) {}

    /** What follows {@code {base}/feeds/}: a language, then breaking or kind/slug, then the format. */
    private static final Pattern FEED_PATH =
            Pattern.compile("([a-z]{2})(?:/(breaking)|/([a-z]+)/([^/?#]+))?\\.([a-z]+)");

    private final PublicUrls urls;
    private final String prefix;

    public WebSubTopics(PublicUrls urls) {
        this.urls = urls;
        this.prefix = urls.base() + "/feeds/";
    }

    /**
     * The topic a URL names, if it is the first page of one of the gateway's feeds. A tag may be
     * spelled as an IRI or percent-encoded; the topic carries the canonical URL either way.
     */
    public Optional<Topic> find(String url) {
        if (url == null || !url.startsWith(prefix)) {
            return Optional.empty();
        }
        Matcher m = FEED_PATH.matcher(url.substring(prefix.length()));
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<Language> language =
                Language.fromTag(m.group(1)).filter(l -> l.code().equals(m.group(1)));
        Optional<FeedFormat> format = FeedFormat.fromExtension(m.group(5));
        Optional<FeedSlice> slice;
        if (m.group(2) != null) {
            slice = Optional.of(FeedSlice.BREAKING);
        } else if (m.group(3) != null) {
            String slug;
            try {
                slug = URLDecoder.decode(m.group(4), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
            slice = FeedSlice.parse(m.group(3), slug);
        } else {
            slice = Optional.of(FeedSlice.ALL);
        }
        if (language.isEmpty() || format.isEmpty() || slice.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(topic(language.get(), slice.get(), format.get()));
    }

    public Topic topic(Language language, FeedSlice slice, FeedFormat format) {
        return new Topic(language, slice, format, urls.feed(language, slice, format, 1));
    }

    /** The main feeds of a language, in every format. */
    public List<Topic> of(Language language) {
        return of(language, FeedSlice.ALL);
    }

    /** One feed of a language in every format. */
    public List<Topic> of(Language language, FeedSlice slice) {
        List<Topic> topics = new ArrayList<>();
        for (FeedFormat format : FeedFormat.values()) {
            topics.add(topic(language, slice, format));
        }
        return topics;
    }

    /** Every feed an article is in (main, breaking, section, regions, type, tags), in every format. */
    public List<Topic> of(Article article) {
        List<Topic> topics = new ArrayList<>();
        for (FeedSlice slice : FeedSlice.of(article)) {
            topics.addAll(of(article.language(), slice));
        }
        return topics;
    }
}
