package org.wiregate.publish;

import com.rometools.modules.content.ContentModuleImpl;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Slugs;

/**
 * RSS 2.0 as the RSS Advisory Board's validator wants it: atom:link rel="self", a guid that is
 * the gateway id (isPermaLink="false"), RFC 822 dates, description (the standfirst) before
 * content:encoded (the full HTML), dc:creator for the byline since RSS author must be an email.
 */
@Component
public class RssFeedWriter {

    private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

    private final PublicUrls urls;
    private final RenderGuard guard;

    /** A writer whose left-out items are counted in a registry of its own (tests, benchmarks). */
    public RssFeedWriter(PublicUrls urls) {
        this(urls, RenderGuard.detached());
    }

    @Autowired
    RssFeedWriter(PublicUrls urls, RenderGuard guard) {
        this.urls = urls;
        this.guard = guard;
    }

    public byte[] write(FeedPage page) {
        Channel channel = new Channel("rss_2.0");
        channel.setTitle(page.title());
        channel.setLink(page.homeUrl());
        channel.setDescription(page.description());
        channel.setLanguage(page.language().code());
        channel.setLastBuildDate(RomeFeeds.date(page.updated()));
        channel.setPubDate(RomeFeeds.date(page.updated()));
        channel.setGenerator("wiregate");
        channel.setDocs("https://www.rssboard.org/rss-specification");
        channel.setTtl(5);
        if (page.terms() != null) {
            channel.setCopyright(page.terms().rights());
        }

        List<Element> links = new ArrayList<>();
        links.add(atomLink("self", page.selfUrl(), FeedFormat.RSS.mediaType()));
        if (page.hubUrl() != null) {
            links.add(atomLink("hub", page.hubUrl(), null));
        }
        if (!page.archived()) {
            // Paging links (RFC 5005 section 3) belong to the pages of the current feed, not to archives.
            if (page.nextUrl() != null) {
                links.add(atomLink("next", page.nextUrl(), null));
            }
            if (page.previousUrl() != null) {
                links.add(atomLink("previous", page.previousUrl(), null));
            }
            if (page.firstUrl() != null) {
                links.add(atomLink("first", page.firstUrl(), null));
            }
            if (page.lastUrl() != null) {
                links.add(atomLink("last", page.lastUrl(), null));
            }
        }
        FeedPage.Archive archive = page.archive();
        if (archive != null) {
            // RFC 5005 appendix B: RSS 2.0 carries the archive links as atom:link, fh:archive as is.
            if (archive.current() != null) {
                links.add(atomLink("current", archive.current(), FeedFormat.RSS.mediaType()));
            }
            if (archive.prevArchive() != null) {
                links.add(atomLink("prev-archive", archive.prevArchive(), FeedFormat.RSS.mediaType()));
            }
            if (archive.nextArchive() != null) {
                links.add(atomLink("next-archive", archive.nextArchive(), FeedFormat.RSS.mediaType()));
            }
            if (archive.archived()) {
                links.add(new Element("archive", AtomFeedWriter.HISTORY));
            }
        }
        channel.setForeignMarkup(links);

        // Each item alone: one that cannot be written is left out, not the whole feed (RenderGuard).
        channel.setItems(guard.each("rss", page.items(), article -> item(article, page)));
        return RomeFeeds.output(channel);
    }

    private Item item(Article article, FeedPage page) {
        List<FeedPage.EditionLink> editions = page.editionsOf(article);
        Item item = new Item();
        item.setTitle(article.headline());
        item.setLink(urls.article(article));
        Guid guid = new Guid();
        guid.setPermaLink(false);
        guid.setValue(article.id().urn());
        item.setGuid(guid);
        item.setPubDate(RomeFeeds.date(article.firstPublished()));

        // RSS readers take a description as HTML (Rome drops the text/plain type on output), so the
        // plain-text standfirst is escaped once more: a standfirst about "<iframe>" stays words.
        Description description = new Description();
        description.setType("text/plain");
        description.setValue(asHtml(article.standfirst().isEmpty() ? article.headline() : article.standfirst()));
        item.setDescription(description);

        List<Category> categories = categories(article);
        Instant embargo = page.embargoOf(article);
        if (embargo != null) {
            // A category readers show and filters can match; the exact time is also in the item's dc:rights.
            Category embargoed = category(FeedTerms.embargoLabel(embargo));
            embargoed.setDomain(FeedTerms.EMBARGO_SCHEME);
            categories.add(embargoed);
        }
        item.setCategories(categories);

        List<Module> modules = new ArrayList<>();
        if (!page.summaryOnly()) {
            ContentModuleImpl content = new ContentModuleImpl();
            content.setEncodeds(List.of(ContentHtml.of(article)));
            modules.add(content);
        }
        DCModuleImpl dc = new DCModuleImpl();
        dc.setCreator(article.byline() != null ? article.byline() : article.agency());
        List<String> rights = new ArrayList<>();
        if (article.creditLine() != null) {
            rights.add(article.creditLine());
        }
        String usageTerms = page.usageTermsOf(article);
        if (usageTerms != null) {
            rights.add(usageTerms); // Dublin Core allows dc:rights more than once: credit line, then usage terms
        }
        if (!rights.isEmpty()) {
            dc.setRightsList(rights);
        }
        modules.add(dc);
        if (!article.images().isEmpty() && !page.summaryOnly()) {
            modules.add(RomeFeeds.media(article.images()));
        }
        item.setModules(modules);
        List<Element> alternates = new ArrayList<>();
        for (FeedPage.EditionLink edition : editions) {
            Element link = atomLink("alternate", edition.url(), "text/html");
            link.setAttribute("hreflang", edition.language().code());
            alternates.add(link);
        }
        item.setForeignMarkup(alternates);
        return item;
    }

    /**
     * Section, regions and tags, each with the feed of that category as its domain: a reader can
     * subscribe to it, and the domain tells a section from a tag of the same name.
     */
    private List<Category> categories(Article article) {
        Language language = article.language();
        List<Category> categories = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        categories.add(category(
                article.section().nameIn(language),
                urls.feed(language, FeedSlice.section(article.section()), FeedFormat.RSS, 1),
                seen));
        for (Region region : article.regions()) {
            categories.add(category(
                    region.nameIn(language), urls.feed(language, FeedSlice.region(region), FeedFormat.RSS, 1), seen));
        }
        for (String tag : article.tags()) {
            String domain = FeedSlice.tag(Slugs.of(tag))
                    .map(slice -> urls.feed(language, slice, FeedFormat.RSS, 1))
                    .orElse(null);
            categories.add(category(tag, domain, seen));
        }
        categories.removeIf(Objects::isNull);
        return categories;
    }

    /** Null for a name already given (an agency tag "economy" beside the section "Economy"). */
    private static Category category(String name, String domain, Set<String> seen) {
        if (!seen.add(name.toLowerCase(Locale.ROOT))) {
            return null;
        }
        Category category = category(name);
        category.setDomain(domain);
        return category;
    }

    private static Category category(String name) {
        Category category = new Category();
        category.setValue(name);
        return category;
    }

    private static Element atomLink(String rel, String href, String type) {
        Element link = new Element("link", ATOM);
        link.setAttribute("href", href);
        link.setAttribute("rel", rel);
        if (type != null) {
            link.setAttribute("type", type.replace(";charset=utf-8", ""));
        }
        return link;
    }

    /** Plain text as HTML text: only the three characters HTML gives a meaning (no &apos;, which HTML 4 readers show as is). */
    private static String asHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
