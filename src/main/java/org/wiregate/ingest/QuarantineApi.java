package org.wiregate.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wiregate.store.Rejection;
import org.wiregate.store.Rejections;
import org.wiregate.web.OperatorAuth;

/**
 * The quarantine for operators: {@code GET /ops/quarantine} lists what was rejected and why
 * (leaving out what an operator discarded on the ops page);
 * {@code POST /ops/quarantine/{id}/replay} runs the kept bytes through the pipeline again (after a
 * mapping fix). Replaying is idempotent: bytes already processed are not processed twice.
 * Replay changes the store, so it needs the operator token ({@code gateway.ops.token}).
 */
@RestController
class QuarantineApi {

    private final Rejections rejections;
    private final Replay replays;
    private final OperatorAuth operators;

    QuarantineApi(Rejections rejections, Replay replays, OperatorAuth operators) {
        this.rejections = rejections;
        this.replays = replays;
        this.operators = operators;
    }

    @GetMapping("/ops/quarantine")
    List<Map<String, Object>> list(
            @RequestParam(defaultValue = "100") int limit,
            @RequestHeader(value = "Authorization", required = false) String authorization) {
        operators.require(authorization, false);
        return rejections.recent(Math.max(1, Math.min(limit, 1000))).stream()
                .map(QuarantineApi::view)
                .toList();
    }

    @PostMapping("/ops/quarantine/{id}/replay")
    ResponseEntity<Map<String, Object>> replay(
            @PathVariable long id, @RequestHeader(value = "Authorization", required = false) String authorization) {
        operators.require(authorization, true);
        Replay.Outcome outcome = replays.replay(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rejection", id);
        body.put("payload", outcome.payload());
        if (!outcome.processed()) {
            body.put("outcome", "rejected again");
            body.put("reason", outcome.reason());
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
