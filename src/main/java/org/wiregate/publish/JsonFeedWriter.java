package org.wiregate.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.wiregate.article.Article;

/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1) with the {@code _wire} extension carrying the
 * agency identity (source, guid, version). Field order is fixed so output is byte-stable.
 */
@Component
public class JsonFeedWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PublicUrls urls;
    private final RenderGuard guard;

    /** A writer whose left-out items are counted in a registry of its own (tests, benchmarks). */
    public JsonFeedWriter(PublicUrls urls) {
        this(urls, RenderGuard.detached());
    }

    @Autowired
    JsonFeedWriter(PublicUrls urls, RenderGuard guard) {
        this.urls = urls;
        this.guard = guard;
    }

    public byte[] write(FeedPage page) {
        ObjectNode feed = JSON.createObjectNode();
        feed.put("version", "https://jsonfeed.org/version/1.1");
        feed.put("title", page.title());
        feed.put("home_page_url", page.homeUrl());
        feed.put("feed_url", page.selfUrl());
        feed.put("description", page.description());
        feed.put("language", page.language().code());
        if (page.nextUrl() != null && !page.archived()) {
            feed.put("next_url", page.nextUrl());
        }
        if (page.hubUrl() != null) {
            feed.putArray("hubs").addObject().put("type", "WebSub").put("url", page.hubUrl());
        }
        if (page.terms() != null) {
            feed.putObject("_wiregate").put("rights", page.terms().rights());
        }
        FeedPage.Archive archive = page.archive();
        if (archive != null) {
            // RFC 5005 has no JSON Feed binding: the same links and marker in an extension object.
            ObjectNode links = feed.putObject("_archive");
            links.put("about", "https://www.rfc-editor.org/rfc/rfc5005#section-4");
            links.put("archive", archive.archived());
            if (archive.current() != null) {
                links.put("current_url", archive.current());
            }
            if (archive.prevArchive() != null) {
                links.put("prev_archive_url", archive.prevArchive());
            }
            if (archive.nextArchive() != null) {
                links.put("next_archive_url", archive.nextArchive());
            }
        }
        // Each item alone: one that cannot be written is left out, not the whole feed (RenderGuard).
        feed.putArray("items").addAll(guard.each("json", page.items(), article -> item(article, page)));
        try {
            return JSON.writeValueAsBytes(feed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON Feed", e);
        }
    }

    private ObjectNode item(Article article, FeedPage page) {
        List<FeedPage.EditionLink> editions = page.editionsOf(article);
        boolean whole = !page.summaryOnly();
        ObjectNode item = JSON.createObjectNode();
        item.put("id", article.id().urn());
        item.put("url", urls.article(article));
        item.put("title", article.headline());
        if (whole) {
            item.put("content_html", ContentHtml.of(article));
        } else {
            // JSON Feed requires content_html or content_text: the summary is all this reader's contract covers.
            item.put("content_text", article.standfirst().isEmpty() ? article.headline() : article.standfirst());
        }
        if (!article.standfirst().isEmpty()) {
            item.put("summary", article.standfirst());
        }
        if (!article.images().isEmpty() && whole) {
            item.put("image", article.images().get(0).url());
            ArrayNode attachments = item.putArray("attachments");
            article.images().forEach(image -> {
                ObjectNode attachment = attachments
                        .addObject()
                        .put("url", image.url())
                        .put("mime_type", image.mediaType() != null ? image.mediaType() : "image/jpeg");
                if (image.caption() != null) {
                    attachment.put("title", image.caption());
                }
            });
        }
        item.put("date_published", rfc3339(article.firstPublished()));
        item.put("date_modified", rfc3339(article.updated()));
        ArrayNode authors = item.putArray("authors");
        authors.addObject().put("name", article.byline() != null ? article.byline() : article.agency());
        ArrayNode tags = item.putArray("tags");
        ItemCategories.of(article).forEach(tags::add);
        item.put("language", article.language().code());

        if (!editions.isEmpty()) {
            ArrayNode links = item.putArray("_editions");
            for (FeedPage.EditionLink edition : editions) {
                links.addObject()
                        .put("language", edition.language().code())
                        .put("id", edition.id())
                        .put("url", edition.url());
            }
        }
        ObjectNode wire = item.putObject("_wire");
        wire.put("source", article.wire().source());
        wire.put("guid", article.wire().guid());
        if (article.wire().agencyVersion() != null) {
            wire.put("version", article.wire().agencyVersion());
        } else {
            wire.putNull("version");
        }
        wire.put("revision", article.revision());
        wire.put("agency", article.agency());
        wire.put("urgency", article.urgency());
        wire.put("breaking", article.breaking());
        wire.put("section", article.section().slug());
        wire.put("content_type", article.contentType().slug());
        ArrayNode regions = wire.putArray("regions");
        article.regions().forEach(r -> regions.add(r.slug()));
        if (whole) {
            // Counted from the body: a summary-only reader gets nothing of it.
            wire.put("reading_time_minutes", article.readingTimeMinutes());
        }
        if (article.editionGroup() != null) {
            wire.put("edition_group", article.editionGroup());
        }
        if (article.correctionNote() != null) {
            wire.put("correction", article.correctionNote());
        }
        if (!article.images().isEmpty() && whole) {
            ArrayNode images = wire.putArray("images");
            article.images().forEach(image -> {
                ObjectNode node = images.addObject();
                node.put("url", image.url());
                node.put("caption", image.caption());
                node.put("credit", image.credit());
                if (image.width() > 0) {
                    node.put("width", image.width());
                    node.put("height", image.height());
                }
            });
        }
        String usageTerms = page.usageTermsOf(article);
        Instant embargo = page.embargoOf(article);
        if (usageTerms != null || embargo != null) {
            ObjectNode terms = item.putObject("_wiregate");
            if (usageTerms != null) {
                terms.put("usage_terms", usageTerms);
            }
            if (embargo != null) {
                terms.put("embargoed", rfc3339(embargo));
            }
        }
        return item;
    }

    static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
