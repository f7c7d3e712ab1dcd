package org.wiregate.normalise;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.ContentType;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.RelatedLink;
import org.wiregate.article.Section;
import org.wiregate.article.Slugs;
import org.wiregate.article.Status;
import org.wiregate.article.WireReference;
import org.wiregate.ingest.WireCode;
import org.wiregate.ingest.WireItem;
import org.wiregate.source.MappingRegistry;
import org.wiregate.source.SourceMapping;
import org.wiregate.source.SourceMapping.CategoryRole;

/** Turns a parsed agency item into an article, as the source's mapping says. */
@Component
public class ArticleNormaliser {

    // Limits a newsroom accepts (docs/sources.md, "Normalisation"); longer copy is cut and the cut recorded.
    static final int MAX_TAGS = 20;
    static final int MAX_IMAGES = 20;
    static final int MAX_LINKS = 20;
    static final int MAX_HEADLINE = 300;
    static final int MAX_STANDFIRST = 2_000;
    static final int MAX_BODY = 500_000;
    static final int MAX_NAME = 200;
    static final int MAX_TAG = 100;
    static final int MAX_CAPTION = 1_000;
    static final int MAX_NOTE = 2_000;

    private final MappingRegistry mappings;
    private final RepairLog repairLog;
    private final HtmlSanitiser sanitiser = new HtmlSanitiser();

    /** Repairs counted in a registry of its own: for tests and tools without Spring. */
    public ArticleNormaliser(MappingRegistry mappings) {
        this(mappings, new RepairLog(new SimpleMeterRegistry(), Clock.systemUTC()));
    }

    @Autowired
    ArticleNormaliser(MappingRegistry mappings, RepairLog repairLog) {
        this.mappings = mappings;
        this.repairLog = repairLog;
    }

    /**
     * @param receivedAt when the gateway received the payload: the publication time of items that carry none
     * @throws NormalisationException when the item cannot be published, with the reason
     */
    public Article normalise(WireItem item, String source, Instant receivedAt) {
        SourceMapping mapping = mappings.require(source);
        Repairs repairs = new Repairs();
        String guid = required(item.guid(), item, "has no guid (ninjs uri, RSS guid/link, Atom id)");
        String headline = required(repairs.plain("headline", item.headline(), MAX_HEADLINE), item, "has no headline");
        Language language = language(item, mapping);
        Status status = item.pubStatus() == null
                ? Status.USABLE
                : Status.fromWire(item.pubStatus())
                        .orElseThrow(
                                () -> reject(item, "has an unknown publication status '" + item.pubStatus() + "'"));

        Classification classes = classify(item, mapping);
        int urgency = Optional.ofNullable(item.urgency())
                .or(() -> Optional.ofNullable(classes.urgency))
                .filter(u -> u >= 1 && u <= 9)
                .orElse(mapping.defaultUrgency());

        Instant firstPublished = firstNonNull(item.firstCreated(), item.versionCreated(), receivedAt);
        Instant updated = firstNonNull(item.versionCreated(), firstPublished);
        HtmlSanitiser.Sanitised body = body(item.bodyHtml(), repairs);
        String standfirst = repairs.plain("standfirst", item.standfirst(), MAX_STANDFIRST);
        String agency =
                repairs.text("agency", firstNonBlank(item.agency(), mapping.agency(), mapping.name()), MAX_NAME);
        List<String> tags = tags(item, classes, repairs);
        List<Image> images = images(item, repairs);
        List<RelatedLink> links = relatedLinks(item, repairs);
        String correction = blankToNull(repairs.plain("correction", item.correctionNote(), MAX_NOTE));
        String byline = blankToNull(repairs.text("byline", item.byline(), MAX_NAME));
        String dateline = blankToNull(repairs.text("dateline", item.located(), MAX_NAME));
        repairLog.record(source, item.label(), repairs.made);

        return new Article(
                ArticleId.of(source, guid),
                new WireReference(source, guid, item.agencyVersion()),
                1,
                status,
                language,
                headline,
                standfirst,
                body.html(),
                byline,
                agency,
                agency,
                dateline,
                firstPublished,
                updated,
                classes.section != null ? classes.section : mapping.defaultSection(),
                classes.contentType != null ? classes.contentType : mapping.defaultContentType(),
                List.copyOf(classes.regions),
                tags,
                images,
                links,
                ReadingTime.minutes(body.text(), language),
                urgency,
                urgency <= mapping.breakingUrgency(),
                item.embargoUntil(),
                firstNonBlank(item.altIds().get("edition-group"), classes.editionGroup),
                Slugs.of(headline),
                correction);
    }

