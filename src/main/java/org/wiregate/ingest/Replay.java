package org.wiregate.ingest;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.wiregate.store.PayloadRepository;
import org.wiregate.store.Rejection;
import org.wiregate.store.Rejections;

/**
 * Runs a rejection's kept bytes through the pipeline again ({@code direct:replay}), for the JSON
 * API and the ops page. Idempotent: bytes already processed are not processed twice. An unknown
 * rejection is a 404, one without kept bytes a 409.
 */
@Component
public class Replay {

    /** What replaying did: processed, or rejected again with the reason. */
    public record Outcome(long rejection, long payload, boolean processed, String reason) {}

    private final Rejections rejections;
    private final PayloadRepository payloads;
    private final ProducerTemplate pipeline;

    public Replay(Rejections rejections, PayloadRepository payloads, ProducerTemplate pipeline) {
        this.rejections = rejections;
        this.payloads = payloads;
        this.pipeline = pipeline;
    }

    public Outcome replay(long id) {
        Rejection rejection = rejections
                .find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no rejection " + id));
        if (rejection.payloadId() == null) {
            throw new ResponseStatusException(
                    HttpStatus.CONFLICT,
                    "rejection " + id + " has no kept payload (it was refused"
                            + " before reading, e.g. too large); the original is in the source's .error/ folder");
        }
        byte[] content = payloads.content(rejection.payloadId()).orElseThrow();
        String fileName = rejection.fileName().substring(rejection.fileName().lastIndexOf('/') + 1);
        // Only headers set here reach the pipeline: nothing from the HTTP request is copied.
        Exchange result = pipeline.send("direct:replay", exchange -> {
            exchange.getMessage().setHeader("gatewaySource", rejection.source());
            exchange.getMessage().setHeader("gatewayReplay", true);
            exchange.getMessage().setHeader(Exchange.FILE_NAME, fileName);
            // Named as first rejected, but not an inbox file: the original stays in .error/ as it is, and a
            // replay that fails again is recorded under the same name without moving anything.
            exchange.getMessage().setHeader("gatewayOrigin", rejection.fileName());
            exchange.getMessage().setHeader(Exchange.FILE_LENGTH, (long) content.length);
            exchange.getMessage().setBody(content);
        });
        if (result.getException() != null) {
            return new Outcome(id, rejection.payloadId(), false, Quarantine.reasonOf(result.getException()));
        }
        return new Outcome(id, rejection.payloadId(), true, null);
    }
}
