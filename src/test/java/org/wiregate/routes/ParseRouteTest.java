package org.wiregate.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
import org.wiregate.ingest.Quarantine;
import org.wiregate.ingest.WireItem;
import org.wiregate.store.CapturedPayload;
import org.wiregate.store.Rejection;
import org.wiregate.store.Rejections;
import org.wiregate.support.Fixtures;

/**
 * Route {@code parse}: a captured payload in any agency format becomes items, each normalised and
 * handed to {@code direct:store} and {@code direct:link-editions}; an item that cannot be published is
 * rejected alone with a reason naming file, source and item, and the rest goes on; a payload that
 * cannot be read fails as a whole (for the ingest route's quarantine). The real normalise route
 * runs; store and link-editions are mocks, and a mock before normalise records every parsed item.
 */
@UseAdviceWith
class ParseRouteTest extends RouteTestSupport {

    @Autowired
    Rejections rejections;

    private MockEndpoint items;
    private MockEndpoint store;
    private MockEndpoint linkEditions;

    @BeforeEach
    void adviseParse() throws Exception {
        adviseOnceThenStart(() -> AdviceWith.adviceWith(camel, "parse", false, route -> {
            route.weaveByToUri("direct:normalise").before().to("mock:items");
            route.weaveByToUri("direct:store").replace().to("mock:store");
            route.weaveByToUri("direct:link-editions").replace().to("mock:link-editions");
        }));
        items = mock("mock:items");
        store = mock("mock:store");
        linkEditions = mock("mock:link-editions");
    }

    @ParameterizedTest(name = "{2} from {0}")
    @CsvSource({
        "standard, /fixtures/ninjs/en-ninjs2-item.json,           ninjs 2.x/3.x, 1, urn:newsml:fixture.example:en-1",
        "standard, /fixtures/newsml-g2/en-lebanon-budget-v1.xml,  NewsML-G2,     1, urn:newsml:fixture.example:20261124:lebanon-budget",
        "efe,      /fixtures/nitf/es-efe-libano-presupuesto.xml,  NITF,          1, FXEFE-20261124-LIB-0311",
        "afp,      /fixtures/newsml1/ar-afp-lebanon-budget.xml,   NewsML 1.2,    1, urn:newsml:fixture-afp.example:20261124:TX-ARA-LEB-7Q2",
        "demo,     /fixtures/rss/ar-rss-item.xml,                 RSS,           1, fixture-ar-1",
        "qna,      /fixtures/iptc7901/ar-qna-7901-cp1256.txt,     IPTC 7901,     2, iptc7901:QNA-0042:2026-11-20"
    })
    void agencyCopyBecomesItemsThatGoToStoreAndEditionLinking(
            String source, String fixture, String format, int count, String firstGuid) throws Exception {
        items.expectedMessageCount(count);
        store.expectedMessageCount(count);
        linkEditions.expectedMessageCount(count);

        Exchange done = parse(source, fixture.substring(fixture.lastIndexOf('/') + 1), Fixtures.bytes(fixture));

        assertThat(done.getException()).isNull();
        MockEndpoint.assertIsSatisfied(items, store, linkEditions);
        assertThat(items.getReceivedExchanges()
                        .get(0)
                        .getMessage()
                        .getBody(WireItem.class)
                        .guid())
                .isEqualTo(firstGuid);
        assertThat(store.getReceivedExchanges())
                .allSatisfy(e -> assertThat(e.getMessage().getBody()).isInstanceOf(Article.class));
        CapturedPayload payload = done.getMessage().getHeader(PAYLOAD, CapturedPayload.class);
        assertThat(stateAndFormat(payload)).containsExactly("PROCESSED", format);
    }

    @Test
    void legacyCopyIsDecodedWithTheCharsetOfItsSourceMapping() throws Exception {
        // IPTC 7901 names no charset; mappings/qna.yaml says windows-1256.
        items.expectedMessageCount(2);

        parse("qna", "qna-0042.txt", Fixtures.bytes("/fixtures/iptc7901/ar-qna-7901-cp1256.txt"));

        items.assertIsSatisfied();
        assertThat(items.getReceivedExchanges()
                        .get(0)
                        .getMessage()
                        .getBody(WireItem.class)
                        .headline())
                .isEqualTo("الدوحة تستضيف جولة جديدة من المحادثات بين الأطراف السودانية الأسبوع المقبل");
    }

