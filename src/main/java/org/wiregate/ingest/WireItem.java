package org.wiregate.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.wiregate.article.Image;
import org.wiregate.article.RelatedLink;

/**
 * One agency item as parsed, before any mapping: every field is what the agency said, or null.
 * Parsers fill it; the normaliser turns it into an {@link org.wiregate.article.Article}.
 *
 * @param slugline       the agency's short story label (NewsML-G2 slugline, IPTC 7901 keyword line)
 * @param correctionNote set when the agency marks this version a correction (NewsML-G2 sig:correction,
 *                       ninjs ednote): the note readers are shown; null otherwise
 */
public record WireItem(
        WireFormat format,
        String guid,
        String agencyVersion,
        Instant firstCreated,
        Instant versionCreated,
        String pubStatus,
        Integer urgency,
        String language,
        String headline,
        String standfirst,
        String bodyHtml,
        String byline,
        String located,
        String agency,
        String link,
        Instant embargoUntil,
        Map<String, String> altIds,
        List<WireCode> codes,
        List<String> keywords,
        List<Image> images,
        List<RelatedLink> relatedLinks,
        String slugline,
        String correctionNote) {

    /** An item without slugline or correction note (most RSS, Atom and ninjs copy). */
    public WireItem(
            WireFormat format,
            String guid,
            String agencyVersion,
            Instant firstCreated,
            Instant versionCreated,
            String pubStatus,
            Integer urgency,
            String language,
            String headline,
            String standfirst,
            String bodyHtml,
            String byline,
            String located,
            String agency,
            String link,
            Instant embargoUntil,
            Map<String, String> altIds,
            List<WireCode> codes,
            List<String> keywords,
            List<Image> images,
            List<RelatedLink> relatedLinks) {
        this(
                format,
                guid,
                agencyVersion,
                firstCreated,
                versionCreated,
                pubStatus,
                urgency,
                language,
                headline,
                standfirst,
                bodyHtml,
                byline,
                located,
                agency,
                link,
                embargoUntil,
                altIds,
                codes,
                keywords,
                images,
                relatedLinks,
                null,
                null);
    }

    public WireItem {
        altIds = altIds == null ? Map.of() : Map.copyOf(altIds);
        codes = codes == null ? List.of() : List.copyOf(codes);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        images = images == null ? List.of() : List.copyOf(images);
        relatedLinks = relatedLinks == null ? List.of() : List.copyOf(relatedLinks);
    }

    /** A short label for messages: the guid, or the headline when there is no guid. */
    public String label() {
        if (guid != null && !guid.isBlank()) {
            return guid;
        }
        return headline == null ? "(item without guid or headline)" : '"' + headline + '"';
    }
}
