package org.wiregate.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.Language;
import org.wiregate.edition.EditionService;
import org.wiregate.ingest.WireParsers;
import org.wiregate.normalise.ArticleNormaliser;
import org.wiregate.store.ArticleStore;
import org.wiregate.store.EditionRepository;
import org.wiregate.store.EditionRepository.Grouped;
import org.wiregate.store.Rejections;
import org.wiregate.store.StoreOutcome;
import org.wiregate.support.Fixtures;

/**
 * Route {@code link-editions}: after an article is created or updated, its English, Arabic and
 * Spanish editions find each other: an agency's edition-group id is kept as the agency gave it (the
 * store records it), an article without one is matched against the other languages; unchanged and
 * stale versions are not linked again; a linking failure is logged and the stored article stays
 * published. Articles are stored by the gateway's beans first, as the store stage leaves them; a mock
 * at the end of the route shows the exchange carried on.
 */
@UseAdviceWith
class LinkEditionsRouteTest extends RouteTestSupport {

    @Autowired
    WireParsers parsers;

    @Autowired
    ArticleNormaliser normaliser;

    @Autowired
    ArticleStore articleStore;

    @Autowired
    EditionRepository editions;

    @Autowired
    Rejections rejections;

    /** The real linker; one test makes it fail for one article. */
    @MockitoSpyBean(name = "editionLinking")
    EditionService linking;

    private MockEndpoint linked;

    @BeforeEach
    void adviseLinkEditions() throws Exception {
        adviseOnceThenStart(() -> AdviceWith.adviceWith(
                camel, "link-editions", false, route -> route.weaveAddLast().to("mock:linked")));
        linked = mock("mock:linked");
    }

    @Test
    void agencyEditionGroupLinksTheEnglishArabicAndSpanishEditions() throws Exception {
        // One story from three agencies in three formats, each naming the group fixture-story-2.
        Article en = stored("standard", "/fixtures/newsml-g2/en-lebanon-budget-v1.xml");
        link(en, StoreOutcome.CREATED);
        Article es = stored("efe", "/fixtures/nitf/es-efe-libano-presupuesto.xml");
        link(es, StoreOutcome.CREATED);
        Article ar = stored("afp", "/fixtures/newsml1/ar-afp-lebanon-budget.xml");
        link(ar, StoreOutcome.CREATED);

        assertThat(siblingLanguages(en, ar, es))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        en.id(), Set.of(Language.AR, Language.ES),
                        ar.id(), Set.of(Language.EN, Language.ES),
                        es.id(), Set.of(Language.EN, Language.AR)));
        for (Article edition : List.of(en, es, ar)) {
            Grouped grouped = editions.find(edition.id()).orElseThrow();
            assertThat(grouped.group()).as("the agency's id, not a matched one").isEqualTo("fixture-story-2");
            assertThat(grouped.source()).isEqualTo("explicit");
        }
        Set<ArticleId> trio = Set.of(en.id(), es.id(), ar.id());
        assertThat(editions.suggestions("open"))
                .as("nothing left for an operator to decide")
                .noneMatch(s -> trio.contains(s.a()) || trio.contains(s.b()));
    }

    @Test
    void editionsWithoutASharedIdAreLinkedByMatchingAcrossScripts() throws Exception {
        Article en = stored("standard", "/editions/corpus/s01-en.json");
        link(en, StoreOutcome.CREATED);
        Article ar = stored("standard", "/editions/corpus/s01-ar.json");
        link(ar, StoreOutcome.CREATED);
        Article es = stored("standard", "/editions/corpus/s01-es.json");
        link(es, StoreOutcome.CREATED);

        assertThat(siblingLanguages(en, ar, es))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        en.id(), Set.of(Language.AR, Language.ES),
                        ar.id(), Set.of(Language.EN, Language.ES),
                        es.id(), Set.of(Language.EN, Language.AR)));
        assertThat(List.of(en, ar, es))
                .extracting(a -> editions.find(a.id()).orElseThrow().source())
                .containsOnly("auto");
    }

    @Test
    void onlyCreatedOrUpdatedArticlesAreLinked() throws Exception {
        Article en = stored("standard", "/editions/corpus/s02-en.json");
        link(en, StoreOutcome.CREATED);
        Article es = stored("standard", "/editions/corpus/s02-es.json");

        link(es, StoreOutcome.UNCHANGED);
        link(es, StoreOutcome.STALE);
        assertThat(groupOf(en)).isNull();
        assertThat(groupOf(es)).isNull();

        link(es, StoreOutcome.UPDATED);
        assertThat(groupOf(es)).isNotNull().isEqualTo(groupOf(en));
    }

    @Test
    void linkingFailureIsLoggedAndTheArticleStaysPublishedUnlinked() throws Exception {
        Article en = stored("standard", "/editions/corpus/s04-en.json");
        link(en, StoreOutcome.CREATED);
        Article es = stored("standard", "/editions/corpus/s04-es.json");
        long rejectionsBefore = rejections.count();
        doThrow(new IllegalStateException("edition store unavailable"))
                .when(linking)
                .link(es.id());

        link(es, StoreOutcome.CREATED); // asserts the exchange completed without an exception

        verify(linking).link(es.id());
        assertThat(groupOf(es)).isNull();
        assertThat(editions.find(es.id())).as("still stored").isPresent();
        assertThat(rejections.count()).as("not quarantined").isEqualTo(rejectionsBefore);
    }

    /** Sends the stored article through link-editions with the outcome the store stage reported. */
    private void link(Article article, StoreOutcome outcome) throws InterruptedException {
        MockEndpoint.resetMocks(camel);
        linked.expectedBodiesReceived(article);
        Exchange done = producer.send("direct:link-editions", exchange -> {
            exchange.getMessage().setBody(article);
            exchange.getMessage().setHeader(SOURCE, article.wire().source());
            exchange.getMessage().setHeader(OUTCOME, outcome);
        });
        assertThat(done.getException()).isNull();
        linked.assertIsSatisfied();
    }

    private Article stored(String source, String fixture) {
        byte[] content = Fixtures.bytes(fixture);
        Article article =
                normaliser.normalise(parsers.parseFrom(content, source).items().get(0), source, clock.instant());
        StoreOutcome outcome =
                articleStore.save(article, captured(source, fixture, content).id());
        assertThat(outcome).isEqualTo(StoreOutcome.CREATED);
        return article;
    }

    private String groupOf(Article article) {
        return editions.find(article.id()).orElseThrow().group();
    }

    private Map<ArticleId, Set<Language>> siblingLanguages(Article... articles) {
        List<ArticleId> ids = Arrays.stream(articles).map(Article::id).toList();
        return editions.publishedSiblings(ids, clock.instant()).entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> e.getValue().stream().map(Article::language).collect(Collectors.toSet())));
    }
}