    @Test
    void unpublishableItemIsRejectedAloneWithFileSourceAndReasonAndTheRestGoesOn() throws Exception {
        items.expectedMessageCount(2);
        store.expectedMessageCount(1);
        linkEditions.expectedMessageCount(1);

        Exchange done = parse("demo", "mixed.xml", mixedFeed().getBytes(StandardCharsets.UTF_8));

        assertThat(done.getException()).isNull();
        MockEndpoint.assertIsSatisfied(items, store, linkEditions);
        assertThat(store.getReceivedExchanges()
                        .get(0)
                        .getMessage()
                        .getBody(Article.class)
                        .headline())
                .isEqualTo("Lluvias torrenciales en Valencia");
        CapturedPayload payload = done.getMessage().getHeader(PAYLOAD, CapturedPayload.class);
        assertThat(rejectionsOf(payload)).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo("demo");
            assertThat(r.fileName()).isEqualTo("inbox/demo/mixed.xml");
            assertThat(r.itemRef()).isEqualTo("mixed-2");
            assertThat(r.reason()).isEqualTo("RSS item mixed-2 has no headline");
        });
        assertThat(stateAndFormat(payload)).containsExactly("PROCESSED", "RSS");
    }

    @Test
    void fileWhoseOnlyItemIsRejectedFailsAsAWhole() throws Exception {
        byte[] french = """
                {"uri": "urn:test:fr-1", "version": "1", "language": "fr", "headline": "Un titre en français",
                 "versioncreated": "2026-11-27T10:00:00Z", "body_html": "<p>Texte</p>"}
                """.getBytes(StandardCharsets.UTF_8);
        store.expectedMessageCount(0);

        Exchange failed = parse("standard", "french.json", french);

        store.assertIsSatisfied();
        assertThat(Quarantine.reasonOf(failed.getException()))
                .isEqualTo("ninjs 1.x: its only item was rejected: "
                        + "ninjs 1.x item urn:test:fr-1 is in language 'fr', which is not published (en, ar, es)");
        CapturedPayload payload = failed.getMessage().getHeader(PAYLOAD, CapturedPayload.class);
        assertThat(rejectionsOf(payload)).extracting(Rejection::itemRef).containsExactly("urn:test:fr-1");
        assertThat(stateAndFormat(payload).get(0))
                .as("not processed: the file goes to .error/")
                .isEqualTo("RECEIVED");
    }

    @Test
    void unreadablePayloadFailsBeforeAnyItemAndLeavesTheQuarantineToTheIngestRoute() throws Exception {
        items.expectedMessageCount(0);

        Exchange failed = parse("standard", "budget.txt", Fixtures.bytes("/fixtures/malformed/not-a-feed.txt"));

        items.assertIsSatisfied();
        assertThat(Quarantine.reasonOf(failed.getException())).startsWith("neither JSON nor XML nor IPTC 7901");
        CapturedPayload payload = failed.getMessage().getHeader(PAYLOAD, CapturedPayload.class);
        assertThat(rejectionsOf(payload)).isEmpty();
        assertThat(stateAndFormat(payload).get(0)).isEqualTo("RECEIVED");
    }

    @Test
    void deeplyNestedFeedFailsQuicklyWithTheLimitAndTheSourcesNextFileIsParsed() throws Exception {
        items.expectedMessageCount(1);
        byte[] deep = ("<rss version=\"2.0\"><channel>" + "<x>".repeat(100_000) + "</x>".repeat(100_000)
                        + "</channel></rss>")
                .getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();

        Exchange failed = parse("demo", "deep.xml", deep);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(Quarantine.reasonOf(failed.getException()))
                .isEqualTo("RSS document nests deeper than 256 elements (line 1)");
        Exchange next = parse("demo", "next.xml", Fixtures.bytes("/fixtures/rss/ar-rss-item.xml"));
        assertThat(next.getException()).isNull();
        items.assertIsSatisfied();
    }

    @Test
    void packageWithoutTextIsProcessedWithANoteNotFailed() throws Exception {
        items.expectedMessageCount(0);

        Exchange done =
                parse("standard", "package.xml", Fixtures.bytes("/fixtures/newsml-g2/package-and-picture-only.xml"));

        assertThat(done.getException()).isNull();
        items.assertIsSatisfied();
        CapturedPayload payload = done.getMessage().getHeader(PAYLOAD, CapturedPayload.class);
        assertThat(stateAndFormat(payload)).containsExactly("PROCESSED", "NewsML-G2");
        assertThat(jdbc.sql("SELECT reason FROM payload WHERE id = ?")
                        .param(payload.id())
                        .query(String.class)
                        .single())
                .as("what was deliberately not ingested")
                .isNotBlank();
    }

    private Exchange parse(String source, String fileName, byte[] content) {
        CapturedPayload payload = captured(source, fileName, content);
        return producer.send("direct:parse", exchange -> {
            exchange.getMessage().setBody(content);
            exchange.getMessage().setHeaders(afterCapture(source, fileName, payload));
        });
    }

    private List<String> stateAndFormat(CapturedPayload payload) {
        return jdbc.sql("SELECT state, format FROM payload WHERE id = ?")
                .param(payload.id())
                .query((rs, n) -> Arrays.asList(rs.getString(1), rs.getString(2)))
                .single();
    }

    private List<Rejection> rejectionsOf(CapturedPayload payload) {
        return rejections.recent(1000).stream()
                .filter(r -> Long.valueOf(payload.id()).equals(r.payloadId()))
                .toList();
    }

    private static String mixedFeed() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>t</title><link>https://a.example</link><description>d</description>
                <language>es</language>
                <item><guid isPermaLink="false">mixed-1</guid><title>Lluvias torrenciales en Valencia</title>
                  <description>Aviso rojo en la costa.</description><pubDate>Fri, 27 Nov 2026 10:00:00 GMT</pubDate></item>
                <item><guid isPermaLink="false">mixed-2</guid><description>Sin titular</description></item>
                </channel></rss>
                """;
    }
}
