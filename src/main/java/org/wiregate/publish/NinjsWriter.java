package org.wiregate.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Entities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.wiregate.article.Article;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Status;
import org.wiregate.normalise.TextRepair;

/**
 * IPTC ninjs 2.x (checked against the 2.2 schema, which allows no other properties): one article
 * with its lead picture and its other-language editions as associations.
 *
 * <p>Two choices the schema forces: tags are {@code subjects} with {@code rel: "keyword"} and a
 * {@code literal} (ninjs 2 has no {@code keywords}), and an edition is an association named
 * {@code "translation"} (associations carry a {@code name}, not a {@code rel}).
 */
@Component
public class NinjsWriter {

    private final ObjectMapper json = new ObjectMapper();
    private final PublicUrls urls;
    private final RenderGuard guard;

    /** A writer whose repairs are counted in a registry of its own (tests, benchmarks). */
    public NinjsWriter(PublicUrls urls) {
        this(urls, RenderGuard.detached());
    }

    @Autowired
    NinjsWriter(PublicUrls urls, RenderGuard guard) {
        this.urls = urls;
        this.guard = guard;
    }

    /**
     * @param editionGroup the article's current group (the store's, which automatic and operator
     *                     links change), null when it has none
     * @param editions     publishable editions in other languages; the first of each language is used
     */
    public ObjectNode item(Article article, String editionGroup, List<Article> editions) {
        return item(article, editionGroup, editions, Cut.WHOLE);
    }

    /**
     * How much of an item its reader gets. A canceled item is always a notice without body,
     * summary or picture; a summary-only contract gets headline and summary only, without body or
     * picture (its editions are still linked, by headline); partner items carry usage terms.
     */
    public record Cut(boolean summaryOnly, String usageTerms) {
        public static final Cut WHOLE = new Cut(false, null);
    }

    /** @param editions already filtered to what this reader may see */
    public ObjectNode item(Article stored, String editionGroup, List<Article> editions, Cut cut) {
        // JSON can carry any text, but not every reader of ninjs can: the same safe text as the feeds.
        Article article = safeOrStored(stored);
        Language language = article.language();
        boolean canceled = article.status() == Status.CANCELED;
        ObjectNode item = json.createObjectNode();
        item.put("uri", article.id().urn());
        item.put("type", "text");
        item.put("version", Integer.toString(article.revision()));
        item.put("firstcreated", article.firstPublished().toString());
        item.put("versioncreated", article.updated().toString());
        if (article.embargoUntil() != null) {
            item.put("embargoed", article.embargoUntil().toString());
        }
        item.put("pubstatus", article.status().name().toLowerCase(Locale.ROOT));
        item.put("urgency", article.urgency());
        item.put("language", language.code());
        if (article.correctionNote() != null) {
            item.put("ednote", ContentHtml.correctionLabel(language) + ": " + article.correctionNote());
        }
        item.set("headlines", json.createArrayNode().add(text("main", null, article.headline())));
        if (!article.standfirst().isEmpty() && !canceled) {
            item.set("descriptions", json.createArrayNode().add(text("summary", null, article.standfirst())));
        }
        if (!canceled && !cut.summaryOnly()) {
            item.set("bodies", json.createArrayNode().add(text("main", "text/html", body(article))));
        }
        if (cut.usageTerms() != null) {
            item.put("usageterms", cut.usageTerms());
        }
        if (article.byline() != null) {
            item.put("by", article.byline());
        }
        if (article.dateline() != null) {
            item.put("located", article.dateline());
        }
        if (article.agency() != null) {
            item.put("copyrightholder", article.agency());
        }
        if (article.creditLine() != null) {
            item.put("copyrightnotice", article.creditLine());
        }
        item.set("subjects", subjects(article));
        ArrayNode genres = item.putArray("genres");
        genres.addObject()
                .put("name", article.contentType().nameIn(language))
                .put("uri", taxonomy("type", article.contentType().slug()));

        ArrayNode associations = json.createArrayNode();
        if (!article.images().isEmpty() && !canceled && !cut.summaryOnly()) {
            associations.add(picture(article.images().get(0)));
        }
        Map<Language, Article> perLanguage = new EnumMap<>(Language.class);
        for (Article edition : editions) {
            if (edition.language() != language) {
                perLanguage.putIfAbsent(edition.language(), edition);
            }
        }
        perLanguage.values().forEach(edition -> associations.add(translation(edition)));
        if (!associations.isEmpty()) {
            item.set("associations", associations);
        }

        ArrayNode altids = item.putArray("altids");
        if (editionGroup != null) {
            altids.addObject().put("role", "edition-group").put("value", editionGroup);
        }
        altids.addObject()
                .put("role", "agency-guid")
                .put("value", article.wire().source() + ":" + article.wire().guid());
        return item;
    }