    /** Sanitised body HTML without forbidden characters, cut (and sanitised again, closing its tags) when absurdly long. */
    private HtmlSanitiser.Sanitised body(String html, Repairs repairs) {
        HtmlSanitiser.Sanitised body = sanitiser.clean(TextRepair.cleanHtml(html, repairs.field("body")));
        // A reference to a bidi control (&#x202E;) is read by the sanitiser into the character: balanced again
        String balanced = TextRepair.cleanHtml(body.html(), repairs.field("body"));
        if (balanced != body.html()) {
            body = sanitiser.clean(balanced);
        }
        if (body.html().length() > MAX_BODY) {
            repairs.add("body", Repair.TOO_LONG);
            return sanitiser.clean(body.html().substring(0, MAX_BODY));
        }
        return body;
    }

    private static Language language(WireItem item, SourceMapping mapping) {
        Optional<Language> fixed = mapping.fixedLanguage();
        if (fixed.isPresent()) {
            return fixed.get();
        }
        if (item.language() == null || item.language().isBlank()) {
            throw reject(item, "declares no language and mapping '" + mapping.id() + "' fixes none");
        }
        return Language.fromTag(item.language())
                .orElseThrow(() ->
                        reject(item, "is in language '" + item.language() + "', which is not published (en, ar, es)"));
    }

    /** Section, content type, regions, tags from the item's codes, in the order the agency gave them. */
    private static Classification classify(WireItem item, SourceMapping mapping) {
        Classification c = new Classification();
        Region firstPlaceRegion = null;
        boolean firstPlaceSeen = false;
        for (WireCode code : item.codes()) {
            if (code.code().isEmpty()) {
                continue;
            }
            String key = mapping.keyOf(code.scheme(), code.code());
            switch (code.kind()) {
                case SUBJECT -> c.section(mapping.sections().get(key));
                case GENRE -> c.contentType(mapping.contentTypes().get(key));
                case PLACE -> {
                    // The first place the agency lists is the one the story is about; later places are mentions.
                    if (!firstPlaceSeen) {
                        firstPlaceRegion = mapping.regions().get(key);
                        firstPlaceSeen = true;
                    }
                }
                case CATEGORY -> classifyCategory(c, code, mapping);
            }
        }
        if (c.regions.isEmpty() && firstPlaceRegion != null) {
            c.regions.add(firstPlaceRegion);
        }
        return c;
    }

    private static void classifyCategory(Classification c, WireCode code, SourceMapping mapping) {
        String term = SourceMapping.key(code.code());
        Optional<CategoryRole> role = mapping.roleOfScheme(code.scheme());
        if (role.isEmpty()) {
            // A plain agency category: a section, region or type word if the mapping knows it, else a tag.
            Section section = mapping.sections().get(term);
            Region region = mapping.regions().get(term);
            ContentType type = mapping.contentTypes().get(term);
            if (section != null || region != null || type != null) {
                c.section(section);
                c.region(region);
                c.contentType(type);
            } else {
                c.tags.add(code.code());
            }
            return;
        }
        switch (role.get()) {
            case SECTION -> c.section(mapping.sections().get(term));
            case REGION ->
                c.region(Optional.ofNullable(mapping.regions().get(term))
                        .orElse(Region.fromSlug(term).orElse(null)));
            case TYPE ->
                c.contentType(Optional.ofNullable(mapping.contentTypes().get(term))
                        .orElse(ContentType.fromSlug(term).orElse(null)));
            case TAG -> c.tags.add(code.code());
            case EDITION_GROUP -> c.editionGroup = code.code();
            case URGENCY -> {
                try {
                    c.urgency = Integer.valueOf(code.code());
                } catch (NumberFormatException ignored) {
                    // not a number: the mapping default applies, as for a missing urgency
                }
            }
        }
    }

