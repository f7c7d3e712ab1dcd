package org.wiregate.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.publish.ContractFeedRenders;
import org.wiregate.publish.FeedController;
import org.wiregate.publish.FeedFormat;
import org.wiregate.publish.FeedMaxAge;
import org.wiregate.publish.FeedSlice;
import org.wiregate.publish.FeedTitles;
import org.wiregate.publish.PublicUrls;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.ArticleScope;

/**
 * The public feed catalogue under a partner's contract: {@code /partner/feeds/{lang}.{format}},
 * {@code /partner/feeds/{lang}/breaking.{format}}, {@code /partner/feeds/{lang}/{kind}/{slug}.{format}}
 * (with {@code ?page=}), and {@code /partner/feeds}, the list of feeds this partner may read.
 * {@link PartnerAuthFilter} has authenticated the request (key, or a feed token for that one path).
 *
 * <p>A language or a section, region or type outside the contract is the same 404 as a feed that
 * does not exist, decided before anything is read. Validators, 304 and gzip are the public feeds'
 * own ({@link FeedController#respond}); responses are private to the partner.
 */
@RestController
class PartnerFeedController {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_SUCH_FEED =
            "No such feed. GET /partner/feeds with your key lists the feeds you may read.";

    private final ContractFeedRenders feeds;
    private final FeedMaxAge maxAge;
    private final FeedTitles titles;
    private final PublicUrls urls;
    private final PartnerFeedTerms terms;
    private final ArticleRepository articles;
    private final Clock clock;

    PartnerFeedController(
            ContractFeedRenders feeds,
            FeedMaxAge maxAge,
            FeedTitles titles,
            PublicUrls urls,
            PartnerFeedTerms terms,
            ArticleRepository articles,
            Clock clock) {
        this.articles = articles;
        this.clock = clock;
        this.feeds = feeds;
        this.maxAge = maxAge;
        this.titles = titles;
        this.urls = urls;
        this.terms = terms;
    }

    @GetMapping(PartnerFeedTerms.FEEDS_PATH + "/{lang}.{format}")
    ResponseEntity<byte[]> latest(
            @RequestAttribute(PartnerAccess.ATTRIBUTE) PartnerAccess access,
            @PathVariable String lang,
            @PathVariable String format,
            @RequestParam(defaultValue = "1") String page,
            HttpServletRequest request) {
        return serve(access, lang, FeedSlice.ALL, format, page, request);
    }

    @GetMapping(PartnerFeedTerms.FEEDS_PATH + "/{lang}/breaking.{format}")
    ResponseEntity<byte[]> breaking(
            @RequestAttribute(PartnerAccess.ATTRIBUTE) PartnerAccess access,
            @PathVariable String lang,
            @PathVariable String format,
            @RequestParam(defaultValue = "1") String page,
            HttpServletRequest request) {
        return serve(access, lang, FeedSlice.BREAKING, format, page, request);
    }

    @GetMapping(PartnerFeedTerms.FEEDS_PATH + "/{lang}/{kind}/{slug}.{format}")
    ResponseEntity<byte[]> slice(
            @RequestAttribute(PartnerAccess.ATTRIBUTE) PartnerAccess access,
            @PathVariable String lang,
            @PathVariable String kind,
            @PathVariable String slug,
            @PathVariable String format,
            @RequestParam(defaultValue = "1") String page,
            HttpServletRequest request) {
        FeedSlice slice = FeedSlice.parse(kind, slug).orElseThrow(PartnerFeedController::noSuchFeed);
        return serve(access, lang, slice, format, page, request);
    }

    /** Anything else under the partner feeds: the same 404 as a feed outside the contract. */
    @RequestMapping(PartnerFeedTerms.FEEDS_PATH + "/**")
    ResponseEntity<byte[]> unknown() {
        throw noSuchFeed();
    }

    /** Also called by {@link PartnerFeedFastPath}; a feed this partner may not read throws the 404 problem. */
    ResponseEntity<byte[]> serve(
            PartnerAccess access,
            String lang,
            FeedSlice slice,
            String format,
            String page,
            HttpServletRequest request) {
        ArticleScope scope = access.scope();
        Language language = Language.fromTag(lang)
                .filter(l -> l.code().equals(lang))
                .filter(scope::isLanguageAllowed)
                .orElseThrow(PartnerFeedController::noSuchFeed);
        FeedFormat feedFormat = FeedFormat.fromExtension(format).orElseThrow(PartnerFeedController::noSuchFeed);
        if (!mayRead(scope, slice)) {
            throw noSuchFeed();
        }
        int pageNumber = pageNumber(page);
        ContractFeedRenders.AudienceFeed feed = feeds.feed(
                        terms.audience(access), language, slice, feedFormat, pageNumber)
                .orElseThrow(PartnerFeedController::noSuchFeed);
        ResponseEntity<byte[]> answer =
                FeedController.respond(feed.feed(), request, maxAge.privateCacheControl(slice.cacheKind()));
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(answer.getHeaders());
        // The bytes depend on who asks: a cache must never answer one partner with another's response.
        headers.setVary(List.of(HttpHeaders.ACCEPT_ENCODING, HttpHeaders.AUTHORIZATION, "X-Api-Key"));
        headers.set("X-Robots-Tag", "noindex");
        boolean bodySent = answer.getStatusCode() == HttpStatus.OK && !"HEAD".equals(request.getMethod());
        request.setAttribute(PartnerArticlesApi.ITEMS_ATTRIBUTE, bodySent ? feed.items() : 0);
        return new ResponseEntity<>(answer.getBody(), headers, answer.getStatusCode());
    }

