package org.wiregate.websub;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.wiregate.article.Language;
import org.wiregate.store.ArticleChanged;
import org.wiregate.store.EditionRepository;

/**
 * Tells the world a feed has new content: after a change commits, the topics of the article's
 * language (and of its editions' languages, whose feeds link it) are collected for a short window
 * (a batch of items makes one notification per topic), then each configured external hub is
 * pinged (hub.mode=publish, hub.url=topic) and the built-in hub distributes the feed.
 */
@Component
public class WebSubPublisher {

    private static final Logger log = LoggerFactory.getLogger(WebSubPublisher.class);

    private final WebSubProperties properties;
    private final WebSubTopics topics;
    private final WebSubHub hub;
    private final WebSubHttp http;
    private final EditionRepository editions;
    private final Set<Language> pendingLanguages = EnumSet.noneOf(Language.class);
    private final Set<String> pendingGroups = new HashSet<>();
    private boolean flushScheduled;

    public WebSubPublisher(
            WebSubProperties properties,
            WebSubTopics topics,
            WebSubHub hub,
            WebSubHttp http,
            EditionRepository editions) {
        this.properties = properties;
        this.topics = topics;
        this.hub = hub;
        this.http = http;
        this.editions = editions;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onArticleChanged(ArticleChanged event) {
        synchronized (this) {
            pendingLanguages.add(event.article().language());
            if (event.article().editionGroup() != null) {
                pendingGroups.add(event.article().editionGroup());
            }
            if (flushScheduled || http.workers().isShutdown()) {
                return;
            }
            flushScheduled = true;
        }
        http.workers().schedule(this::flush, properties.coalesce().toMillis(), TimeUnit.MILLISECONDS);
    }

    void flush() {
        Set<Language> languages;
        Set<String> groups;
        synchronized (this) {
            languages = EnumSet.noneOf(Language.class);
            languages.addAll(pendingLanguages);
            groups = Set.copyOf(pendingGroups);
            pendingLanguages.clear();
            pendingGroups.clear();
            flushScheduled = false;
        }
        try {
            if (!groups.isEmpty()) {
                Map<String, Set<Language>> editionLanguages = editions.languagesOf(groups);
                editionLanguages.values().forEach(languages::addAll);
            }
        } catch (RuntimeException e) {
            log.warn("WebSub: cannot read edition languages, notifying the changed languages only: {}", e.toString());
        }
        for (Language language : languages) {
            for (WebSubTopics.Topic topic : topics.of(language)) {
                for (String external : properties.publishTo()) {
                    http.workers().execute(() -> ping(external, topic.url()));
                }
                http.workers().execute(() -> hub.distribute(topic.url()));
            }
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