    /** Agency keywords and tag categories, repaired, without case-only duplicates, at most {@value #MAX_TAGS}. */
    private static List<String> tags(WireItem item, Classification classes, Repairs repairs) {
        Map<String, String> unique = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(item.keywords());
        all.addAll(classes.tags);
        for (String tag : all) {
            // strip, not trim: a tag of Unicode whitespace alone (U+2028) is blank to the writers too
            String repaired = repairs.text("tags", tag, MAX_TAG).strip();
            if (!repaired.isEmpty()) {
                unique.putIfAbsent(SourceMapping.key(repaired), repaired);
            }
        }
        return limited(List.copyOf(unique.values()), MAX_TAGS, "tags", repairs);
    }

    /** Pictures with a usable URL (repaired, or the picture is left out) and repaired caption and credit. */
    private static List<Image> images(WireItem item, Repairs repairs) {
        List<Image> images = new ArrayList<>();
        for (Image image : item.images()) {
            UrlRepair.repair(image.url(), repairs.field("image url"))
                    .ifPresent(url -> images.add(new Image(
                            url,
                            blankToNull(repairs.plain("image caption", image.caption(), MAX_CAPTION)),
                            blankToNull(repairs.plain("image credit", image.credit(), MAX_NAME)),
                            blankToNull(repairs.text("image type", image.mediaType(), MAX_NAME)),
                            image.width(),
                            image.height())));
        }
        return limited(images, MAX_IMAGES, "images", repairs);
    }

    private static List<RelatedLink> relatedLinks(WireItem item, Repairs repairs) {
        List<RelatedLink> links = new ArrayList<>();
        for (RelatedLink link : item.relatedLinks()) {
            UrlRepair.repair(link.url(), repairs.field("related link"))
                    .ifPresent(url -> links.add(new RelatedLink(
                            url, blankToNull(repairs.text("related link", link.title(), MAX_HEADLINE)))));
        }
        return limited(links, MAX_LINKS, "related links", repairs);
    }

    private static <T> List<T> limited(List<T> values, int max, String field, Repairs repairs) {
        if (values.size() <= max) {
            return values;
        }
        repairs.add(field, Repair.TOO_MANY);
        return List.copyOf(values.subList(0, max));
    }

    private static String required(String value, WireItem item, String problem) {
        if (value == null || value.isBlank()) {
            throw reject(item, problem);
        }
        return value.trim();
    }

    private static NormalisationException reject(WireItem item, String problem) {
        return new NormalisationException(item.format().displayName() + " item " + item.label() + " " + problem);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The repairs made to one item, by field in the order met: recorded together once the item is done. */
    private static final class Repairs {
        final Map<String, Set<Repair>> made = new LinkedHashMap<>();

        Consumer<Repair> field(String name) {
            return kind -> add(name, kind);
        }

        void add(String field, Repair kind) {
            made.computeIfAbsent(field, f -> EnumSet.noneOf(Repair.class)).add(kind);
        }

        /** Text that may hold markup or entities: repaired before and after it is read as HTML, then bounded. */
        String plain(String field, String value, int max) {
            String text = HtmlSanitiser.text(TextRepair.cleanHtml(value, field(field)));
            return text(field, text, max);
        }

        /** Text repaired and bounded to {@code max} code points; null stays null. */
        String text(String field, String value, int max) {
            // cleaned again after the cut, which may fall between a bidi embedding and its end
            return TextRepair.clean(
                    TextRepair.bounded(TextRepair.clean(value, field(field)), max, field(field)), field(field));
        }
    }

    /** What the codes of one item said, first mapped value winning for section and type. */
    private static final class Classification {
        Section section;
        ContentType contentType;
        final Set<Region> regions = new LinkedHashSet<>();
        final List<String> tags = new ArrayList<>();
        String editionGroup;
        Integer urgency;

        void section(Section s) {
            if (section == null) {
                section = s;
            }
        }

        void contentType(ContentType t) {
            if (contentType == null) {
                contentType = t;
            }
        }

        void region(Region r) {
            if (r != null) {
                regions.add(r);
            }
        }
    }
}
