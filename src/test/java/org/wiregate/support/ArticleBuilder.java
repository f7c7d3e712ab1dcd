package org.wiregate.support;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.ContentType;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.RelatedLink;
import org.wiregate.article.Section;
import org.wiregate.article.Status;
import org.wiregate.article.WireReference;

/**
 * Test-data builder for {@link Article}: a valid English news item by default, so a test names only
 * the fields it is about ({@code anArticle().language(Language.AR).headline("…").build()}).
 */
public final class ArticleBuilder {

    private String source = "demo";
    private String guid = "urn:test:item";
    private String agencyVersion = "1";
    private int revision = 1;
    private Status status = Status.USABLE;
    private Language language = Language.EN;
    private String headline = "Test headline";
    private String standfirst = "Test standfirst.";
    private String bodyHtml = "<p>Test body.</p>";
    private String byline = "By Staff";
    private String agency = "DEMO";
    private String creditLine = "DEMO";
    private String dateline;
    private Instant firstPublished = Instant.parse("2026-11-20T09:00:00Z");
    private Instant updated;
    private Section section = Section.POLITICS;
    private ContentType contentType = ContentType.NEWS;
    private List<Region> regions = List.of();
    private List<String> tags = List.of();
    private List<Image> images = List.of();
    private List<RelatedLink> relatedLinks = List.of();
    private int readingTimeMinutes = 1;
    private int urgency = 5;
    private boolean breaking;
    private Instant embargoUntil;
    private String editionGroup;
    private String slug;
    private String correctionNote;

    private ArticleBuilder() {}

    public static ArticleBuilder anArticle() {
        return new ArticleBuilder();
    }

    /**
     * A builder holding every field of {@code article}, to change one or two. The id is derived
     * from source and guid as always, so it is the article's own when that was derived the same way.
     */
    public static ArticleBuilder from(Article article) {
        ArticleBuilder b = new ArticleBuilder();
        b.source = article.wire().source();
        b.guid = article.wire().guid();
        b.agencyVersion = article.wire().agencyVersion();
        b.revision = article.revision();
        b.status = article.status();
        b.language = article.language();
        b.headline = article.headline();
        b.standfirst = article.standfirst();
        b.bodyHtml = article.bodyHtml();
        b.byline = article.byline();
        b.agency = article.agency();
        b.creditLine = article.creditLine();
        b.dateline = article.dateline();
        b.firstPublished = article.firstPublished();
        b.updated = article.updated();
        b.section = article.section();
        b.contentType = article.contentType();
        b.regions = article.regions();
        b.tags = article.tags();
        b.images = article.images();
        b.relatedLinks = article.relatedLinks();
        b.readingTimeMinutes = article.readingTimeMinutes();
        b.urgency = article.urgency();
        b.breaking = article.breaking();
        b.embargoUntil = article.embargoUntil();
        b.editionGroup = article.editionGroup();
        b.slug = article.slug();
        b.correctionNote = article.correctionNote();
        return b;
    }

    /** The source and agency guid the gateway id is derived from. */
    public ArticleBuilder wire(String source, String guid) {
        this.source = source;
        this.guid = guid;
        return this;
    }

    public ArticleBuilder source(String source) {
        this.source = source;
        return this;
    }

    public ArticleBuilder guid(String guid) {
        this.guid = guid;
        return this;
    }

    public ArticleBuilder agencyVersion(String agencyVersion) {
        this.agencyVersion = agencyVersion;
        return this;
    }

    public ArticleBuilder revision(int revision) {
        this.revision = revision;
        return this;
    }

    public ArticleBuilder status(Status status) {
        this.status = status;
        return this;
    }

    public ArticleBuilder language(Language language) {
        this.language = language;
        return this;
    }

    public ArticleBuilder headline(String headline) {
        this.headline = headline;
        return this;
    }

    public ArticleBuilder standfirst(String standfirst) {
        this.standfirst = standfirst;
        return this;
    }

    public ArticleBuilder bodyHtml(String bodyHtml) {
        this.bodyHtml = bodyHtml;
        return this;
    }

    public ArticleBuilder byline(String byline) {
        this.byline = byline;
        return this;
    }

    public ArticleBuilder agency(String agency) {
        this.agency = agency;
        return this;
    }

    public ArticleBuilder creditLine(String creditLine) {
        this.creditLine = creditLine;
        return this;
    }

    public ArticleBuilder dateline(String dateline) {
        this.dateline = dateline;
        return this;
    }

    public ArticleBuilder firstPublished(Instant firstPublished) {
        this.firstPublished = firstPublished;
        return this;
    }

    /** When this version was released; defaults to {@link #firstPublished}. */
    public ArticleBuilder updated(Instant updated) {
        this.updated = updated;
        return this;
    }

    /** First published and updated at the same instant. */
    public ArticleBuilder publishedAt(Instant time) {
        this.firstPublished = time;
        this.updated = time;
        return this;
    }

    public ArticleBuilder section(Section section) {
        this.section = section;
        return this;
    }

    public ArticleBuilder contentType(ContentType contentType) {
        this.contentType = contentType;
        return this;
    }

    public ArticleBuilder regions(Region... regions) {
        this.regions = List.of(regions);
        return this;
    }

    public ArticleBuilder regions(List<Region> regions) {
        this.regions = regions;
        return this;
    }

    public ArticleBuilder tags(String... tags) {
        this.tags = List.of(tags);
        return this;
    }

    public ArticleBuilder tags(List<String> tags) {
        this.tags = tags;
        return this;
    }

    public ArticleBuilder images(Image... images) {
        this.images = List.of(images);
        return this;
    }

    public ArticleBuilder images(List<Image> images) {
        this.images = images;
        return this;
    }

    public ArticleBuilder relatedLinks(List<RelatedLink> relatedLinks) {
        this.relatedLinks = relatedLinks;
        return this;
    }

    public ArticleBuilder readingTimeMinutes(int readingTimeMinutes) {
        this.readingTimeMinutes = readingTimeMinutes;
        return this;
    }

    public ArticleBuilder urgency(int urgency) {
        this.urgency = urgency;
        return this;
    }

    public ArticleBuilder breaking(boolean breaking) {
        this.breaking = breaking;
        return this;
    }

    public ArticleBuilder embargoUntil(Instant embargoUntil) {
        this.embargoUntil = embargoUntil;
        return this;
    }

    public ArticleBuilder editionGroup(String editionGroup) {
        this.editionGroup = editionGroup;
        return this;
    }

    /** URL slug; defaults to the guid's last path segment. */
    public ArticleBuilder slug(String slug) {
        this.slug = slug;
        return this;
    }

    public ArticleBuilder correctionNote(String correctionNote) {
        this.correctionNote = correctionNote;
        return this;
    }

    public Article build() {
        String itemSlug = slug != null ? slug : guid.replaceAll("^.*[:/]", "").toLowerCase(Locale.ROOT);
        return new Article(
                ArticleId.of(source, guid),
                new WireReference(source, guid, agencyVersion),
                revision,
                status,
                language,
                headline,
                standfirst,
                bodyHtml,
                byline,
                agency,
                creditLine,
                dateline,
                firstPublished,
                updated != null ? updated : firstPublished,
                section,
                contentType,
                regions,
                tags,
                images,
                relatedLinks,
                readingTimeMinutes,
                urgency,
                breaking,
                embargoUntil,
                editionGroup,
                itemSlug.isEmpty() ? "item" : itemSlug,
                correctionNote);
    }
}
