package org.wiregate.article;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One article as readers and partners see it, whatever agency format it arrived in.
 *
 * @param revision        the gateway's revision counter: 1 on first arrival, +1 per accepted newer version
 * @param bodyHtml        sanitised HTML, safe to embed
 * @param agency          the agency that supplied the copy (AFP, EFE, ...)
 * @param creditLine      the credit line the agency asks for, e.g. "AFP via Demo Wire"
 * @param firstPublished  when the agency first released the story (UTC)
 * @param updated         when this version was released (UTC)
 * @param urgency         IPTC urgency 1 (flash) to 9 (lowest)
 * @param embargoUntil    null when not embargoed
 * @param editionGroup    key shared by the English, Arabic and Spanish editions of one story; null if unknown
 * @param correctionNote  what the latest correction changed, shown to readers; null when never corrected
 */
public record Article(
        ArticleId id,
        WireReference wire,
        int revision,
        Status status,
        Language language,
        String headline,
        String standfirst,
        String bodyHtml,
        String byline,
        String agency,
        String creditLine,
        String dateline,
        Instant firstPublished,
        Instant updated,
        Section section,
        ContentType contentType,
        List<Region> regions,
        List<String> tags,
        List<Image> images,
        List<RelatedLink> relatedLinks,
        int readingTimeMinutes,
        int urgency,
        boolean breaking,
        Instant embargoUntil,
        String editionGroup,
        String slug,
        String correctionNote) {

    /** An article that was never corrected. */
    public Article(
            ArticleId id,
            WireReference wire,
            int revision,
            Status status,
            Language language,
            String headline,
            String standfirst,
            String bodyHtml,
            String byline,
            String agency,
            String creditLine,
            String dateline,
            Instant firstPublished,
            Instant updated,
            Section section,
            ContentType contentType,
            List<Region> regions,
            List<String> tags,
            List<Image> images,
            List<RelatedLink> relatedLinks,
            int readingTimeMinutes,
            int urgency,
            boolean breaking,
            Instant embargoUntil,
            String editionGroup,
            String slug) {
        this(
                id,
                wire,
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
                updated,
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
                slug,
                null);
    }

    public Article {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(wire, "wire");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(firstPublished, "firstPublished");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(slug, "slug");
        if (headline == null || headline.isBlank()) {
            throw new IllegalArgumentException("article " + id + " has no headline");
        }
        if (revision < 1) {
            throw new IllegalArgumentException("revision starts at 1, got " + revision);
        }
        if (urgency < 1 || urgency > 9) {
            throw new IllegalArgumentException("urgency must be 1..9, got " + urgency);
        }
        if (updated.isBefore(firstPublished)) {
            updated = firstPublished;
        }
        standfirst = standfirst == null ? "" : standfirst;
        bodyHtml = bodyHtml == null ? "" : bodyHtml;
        regions = List.copyOf(regions);
        tags = List.copyOf(tags);
        images = List.copyOf(images);
        relatedLinks = List.copyOf(relatedLinks);
    }

    /** The one visibility rule every output uses: usable and out of embargo at {@code now}. */
    public boolean isPublishableAt(Instant now) {
        return status == Status.USABLE && (embargoUntil == null || !embargoUntil.isAfter(now));
    }

    /** The same version with an earlier first publication time (a later version keeps the original one). */
    public Article withFirstPublished(Instant first) {
        return new Article(
                id,
                wire,
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
                first,
                updated,
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
                slug,
                correctionNote);
    }

    public Article withRevision(int newRevision) {
        return new Article(
                id,
                wire,
                newRevision,
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
                updated,
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
                slug,
                correctionNote);
    }

    /** This version carrying the note of an earlier correction, when it has none of its own. */
    public Article withCorrectionNote(String note) {
        return new Article(
                id,
                wire,
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
                updated,
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
                slug,
                note);
    }
}