    /**
     * The article made safe; as stored when nothing of its headline would be left. A single item has
     * nothing to be left out of, and JSON escapes every character, so the document stays valid.
     */
    private Article safeOrStored(Article stored) {
        try {
            return guard.safe("ninjs", stored);
        } catch (IllegalArgumentException e) {
            return stored;
        }
    }

    public byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write ninjs", e);
        }
    }

    public ObjectMapper mapper() {
        return json;
    }

    /** The body as the feeds wrap it (language and direction), without the figure: the picture is an association. */
    static String body(Article article) {
        StringBuilder html = new StringBuilder(article.bodyHtml().length() + 128);
        html.append("<div lang=\"")
                .append(article.language().code())
                .append("\" dir=\"")
                .append(article.language().direction())
                .append("\">")
                .append(article.bodyHtml());
        if (article.correctionNote() != null) {
            html.append("<p><em>")
                    .append(ContentHtml.correctionLabel(article.language()))
                    .append(": ")
                    .append(Entities.escape(article.correctionNote()))
                    .append("</em></p>");
        }
        return html.append("</div>").toString();
    }

    private ArrayNode subjects(Article article) {
        ArrayNode subjects = json.createArrayNode();
        subjects.addObject()
                .put("name", article.section().nameIn(article.language()))
                .put("rel", "section")
                .put("uri", taxonomy("section", article.section().slug()));
        for (Region region : article.regions()) {
            subjects.addObject()
                    .put("name", region.nameIn(article.language()))
                    .put("rel", "region")
                    .put("uri", taxonomy("region", region.slug()));
        }
        for (String tag : article.tags()) {
            subjects.addObject().put("name", tag).put("rel", "keyword").put("literal", tag);
        }
        return subjects;
    }

    private ObjectNode picture(Image image) {
        ObjectNode picture = json.createObjectNode();
        picture.put("name", "featureimage");
        picture.put("uri", image.url());
        picture.put("type", "picture");
        if (image.caption() != null) {
            picture.set("descriptions", json.createArrayNode().add(text("caption", null, image.caption())));
        }
        if (image.credit() != null) {
            picture.put("by", image.credit());
            picture.put("copyrightholder", image.credit());
        }
        ObjectNode rendition = picture.putArray("renditions").addObject();
        rendition.put("name", "baseImage");
        rendition.put("href", image.url());
        if (image.mediaType() != null) {
            rendition.put("contenttype", image.mediaType());
        }
        if (image.width() > 0 && image.height() > 0) {
            rendition.put("width", image.width());
            rendition.put("height", image.height());
        }
        return picture;
    }

    private ObjectNode translation(Article edition) {
        ObjectNode association = json.createObjectNode();
        association.put("name", "translation");
        association.put("uri", edition.id().urn());
        association.put("type", "text");
        association.put("version", Integer.toString(edition.revision()));
        association.put("versioncreated", edition.updated().toString());
        association.put("language", edition.language().code());
        association.set(
                "headlines", json.createArrayNode().add(text("main", null, TextRepair.clean(edition.headline()))));
        return association;
    }

    private ObjectNode text(String role, String contentType, String value) {
        ObjectNode node = json.createObjectNode();
        node.put("role", role);
        if (contentType != null) {
            node.put("contenttype", contentType);
        }
        node.put("value", value);
        return node;
    }

    private String taxonomy(String kind, String slug) {
        return urls.base() + "/taxonomy/" + kind + "/" + slug;
    }
}
