package org.wiregate.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Language;
import org.wiregate.article.Slugs;
import org.wiregate.store.ArticleChanged;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.ArticleScope;
import org.wiregate.store.EditionRepository;
import org.wiregate.store.Sha256;

/**
 * Renders feed pages and keeps them: serving is a map lookup and a write of bytes. A stored
 * article change evicts its language's pages; a lapsing embargo expires the pages it affects.
 *
 * <p>Feeds cut for an audience (partner feeds, {@link FeedAudience}) are rendered once per contract
 * and page, with a slot where the feed-level rights go; each reader's bytes are that render with
 * its own rights set in, kept with their own validators. A thousand partners on a handful of
 * contracts cost a handful of renders.
 */
@Service
public class FeedService {

    private record Key(Language language, FeedSlice slice, FeedFormat format, int page) {
    }

    /** A page as a contract sees it. */
    private record ContractKey(String contract, Key page) {
    }

    /** A contract's render, cut where the reader's rights go. */
    private record Template(byte[] head, byte[] tail, FeedFormat format, Instant lastModified, Instant validUntil, int items) {
    }

    /** One reader's bytes of a template: valid while the template is the one cached. */
    private record Variant(Template template, RenderedFeed feed) {
    }

    private record VariantKey(ContractKey contract, String rights) {
    }

    /** One page for one reader, and how many items it carries (for usage accounting). */
    public record AudienceFeed(RenderedFeed feed, int items) {
    }

    /** What a render produced before it is kept in either form. */
    private record Rendered(byte[] body, Instant updated, Instant validUntil, int items) {
    }

    /**
     * Past this many bytes of reader variants the map starts again. Variants are per reader and page
     * polled: 1,000 partners polling three formats of one 45 KB page hold about 175 MB (plain and gzip).
     */
    private static final long VARIANT_BYTES = 256L * 1024 * 1024;

    private final ArticleRepository articles;
    private final EditionRepository editions;
    private final FeedTitles titles;
    private final PublicUrls urls;
    private final RssFeedWriter rss;
    private final AtomFeedWriter atom;
    private final JsonFeedWriter json;
    private final Clock clock;
    private final int pageSize;
    private final Map<Key, RenderedFeed> cache = new ConcurrentHashMap<>();
    private final Map<ContractKey, Template> templates = new ConcurrentHashMap<>();
    private final Map<VariantKey, Variant> variants = new ConcurrentHashMap<>();
    private final AtomicLong variantBytes = new AtomicLong();
    /** Where a reader's rights go in a shared render: random per process, so no article text can contain it. */
    private final String rightsSlot = "wiregate-rights-" + UUID.randomUUID();
    private static final Duration TOMBSTONE_AGE = Duration.ofHours(48);
    private static final ObjectMapper JSON = new ObjectMapper();

    public FeedService(ArticleRepository articles, EditionRepository editions, FeedTitles titles, PublicUrls urls, RssFeedWriter rss,
                       AtomFeedWriter atom, JsonFeedWriter json, Clock clock,
                       @Value("${gateway.feeds.page-size:50}") int pageSize) {
        this.articles = articles;
        this.editions = editions;
        this.titles = titles;
        this.urls = urls;
        this.rss = rss;
        this.atom = atom;
        this.json = json;
        this.clock = clock;
        this.pageSize = pageSize;
    }

    /** The rendered page, or empty when the page number is past the last page. */
    public Optional<RenderedFeed> latest(Language language, FeedFormat format, int page) {
        return feed(language, FeedSlice.ALL, format, page);
    }

    /**
     * A page of any feed of a language. An empty tag feed is rendered but not kept, so requests
     * for tags nobody uses cannot fill the cache.
     */
    public Optional<RenderedFeed> feed(Language language, FeedSlice slice, FeedFormat format, int page) {
        Key key = new Key(language, slice, format, page);
        Instant now = clock.instant();
        RenderedFeed cached = cache.get(key);
        if (cached != null && (cached.validUntil() == null || now.isBefore(cached.validUntil()))) {
            return Optional.of(cached);
        }
        Optional<RenderedFeed> rendered = render(key, null, now).map(r -> rendered(r.body(), format, r.updated(), r.validUntil()));
        rendered.filter(feed -> slice.kind() != FeedSlice.Kind.TAG || feed.lastModified().isAfter(Instant.EPOCH))
                .ifPresent(feed -> cache.put(key, feed));
        return rendered;
    }

