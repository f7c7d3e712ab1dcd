package org.wiregate.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wiregate.article.Image;
import org.wiregate.article.RelatedLink;
import org.wiregate.ingest.WireCode;
import org.wiregate.ingest.WireFormat;
import org.wiregate.ingest.WireItem;

/**
 * Test-data builder for {@link WireItem}: a plain English ninjs item by default, so a test names only
 * the fields it is about ({@code aWireItem().language("ar").code(WireCode.Kind.PLACE, "", "SY", "Syria").build()}).
 */
public final class WireItemBuilder {

    private WireFormat format = WireFormat.NINJS_2;
    private String guid = "urn:test:item";
    private String agencyVersion = "1";
    private Instant firstCreated = Instant.parse("2026-11-20T09:00:00Z");
    private Instant versionCreated;
    private String pubStatus;
    private Integer urgency;
    private String language = "en";
    private String headline = "Test headline";
    private String standfirst = "A standfirst.";
    private String bodyHtml = "<p>Some body text.</p>";
    private String byline = "Staff";
    private String located;
    private String agency = "Acme";
    private String link;
    private Instant embargoUntil;
    private final Map<String, String> altIds = new LinkedHashMap<>();
    private final List<WireCode> codes = new ArrayList<>();
    private final List<String> keywords = new ArrayList<>();
    private final List<Image> images = new ArrayList<>();
    private final List<RelatedLink> relatedLinks = new ArrayList<>();
    private String slugline;
    private String correctionNote;

    private WireItemBuilder() {}

    public static WireItemBuilder aWireItem() {
        return new WireItemBuilder();
    }

    /** A builder holding every field of {@code item}, to change one or two. */
    public static WireItemBuilder from(WireItem item) {
        WireItemBuilder b = new WireItemBuilder();
        b.format = item.format();
        b.guid = item.guid();
        b.agencyVersion = item.agencyVersion();
        b.firstCreated = item.firstCreated();
        b.versionCreated = item.versionCreated();
        b.pubStatus = item.pubStatus();
        b.urgency = item.urgency();
        b.language = item.language();
        b.headline = item.headline();
        b.standfirst = item.standfirst();
        b.bodyHtml = item.bodyHtml();
        b.byline = item.byline();
        b.located = item.located();
        b.agency = item.agency();
        b.link = item.link();
        b.embargoUntil = item.embargoUntil();
        b.altIds.putAll(item.altIds());
        b.codes.addAll(item.codes());
        b.keywords.addAll(item.keywords());
        b.images.addAll(item.images());
        b.relatedLinks.addAll(item.relatedLinks());
        b.slugline = item.slugline();
        b.correctionNote = item.correctionNote();
        return b;
    }

    public WireItemBuilder format(WireFormat format) {
        this.format = format;
        return this;
    }

    public WireItemBuilder guid(String guid) {
        this.guid = guid;
        return this;
    }

    public WireItemBuilder agencyVersion(String agencyVersion) {
        this.agencyVersion = agencyVersion;
        return this;
    }

    public WireItemBuilder firstCreated(Instant firstCreated) {
        this.firstCreated = firstCreated;
        return this;
    }

    /** When this version was released; defaults to {@link #firstCreated}. */
    public WireItemBuilder versionCreated(Instant versionCreated) {
        this.versionCreated = versionCreated;
        return this;
    }

    /** First created and version created at the same instant. */
    public WireItemBuilder createdAt(Instant time) {
        this.firstCreated = time;
        this.versionCreated = time;
        return this;
    }

    public WireItemBuilder pubStatus(String pubStatus) {
        this.pubStatus = pubStatus;
        return this;
    }

    public WireItemBuilder urgency(Integer urgency) {
        this.urgency = urgency;
        return this;
    }

    public WireItemBuilder language(String language) {
        this.language = language;
        return this;
    }

    public WireItemBuilder headline(String headline) {
        this.headline = headline;
        return this;
    }

    public WireItemBuilder standfirst(String standfirst) {
        this.standfirst = standfirst;
        return this;
    }

    public WireItemBuilder bodyHtml(String bodyHtml) {
        this.bodyHtml = bodyHtml;
        return this;
    }

    public WireItemBuilder byline(String byline) {
        this.byline = byline;
        return this;
    }

    public WireItemBuilder located(String located) {
        this.located = located;
        return this;
    }

    public WireItemBuilder agency(String agency) {
        this.agency = agency;
        return this;
    }

    public WireItemBuilder link(String link) {
        this.link = link;
        return this;
    }

    public WireItemBuilder embargoUntil(Instant embargoUntil) {
        this.embargoUntil = embargoUntil;
        return this;
    }

    public WireItemBuilder altId(String role, String value) {
        this.altIds.put(role, value);
        return this;
    }

    public WireItemBuilder code(WireCode.Kind kind, String scheme, String code, String name) {
        this.codes.add(new WireCode(kind, scheme, code, name));
        return this;
    }

    /** Replaces the codes. */
    public WireItemBuilder codes(List<WireCode> codes) {
        this.codes.clear();
        this.codes.addAll(codes);
        return this;
    }

    public WireItemBuilder keywords(String... keywords) {
        this.keywords.clear();
        this.keywords.addAll(List.of(keywords));
        return this;
    }

    public WireItemBuilder image(Image image) {
        this.images.add(image);
        return this;
    }

    public WireItemBuilder relatedLink(RelatedLink link) {
        this.relatedLinks.add(link);
        return this;
    }

    public WireItemBuilder slugline(String slugline) {
        this.slugline = slugline;
        return this;
    }

    public WireItemBuilder correctionNote(String correctionNote) {
        this.correctionNote = correctionNote;
        return this;
    }

    public WireItem build() {
        return new WireItem(
                format,
                guid,
                agencyVersion,
                firstCreated,
                versionCreated != null ? versionCreated : firstCreated,
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
                slugline,
                correctionNote);
    }
}
