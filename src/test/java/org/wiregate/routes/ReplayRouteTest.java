package org.wiregate.routes;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.wiregate.ingest.Replay;
import org.wiregate.ingest.WireFormatException;
import org.wiregate.store.CapturedPayload;
import org.wiregate.store.Rejection;
import org.wiregate.store.Rejections;
import org.wiregate.support.Fixtures;

/**
 * Route {@code replay}: an operator's replay of a rejection sends its kept bytes, unchanged, back into
 * {@code direct:capture} as a replay from the same source and file; a failure on the way is answered
 * with its reason. {@code direct:capture} is replaced by a mock.
 */
@UseAdviceWith
class ReplayRouteTest extends RouteTestSupport {

    @Autowired
    private Replay replay;

    @Autowired
    private Rejections rejections;

    private MockEndpoint capture;

    @BeforeEach
    void adviseReplay() throws Exception {
        adviseOnceThenStart(() -> AdviceWith.adviceWith(
                camel,
                "replay",
                false,
                route -> route.weaveByToUri("direct:capture").replace().to("mock:capture")));
        capture = mock("mock:capture");
    }

    @Test
    void keptBytesGoBackIntoCaptureAsAReplayFromTheSameSourceAndFile() throws Exception {
        byte[] content = Fixtures.bytes("/fixtures/nitf/es-efe-libano-presupuesto.xml");
        Rejection rejected = rejectedWithKeptBytes("efe", "inbox/efe/libano.xml", content);
        capture.expectedMessageCount(1);

        Replay.Outcome outcome = replay.replay(rejected.id());

        capture.assertIsSatisfied();
        Exchange replayed = capture.getReceivedExchanges().get(0);
        assertThat(replayed.getMessage().getBody(byte[].class)).isEqualTo(content);
        assertThat(replayed.getMessage().getHeader(SOURCE)).isEqualTo("efe");
        assertThat(replayed.getMessage().getHeader(REPLAY, Boolean.class)).isTrue();
        assertThat(replayed.getMessage().getHeader(Exchange.FILE_NAME)).isEqualTo("libano.xml");
        assertThat(replayed.getMessage().getHeader("gatewayOrigin"))
                .as("named as first rejected; not an inbox file the quarantine could move")
                .isEqualTo("inbox/efe/libano.xml");
        assertThat(replayed.getMessage().getHeader(FILE_ABSOLUTE_PATH)).isNull();
        assertThat(outcome.processed()).isTrue();
        assertThat(outcome.reason()).isNull();
    }

    @Test
    void aReplayThatFailsAgainIsAnsweredWithTheReason() throws Exception {
        byte[] content = Fixtures.bytes("/fixtures/ninjs/en-ninjs2-item.json");
        Rejection rejected = rejectedWithKeptBytes("standard", "inbox/standard/kenya.json", content);
        capture.whenAnyExchangeReceived(exchange -> {
            throw new WireFormatException("ninjs item has no headline");
        });

        Replay.Outcome outcome = replay.replay(rejected.id());

        assertThat(outcome.processed()).isFalse();
        assertThat(outcome.reason()).contains("ninjs item has no headline");
        assertThat(outcome.payload()).isEqualTo(rejected.payloadId());
    }

    private Rejection rejectedWithKeptBytes(String source, String fileName, byte[] content) {
        CapturedPayload kept = captured(source, fileName.substring(fileName.lastIndexOf('/') + 1), content);
        rejections.record(source, fileName, kept.id(), null, "rejected for the test", clock.instant());
        return rejections.recent(10).stream()
                .filter(r -> kept.id() == r.payloadId())
                .findFirst()
                .orElseThrow();
    }
}