    /**
     * A page of any feed as {@code audience} may see it: only what its scope allows, cut to its
     * contract, linking to its own feed URLs. Empty past the last page. The caller decides first
     * whether the audience may read this feed at all (a language or slice outside its contract).
     */
    public Optional<AudienceFeed> feed(FeedAudience audience, Language language, FeedSlice slice, FeedFormat format, int page) {
        ContractKey key = new ContractKey(audience.contract(), new Key(language, slice, format, page));
        Instant now = clock.instant();
        Template template = templates.get(key);
        if (template == null || (template.validUntil() != null && !now.isBefore(template.validUntil()))) {
            Optional<Template> made = render(key.page(), audience, now).map(r -> template(r, format));
            if (made.isEmpty()) {
                return Optional.empty();
            }
            template = made.get();
            if (slice.kind() != FeedSlice.Kind.TAG || template.lastModified().isAfter(Instant.EPOCH)) {
                templates.put(key, template);
            }
        }
        VariantKey variantKey = new VariantKey(key, audience.rights());
        Variant variant = variants.get(variantKey);
        if (variant == null || variant.template() != template) {
            variant = new Variant(template, withRights(template, audience.rights()));
            // Counted on insert only (a replaced variant is forgotten at the next clear): the bound errs early.
            long size = variant.feed().body().length + variant.feed().gzipped().length;
            if (variantBytes.addAndGet(size) > VARIANT_BYTES) {
                clearVariants();
                variantBytes.addAndGet(size);
            }
            variants.put(variantKey, variant);
        }
        return Optional.of(new AudienceFeed(variant.feed(), template.items()));
    }

    /** After commit: evicting earlier would let a concurrent request re-cache the old page. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onArticleChanged(ArticleChanged event) {
        // Every language: an article's editions list it, so its change (or kill) shows in their feeds too.
        cache.clear();
        templates.clear();
        clearVariants();
    }

    private void clearVariants() {
        variants.clear();
        variantBytes.set(0);
    }

    /** @param audience null for the public feeds */
    private Optional<Rendered> render(Key key, FeedAudience audience, Instant now) {
        FeedSlice slice = key.slice();
        ArticleScope scope = audience == null ? ArticleScope.PUBLIC : audience.scope();
        String root = audience == null ? "/feeds" : audience.feedsPath();
        int offset = (key.page() - 1) * pageSize;
        List<Article> items = articles.findPublished(key.language(), slice.kind() == FeedSlice.Kind.ALL ? null : slice.kind().facet(),
                slice.slug(), scope, now, pageSize + 1, offset);
        if (items.isEmpty() && key.page() > 1) {
            return Optional.empty();
        }
        boolean hasNext = items.size() > pageSize;
        List<Article> shown = hasNext ? items.subList(0, pageSize) : items;
        Instant updated = shown.stream().map(Article::updated).max(Instant::compareTo).orElse(Instant.EPOCH);
        String label = slice.kind() == FeedSlice.Kind.TAG ? tagName(slice.slug(), shown) : slice.label(key.language());
        FeedPage page = new FeedPage(key.language(), key.format(), key.page(),
                label == null ? titles.latest(key.language()) : titles.slice(key.language(), label),
                label == null ? titles.latestDescription(key.language()) : titles.sliceDescription(key.language(), label),
                shown, updated,
                urls.feed(root, key.language(), slice, key.format(), key.page()),
                urls.home(key.language()),
                urls.feed(root, key.language(), slice, key.format(), 1),
                hasNext ? urls.feed(root, key.language(), slice, key.format(), key.page() + 1) : null,
                key.page() > 1 ? urls.feed(root, key.language(), slice, key.format(), key.page() - 1) : null,
                editionLinks(shown, scope, now),
                // Only the first page of a language's public main feed is a WebSub topic the hub accepts.
                audience == null && slice.kind() == FeedSlice.Kind.ALL && key.page() == 1 ? urls.hub() : null,
                // RFC 5005 rel="last" where the count is cheap: the language's main feed.
                slice.kind() == FeedSlice.Kind.ALL
                        ? urls.feed(root, key.language(), FeedSlice.ALL, key.format(), lastPage(key.language(), scope, now)) : null,
                slice.kind() == FeedSlice.Kind.ALL ? tombstones(key, scope, now) : List.of(),
                audience == null ? null : terms(audience, shown, now));
        byte[] body = switch (key.format()) {
            case RSS -> rss.write(page);
            case ATOM -> atom.write(page);
            case JSON -> json.write(page);
        };
        Instant validUntil = articles.nextEmbargoLapse(key.language(), now).orElse(null);
        Instant tombstoneLapse = page.tombstones().stream().map(t -> t.when().plus(TOMBSTONE_AGE)).min(Instant::compareTo).orElse(null);
        if (tombstoneLapse != null && (validUntil == null || tombstoneLapse.isBefore(validUntil))) {
            validUntil = tombstoneLapse; // the page must drop the oldest tombstone when it ages out
        }
        return Optional.of(new Rendered(body, updated, validUntil, shown.size()));
    }

