package org.wiregate.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.wiregate.article.Article;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.article.Slugs;
import org.wiregate.store.ArticleRepository.Facet;

/**
 * Which articles of a language a feed carries: all of them, the breaking ones, or one section,
 * region, tag or content type. Built only from allow-listed slugs, so a request that names
 * anything else is refused before any query.
 *
 * @param slug the enum slug or tag key; null for {@link Kind#ALL} and {@link Kind#BREAKING}
 */
public record FeedSlice(Kind kind, String slug) {

    /** Tag keys as {@code normalise.Slugs} makes them: letters of any script, digits, dashes. */
    private static final Pattern TAG_SLUG = Pattern.compile("[\\p{L}\\p{N}-]{1,80}");

    public static final FeedSlice ALL = new FeedSlice(Kind.ALL, null);
    public static final FeedSlice BREAKING = new FeedSlice(Kind.BREAKING, null);

    /** The URL segment of each kind, and the store facet it reads. */
    public enum Kind {
        ALL(null, null),
        BREAKING("breaking", Facet.BREAKING),
        SECTION("section", Facet.SECTION),
        REGION("region", Facet.REGION),
        TAG("tag", Facet.TAG),
        TYPE("type", Facet.TYPE);

        private final String segment;
        private final Facet facet;

        Kind(String segment, Facet facet) {
            this.segment = segment;
            this.facet = facet;
        }

        public String segment() {
            return segment;
        }

        Facet facet() {
            return facet;
        }
    }

    public static FeedSlice section(Section section) {
        return new FeedSlice(Kind.SECTION, section.slug());
    }

    public static FeedSlice region(Region region) {
        return new FeedSlice(Kind.REGION, region.slug());
    }

    public static FeedSlice type(ContentType type) {
        return new FeedSlice(Kind.TYPE, type.slug());
    }

    /** A tag feed; empty unless the key is a well-formed tag slug. */
    public static Optional<FeedSlice> tag(String key) {
        return key != null && TAG_SLUG.matcher(key).matches()
                ? Optional.of(new FeedSlice(Kind.TAG, key.toLowerCase(Locale.ROOT)))
                : Optional.empty();
    }

    /** {@code /feeds/{lang}/{kind}/{slug}}: empty for an unknown kind, section, region or type, or a malformed tag. */
    public static Optional<FeedSlice> parse(String kind, String slug) {
        return switch (kind) {
            case "section" ->
                Section.fromSlug(slug).filter(s -> s.slug().equals(slug)).map(FeedSlice::section);
            case "region" ->
                Region.fromSlug(slug).filter(r -> r.slug().equals(slug)).map(FeedSlice::region);
            case "type" ->
                ContentType.fromSlug(slug).filter(t -> t.slug().equals(slug)).map(FeedSlice::type);
            case "tag" -> tag(slug);
            default -> Optional.empty();
        };
    }

    /** The name people read, in the feed's language; a tag's name comes from its articles. */
    public String label(Language language) {
        return switch (kind) {
            case ALL -> null;
            case BREAKING ->
                switch (language) {
                    case EN -> "Breaking news";
                    case AR -> "عاجل";
                    case ES -> "Última hora";
                };
            case SECTION -> Section.fromSlug(slug).orElseThrow().nameIn(language);
            case REGION -> Region.fromSlug(slug).orElseThrow().nameIn(language);
            case TYPE -> ContentType.fromSlug(slug).orElseThrow().nameIn(language);
            case TAG -> slug;
        };
    }

    /** Every feed of its language an article is in: the main one, breaking, its section, regions, type and tags. */
    public static List<FeedSlice> of(Article article) {
        List<FeedSlice> slices = new ArrayList<>();
        slices.add(ALL);
        if (article.breaking()) {
            slices.add(BREAKING);
        }
        slices.add(section(article.section()));
        article.regions().forEach(region -> slices.add(region(region)));
        slices.add(type(article.contentType()));
        for (String tag : article.tags()) {
            tag(Slugs.of(tag)).filter(slice -> !slices.contains(slice)).ifPresent(slices::add);
        }
        return slices;
    }

    /** True when the article is in this feed: the rule of the store's facet queries, in Java. */
    public boolean contains(Article article) {
        return of(article).contains(this);
    }

    /**
     * This feed as one mark in a list of marks ({@code |tag:gaza|}), or null for the main feed,
     * which every item is in: how an archived item records the feeds it was in.
     */
    public String mark() {
        return kind == Kind.ALL ? null : "|" + kind.segment() + (slug == null ? "" : ":" + slug) + "|";
    }

    /** The marks of every feed but the main one that an article is in, as one string ("|section:politics|tag:gaza|"). */
    public static String marks(Article article) {
        StringBuilder marks = new StringBuilder("|");
        for (FeedSlice slice : of(article)) {
            if (slice.kind != Kind.ALL) {
                marks.append(slice.mark(), 1, slice.mark().length());
            }
        }
        return marks.toString();
    }

    /** How long a client may keep a response: breaking news changes fastest. */
    public FeedMaxAge.Kind cacheKind() {
        return switch (kind) {
            case ALL -> FeedMaxAge.Kind.MAIN;
            case BREAKING -> FeedMaxAge.Kind.BREAKING;
            default -> FeedMaxAge.Kind.SLICE;
        };
    }
}
