package org.wiregate.normalise;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.ContentType;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
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

    private static final int MAX_TAGS = 20;

    private final MappingRegistry mappings;
    private final HtmlSanitiser sanitiser = new HtmlSanitiser();

    public ArticleNormaliser(MappingRegistry mappings) {
        this.mappings = mappings;
    }

    /**
     * @param receivedAt when the gateway received the payload: the publication time of items that carry none
     * @throws NormalisationException when the item cannot be published, with the reason
     */
    public Article normalise(WireItem item, String source, Instant receivedAt) {
        SourceMapping mapping = mappings.require(source);
        String guid = required(item.guid(), item, "has no guid (ninjs uri, RSS guid/link, Atom id)");
        String headline = required(HtmlSanitiser.text(item.headline()), item, "has no headline");
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
        HtmlSanitiser.Sanitised body = sanitiser.clean(item.bodyHtml());
        String standfirst = HtmlSanitiser.text(item.standfirst());
        String agency = firstNonBlank(item.agency(), mapping.agency(), mapping.name());

        return new Article(
                ArticleId.of(source, guid),
                new WireReference(source, guid, item.agencyVersion()),
                1,
                status,
                language,
                headline,
                standfirst,
                body.html(),
                blankToNull(item.byline()),
                agency,
                agency,
                blankToNull(item.located()),
                firstPublished,
                updated,
                classes.section != null ? classes.section : mapping.defaultSection(),
                classes.contentType != null ? classes.contentType : mapping.defaultContentType(),
                List.copyOf(classes.regions),
                tags(item, classes),
                images(item),
                item.relatedLinks(),
                ReadingTime.minutes(body.text(), language),
                urgency,
                urgency <= mapping.breakingUrgency(),
                item.embargoUntil(),
                firstNonBlank(item.altIds().get("edition-group"), classes.editionGroup),
                Slugs.of(headline),
                blankToNull(HtmlSanitiser.text(item.correctionNote())));
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

    /** Agency keywords and tag categories, without case-only duplicates, at most {@value #MAX_TAGS}. */
    private static List<String> tags(WireItem item, Classification classes) {
        Map<String, String> unique = new LinkedHashMap<>();
        for (String tag : item.keywords()) {
            unique.putIfAbsent(SourceMapping.key(tag), tag.trim());
        }
        for (String tag : classes.tags) {
            unique.putIfAbsent(SourceMapping.key(tag), tag.trim());
        }
        return unique.values().stream()
                .filter(t -> !t.isEmpty())
                .limit(MAX_TAGS)
                .toList();
    }

    private static List<Image> images(WireItem item) {
        List<Image> images = new ArrayList<>();
        for (Image image : item.images()) {
            images.add(new Image(
                    image.url(),
                    blankToNull(HtmlSanitiser.text(image.caption())),
                    blankToNull(HtmlSanitiser.text(image.credit())),
                    image.mediaType(),
                    image.width(),
                    image.height()));
        }
        return images;
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
