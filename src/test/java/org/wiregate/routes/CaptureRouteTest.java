package org.wiregate.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.wiregate.ingest.Quarantine;
import org.wiregate.store.CapturedPayload;
import org.wiregate.support.Fixtures;

/**
 * Route {@code capture}: every received byte is kept (sha256, byte-identical) before anything can fail
 * on it, and the payload goes on to {@code direct:parse} unless the same bytes were already processed.
 * {@code direct:parse} is replaced by a mock, so nothing here depends on the later stages.
 */
@UseAdviceWith
@TestPropertySource(properties = "gateway.ingest.max-payload-size=64KB")
class CaptureRouteTest extends RouteTestSupport {

    private MockEndpoint parse;

    @BeforeEach
    void adviseCapture() throws Exception {
        adviseOnceThenStart(() -> AdviceWith.adviceWith(
                camel,
                "capture",
                false,
                route -> route.weaveByToUri("direct:parse").replace().to("mock:parse")));
        parse = mock("mock:parse");
    }

    @Test
    void keepsTheBytesUnchangedAndPassesThePayloadOn() throws Exception {
        // Latin-1 copy: any decoding or re-encoding on the way in would change the bytes and the hash.
        byte[] content = Fixtures.bytes("/fixtures/rss/rss-iso-8859-1.xml");
        parse.expectedMessageCount(1);

        Exchange done = receive("demo", "latin1.xml", new ByteArrayInputStream(content), (long) content.length);

        parse.assertIsSatisfied();
        assertThat(done.getException()).isNull();
        Exchange passedOn = parse.getReceivedExchanges().get(0);
        assertThat(passedOn.getMessage().getBody(byte[].class)).isEqualTo(content);
        CapturedPayload payload = passedOn.getMessage().getHeader(PAYLOAD, CapturedPayload.class);
        assertThat(payload.sha256()).isEqualTo(sha256(content));
        assertThat(payload.alreadyProcessed()).isFalse();
        assertThat(payloads.content(payload.id()))
                .hasValueSatisfying(kept -> assertThat(kept).isEqualTo(content));
    }

    @Test
    void sameBytesAlreadyProcessedAreCountedButNotProcessedAgain() throws Exception {
        byte[] content = Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json");
        parse.expectedMessageCount(1);
        receive("standard", "kenya.json", content, (long) content.length);
        parse.assertIsSatisfied();
        CapturedPayload first =
                parse.getReceivedExchanges().get(0).getMessage().getHeader(PAYLOAD, CapturedPayload.class);
        payloads.markProcessed(first.id(), "ninjs 2.x/3.x"); // what the parse stage does at its end

        MockEndpoint.resetMocks(camel);
        parse.expectedMessageCount(0);
        Exchange again = receive("standard", "kenya-resent.json", content, (long) content.length);

        parse.assertIsSatisfied();
        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getHeader(PAYLOAD, CapturedPayload.class).id())
                .isEqualTo(first.id());
        assertThat(timesReceived(first.id())).isEqualTo(2);
    }

    @Test
    void operatorReplayRunsProcessedBytesAgain() throws Exception {
        byte[] content = Fixtures.bytes("/fixtures/ninjs/es-ninjs1-item.json");
        CapturedPayload kept = captured("standard", "kenya-es.json", content);
        payloads.markProcessed(kept.id(), "ninjs 1.x");
        parse.expectedMessageCount(1);

        producer.send("direct:capture", exchange -> {
            exchange.getMessage().setBody(content);
            exchange.getMessage().setHeader(SOURCE, "standard");
            exchange.getMessage().setHeader(Exchange.FILE_NAME, "kenya-es.json");
            exchange.getMessage().setHeader(REPLAY, true);
        });

        parse.assertIsSatisfied();
        assertThat(parse.getReceivedExchanges()
                        .get(0)
                        .getMessage()
                        .getHeader(PAYLOAD, CapturedPayload.class)
                        .id())
                .isEqualTo(kept.id());
    }

    @Test
    void bytesThatFailedBeforeArePassedOnWhenTheyArriveAgain() throws Exception {
        // A quarantined file dropped again (say after its mapping was fixed) must not be skipped as a duplicate.
        byte[] content = Fixtures.bytes("/fixtures/nitf/es-efe-libano-presupuesto.xml");
        CapturedPayload failed = captured("efe", "libano.xml", content);
        payloads.markFailed(failed.id(), "no mapping for source 'efe'");
        parse.expectedMessageCount(1);

        receive("efe", "libano.xml", content, (long) content.length);

        parse.assertIsSatisfied();
        CapturedPayload again =
                parse.getReceivedExchanges().get(0).getMessage().getHeader(PAYLOAD, CapturedPayload.class);
        assertThat(again.id()).isEqualTo(failed.id());
        assertThat(again.alreadyProcessed()).isFalse();
    }

    @Test
    void fileLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        byte[] big = new byte[100 * 1024];
        Arrays.fill(big, (byte) ' ');
        long before = payloads.count();
        parse.expectedMessageCount(0);

        Exchange refused = receive("standard", "huge.json", big, (long) big.length);

        parse.assertIsSatisfied();
        assertThat(Quarantine.reasonOf(refused.getException()))
                .isEqualTo("payload of 102400 bytes exceeds gateway.ingest.max-payload-size (65536 bytes)");
        assertThat(payloads.count()).isEqualTo(before);
    }

    @Test
    void payloadWithoutAnAnnouncedLengthIsMeasuredWhenRead() throws Exception {
        // HTTP copy carries no CamelFileLength: the limit applies to the bytes themselves.
        byte[] big = new byte[70 * 1024];
        Arrays.fill(big, (byte) 'x');
        long before = payloads.count();
        parse.expectedMessageCount(0);

        Exchange refused = receive("standard", "pushed.bin", big, null);

        parse.assertIsSatisfied();
        assertThat(Quarantine.reasonOf(refused.getException())).contains("exceeds gateway.ingest.max-payload-size");
        assertThat(payloads.count()).isEqualTo(before);
    }

    private Exchange receive(String source, String fileName, Object body, Long length) {
        return producer.send("direct:capture", exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeader(SOURCE, source);
            exchange.getMessage().setHeader(Exchange.FILE_NAME, fileName);
            if (length != null) {
                exchange.getMessage().setHeader(Exchange.FILE_LENGTH, length);
            }
        });
    }

    private int timesReceived(long payloadId) {
        return jdbc.sql("SELECT times_received FROM payload WHERE id = ?")
                .param(payloadId)
                .query(Integer.class)
                .single();
    }
}
