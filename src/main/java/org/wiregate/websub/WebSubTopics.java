package org.wiregate.websub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.wiregate.article.Language;
import org.wiregate.publish.FeedFormat;
import org.wiregate.publish.PublicUrls;

/** The topics of this gateway: the first page of each language's RSS, Atom and JSON feed, by its public URL. */
@Component
public class WebSubTopics {

    /** One feed a subscriber can follow. */
    public record Topic(Language language, FeedFormat format, String url) {}

    private final Map<String, Topic> byUrl = new LinkedHashMap<>();

    public WebSubTopics(PublicUrls urls) {
        for (Language language : Language.values()) {
            for (FeedFormat format : FeedFormat.values()) {
                String url = urls.feed(language, format, 1);
                byUrl.put(url, new Topic(language, format, url));
            }
        }
    }

    public Optional<Topic> find(String url) {
        return Optional.ofNullable(url == null ? null : byUrl.get(url));
    }

    public List<Topic> of(Language language) {
        return byUrl.values().stream().filter(t -> t.language() == language).toList();
    }
}
