package org.wiregate.publish;

import static org.wiregate.support.ArticleBuilder.anArticle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.ContentType;
import org.wiregate.article.Image;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;

/** The articles, pages and parsers the feed writer tests share. */
final class FeedWriterFixtures {

    static final String BASE = "https://news.example.org";
    static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    static final String CONTENT_NS = "http://purl.org/rss/1.0/modules/content/";
    static final String DC_NS = "http://purl.org/dc/elements/1.1/";
    static final String MEDIA_NS = "http://search.yahoo.com/mrss/";
    static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    static final String RFC_822 =
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";
    static final String RFC_3339 = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})";

    static final String ARABIC_HEADLINE = "بوتين وغويتا يؤكدان تعزيز التعاون الأمني في منطقة الساحل";
    static final String ARABIC_SLUG = "بوتين-وغويتا-يؤكدان-تعزيز-التعاون-الأمني-في-منطقة-الساحل";

    static final PublicUrls URLS = new PublicUrls(BASE);
    static final FeedTitles TITLES = new FeedTitles("Wiregate News");

    static final Article LISBON = anArticle()
            .wire("standard", "urn:test:en-lisbon")
            .agencyVersion("2")
            .language(Language.EN)
            .headline("Lisbon approves 40 km of cycle lanes & bus corridors")
            .standfirst("Lisbon's city council approved a plan to build 40 km of protected cycle lanes by 2028.")
            .bodyHtml("<p>LISBON (Demo Wire) - Lisbon city council on Tuesday approved a plan.</p>")
            .byline("Ana Costa")
            .agency("Demo Wire")
            .creditLine("Demo Wire")
            .dateline("LISBON")
            .firstPublished(Instant.parse("2026-11-27T09:12:00Z"))
            .updated(Instant.parse("2026-11-27T09:40:00Z"))
            .section(Section.ENVIRONMENT)
            .regions(Region.EUROPE)
            .tags("Lisbon", "cycling")
            .images(new Image(
                    "https://images.example.org/lisbon.jpg",
                    "Cyclists by the river",
                    "Rui Almeida / Demo Wire",
                    "image/jpeg",
                    1200,
                    800))
            .urgency(3)
            .editionGroup("demo-story-20")
            .slug("lisbon-approves-40-km-of-cycle-lanes-bus-corridors")
            .build();

    /** No byline, no standfirst, no image, no agency version: the fallbacks. */
    static final Article BRIEF = anArticle()
            .wire("standard", "urn:test:en-brief")
            .agencyVersion(null)
            .language(Language.EN)
            .headline("Markets open higher")
            .standfirst(null)
            .bodyHtml("<p>Markets opened higher on Friday.</p>")
            .byline(null)
            .agency("Demo Wire")
            .creditLine("Demo Wire")
            .dateline(null)
            .publishedAt(Instant.parse("2026-11-26T07:05:00Z"))
            .section(Section.ECONOMY)
            .urgency(5)
            .slug("markets-open-higher")
            .build();

    static final Article SAHEL_ARABIC = anArticle()
            .wire("demo", "demo-ar-20261127-01")
            .agencyVersion(null)
            .language(Language.AR)
            .headline(ARABIC_HEADLINE)
            .standfirst(
                    "أكد الرئيس الروسي فلاديمير بوتين ورئيس المرحلة الانتقالية في مالي أسيمي غويتا عزمهما على تعزيز التعاون الأمني.")
            .bodyHtml("<p>موسكو (وكالات) - أكد الرئيس الروسي فلاديمير بوتين ورئيس المرحلة الانتقالية في مالي.</p>")
            .byline("قسم الأخبار الدولية")
            .agency("Demo Wire")
            .creditLine("Demo Wire")
            .dateline(null)
            .firstPublished(Instant.parse("2026-11-27T11:05:00Z"))
            .updated(Instant.parse("2026-11-27T11:20:00Z"))
            .section(Section.POLITICS)
            .regions(Region.AFRICA)
            .tags("روسيا", "مالي")
            .images(new Image(
                    "https://images.example.org/mali-kremlin.jpg",
                    "الرئيس الروسي فلاديمير بوتين",
                    "بافل أورلوف / ديمو",
                    "image/jpeg",
                    1200,
                    800))
            .urgency(3)
            .editionGroup("demo-story-01")
            .slug(ARABIC_SLUG)
            .build();

    /** The Spanish edition of the Lisbon story. */
    static final Article LISBOA_ES = anArticle()
            .wire("efe", "urn:test:es-lisboa")
            .revision(2)
            .language(Language.ES)
            .headline("Lisboa aprueba 40 kilómetros de carriles bici y corredores de autobús")
            .standfirst(
                    "El ayuntamiento de Lisboa aprobó un plan para construir 40 kilómetros de carriles bici protegidos antes de 2028.")
            .bodyHtml("<p>LISBOA (EFE) - El pleno municipal de Lisboa aprobó el martes el plan de movilidad.</p>")
            .byline("Marta Gil")
            .agency("EFE")
            .creditLine("EFE")
            .dateline("LISBOA")
            .firstPublished(Instant.parse("2026-11-27T09:30:00Z"))
            .updated(Instant.parse("2026-11-27T10:05:00Z"))
            .section(Section.ENVIRONMENT)
            .contentType(ContentType.FEATURE)
            .regions(Region.EUROPE, Region.LATIN_AMERICA)
            .tags("Lisboa", "movilidad")
            .urgency(4)
            .editionGroup("demo-story-20")
            .slug("lisboa-aprueba-40-kilometros-de-carriles-bici")
            .build();

    /** The Arabic edition of the Lisbon story. */
    static final Article LISBOA_AR = anArticle()
            .wire("demo", "urn:test:ar-lisbon")
            .revision(3)
            .language(Language.AR)
            .headline("لشبونة تقر إنشاء 40 كيلومترا من مسارات الدراجات والحافلات")
            .standfirst("وافق مجلس مدينة لشبونة على خطة لإنشاء 40 كيلومترا من مسارات الدراجات المحمية بحلول عام 2028.")
            .bodyHtml("<p>لشبونة (وكالات) - وافق مجلس مدينة لشبونة يوم الثلاثاء على خطة للنقل.</p>")
            .firstPublished(Instant.parse("2026-11-27T10:00:00Z"))
            .updated(Instant.parse("2026-11-27T10:45:00Z"))
            .section(Section.ENVIRONMENT)
            .regions(Region.EUROPE)
            .editionGroup("demo-story-20")
            .slug("لشبونة-تقر-إنشاء-40-كيلومترا-من-مسارات-الدراجات")
            .build();

    static final Instant EMBARGO = Instant.parse("2026-11-27T18:00:00Z");
    static final String RIGHTS = "© 2026 Demo Wire. Licensed to Partner Example for its own sites.";
    static final String USAGE_TERMS = "Demo Wire copy: partners may republish with the credit line; no resale.";
    static final Instant KILLED_AT = Instant.parse("2026-11-27T08:15:30.123456Z");

    private FeedWriterFixtures() {}

    // ---------------------------------------------------------------- pages

    static FeedPage englishPage(FeedFormat format, String nextUrl) {
        return page(Language.EN, format, List.of(LISBON, BRIEF), nextUrl);
    }

    static FeedPage arabicPage(FeedFormat format) {
        return page(Language.AR, format, List.of(SAHEL_ARABIC), null);
    }

    static FeedPage page(Language language, FeedFormat format, List<Article> items, String nextUrl) {
        Instant updated =
                items.stream().map(Article::updated).max(Instant::compareTo).orElse(Instant.EPOCH);
        return new FeedPage(
                language,
                format,
                1,
                TITLES.latest(language),
                TITLES.latestDescription(language),
                items,
                updated,
                URLS.feed(language, format, 1),
                URLS.home(language),
                URLS.feed(language, format, 1),
                nextUrl,
                null);
    }

    /** A first page with a reader's contract terms (null: none). */
    static FeedPage page(
            Language language, FeedFormat format, List<Article> items, String nextUrl, FeedPage.Terms terms) {
        FeedPage page = page(language, format, items, nextUrl);
        return new FeedPage(
                page.language(),
                page.format(),
                page.page(),
                page.title(),
                page.description(),
                page.items(),
                page.updated(),
                page.selfUrl(),
                page.homeUrl(),
                page.firstUrl(),
                page.nextUrl(),
                page.previousUrl(),
                page.editions(),
                page.hubUrl(),
                page.lastUrl(),
                page.tombstones(),
                terms);
    }

    /**
     * Page 2 of the English partner feed: every navigation link and the hub, the Lisbon story's
     * Arabic and Spanish editions, one killed entry, and the contract's terms (Lisbon with usage
     * terms, the markets brief shown before its embargo lapses).
     */
    static FeedPage pageTwo(FeedFormat format, boolean summaryOnly) {
        return pageTwo(
                format,
                new FeedPage.Terms(summaryOnly, RIGHTS, Map.of(LISBON.id(), USAGE_TERMS), Map.of(BRIEF.id(), EMBARGO)));
    }

    /** The same page with other terms; null for a public page. */
    static FeedPage pageTwo(FeedFormat format, FeedPage.Terms terms) {
        Map<ArticleId, List<FeedPage.EditionLink>> editions = Map.of(
                LISBON.id(),
                List.of(
                        new FeedPage.EditionLink(Language.AR, LISBOA_AR.id().urn(), URLS.article(LISBOA_AR)),
                        new FeedPage.EditionLink(Language.ES, LISBOA_ES.id().urn(), URLS.article(LISBOA_ES))));
        return new FeedPage(
                Language.EN,
                format,
                2,
                TITLES.latest(Language.EN),
                TITLES.latestDescription(Language.EN),
                List.of(LISBON, BRIEF),
                LISBON.updated(),
                URLS.feed(Language.EN, format, 2),
                URLS.home(Language.EN),
                URLS.feed(Language.EN, format, 1),
                URLS.feed(Language.EN, format, 3),
                URLS.feed(Language.EN, format, 1),
                editions,
                URLS.hub(),
                URLS.feed(Language.EN, format, 4),
                List.of(new FeedPage.Tombstone("urn:wiregate:article:killedstoryaaaaaaaaaaaaaa", KILLED_AT)),
                terms);
    }

    /** Each call uses new writers, so nothing cached in a writer can make two renders agree. */
    static byte[] render(FeedPage page) {
        return switch (page.format()) {
            case RSS -> new RssFeedWriter(new PublicUrls(BASE)).write(page);
            case ATOM -> new AtomFeedWriter(new PublicUrls(BASE)).write(page);
            case JSON -> new JsonFeedWriter(new PublicUrls(BASE)).write(page);
        };
    }

    // ---------------------------------------------------------------- parsing the output

    static SyndFeed rome(byte[] bytes) throws Exception {
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(bytes))) {
            return new SyndFeedInput().build(reader);
        }
    }

    static JsonNode json(byte[] bytes) {
        try {
            return new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            throw new AssertionError("output is not JSON", e);
        }
    }

    static Document xml(byte[] bytes) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            throw new AssertionError("output is not well-formed XML", e);
        }
    }

    /**
     * A namespace-aware DOM from a parser hardened as for untrusted input: no DOCTYPE, no external
     * entities or DTDs, no XInclude, secure processing; any error, not only a fatal one, fails.
     */
    static Document hardenedXml(byte[] bytes) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                    throw e;
                }
            });
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            throw new AssertionError("output is not well-formed XML", e);
        }
    }

    static Element atomLink(Document document, String rel) {
        for (Element link : elements(document, ATOM_NS, "link")) {
            if (rel.equals(link.getAttribute("rel"))) {
                return link;
            }
        }
        return null;
    }

    /** Elements by namespace and local name; a null namespace means "no namespace". */
    static List<Element> elements(Document document, String namespace, String localName) {
        return toList(document.getElementsByTagNameNS(namespace == null ? "" : namespace, localName), namespace);
    }

    static List<Element> descendants(List<Element> parents, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Element parent : parents) {
            found.addAll(
                    toList(parent.getElementsByTagNameNS(namespace == null ? "" : namespace, localName), namespace));
        }
        return found;
    }

    private static List<Element> toList(NodeList nodes, String namespace) {
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (namespace == null ? element.getNamespaceURI() == null : namespace.equals(element.getNamespaceURI())) {
                list.add(element);
            }
        }
        return list;
    }

    static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    static Element child(Element parent, String namespace, String localName) {
        for (Element element : children(parent)) {
            if (localName.equals(element.getLocalName()) && namespace.equals(element.getNamespaceURI())) {
                return element;
            }
        }
        return null;
    }

    static int indexOf(List<Element> elements, String namespace, String localName) {
        for (int i = 0; i < elements.size(); i++) {
            Element e = elements.get(i);
            boolean sameNamespace =
                    namespace == null ? e.getNamespaceURI() == null : namespace.equals(e.getNamespaceURI());
            if (sameNamespace && localName.equals(e.getLocalName())) {
                return i;
            }
        }
        return -1;
    }

    static List<String> texts(List<Element> elements) {
        return elements.stream().map(Element::getTextContent).toList();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
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
