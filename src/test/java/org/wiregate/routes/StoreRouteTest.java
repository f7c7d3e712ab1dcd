package org.wiregate.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.wiregate.article.Article;
import org.wiregate.article.Language;
import org.wiregate.article.Status;
import org.wiregate.ingest.WireParsers;
import org.wiregate.normalise.ArticleNormaliser;
import org.wiregate.store.ArticleRepository;
import org.wiregate.store.CapturedPayload;
import org.wiregate.store.StoreOutcome;
import org.wiregate.support.Fixtures;

/**
 * Route {@code store}: the version gate. An article version is stored once (the same version again is
 * one row, unchanged), a newer agency version replaces it with the next revision, a late older one is
 * ignored, and a kill becomes a tombstone. The outcome travels on as {@code gatewayOutcome} for the
 * link-editions stage and is counted per source. Input: the agency's own version sequence of one
 * NewsML-G2 story, parsed and normalised by the gateway's beans; a mock at the end of the route
 * receives what link-editions would.
 */
@UseAdviceWith
class StoreRouteTest extends RouteTestSupport {

    private static final String V1 = "/fixtures/newsml-g2/en-lebanon-budget-v1.xml";
    private static final String V2 = "/fixtures/newsml-g2/en-lebanon-budget-v2-update.xml";
    private static final String V4_KILL = "/fixtures/newsml-g2/en-lebanon-budget-v4-kill.xml";

    @Autowired
    WireParsers parsers;

    @Autowired
    ArticleNormaliser normaliser;

    @Autowired
    ArticleRepository articles;

    @Autowired
    MeterRegistry meters;

    private MockEndpoint stored;

    @BeforeEach
    void adviseStore() throws Exception {
        adviseOnceThenStart(() -> AdviceWith.adviceWith(
                camel, "store", false, route -> route.weaveAddLast().to("mock:stored")));
        stored = mock("mock:stored");
    }

    @Test
    void sameVersionTwiceIsOneRowAndOneCreation() throws Exception {
        // A source per test, so each has the story to itself: the article id is (source, agency guid).
        String source = "reuters";
        Article v1 = article(V1, source);

        assertThat(store(v1, source, V1)).isEqualTo(StoreOutcome.CREATED);
        assertThat(store(v1, source, V1)).isEqualTo(StoreOutcome.UNCHANGED);

        assertThat(rowsOf(v1)).isEqualTo(1);
        assertThat(articles.find(v1.id()))
                .hasValueSatisfying(a -> assertThat(a.revision()).isEqualTo(1));
        assertThat(itemsCounted(source, "created")).isEqualTo(1.0);
        assertThat(itemsCounted(source, "unchanged")).isEqualTo(1.0);
        assertThat(meters.find("wiregate.ingest.to.publish")
                        .tag("source", source)
                        .timers())
                .as("only a stored change is timed to publish")
                .singleElement()
                .extracting(Timer::count)
                .isEqualTo(1L);
    }

    @Test
    void newerAgencyVersionBumpsTheRevisionInPlace() throws Exception {
        String source = "ap";
        Article v1 = article(V1, source);
        Article v2 = article(V2, source);
        assertThat(v2.id()).isEqualTo(v1.id());

        assertThat(store(v1, source, V1)).isEqualTo(StoreOutcome.CREATED);
        assertThat(store(v2, source, V2)).isEqualTo(StoreOutcome.UPDATED);

        assertThat(rowsOf(v1)).isEqualTo(1);
        Article current = articles.find(v1.id()).orElseThrow();
        assertThat(current.revision()).isEqualTo(2);
        assertThat(current.wire().agencyVersion()).isEqualTo("2");
        assertThat(current.headline()).isEqualTo(v2.headline()).startsWith("UPDATE 1-");
        assertThat(current.firstPublished()).as("first publication is kept").isEqualTo(v1.firstPublished());
    }

    @Test
    void olderVersionArrivingLateIsIgnored() throws Exception {
        String source = "dpa";
        Article v1 = article(V1, source);
        Article v2 = article(V2, source);

        assertThat(store(v2, source, V2)).isEqualTo(StoreOutcome.CREATED);
        assertThat(store(v1, source, V1)).isEqualTo(StoreOutcome.STALE);

        Article current = articles.find(v1.id()).orElseThrow();
        assertThat(current.revision()).isEqualTo(1);
        assertThat(current.headline()).isEqualTo(v2.headline());
    }

    @Test
    void killBecomesATombstoneAndLeavesTheFeeds() throws Exception {
        String source = "ansa";
        Article v1 = article(V1, source);
        Article kill = article(V4_KILL, source);
        Instant before = clock.instant();
        store(v1, source, V1);
        assertThat(published()).contains(v1.id().value());

        assertThat(store(kill, source, V4_KILL)).isEqualTo(StoreOutcome.UPDATED);

        Article current = articles.find(v1.id()).orElseThrow();
        assertThat(current.status()).isEqualTo(Status.CANCELED);
        assertThat(current.revision()).isEqualTo(2);
        assertThat(articles.canceledSince(Language.EN, before))
                .anySatisfy(tombstone -> assertThat(tombstone.id()).isEqualTo(v1.id()));
        assertThat(published()).doesNotContain(v1.id().value());
    }

    /** Sends the article through the store route as the parse route does; answers the outcome it set. */
    private StoreOutcome store(Article article, String source, String fixture) throws InterruptedException {
        String fileName = fixture.substring(fixture.lastIndexOf('/') + 1);
        CapturedPayload payload = captured(source, fileName, Fixtures.bytes(fixture));
        MockEndpoint.resetMocks(camel);
        stored.expectedMessageCount(1);
        Exchange done = producer.send("direct:store", exchange -> {
            exchange.getMessage().setBody(article);
            exchange.getMessage().setHeaders(afterCapture(source, fileName, payload));
        });
        assertThat(done.getException()).isNull();
        stored.assertIsSatisfied();
        return stored.getReceivedExchanges().get(0).getMessage().getHeader(OUTCOME, StoreOutcome.class);
    }

    private Article article(String fixture, String source) {
        return normaliser.normalise(
                parsers.parse(Fixtures.bytes(fixture)).items().get(0), source, clock.instant());
    }

    private long rowsOf(Article article) {
        return jdbc.sql("SELECT COUNT(*) FROM article WHERE source = ? AND agency_guid = ?")
                .params(article.wire().source(), article.wire().guid())
                .query(Long.class)
                .single();
    }

    private double itemsCounted(String source, String outcome) {
        Counter counter = meters.find("wiregate.ingest.items")
                .tag("source", source)
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private List<String> published() {
        return articles.findPublished(Language.EN, Instant.parse("2030-01-01T00:00:00Z"), 1000, 0).stream()
                .map(a -> a.id().value())
                .toList();
    }
}
