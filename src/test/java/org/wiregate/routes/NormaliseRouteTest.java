package org.wiregate.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wiregate.support.WireItemBuilder.aWireItem;

import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.wiregate.article.Article;
import org.wiregate.article.ArticleId;
import org.wiregate.article.ContentType;
import org.wiregate.article.Language;
import org.wiregate.article.Region;
import org.wiregate.article.Section;
import org.wiregate.ingest.Quarantine;
import org.wiregate.ingest.WireItem;
import org.wiregate.ingest.WireParsers;
import org.wiregate.normalise.NormalisationException;
import org.wiregate.store.CapturedPayload;
import org.wiregate.support.Fixtures;
import org.wiregate.support.WireItemBuilder;

/**
 * Route {@code normalise}: a parsed item from a source becomes an article as that source's file in
 * mappings/ says; what cannot be published is refused with a {@link NormalisationException} (which
 * the parse route turns into a rejection of that item alone). A mock at the end of the route receives
 * what the store stage would.
 */
@UseAdviceWith
class NormaliseRouteTest extends RouteTestSupport {

    private static final Instant RECEIVED = Instant.parse("2026-11-28T12:00:00Z");

    @Autowired
    WireParsers parsers;

    private MockEndpoint normalised;

    @BeforeEach
    void adviseNormalise() throws Exception {
        adviseOnceThenStart(() -> AdviceWith.adviceWith(
                camel, "normalise", false, route -> route.weaveAddLast().to("mock:normalised")));
        normalised = mock("mock:normalised");
    }

    @Test
    void standardCodesAreMappedAsMappingsStandardYamlSays() throws Exception {
        WireItem item = parsed("/fixtures/ninjs/en-ninjs2-item.json");

        Article article = normalise(item, "standard");

        assertThat(article.id()).isEqualTo(ArticleId.of("standard", "urn:newsml:fixture.example:en-1"));
        assertThat(article.language()).isEqualTo(Language.EN);
        assertThat(article.section()).as("medtop:11000000").isEqualTo(Section.POLITICS);
        assertThat(article.contentType()).as("genre:Current").isEqualTo(ContentType.NEWS);
        assertThat(article.regions()).as("iso3166:KE").containsExactly(Region.AFRICA);
        assertThat(article.urgency()).isEqualTo(3);
        assertThat(article.breaking()).as("urgency 3, breakingUrgency 2").isFalse();
        assertThat(article.editionGroup()).isEqualTo("fixture-story-1");
    }

    @Test
    void agencyWordsInArabicAreMappedAsMappingsDemoYamlSays() throws Exception {
        WireItem item = parsed("/fixtures/rss/ar-rss-item.xml");

        Article article = normalise(item, "demo");

        assertThat(article.language()).isEqualTo(Language.AR);
        assertThat(article.section()).as("سياسة").isEqualTo(Section.POLITICS);
        assertThat(article.regions()).as("أفريقيا").containsExactly(Region.AFRICA);
        assertThat(article.contentType()).as("خبر").isEqualTo(ContentType.NEWS);
        assertThat(article.tags()).containsExactly("كينيا", "الانتخابات", "مفوضية الانتخابات");
        assertThat(article.editionGroup()).as("urn:demo:edition-group").isEqualTo("fixture-story-1");
    }

    @Test
    void sourceHeaderChoosesTheMapping() throws Exception {
        // The same undeclared-language item: mappings/qna.yaml fixes Arabic, mappings/standard.yaml fixes nothing.
        WireItem item = aWireItem().guid("urn:test:no-language").language(null).build();

        assertThat(normalise(item, "qna").language()).isEqualTo(Language.AR);
        assertThat(refusal(item, "standard"))
                .isEqualTo(
                        "ninjs 2.x/3.x item urn:test:no-language declares no language and mapping 'standard' fixes none");
    }

    @Test
    void itemWithoutDatesIsPublishedAtItsPayloadsReceiptTime() throws Exception {
        WireItem item = aWireItem()
                .guid("urn:test:undated")
                .firstCreated(null)
                .versionCreated(null)
                .build();

        Article article = normalise(item, "standard");

        assertThat(article.firstPublished()).isEqualTo(RECEIVED);
        assertThat(article.updated()).isEqualTo(RECEIVED);
    }

    @Test
    void markupIsSanitisedOnTheWayIn() throws Exception {
        Article article = normalise(parsed("/fixtures/ninjs/hostile-script.json"), "standard");

        assertThat(article.bodyHtml())
                .contains("Lisbon city council")
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("onerror")
                .doesNotContainIgnoringCase("javascript:");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no headline        | urn:test:r1 | en |        | ninjs 2.x/3.x item urn:test:r1 has no headline",
                "unpublished language | urn:test:r2 | fr |      | ninjs 2.x/3.x item urn:test:r2 is in language 'fr', which is not published (en, ar, es)",
                "unknown status     | urn:test:r3 | en | draft | ninjs 2.x/3.x item urn:test:r3 has an unknown publication status 'draft'",
            })
    void unpublishableItemIsRefusedWithTheReason(
            String problem, String guid, String language, String status, String reason) throws Exception {
        WireItemBuilder item = aWireItem().guid(guid).language(language).pubStatus(status);
        if (problem.equals("no headline")) {
            item.headline("  ");
        }
        assertThat(refusal(item.build(), "standard")).isEqualTo(reason);
    }

    @Test
    void itemWithoutAGuidIsRefused() throws Exception {
        assertThat(refusal(aWireItem().guid(null).headline("Orphan").build(), "standard"))
                .isEqualTo("ninjs 2.x/3.x item \"Orphan\" has no guid (ninjs uri, RSS guid/link, Atom id)");
    }

    @Test
    void sourceWithoutMappingFailsTheWholeFileNotOneItem() throws Exception {
        normalised.expectedMessageCount(0);

        Exchange failed = send(aWireItem().build(), "nobody");

        normalised.assertIsSatisfied();
        assertThat(failed.getException(NormalisationException.class))
                .as("not an item rejection")
                .isNull();
        assertThat(Quarantine.reasonOf(failed.getException())).startsWith("no mapping for source 'nobody'");
    }

    private Article normalise(WireItem item, String source) throws InterruptedException {
        MockEndpoint.resetMocks(camel);
        normalised.expectedMessageCount(1);
        Exchange done = send(item, source);
        assertThat(done.getException()).isNull();
        normalised.assertIsSatisfied();
        return normalised.getReceivedExchanges().get(0).getMessage().getBody(Article.class);
    }

    /** The reason the parse route will record: the message of the NormalisationException. */
    private String refusal(WireItem item, String source) throws InterruptedException {
        MockEndpoint.resetMocks(camel);
        normalised.expectedMessageCount(0);
        Exchange refused = send(item, source);
        normalised.assertIsSatisfied();
        NormalisationException exception = refused.getException(NormalisationException.class);
        assertThat(exception).as("refused as an item, not as a file").isNotNull();
        return exception.getMessage();
    }

    private Exchange send(WireItem item, String source) {
        return producer.send("direct:normalise", exchange -> {
            exchange.getMessage().setBody(item);
            exchange.getMessage().setHeader(SOURCE, source);
            exchange.getMessage().setHeader(PAYLOAD, new CapturedPayload(1, "0".repeat(64), false, RECEIVED));
        });
    }

    private WireItem parsed(String fixture) {
        return parsers.parse(Fixtures.bytes(fixture)).items().get(0);
    }
}
