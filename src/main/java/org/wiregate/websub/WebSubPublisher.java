package org.wiregate.websub;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.store.ArticleChanged;
import org.wiregate.store.EditionRepository;

/**
 * Tells the world a feed has new content: after a change commits, the topics whose content changed
 * are collected for a short window (a batch of items makes one notification per topic): every feed
 * the article is in, every feed its previous version was in (an article that left a tag leaves that
 * feed), and the feeds of its other-language editions, which link it. Then each configured external
 * hub is pinged (hub.mode=publish, hub.url=topic) and the built-in hub distributes the feed.
 */
@Component
public class WebSubPublisher {

    private static final Logger log = LoggerFactory.getLogger(WebSubPublisher.class);

    private final WebSubProperties properties;
    private final WebSubTopics topics;
    private final WebSubHub hub;
    private final WebSubHttp http;
    private final EditionRepository editions;
    private final Clock clock;
    private final Set<WebSubTopics.Topic> pendingTopics = new LinkedHashSet<>();
    /** Changed articles that have editions: their siblings' feeds are looked up when the window closes. */
    private final Set<ArticleId> pendingWithEditions = new LinkedHashSet<>();

    private boolean flushScheduled;

    public WebSubPublisher(
            WebSubProperties properties,
            WebSubTopics topics,
            WebSubHub hub,
            WebSubHttp http,
            EditionRepository editions,
            Clock clock) {
        this.properties = properties;
        this.topics = topics;
        this.hub = hub;
        this.http = http;
        this.editions = editions;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onArticleChanged(ArticleChanged event) {
        synchronized (this) {
            pendingTopics.addAll(topics.of(event.article()));
            if (event.previous() != null) {
                pendingTopics.addAll(topics.of(event.previous()));
            }
            if (event.article().editionGroup() != null) {
                pendingWithEditions.add(event.article().id());
            }
            if (flushScheduled || http.workers().isShutdown()) {
                return;
            }
            flushScheduled = true;
        }
        http.workers().schedule(this::flush, properties.coalesce().toMillis(), TimeUnit.MILLISECONDS);
    }

    void flush() {
        Set<WebSubTopics.Topic> changed;
        List<ArticleId> withEditions;
        synchronized (this) {
            changed = new LinkedHashSet<>(pendingTopics);
            withEditions = new ArrayList<>(pendingWithEditions);
            pendingTopics.clear();
            pendingWithEditions.clear();
            flushScheduled = false;
        }
        try {
            // The editions link the changed article: their feeds change with it.
            Map<ArticleId, List<Article>> siblings = editions.publishedSiblings(withEditions, clock.instant());
            siblings.values().forEach(list -> list.forEach(sibling -> changed.addAll(topics.of(sibling))));
        } catch (RuntimeException e) {
            log.warn(
                    "WebSub: cannot read the editions' feeds, notifying the changed article's feeds only: {}",
                    e.toString());
        }
        for (WebSubTopics.Topic topic : changed) {
            for (String external : properties.publishTo()) {
                http.workers().execute(() -> ping(external, topic.url()));
            }
            http.workers().execute(() -> hub.distribute(topic.url()));
        }
    }

    void ping(String externalHub, String topic) {
        String form = "hub.mode=publish&hub.url=" + URLEncoder.encode(topic, StandardCharsets.UTF_8);
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(externalHub))
                    .timeout(properties.requestTimeout())
                    .header(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = http.client().send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                log.warn(
                        "WebSub hub {} answered {} to the publish ping for {}",
                        externalHub,
                        response.statusCode(),
                        topic);
            }
        } catch (IOException | IllegalArgumentException e) {
            log.warn("WebSub hub {} not reached for {}: {}", externalHub, topic, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