    /** Breaking and tag feeds are cut by the scope's query; a section, region or type feed must be in the contract. */
    static boolean mayRead(ArticleScope scope, FeedSlice slice) {
        return switch (slice.kind()) {
            case SECTION ->
                allows(scope.sections(), Section.fromSlug(slice.slug()).orElse(null));
            case REGION -> allows(scope.regions(), Region.fromSlug(slice.slug()).orElse(null));
            case TYPE ->
                allows(scope.contentTypes(), ContentType.fromSlug(slice.slug()).orElse(null));
            case ALL, BREAKING, TAG -> true;
        };
    }

    private static <T> boolean allows(Set<T> allowed, T value) {
        return value != null && (allowed == null || allowed.contains(value));
    }

    /**
     * Every feed this partner may read, with absolute URLs. Tag feeds are given as a URL template:
     * listing tags would name stories outside the contract.
     */
    @GetMapping(PartnerFeedTerms.FEEDS_PATH)
    ResponseEntity<byte[]> catalogue(@RequestAttribute(PartnerAccess.ATTRIBUTE) PartnerAccess access) {
        ArticleScope scope = access.scope();
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("partner")
                .put("id", access.partnerId())
                .put("name", access.partner().name());
        ObjectNode contract = answer.putObject("contract");
        contract.put("text", access.text() == TextAccess.SUMMARY ? "summary" : "full");
        contract.put("embargo_preview", scope.embargoPreview());
        ArrayNode agencies = contract.putArray("agencies");
        scope.sources().stream().sorted().forEach(agencies::add);
        answer.put(
                "authentication",
                "Send your key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'. A reader that"
                        + " cannot send headers may use a feed token (?token=wgf_...) issued for one feed URL; links inside feeds"
                        + " never carry it.");
        answer.put("rights", PartnerFeedTerms.rights(access.partner()));
        ArrayNode languages = answer.putArray("languages");
        for (Language language : scope.allowedLanguages()) {
            ObjectNode entry = languages.addObject();
            entry.put("language", language.code());
            entry.put("name", titles.languageName(language));
            // Counted under the contract, like everything else this partner can see.
            entry.put("items", articles.countPublished(language, scope, clock.instant()));
            ArrayNode list = entry.putArray("feeds");
            for (FeedSlice slice : slices()) {
                if (mayRead(scope, slice)) {
                    feed(list.addObject(), language, slice);
                }
            }
            ObjectNode tags = entry.putObject("tag_feeds");
            for (FeedFormat format : FeedFormat.values()) {
                tags.put(
                        format.extension(),
                        urls.base() + PartnerFeedTerms.FEEDS_PATH + "/" + language.code() + "/tag/{tag}."
                                + format.extension());
            }
        }
        try {
            return ResponseEntity.ok()
                    .header(HttpHeaders.CONTENT_TYPE, PartnerArticlesApi.MEDIA_TYPE)
                    .cacheControl(CacheControl.noCache().cachePrivate())
                    .header("X-Content-Type-Options", "nosniff")
                    .body(JSON.writeValueAsBytes(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void feed(ObjectNode node, Language language, FeedSlice slice) {
        node.put(
                "kind",
                slice.kind() == FeedSlice.Kind.ALL ? "all" : slice.kind().segment());
        if (slice.slug() != null) {
            node.put("slug", slice.slug());
        }
        String label = slice.label(language);
        node.put("title", label == null ? titles.latest(language) : titles.slice(language, label));
        for (FeedFormat format : FeedFormat.values()) {
            node.put(format.extension(), urls.feed(PartnerFeedTerms.FEEDS_PATH, language, slice, format, 1));
        }
    }

    private static List<FeedSlice> slices() {
        List<FeedSlice> slices = new ArrayList<>(List.of(FeedSlice.ALL, FeedSlice.BREAKING));
        for (Section section : Section.values()) {
            slices.add(FeedSlice.section(section));
        }
        for (Region region : Region.values()) {
            slices.add(FeedSlice.region(region));
        }
        for (ContentType type : ContentType.values()) {
            slices.add(FeedSlice.type(type));
        }
        return slices;
    }

    private static int pageNumber(String page) {
        try {
            return FeedController.pageNumber(page);
        } catch (ResponseStatusException e) {
            throw Problems.badRequest("bad-parameter", "page must be a number from 1.");
        }
    }

    private static Problems.ProblemException noSuchFeed() {
        return new Problems.ProblemException(HttpStatus.NOT_FOUND, "not-found", NO_SUCH_FEED);
    }
}
