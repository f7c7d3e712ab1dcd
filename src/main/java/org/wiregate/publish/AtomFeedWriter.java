package org.wiregate.publish;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.module.Module;
import com.rometools.rome.feed.synd.SyndPerson;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.wiregate.article.Article;

/**
 * Atom 1.0 (RFC 4287): xml:lang on the feed, a permanent urn id per entry, RFC 3339 times,
 * self/alternate/next links, an author on every entry, summary and HTML content.
 */
@Component
public class AtomFeedWriter {

    private static final Namespace TOMBSTONES = Namespace.getNamespace("at", "http://purl.org/atompub/tombstones/1.0");
    /** RFC 5005 feed history: {@code <fh:archive/>} marks an archive document. */
    static final Namespace HISTORY = Namespace.getNamespace("fh", "http://purl.org/syndication/history/1.0");

    private final PublicUrls urls;
    private final RenderGuard guard;

    /** A writer whose left-out items are counted in a registry of its own (tests, benchmarks). */
    public AtomFeedWriter(PublicUrls urls) {
        this(urls, RenderGuard.detached());
    }

    @Autowired
    AtomFeedWriter(PublicUrls urls, RenderGuard guard) {
        this.urls = urls;
        this.guard = guard;
    }

    public byte[] write(FeedPage page) {
        Feed feed = new Feed("atom_1.0");
        feed.setId(page.firstUrl());
        feed.setLanguage(page.language().code());
        feed.setTitleEx(text(page.title()));
        feed.setSubtitle(text(page.description()));
        feed.setUpdated(RomeFeeds.date(page.updated()));
        feed.setAlternateLinks(List.of(link("alternate", page.homeUrl(), "text/html")));
        List<Link> others = new ArrayList<>();
        others.add(link("self", page.selfUrl(), "application/atom+xml"));
        if (page.hubUrl() != null) {
            others.add(link("hub", page.hubUrl(), null));
        }
        if (!page.archived()) {
            // Paging links (RFC 5005 section 3) belong to the pages of the current feed, not to archives.
            others.add(link("first", page.firstUrl(), null));
            if (page.nextUrl() != null) {
                others.add(link("next", page.nextUrl(), null));
            }
            if (page.previousUrl() != null) {
                others.add(link("previous", page.previousUrl(), null));
            }
            if (page.lastUrl() != null) {
                others.add(link("last", page.lastUrl(), null));
            }
        }
        FeedPage.Archive archive = page.archive();
        if (archive != null) {
            if (archive.current() != null) {
                others.add(link("current", archive.current(), "application/atom+xml"));
            }
            if (archive.prevArchive() != null) {
                others.add(link("prev-archive", archive.prevArchive(), "application/atom+xml"));
            }
            if (archive.nextArchive() != null) {
                others.add(link("next-archive", archive.nextArchive(), "application/atom+xml"));
            }
        }
        feed.setOtherLinks(others);
        if (page.terms() != null) {
            feed.setRights(page.terms().rights());
        }
        List<Element> foreign = new ArrayList<>();
        if (page.archived()) {
            foreign.add(new Element("archive", HISTORY));
        }
        foreign.addAll(tombstones(page.tombstones()));
        if (!foreign.isEmpty()) {
            feed.setForeignMarkup(foreign);
        }

        // Each entry alone: one that cannot be written is left out, not the whole feed (RenderGuard).
        feed.setEntries(guard.each("atom", page.items(), article -> entry(article, page)));
        return RomeFeeds.output(feed, page.language().code());
    }

    private Entry entry(Article article, FeedPage page) {
        List<FeedPage.EditionLink> editions = page.editionsOf(article);
        Entry entry = new Entry();
        entry.setId(article.id().urn());
        entry.setTitleEx(text(article.headline()));
        entry.setPublished(RomeFeeds.date(article.firstPublished()));
        entry.setUpdated(RomeFeeds.date(article.updated()));
        List<Link> alternates = new ArrayList<>();
        Link own = link("alternate", urls.article(article), "text/html");
        own.setHreflang(article.language().code());
        alternates.add(own);
        for (FeedPage.EditionLink edition : editions) {
            Link alternate = link("alternate", edition.url(), "text/html");
            alternate.setHreflang(edition.language().code());
            alternates.add(alternate);
        }
        entry.setAlternateLinks(alternates);

        Person author = new Person();
        author.setName(article.byline() != null ? article.byline() : article.agency());
        List<SyndPerson> authors = List.of(author);
        entry.setAuthors(authors);
        // Atom has one rights per entry: the credit line, then the reader's usage terms.
        String usageTerms = page.usageTermsOf(article);
        String rights = article.creditLine() == null
                ? usageTerms
                : usageTerms == null ? article.creditLine() : article.creditLine() + " — " + usageTerms;
        if (rights != null) {
            entry.setRights(rights);
        }
        if (page.summaryOnly()) {
            // No content: the summary stands for the entry (RFC 4287 4.1.1.1 asks for one then).
            entry.setSummary(text(article.standfirst().isEmpty() ? article.headline() : article.standfirst()));
        } else {
            if (!article.standfirst().isEmpty()) {
                entry.setSummary(text(article.standfirst()));
            }
            Content content = new Content();
            content.setType("html");
            content.setValue(ContentHtml.of(article));
            entry.setContents(List.of(content));
        }

        List<Category> categories = new ArrayList<>();
        categories.add(category(article.section().slug(), article.section().nameIn(article.language())));
        article.regions().forEach(r -> categories.add(category(r.slug(), r.nameIn(article.language()))));
        article.tags().forEach(t -> categories.add(category(t, null)));
        Instant embargo = page.embargoOf(article);
        if (embargo != null) {
            Category embargoed = category(JsonFeedWriter.rfc3339(embargo), FeedTerms.embargoLabel(embargo));
            embargoed.setScheme(FeedTerms.EMBARGO_SCHEME);
            categories.add(embargoed);
        }
        entry.setCategories(categories);

        if (!article.images().isEmpty() && !page.summaryOnly()) {
            List<Module> modules = new ArrayList<>();
            modules.add(RomeFeeds.media(article.images()));
            entry.setModules(modules);
        }
        return entry;
    }

    /** RFC 6721 at:deleted-entry elements, so subscribers remove killed entries they already have. */
    private static List<Element> tombstones(List<FeedPage.Tombstone> tombstones) {
        List<Element> elements = new ArrayList<>();
        for (FeedPage.Tombstone tombstone : tombstones) {
            Element deleted = new Element("deleted-entry", TOMBSTONES);
            deleted.setAttribute("ref", tombstone.ref());
            deleted.setAttribute(
                    "when", tombstone.when().truncatedTo(ChronoUnit.SECONDS).toString());
            elements.add(deleted);
        }
        return elements;
    }

    private static Content text(String value) {
        Content content = new Content();
        content.setType("text");
        content.setValue(value);
        return content;
    }

    private static Link link(String rel, String href, String type) {
        Link link = new Link();
        link.setRel(rel);
        link.setHref(href);
        if (type != null) {
            link.setType(type);
        }
        return link;
    }

    private static Category category(String term, String label) {
        Category category = new Category();
        category.setTerm(term);
        if (label != null) {
            category.setLabel(label);
        }
        return category;
    }
}
