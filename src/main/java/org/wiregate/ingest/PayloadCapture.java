package org.wiregate.ingest;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.wiregate.store.CapturedPayload;
import org.wiregate.store.PayloadRepository;

/** First stage after a transport: keep every received byte before anything can fail on it. */
@Component("payloadCapture")
public class PayloadCapture {

    private final PayloadRepository payloads;
    private final Clock clock;
    private final DataSize maxPayload;

    public PayloadCapture(PayloadRepository payloads, Clock clock,
                          @Value("${gateway.ingest.max-payload-size:20MB}") DataSize maxPayload) {
        this.payloads = payloads;
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

    public CapturedPayload capture(byte[] content, String source, String fileName) {
        checkSize((long) content.length);
        return payloads.capture(source, fileName, content, clock.instant());
    }

    public void markProcessed(CapturedPayload payload, ParsedPayload parsed) {
        payloads.markProcessed(payload.id(), parsed.format().displayName());
    }
}
