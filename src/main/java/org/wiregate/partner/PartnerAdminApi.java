package org.wiregate.partner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wiregate.partner.PartnerAdminRequests.ContractChange;
import org.wiregate.partner.PartnerAdminRequests.NewFeedToken;
import org.wiregate.partner.PartnerAdminRequests.NewPartner;
import org.wiregate.publish.PublicUrls;

/**
 * The partner admin API under {@code /ops/partners}, for operators only ({@link PartnerAdminAccess}
 * has checked the operator token before any handler runs and names the actor). Bodies are bound to
 * {@link PartnerAdminRequests}, answers written by {@link PartnerAdminAnswers}, errors answered as
 * problem JSON by {@link PartnerAdminProblems}.
 */
@RestController
class PartnerAdminApi {

    static final String BASE = "/ops/partners";
    private static final int MAX_AUDIT = 1000;

    private final PartnerAdmin admin;
    private final PublicUrls urls;

    PartnerAdminApi(PartnerAdmin admin, PublicUrls urls) {
        this.admin = admin;
        this.urls = urls;
    }

    @PostMapping(BASE)
    ResponseEntity<Resource> create(
            @RequestAttribute(PartnerAdminAccess.ACTOR) String actor, @RequestBody(required = false) NewPartner body) {
        NewPartner request = PartnerAdminRequests.required(body, NewPartner.class);
        PartnerAdmin.Created created = admin.create(request.id(), request.contract(), actor);
        ObjectNode answer = PartnerAdminAnswers.object();
        answer.set("partner", PartnerAdminAnswers.view(created.partner()));
        answer.set("key", PartnerAdminAnswers.secret(created.key()));
        return PartnerAdminAnswers.respond(HttpStatus.CREATED)
                .header("Location", BASE + "/" + created.partner().id())
                .body(PartnerAdminAnswers.bytes(answer));
    }

    @GetMapping(BASE)
    ResponseEntity<Resource> list() {
        ObjectNode answer = PartnerAdminAnswers.object();
        ArrayNode list = answer.putArray("partners");
        admin.list().forEach(p -> list.add(PartnerAdminAnswers.view(p)));
        return PartnerAdminAnswers.ok(answer);
    }

    @GetMapping(BASE + "/{id}")
    ResponseEntity<Resource> show(@PathVariable String id) {
        return PartnerAdminAnswers.ok(PartnerAdminAnswers.details(admin.show(id)));
    }

    @PutMapping(BASE + "/{id}")
    ResponseEntity<Resource> changeContract(
            @RequestAttribute(PartnerAdminAccess.ACTOR) String actor,
            @PathVariable String id,
            @RequestBody(required = false) ContractChange body) {
        ContractChange change = PartnerAdminRequests.required(body, ContractChange.class);
        return PartnerAdminAnswers.ok(PartnerAdminAnswers.view(admin.changeContract(id, change.contract(), actor)));
    }

    @PostMapping(BASE + "/{id}/disable")
    ResponseEntity<Resource> disable(
            @RequestAttribute(PartnerAdminAccess.ACTOR) String actor, @PathVariable String id) {
        return PartnerAdminAnswers.ok(PartnerAdminAnswers.view(admin.disable(id, actor)));
    }

    @PostMapping(BASE + "/{id}/enable")
    ResponseEntity<Resource> enable(@RequestAttribute(PartnerAdminAccess.ACTOR) String actor, @PathVariable String id) {
        return PartnerAdminAnswers.ok(PartnerAdminAnswers.view(admin.enable(id, actor)));
    }

    @PostMapping(BASE + "/{id}/keys")
    ResponseEntity<Resource> newKey(@RequestAttribute(PartnerAdminAccess.ACTOR) String actor, @PathVariable String id) {
        return PartnerAdminAnswers.created(PartnerAdminAnswers.secret(admin.issueKey(id, actor)));
    }

    @PostMapping(BASE + "/{id}/keys/{keyId}/rotate")
    ResponseEntity<Resource> rotate(
            @RequestAttribute(PartnerAdminAccess.ACTOR) String actor,
            @PathVariable String id,
            @PathVariable String keyId,
            @RequestParam(defaultValue = "PT24H") String overlap) {
        Duration duration;
        try {
            duration = Duration.parse(overlap);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("overlap '" + overlap + "' is not an ISO-8601 duration such as PT24H");
        }
        ObjectNode answer = PartnerAdminAnswers.secret(admin.rotateKey(id, keyId, duration, actor));
        answer.put("replaces", keyId);
        answer.put("overlap", duration.toString());
        return PartnerAdminAnswers.created(answer);
    }

    @PostMapping(BASE + "/{id}/keys/{keyId}/revoke")
    ResponseEntity<Resource> revoke(
            @RequestAttribute(PartnerAdminAccess.ACTOR) String actor,
            @PathVariable String id,
            @PathVariable String keyId) {
        return PartnerAdminAnswers.ok(PartnerAdminAnswers.revoked(keyId, admin.revokeKey(id, keyId, actor)));
    }

    /** {@code {"feed": "/partner/feeds/en.rss"}}: a token for that one feed URL. */
    @PostMapping(BASE + "/{id}/feed-tokens")
    ResponseEntity<Resource> newFeedToken(
            @RequestAttribute(PartnerAdminAccess.ACTOR) String actor,
            @PathVariable String id,
            @RequestBody(required = false) NewFeedToken body) {
        String feed = PartnerAdminRequests.required(body, NewFeedToken.class).feed();
        PartnerKeys.NewSecret token = admin.issueFeedToken(id, feed, actor);
        ObjectNode answer = PartnerAdminAnswers.secret(token);
        answer.put("feed", feed);
        answer.put("url", urls.base() + feed + "?token=" + token.token());
        return PartnerAdminAnswers.created(answer);
    }

    @PostMapping(BASE + "/{id}/feed-tokens/{tokenId}/revoke")
    ResponseEntity<Resource> revokeFeedToken(
            @RequestAttribute(PartnerAdminAccess.ACTOR) String actor,
            @PathVariable String id,
            @PathVariable String tokenId) {
        return PartnerAdminAnswers.ok(PartnerAdminAnswers.revoked(tokenId, admin.revokeFeedToken(id, tokenId, actor)));
    }

    @GetMapping(BASE + "/{id}/audit")
    ResponseEntity<Resource> audit(@PathVariable String id, @RequestParam(defaultValue = "100") String limit) {
        int max;
        try {
            max = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit '" + limit + "' must be a whole number");
        }
        return PartnerAdminAnswers.ok(PartnerAdminAnswers.audit(
                id, admin.audit(id, Math.max(1, Math.min(max, MAX_AUDIT)))));
    }
}
