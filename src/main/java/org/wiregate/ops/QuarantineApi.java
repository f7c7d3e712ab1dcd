package org.wiregate.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wiregate.ingest.Inbox;
import org.wiregate.store.PayloadRepository;
import org.wiregate.store.Rejection;
import org.wiregate.store.Rejections;

/**
 * The quarantine for operators: {@code GET /ops/quarantine} lists what was rejected and why;
 * {@code POST /ops/quarantine/{id}/replay} runs the kept bytes through the pipeline again (after a
 * mapping fix). Replaying is idempotent: bytes already processed are not processed twice.
 * Replay changes the store, so it needs the operator token ({@code gateway.ops.token}).
 */
@RestController
class QuarantineApi {

    private final Rejections rejections;
    private final PayloadRepository payloads;
    private final ProducerTemplate pipeline;
    private final Inbox inbox;
    private final OperatorAuth operators;

    QuarantineApi(Rejections rejections, PayloadRepository payloads, ProducerTemplate pipeline, Inbox inbox,
                  OperatorAuth operators) {
        this.rejections = rejections;
        this.payloads = payloads;
        this.pipeline = pipeline;
        this.inbox = inbox;
        this.operators = operators;
    }

    @GetMapping("/ops/quarantine")
    List<Map<String, Object>> list(@RequestParam(defaultValue = "100") int limit,
                                   @RequestHeader(value = "Authorization", required = false) String authorization) {
        operators.require(authorization, false);
        return rejections.recent(Math.max(1, Math.min(limit, 1000))).stream().map(QuarantineApi::view).toList();
    }

    @PostMapping("/ops/quarantine/{id}/replay")
    ResponseEntity<Map<String, Object>> replay(@PathVariable long id,
                                               @RequestHeader(value = "Authorization", required = false) String authorization) {
        operators.require(authorization, true);
        Rejection rejection = rejections.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no rejection " + id));
        if (rejection.payloadId() == null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "rejection " + id + " has no kept payload (it was refused"
                    + " before reading, e.g. too large); the original is in the source's .error/ folder");
        }
        byte[] content = payloads.content(rejection.payloadId()).orElseThrow();
        String fileName = rejection.fileName().substring(rejection.fileName().lastIndexOf('/') + 1);
        // Only headers set here reach the pipeline: nothing from the HTTP request is copied.
        Exchange result = pipeline.send("direct:replay", exchange -> {
            exchange.getMessage().setHeader("gatewaySource", rejection.source());
            exchange.getMessage().setHeader("gatewayReplay", true);
            exchange.getMessage().setHeader(Exchange.FILE_NAME, fileName);
            exchange.getMessage().setHeader("CamelFileAbsolutePath",
                    inbox.folderOf(rejection.source()).resolve(fileName).toString());
            exchange.getMessage().setHeader(Exchange.FILE_LENGTH, (long) content.length);
            exchange.getMessage().setBody(content);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rejection", id);
        body.put("payload", rejection.payloadId());
        if (result.getException() != null) {
            body.put("outcome", "rejected again");
            body.put("reason", Quarantine.reasonOf(result.getException()));
            return ResponseEntity.unprocessableEntity().body(body);
        }
        body.put("outcome", "processed");
        return ResponseEntity.ok(body);
    }

    private static Map<String, Object> view(Rejection r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", r.id());
        view.put("source", r.source());
        view.put("file", r.fileName());
        view.put("item", r.itemRef());
        view.put("reason", r.reason());
        view.put("rejectedAt", r.rejectedAt().toString());
        view.put("payload", r.payloadId());
        view.put("replayable", r.payloadId() != null);
        return view;
    }

}
