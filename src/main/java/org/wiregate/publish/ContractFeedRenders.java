package org.wiregate.publish;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.springframework.stereotype.Service;
import org.wiregate.article.Language;

/**
 * Feeds cut for an audience (partner feeds, {@link FeedAudience}): each page is rendered once per
 * contract, with a slot where the feed-level rights go; each reader's bytes are that render with
 * its own rights set in, kept with their own validators. A thousand partners on a handful of
 * contracts cost a handful of renders. {@link FeedService} evicts the pages a stored change touches.
 */
@Service
public class ContractFeedRenders {

    /** One page for one reader, and how many items it carries (for usage accounting). */
    public record AudienceFeed(RenderedFeed feed, int items) {}

    /** A page as a contract sees it. */
    private record ContractKey(String contract, FeedPageKey page) {}

    /** A contract's render, cut where the reader's rights go. */
    private record Template(
            byte[] head, byte[] tail, FeedFormat format, Instant lastModified, Instant validUntil, int items) {}

    /** One reader's bytes of a template: valid while the template is the one cached. */
    private record Variant(Template template, RenderedFeed feed) {}

    private record VariantKey(ContractKey contract, String rights) {}

    /**
     * Past this many bytes of reader variants the map starts again. Variants are per reader and page
     * polled: 1,000 partners polling three formats of one 45 KB page hold about 175 MB (plain and gzip).
     */
    private static final long VARIANT_BYTES = 256L * 1024 * 1024;

    private final FeedPageAssembler assembler;
    private final PageEvictions evictions;
    private final Clock clock;
    private final Map<ContractKey, Template> templates = new ConcurrentHashMap<>();
    private final Map<VariantKey, Variant> variants = new ConcurrentHashMap<>();
    private final AtomicLong variantBytes = new AtomicLong();
    /** Where a reader's rights go in a shared render: random per process, so no article text can contain it. */
    private final String rightsSlot = "wiregate-rights-" + UUID.randomUUID();

    ContractFeedRenders(FeedPageAssembler assembler, PageEvictions evictions, Clock clock) {
        this.assembler = assembler;
        this.evictions = evictions;
        this.clock = clock;
    }

    /**
     * A page of any feed as {@code audience} may see it: only what its scope allows, cut to its
     * contract, linking to its own feed URLs. Empty past the last page. The caller decides first
     * whether the audience may read this feed at all (a language or slice outside its contract).
     */
    public Optional<AudienceFeed> feed(
            FeedAudience audience, Language language, FeedSlice slice, FeedFormat format, int page) {
        ContractKey key = new ContractKey(audience.contract(), new FeedPageKey(language, slice, format, page));
        Instant now = clock.instant();
        Template template = templates.get(key);
        if (template == null || (template.validUntil() != null && !now.isBefore(template.validUntil()))) {
            long mark = evictions.mark();
            Optional<Template> made =
                    assembler.assemble(key.page(), audience, rightsSlot, now).map(a -> template(a, format));
            if (made.isEmpty()) {
                return Optional.empty();
            }
            template = made.get();
            // not kept when a change touching the page committed meanwhile (PageEvictions)
            if (key.page().worthKeeping(template.lastModified()) && !evictions.touchedSince(mark, key.page())) {
                templates.put(key, template);
                if (evictions.touchedSince(mark, key.page())) {
                    templates.remove(key, template);
                }
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

    /** Whether no render is kept, for any contract. */
    boolean isEmpty() {
        return templates.isEmpty() && variants.isEmpty();
    }

    /**
     * Drops the renders of the pages {@code touched} names, for every contract, with their readers'
     * variants. {@link FeedService} recorded the eviction in {@link PageEvictions} first.
     */
    void evict(Predicate<FeedPageKey> touched) {
        templates.keySet().removeIf(key -> touched.test(key.page()));
        variants.keySet().removeIf(key -> touched.test(key.contract().page()));
    }

    /** Drops every render: nobody can say what changed. */
    public void evictAll() {
        evictions.record(page -> true);
        templates.clear();
        clearVariants();
    }

    private void clearVariants() {
        variants.clear();
        variantBytes.set(0);
    }

    private Template template(FeedPageAssembler.Assembled assembled, FeedFormat format) {
        byte[] body = assembled.body();
        byte[] slot = rightsSlot.getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(body, slot);
        if (at < 0) {
            throw new IllegalStateException("the " + format + " writer dropped the feed's rights statement");
        }
        return new Template(
                Arrays.copyOfRange(body, 0, at),
                Arrays.copyOfRange(body, at + slot.length, body.length),
                format,
                assembled.updated(),
                assembled.validUntil(),
                assembled.items());
    }

    /** The template with the reader's rights escaped for the format, compressed and tagged. */
    private static RenderedFeed withRights(Template template, String rights) {
        byte[] value = EscapedText.forFormat(template.format(), rights).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[template.head().length + value.length + template.tail().length];
        System.arraycopy(template.head(), 0, body, 0, template.head().length);
        System.arraycopy(value, 0, body, template.head().length, value.length);
        System.arraycopy(template.tail(), 0, body, template.head().length + value.length, template.tail().length);
        return RenderedFeed.of(body, template.format(), template.lastModified(), template.validUntil());
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
}
