package org.wiregate.ingest;

import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.wiregate.store.CapturedPayload;
import org.wiregate.store.PayloadRepository;
import org.wiregate.store.Rejections;
import org.wiregate.store.Rejections.ItemRejection;

/** First stage after a transport: keep every received byte before anything can fail on it. */
@Component("payloadCapture")
public class PayloadCapture {

    private static final Logger log = LoggerFactory.getLogger(PayloadCapture.class);

    private final PayloadRepository payloads;
    private final Rejections rejections;
    private final Clock clock;
    private final DataSize maxPayload;
    private final SourceActivity activity;

    public PayloadCapture(
            PayloadRepository payloads,
            Rejections rejections,
            Clock clock,
            @Value("${gateway.ingest.max-payload-size:20MB}") DataSize maxPayload,
            SourceActivity activity) {
        this.payloads = payloads;
        this.activity = activity;
        this.rejections = rejections;
        this.clock = clock;
        this.maxPayload = maxPayload;
    }

    /** Refuses a file before it is read into memory; it stays byte-identical in the inbox's .error folder. */
    public void checkSize(Long length) {
        if (length != null && length > maxPayload.toBytes()) {
            throw new WireFormatException("payload of " + length + " bytes exceeds gateway.ingest.max-payload-size ("
                    + maxPayload.toBytes() + " bytes)");
        }
    }

    /** The bytes of a payload, refused if they exceed the size limit (a push need not say its length). */
    public byte[] checked(byte[] content) {
        checkSize((long) content.length);
        return content;
    }

    public CapturedPayload capture(byte[] content, String source, String fileName) {
        checkSize((long) content.length);
        CapturedPayload captured = payloads.capture(source, fileName, content, clock.instant());
        // Operator replays come through here too; they are rare and only make a source look fresher.
        activity.received(source, captured.receivedAt());
        return captured;
    }

    /**
     * Closes the processing of a payload. When every item of it was rejected, the file as a whole
     * failed: it belongs in .error/ where operators look, not in .done/.
     */
    public void markProcessed(CapturedPayload payload, ParsedPayload parsed) {
        int items = parsed.items().size();
        List<ItemRejection> rejected = rejections.recordedFor(payload.id(), payload.receivedAt());
        if (items > 0 && rejected.size() >= items) {
            // The payload's transaction rolls back with this, item rows and all: the quarantine records them again.
            throw new ItemsRejected(
                    parsed.format().displayName() + ": "
                            + (items == 1 ? "its only item was" : "all " + items + " items were") + " rejected: "
                            + rejected.get(0).reason(),
                    rejected);
        }
        if (!parsed.skipped().isEmpty()) {
            log.info(
                    "payload {} [{}]: {}",
                    payload.id(),
                    parsed.format().displayName(),
                    String.join("; ", parsed.skipped()));
        }
        payloads.markProcessed(
                payload.id(),
                parsed.format().displayName(),
                parsed.skipped().isEmpty() ? null : String.join("; ", parsed.skipped()));
    }
}