    private static RenderedFeed rendered(byte[] body, FeedFormat format, Instant updated, Instant validUntil) {
        return new RenderedFeed(body, gzip(body), format.mediaType(),
                '"' + Sha256.hex(body).substring(0, 32) + '"', updated, validUntil);
    }

    /**
     * Each item's terms (the contract's, plus the embargo while an item is shown before it lapses)
     * and the rights slot the reader's statement replaces.
     */
    private FeedPage.Terms terms(FeedAudience audience, List<Article> shown, Instant now) {
        Map<ArticleId, String> usage = new HashMap<>();
        Map<ArticleId, Instant> embargoed = new HashMap<>();
        for (Article article : shown) {
            String terms = audience.usageTerms().apply(article);
            if (article.embargoUntil() != null && article.embargoUntil().isAfter(now)) {
                embargoed.put(article.id(), article.embargoUntil());
                String notice = "Embargoed until " + JsonFeedWriter.rfc3339(article.embargoUntil()) + ": not for publication before then.";
                terms = terms == null || terms.isBlank() ? notice : terms + " " + notice;
            }
            if (terms != null && !terms.isBlank()) {
                usage.put(article.id(), terms);
            }
        }
        return new FeedPage.Terms(audience.summaryOnly(), rightsSlot, usage, embargoed);
    }

    private Template template(Rendered rendered, FeedFormat format) {
        byte[] body = rendered.body();
        byte[] slot = rightsSlot.getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(body, slot);
        if (at < 0) {
            throw new IllegalStateException("the " + format + " writer dropped the feed's rights statement");
        }
        return new Template(Arrays.copyOfRange(body, 0, at), Arrays.copyOfRange(body, at + slot.length, body.length), format,
                rendered.updated(), rendered.validUntil(), rendered.items());
    }

    /** The template with the reader's rights escaped for the format, compressed and tagged. */
    private static RenderedFeed withRights(Template template, String rights) {
        byte[] value = (template.format() == FeedFormat.JSON ? jsonText(rights) : xmlText(rights)).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[template.head().length + value.length + template.tail().length];
        System.arraycopy(template.head(), 0, body, 0, template.head().length);
        System.arraycopy(value, 0, body, template.head().length, value.length);
        System.arraycopy(template.tail(), 0, body, template.head().length + value.length, template.tail().length);
        return rendered(body, template.format(), template.lastModified(), template.validUntil());
    }

    /** XML character data: markup escaped, characters XML 1.0 forbids dropped. */
    static String xmlText(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** The inside of a JSON string literal. */
    static String jsonText(String text) {
        try {
            String quoted = JSON.writeValueAsString(text);
            return quoted.substring(1, quoted.length() - 1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A tag as its newest article spells it ("Inteligencia artificial" for inteligencia-artificial). */
    private static String tagName(String key, List<Article> shown) {
        for (Article article : shown) {
            for (String tag : article.tags()) {
                if (Slugs.of(tag).equals(key)) {
                    return tag;
                }
            }
        }
        return key;
    }

    private int lastPage(Language language, ArticleScope scope, Instant now) {
        long count = articles.countPublished(language, scope, now);
        return (int) Math.max(1, (count + pageSize - 1) / pageSize);
    }

    /** RFC 6721: the first Atom page of a language lists its articles killed in the last 48 hours. */
    private List<FeedPage.Tombstone> tombstones(Key key, ArticleScope scope, Instant now) {
        if (key.format() != FeedFormat.ATOM || key.page() != 1) {
            return List.of();
        }
        // Only items the reader could have seen: another contract's kills are not this reader's business.
        return articles.canceledSince(key.language(), scope, now.minus(TOMBSTONE_AGE)).stream()
                .map(c -> new FeedPage.Tombstone(c.id().urn(), c.at())).toList();
    }

    private Map<ArticleId, List<FeedPage.EditionLink>> editionLinks(List<Article> shown, ArticleScope scope, Instant now) {
        Map<ArticleId, List<FeedPage.EditionLink>> links = new HashMap<>();
        editions.publishedSiblings(shown.stream().map(Article::id).toList(), scope, now).forEach((id, siblings) -> {
            // One edition per language, even when an agency reuses an edition-group id across stories.
            Map<Language, FeedPage.EditionLink> perLanguage = new EnumMap<>(Language.class);
            for (Article sibling : siblings) {
                perLanguage.putIfAbsent(sibling.language(),
                        new FeedPage.EditionLink(sibling.language(), sibling.id().urn(), urls.article(sibling)));
            }
            links.put(id, List.copyOf(perLanguage.values()));
        });
        return links;
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
