package org.wiregate.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.store.ArticleStore;
import org.wiregate.support.FeedParserClient;
import org.wiregate.support.GatewayTestProperties;
import org.wiregate.support.Http;
import org.wiregate.support.JsonFeedConformance;
import org.wiregate.support.MutableClock;
import org.wiregate.support.PartnerFixtures;
import org.wiregate.support.PartnerFixtures.Story;
import org.wiregate.support.TestDirectories;

/**
 * Partner feeds through HTTP: each entitlement dimension cuts the feeds, whatever is outside the
 * contract is the same 404 as what does not exist, summary-only contracts never get a body, embargo
 * preview sees embargoed copy early, editions link only within the contract, feed tokens open one
 * path until revoked, and the feeds parse cleanly in feedparser, Rome and against JSON Feed 1.1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartnerFeedsTest {

    private static final Path work = TestDirectories.create("partner-feeds");
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final Instant EMBARGO = NOW.plus(Duration.ofHours(1));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RSS_CONTENT = "http://purl.org/rss/1.0/modules/content/";
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String PUBLIC_BASE = "http://localhost:8080";

    /** The items attribute each partner request left, by path and query, as usage accounting reads it. */
    static final Map<String, Object> itemsCounted = new ConcurrentHashMap<>();

    static final Story POLITICS_EUROPE = Story.of("afp", "pf-en-politics", Language.EN);
    static final Story SPORTS = Story.of("afp", "pf-en-sports", Language.EN).section(Section.SPORTS);
    static final Story AFRICA = Story.of("afp", "pf-en-africa", Language.EN).regions(Region.AFRICA);
    static final Story ANALYSIS = Story.of("afp", "pf-en-analysis", Language.EN).type(ContentType.ANALYSIS);
    static final Story EFE_ENGLISH = Story.of("efe", "pf-en-efe", Language.EN);
    static final Story REUTERS = Story.of("reuters", "pf-en-reuters", Language.EN);
    static final Story SPANISH = Story.of("efe", "pf-es-1", Language.ES);
    static final Story ARABIC = Story.of("qna", "pf-ar-1", Language.AR);
    static final Story GROUP_EN = Story.of("afp", "pf-en-group", Language.EN).group("pf-group");
    static final Story GROUP_ES = Story.of("efe", "pf-es-group", Language.ES).group("pf-group");
    static final Story GROUP_AR = Story.of("qna", "pf-ar-group", Language.AR).group("pf-group");
    static final Story EMBARGOED =
            Story.of("afp", "pf-en-embargoed", Language.EN).embargo(EMBARGO);

    private static final Map<String, String> keys = new ConcurrentHashMap<>();

    @LocalServerPort
    int port;

    @Autowired
    ArticleStore store;

    @Autowired
    PartnerRepository partners;

    @Autowired
    PartnerKeys partnerKeys;

    @Autowired
    MutableClock clock;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestProperties.register(registry, "partner-feeds", work.resolve("inbox"));
        registry.add("gateway.feeds.page-size", () -> "3");
    }

    @BeforeEach
    void seed() {
        if (!keys.isEmpty()) {
            return;
        }
        clock.set(NOW);
        for (Story story : List.of(
                POLITICS_EUROPE,
                SPORTS,
                AFRICA,
                ANALYSIS,
                EFE_ENGLISH,
                REUTERS,
                SPANISH,
                ARABIC,
                GROUP_EN,
                GROUP_ES,
                GROUP_AR,
                EMBARGOED)) {
            store.save(story.article(), null);
        }
        keys.put("standard", PartnerFixtures.partnerWithKey(partners, partnerKeys, "standard", null));
        // Same contract as "standard", a name that needs escaping in XML and JSON.
        partners.insert(
                new Partner("smith", "Smith & Sons <News>", Entitlements.STANDARD, 100_000, 100_000, NOW, null));
        keys.put("smith", partnerKeys.issueKey("smith", "test").token());
        keys.put(
                "languages",
                PartnerFixtures.partnerWithKey(
                        partners, partnerKeys, "languages", "{\"languages\": [\"en\", \"es\"]}"));
        keys.put(
                "sections",
                PartnerFixtures.partnerWithKey(partners, partnerKeys, "sections", "{\"sections\": [\"politics\"]}"));
        keys.put(
                "regions",
                PartnerFixtures.partnerWithKey(partners, partnerKeys, "regions", "{\"regions\": [\"africa\"]}"));
        keys.put(
                "types",
                PartnerFixtures.partnerWithKey(partners, partnerKeys, "types", "{\"contentTypes\": [\"news\"]}"));
        keys.put(
                "agencies",
                PartnerFixtures.partnerWithKey(
                        partners, partnerKeys, "agencies", "{\"agencies\": [\"afp\", \"reuters\"]}"));
        keys.put(
                "summary", PartnerFixtures.partnerWithKey(partners, partnerKeys, "summary", "{\"text\": \"summary\"}"));
        keys.put(
                "preview",
                PartnerFixtures.partnerWithKey(partners, partnerKeys, "preview", "{\"embargoPreview\": true}"));
    }

    @Test
    @Order(1)
    void languagesOutsideTheContractAreTheSame404AsFeedsThatDoNotExist() throws Exception {
        String key = keys.get("languages");
        assertThat(allPages("/partner/feeds/en.rss", key))
                .contains(POLITICS_EUROPE.id().urn());
        assertThat(allPages("/partner/feeds/es.json", key))
                .contains(SPANISH.id().urn());

        HttpResponse<byte[]> arabic = get("/partner/feeds/ar.rss", key);
        assertThat(arabic.statusCode()).isEqualTo(404);
        assertThat(new String(arabic.body(), StandardCharsets.UTF_8))
                .doesNotContain(ARABIC.id().urn());
        for (String unknown : List.of(
                "/partner/feeds/xx.rss",
                "/partner/feeds/en.txt",
                "/partner/feeds/en/section/nope.rss",
                "/partner/feeds/en/bogus/politics.rss",
                "/partner/feeds/en/a/b/c.rss",
                "/partner/feeds/en.rss?page=99",
                "/partner/feeds/ar/section/politics.atom",
                "/partner/feeds/ar/breaking.json")) {
            assertSame404(arabic, get(unknown, key), unknown);
        }
        // The standard contract reads Arabic: the 404 above is the contract, not a missing feed.
        assertThat(allPages("/partner/feeds/ar.rss", keys.get("standard")))
                .contains(ARABIC.id().urn());
    }

    @Test
    @Order(2)
    void sectionsOutsideTheContractAreNeitherInTheFeedsNorReadable() throws Exception {
        String key = keys.get("sections");
        String feed = allPages("/partner/feeds/en.atom", key);
        assertThat(feed)
                .contains(POLITICS_EUROPE.id().urn())
                .doesNotContain(SPORTS.id().urn());
        assertThat(allPages("/partner/feeds/en/section/politics.json", key))
                .contains(POLITICS_EUROPE.id().urn());
        assertSame404(get("/partner/feeds/xx.rss", key), get("/partner/feeds/en/section/sports.rss", key), "sports");
        assertThat(allPages("/partner/feeds/en/section/sports.rss", keys.get("standard")))
                .contains(SPORTS.id().urn());
    }

    @Test
    @Order(3)
    void regionsOutsideTheContractAreNeitherInTheFeedsNorReadable() throws Exception {
        String key = keys.get("regions");
        String feed = allPages("/partner/feeds/en.rss", key);
        assertThat(feed)
                .contains(AFRICA.id().urn())
                .doesNotContain(POLITICS_EUROPE.id().urn());
        assertThat(allPages("/partner/feeds/en/section/politics.rss", key))
                .contains(AFRICA.id().urn())
                .doesNotContain(POLITICS_EUROPE.id().urn());
        assertSame404(get("/partner/feeds/xx.rss", key), get("/partner/feeds/en/region/europe.rss", key), "europe");
        assertThat(allPages("/partner/feeds/en/region/africa.json", key))
                .contains(AFRICA.id().urn());
    }

    @Test
    @Order(4)
    void contentTypesOutsideTheContractAreNeitherInTheFeedsNorReadable() throws Exception {
        String key = keys.get("types");
        String feed = allPages("/partner/feeds/en.json", key);
        assertThat(feed)
                .contains(POLITICS_EUROPE.id().urn())
                .doesNotContain(ANALYSIS.id().urn());
        assertSame404(get("/partner/feeds/xx.rss", key), get("/partner/feeds/en/type/analysis.rss", key), "analysis");
        assertThat(allPages("/partner/feeds/en/type/analysis.rss", keys.get("standard")))
                .contains(ANALYSIS.id().urn());
    }

    @Test
    @Order(5)
    void agenciesOutsideTheContractAndCopyThatMayNotBeRedistributedNeverAppear() throws Exception {
        // The public site carries Reuters: the story exists, partners just never get it.
        assertThat(allPages("/feeds/en.rss", null)).contains(REUTERS.id().urn());

        String agencies = allPages("/partner/feeds/en.rss", keys.get("agencies"));
        assertThat(agencies)
                .contains(POLITICS_EUROPE.id().urn())
                .doesNotContain(EFE_ENGLISH.id().urn())
                .doesNotContain(REUTERS.id().urn());
        for (String format : List.of("rss", "atom", "json")) {
            for (String partner : List.of("standard", "agencies", "preview", "summary")) {
                assertThat(allPages("/partner/feeds/en." + format, keys.get(partner)))
                        .as(partner + " " + format)
                        .doesNotContain(REUTERS.id().urn());
            }
        }
        assertThat(allPages("/partner/feeds/en.rss", keys.get("standard")))
                .contains(EFE_ENGLISH.id().urn());
        JsonNode catalogue =
                JSON.readTree(get("/partner/feeds", keys.get("agencies")).body());
        assertThat(catalogue.path("contract").path("agencies").toString()).isEqualTo("[\"afp\"]");
    }

    @Test
    @Order(6)
    void summaryOnlyContractsGetNoBodyInAnyFormat() throws Exception {
        String key = keys.get("summary");
        Document rss = xml(get("/partner/feeds/en.rss", key).body());
        assertThat(rss.getElementsByTagNameNS(RSS_CONTENT, "encoded").getLength())
                .isZero();
        assertThat(rss.getElementsByTagName("item").getLength()).isEqualTo(3);
        assertThat(text(rss.getElementsByTagName("description"), 1)).startsWith("Standfirst of ");
        // Per item: the credit line, then the usage terms.
        List<String> rights = texts(rss.getElementsByTagNameNS(DC, "rights"));
        assertThat(rights.stream().filter(r -> r.endsWith("Partner contract: headline and summary only.")))
                .hasSize(3);
        assertThat(rights)
                .noneMatch(r -> r.contains("full text"))
                .anySatisfy(r -> assertThat(r).startsWith("AFP copy: republication by contracted partners only"));
        assertThat(text(rss.getElementsByTagName("copyright"), 0))
                .isEqualTo(
                        "Licensed to Partner summary (summary) for headline and summary only. Each item carries its agency's usage terms;"
                                + " no redistribution beyond the contract.");

        Document atom = xml(get("/partner/feeds/en.atom", key).body());
        assertThat(atom.getElementsByTagNameNS(ATOM, "content").getLength()).isZero();
        assertThat(atom.getElementsByTagNameNS(ATOM, "summary").getLength()).isEqualTo(3);
        NodeList entryRights = atom.getElementsByTagNameNS(ATOM, "rights");
        assertThat(entryRights.getLength()).isEqualTo(4); // the feed's and one per entry
        assertThat(texts(entryRights).subList(1, 4))
                .allSatisfy(r -> assertThat(r).contains("headline and summary only"));

        JsonNode json = JSON.readTree(get("/partner/feeds/en.json", key).body());
        JsonFeedConformance.assertConforms(json);
        for (JsonNode item : json.path("items")) {
            assertThat(item.has("content_html")).isFalse();
            assertThat(item.path("content_text").asText()).startsWith("Standfirst of ");
            assertThat(item.path("_wiregate").path("usage_terms").asText())
                    .endsWith("Partner contract: headline and summary only.");
        }
        for (String format : List.of("rss", "atom", "json")) {
            assertThat(allPages("/partner/feeds/en." + format, key)).doesNotContain("Body of ");
            assertThat(allPages("/partner/feeds/en." + format, keys.get("standard")))
                    .contains("Body of ");
        }
    }

    @Test
    @Order(7)
    void editionLinksOnlyToEditionsThePartnerMaySee() throws Exception {
        Document standard = xml(allPagesUntil(
                "/partner/feeds/en.atom", keys.get("standard"), GROUP_EN.id().urn()));
        assertThat(hreflangsOf(standard, GROUP_EN.id().urn())).containsExactlyInAnyOrder("en", "es", "ar");
        Document languages = xml(allPagesUntil(
                "/partner/feeds/en.atom", keys.get("languages"), GROUP_EN.id().urn()));
        assertThat(hreflangsOf(languages, GROUP_EN.id().urn())).containsExactlyInAnyOrder("en", "es");
        // JSON Feed's _editions too.
        String json = allPages("/partner/feeds/en.json", keys.get("languages"));
        assertThat(json)
                .contains(GROUP_ES.id().urn())
                .doesNotContain(GROUP_AR.id().urn());
    }

    @Test
    @Order(8)
    void aFeedTokenOpensItsOneFeedUntilRevoked() throws Exception {
        PartnerKeys.NewSecret token = partnerKeys.issueFeedToken("standard", "/partner/feeds/en.rss", "test");
        HttpResponse<byte[]> first = Http.get(base() + "/partner/feeds/en.rss?token=" + token.token());
        assertThat(first.statusCode()).isEqualTo(200);
        String body = new String(first.body(), StandardCharsets.UTF_8);
        assertThat(body)
                .contains("<item>")
                .doesNotContain(token.token())
                .doesNotContain("token=")
                .contains("href=\"" + PUBLIC_BASE + "/partner/feeds/en.rss?page=2\"");
        assertThat(Http.get(base() + "/partner/feeds/en.rss?page=2&token=" + token.token())
                        .statusCode())
                .isEqualTo(200);
        for (String other : List.of(
                "/partner/feeds/en.atom",
                "/partner/feeds/es.rss",
                "/partner/feeds/en/breaking.rss",
                "/partner/feeds",
                "/api/partner/articles",
                "/api/partner/me")) {
            assertThat(Http.get(base() + other + "?token=" + token.token()).statusCode())
                    .as(other)
                    .isEqualTo(401);
        }

        assertThat(partnerKeys.revokeFeedToken(token.id(), "test")).isTrue();
        await().atMost(Duration.ofSeconds(3))
                .until(() -> Http.get(base() + "/partner/feeds/en.rss?token=" + token.token())
                                .statusCode()
                        == 401);
        assertThat(get("/partner/feeds/en.rss", keys.get("standard")).statusCode())
                .isEqualTo(200); // the key still works
    }

    @Test
    @Order(9)
    void conditionalGetGzipAndPrivateCachingAsThePublicFeeds() throws Exception {
        String key = keys.get("standard");
        HttpResponse<byte[]> first = get("/partner/feeds/en.atom", key);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElseThrow())
                .contains("private")
                .doesNotContain("public");
        assertThat(first.headers().firstValue("Last-Modified")).isPresent();
        assertThat(itemsCounted.get("/partner/feeds/en.atom")).isEqualTo(3);

        HttpResponse<byte[]> again =
                Http.get(base() + "/partner/feeds/en.atom", "X-Api-Key", key, "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(itemsCounted.get("/partner/feeds/en.atom")).isEqualTo(0);

        HttpResponse<byte[]> gzipped = Http.get(
                base() + "/partner/feeds/en.atom", "Authorization", "Bearer " + key, "Accept-Encoding", "gzip");
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes())
                .isEqualTo(first.body());
        String gzipEtag = gzipped.headers().firstValue("ETag").orElseThrow();
        assertThat(Http.get(
                                base() + "/partner/feeds/en.atom",
                                "Authorization",
                                "Bearer " + key,
                                "Accept-Encoding",
                                "gzip",
                                "If-None-Match",
                                gzipEtag)
                        .statusCode())
                .isEqualTo(304);

        // Another partner on the same contract: the same render, its own rights, so its own ETag.
        HttpResponse<byte[]> smith = get("/partner/feeds/en.atom", keys.get("smith"));
        assertThat(smith.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        assertThat(Http.get(base() + "/partner/feeds/en.atom", "X-Api-Key", keys.get("smith"), "If-None-Match", etag)
                        .statusCode())
                .isEqualTo(200);
        String standardText = new String(first.body(), StandardCharsets.UTF_8);
        String smithText = new String(smith.body(), StandardCharsets.UTF_8);
        assertThat(smithText).contains("Licensed to Smith &amp; Sons &lt;News&gt; (smith).");
        assertThat(smithText.replace("Smith &amp; Sons &lt;News&gt; (smith)", "Partner standard (standard)"))
                .isEqualTo(standardText);
        assertThat(JSON.readTree(
                                get("/partner/feeds/en.json", keys.get("smith")).body())
                        .path("_wiregate")
                        .path("rights")
                        .asText())
                .startsWith("Licensed to Smith & Sons <News> (smith).");

        // The public feeds are untouched: no partner terms, and the partner paths are not public.
        String publicFeed = new String(Http.get(base() + "/feeds/en.atom").body(), StandardCharsets.UTF_8);
        assertThat(publicFeed)
                .doesNotContain("Licensed to")
                .doesNotContain("Partner contract")
                .contains("/feeds/en.atom");
        assertThat(Http.get(base() + "/partner/feeds/en.rss").statusCode()).isEqualTo(401);
    }

    /** The fast path answers exactly as the full stack does (an extra parameter takes that way). */
    @Test
    @Order(10)
    void theFeedFastPathAnswersAsTheFullStack() throws Exception {
        for (String feed : List.of(
                "/partner/feeds/en.rss",
                "/partner/feeds/es.atom",
                "/partner/feeds/ar.json",
                "/partner/feeds/en/section/politics.atom",
                "/partner/feeds/es/region/africa.rss",
                "/partner/feeds/en/breaking.json")) {
            for (String[] variant : List.of(new String[] {}, new String[] {"Accept-Encoding", "gzip"})) {
                String[] fast = concat(variant, "X-Api-Key", keys.get("standard"));
                HttpResponse<byte[]> viaFastPath = Http.get(base() + feed, fast);
                HttpResponse<byte[]> viaStack = Http.get(base() + feed + "?page=1&via=stack", fast);
                assertThat(viaFastPath.statusCode()).as(feed).isEqualTo(200);
                assertThat(viaFastPath.body()).as(feed).isEqualTo(viaStack.body());
                for (String header : List.of(
                        "Content-Type",
                        "Content-Encoding",
                        "ETag",
                        "Last-Modified",
                        "Cache-Control",
                        "Vary",
                        "X-Content-Type-Options",
                        "X-Frame-Options",
                        "X-Robots-Tag",
                        "RateLimit-Limit",
                        "RateLimit-Policy")) {
                    assertThat(viaFastPath.headers().allValues(header))
                            .as(feed + " " + header)
                            .isEqualTo(viaStack.headers().allValues(header));
                }
                String etag = viaFastPath.headers().firstValue("ETag").orElseThrow();
                assertThat(Http.get(base() + feed, concat(fast, "If-None-Match", etag))
                                .statusCode())
                        .isEqualTo(304);
            }
        }
        // Outside the contract or unknown, the fast path steps aside and the answer is the usual 404 problem.
        for (String[] refusedFor : List.of(
                new String[] {"/partner/feeds/ar.rss", "languages"},
                new String[] {"/partner/feeds/en/section/sports.rss", "sections"},
                new String[] {"/partner/feeds/en/section/no-such-section.rss", "standard"})) {
            HttpResponse<byte[]> refused = get(refusedFor[0], keys.get(refusedFor[1]));
            assertThat(refused.statusCode()).as(refusedFor[0]).isEqualTo(404);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    @Order(11)
    void partnerFeedsParseCleanlyInFeedparserRomeAndAsJsonFeed() throws Exception {
        for (String partner : List.of("standard", "summary", "preview", "smith")) {
            for (String path : List.of(
                    "/partner/feeds/en.rss",
                    "/partner/feeds/en.atom",
                    "/partner/feeds/en.rss?page=2",
                    "/partner/feeds/en/section/politics.atom",
                    "/partner/feeds/ar.rss")) {
                HttpResponse<byte[]> response = get(path, keys.get(partner));
                String contentType =
                        response.headers().firstValue("Content-Type").orElseThrow();
                JsonNode parsed = FeedParserClient.parse(response.body(), contentType, work);
                assertThat(parsed.path("bozo").asBoolean())
                        .as(partner + " " + path + ": "
                                + parsed.path("bozo_exception").asText())
                        .isFalse();
                assertThat(parsed.path("entries").size())
                        .as(partner + " " + path)
                        .isPositive();
                SyndFeed rome = new SyndFeedInput()
                        .build(new StringReader(new String(response.body(), StandardCharsets.UTF_8)));
                assertThat(rome.getEntries()).hasSize(parsed.path("entries").size());
            }
            for (String path :
                    List.of("/partner/feeds/en.json", "/partner/feeds/en.json?page=2", "/partner/feeds/es.json")) {
                JsonNode feed = JSON.readTree(get(path, keys.get(partner)).body());
                JsonFeedConformance.assertConforms(feed);
                assertThat(feed.path("feed_url").asText()).startsWith(PUBLIC_BASE + "/partner/feeds/");
                if (feed.has("next_url")) {
                    assertThat(feed.path("next_url").asText())
                            .startsWith(PUBLIC_BASE + "/partner/feeds/")
                            .doesNotContain("token");
                }
            }
        }
    }

    @Test
    @Order(11)
    void theCatalogueListsExactlyTheFeedsThePartnerMayRead() throws Exception {
        JsonNode sections =
                JSON.readTree(get("/partner/feeds", keys.get("sections")).body());
        List<String> urls = new ArrayList<>();
        sections.path("languages")
                .forEach(
                        l -> l.path("feeds").forEach(f -> urls.add(f.path("rss").asText())));
        assertThat(urls)
                .contains(
                        PUBLIC_BASE + "/partner/feeds/en.rss",
                        PUBLIC_BASE + "/partner/feeds/ar/section/politics.rss",
                        PUBLIC_BASE + "/partner/feeds/es/region/africa.rss")
                .noneMatch(u -> u.contains("/section/sports"));
        for (String url : urls) {
            assertThat(get(url.substring(PUBLIC_BASE.length()), keys.get("sections"))
                            .statusCode())
                    .as(url)
                    .isEqualTo(200);
        }
        JsonNode languages =
                JSON.readTree(get("/partner/feeds", keys.get("languages")).body());
        assertThat(languages.path("languages").findValuesAsText("language")).containsExactly("en", "es");
        // Counts are the contract's too: each language's count is what its feed pages hold for this partner.
        for (String partner : List.of("standard", "sections", "regions", "agencies", "preview")) {
            for (JsonNode language : JSON.readTree(
                            get("/partner/feeds", keys.get(partner)).body())
                    .path("languages")) {
                String code = language.path("language").asText();
                assertThat(language.path("items").asInt())
                        .as(partner + " " + code)
                        .isEqualTo(allJsonItems("/partner/feeds/" + code + ".json", keys.get(partner))
                                .size());
            }
        }
        assertThat(languages
                        .path("languages")
                        .get(0)
                        .path("tag_feeds")
                        .path("atom")
                        .asText())
                .isEqualTo(PUBLIC_BASE + "/partner/feeds/en/tag/{tag}.atom");
        JsonNode standard =
                JSON.readTree(get("/partner/feeds", keys.get("standard")).body());
        assertThat(standard.path("contract").path("agencies").toString())
                .doesNotContain("reuters")
                .contains("afp");
        assertThat(Http.get(base() + "/partner/feeds").statusCode()).isEqualTo(401);
    }

    /** Last: moves the clock past the embargo. */
    @Test
    @Order(12)
    void embargoPreviewSeesEmbargoedCopyEarlyWithItsEmbargoAndOthersOnlyOnceItLapses() throws Exception {
        String urn = EMBARGOED.id().urn();
        assertThat(allPages("/partner/feeds/en.rss", keys.get("standard"))).doesNotContain(urn);
        assertThat(allPages("/partner/feeds/en.json", keys.get("summary"))).doesNotContain(urn);

        String preview = keys.get("preview");
        JsonNode item = itemOf(allJsonItems("/partner/feeds/en.json", preview), urn);
        assertThat(item.path("_wiregate").path("embargoed").asText()).isEqualTo("2026-11-20T13:00:00Z");
        assertThat(item.path("_wiregate").path("usage_terms").asText())
                .endsWith("Embargoed until 2026-11-20T13:00:00Z: not for publication before then.");
        assertThat(allPages("/partner/feeds/en.rss", preview))
                .contains(
                        "<category domain=\"https://wiregate.dev/ns/embargo\">Embargoed until 2026-11-20T13:00:00Z</category>");
        assertThat(allPages("/partner/feeds/en.atom", preview))
                .contains(
                        "term=\"2026-11-20T13:00:00Z\"",
                        "scheme=\"https://wiregate.dev/ns/embargo\"",
                        "label=\"Embargoed until 2026-11-20T13:00:00Z\"");

        clock.set(EMBARGO);
        assertThat(allPages("/partner/feeds/en.rss", keys.get("standard"))).contains(urn);
        JsonNode released = itemOf(allJsonItems("/partner/feeds/en.json", preview), urn);
        assertThat(released.path("_wiregate").has("embargoed")).isFalse();
        assertThat(released.path("_wiregate").path("usage_terms").asText()).doesNotContain("Embargoed");
    }

    private static void assertSame404(HttpResponse<byte[]> expected, HttpResponse<byte[]> actual, String what) {
        assertThat(actual.statusCode()).as(what).isEqualTo(404);
        assertThat(expected.statusCode()).isEqualTo(404);
        assertThat(actual.headers().firstValue("Content-Type"))
                .as(what)
                .isEqualTo(expected.headers().firstValue("Content-Type"));
        assertThat(actual.body()).as(what).isEqualTo(expected.body());
    }

    /** @param key null for a public request */
    private HttpResponse<byte[]> get(String path, String key) throws IOException, InterruptedException {
        return key == null ? Http.get(base() + path) : Http.get(base() + path, "X-Api-Key", key);
    }

    /** Every page of a feed as one text (the pages are short: the page size is 3). */
    private String allPages(String path, String key) throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        for (int page = 1; page < 20; page++) {
            HttpResponse<byte[]> response = get(path + (page == 1 ? "" : "?page=" + page), key);
            if (response.statusCode() == 404 && page > 1) {
                return text.toString();
            }
            assertThat(response.statusCode()).as(path + " page " + page).isEqualTo(200);
            text.append(new String(response.body(), StandardCharsets.UTF_8));
        }
        throw new AssertionError(path + " has no end");
    }

    /** The first page of an Atom feed that has the entry. */
    private byte[] allPagesUntil(String path, String key, String urn) throws IOException, InterruptedException {
        for (int page = 1; page < 20; page++) {
            HttpResponse<byte[]> response = get(path + (page == 1 ? "" : "?page=" + page), key);
            assertThat(response.statusCode())
                    .as(path + " page " + page + " has " + urn)
                    .isEqualTo(200);
            if (new String(response.body(), StandardCharsets.UTF_8).contains(urn)) {
                return response.body();
            }
        }
        throw new AssertionError(urn + " not in " + path);
    }

    private List<JsonNode> allJsonItems(String path, String key) throws IOException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 1; page < 20; page++) {
            HttpResponse<byte[]> response = get(path + (page == 1 ? "" : "?page=" + page), key);
            if (response.statusCode() == 404) {
                return items;
            }
            JSON.readTree(response.body()).path("items").forEach(items::add);
        }
        return items;
    }

    private static JsonNode itemOf(List<JsonNode> items, String urn) {
        return items.stream()
                .filter(i -> i.path("id").asText().equals(urn))
                .findFirst()
                .orElseThrow(() -> new AssertionError(urn + " not in the feed"));
    }

    private static List<String> hreflangsOf(Document atom, String urn) {
        NodeList entries = atom.getElementsByTagNameNS(ATOM, "entry");
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            if (text(entry.getElementsByTagNameNS(ATOM, "id"), 0).equals(urn)) {
                List<String> languages = new ArrayList<>();
                NodeList links = entry.getElementsByTagNameNS(ATOM, "link");
                for (int j = 0; j < links.getLength(); j++) {
                    Element link = (Element) links.item(j);
                    if (link.getAttribute("rel").equals("alternate")) {
                        languages.add(link.getAttribute("hreflang"));
                    }
                }
                return languages;
            }
        }
        throw new AssertionError(urn + " not in the page");
    }

    private static Document xml(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    private static String text(NodeList nodes, int index) {
        return nodes.item(index).getTextContent();
    }

    private static List<String> texts(NodeList nodes) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    private String base() {
        return "http://localhost:" + port;
    }

    @TestConfiguration
    static class Configuration {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(NOW);
        }

        /** Reads what usage accounting reads: the items attribute the controller left on the request. */
        @Bean
        FilterRegistrationBean<Filter> itemsRecorder() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                chain.doFilter(request, response);
                var http = (HttpServletRequest) request;
                if (http.getRequestURI().startsWith("/partner/")) {
                    Object items = request.getAttribute(PartnerArticlesApi.ITEMS_ATTRIBUTE);
                    itemsCounted.put(http.getRequestURI(), items == null ? "none" : items);
                }
            });
            registration.addUrlPatterns("/partner/*");
            // Around the partner filters, as usage accounting is: the main feeds are answered by the fast path there.
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
