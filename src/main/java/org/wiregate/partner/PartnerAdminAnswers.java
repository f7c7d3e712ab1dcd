package org.wiregate.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The partner admin API's answers: what an operator sees of a partner, its credentials and its
 * audit, and a new secret with the warning to store it. Every answer is {@code no-store}, since
 * contracts are confidential and some answers carry a secret.
 *
 * <p>Bodies are byte array resources: Spring MVC logs the value a handler returns (at DEBUG, or in
 * full at TRACE), and a resource is logged by its description only, so a new key never reaches a log line.
 */
final class PartnerAdminAnswers {

    private static final String STORE_WARNING = "Store this secret now: it is shown once and only its hash is kept.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PartnerAdminAnswers() {}

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** A partner and its contract. */
    static ObjectNode view(Partner partner) {
        ObjectNode view = JSON.createObjectNode();
        view.put("id", partner.id());
        view.put("name", partner.name());
        view.put("active", partner.isActive());
        time(view, "created", partner.createdAt());
        time(view, "disabled", partner.disabledAt());
        view.put("ratePerMinute", partner.ratePerMinute());
        view.put("burst", partner.burst());
        view.set("entitlements", EntitlementsJson.toJson(partner.entitlements()));
        return view;
    }

    /** A partner with the public halves of its keys and feed tokens: ids and dates, never secrets or hashes. */
    static ObjectNode details(PartnerAdmin.Details details) {
        ObjectNode answer = view(details.partner());
        ArrayNode keys = answer.putArray("keys");
        for (PartnerRepository.KeyRow key : details.keys()) {
            ObjectNode k = keys.addObject();
            k.put("id", key.keyId());
            time(k, "created", key.createdAt());
            time(k, "expires", key.expiresAt());
            time(k, "revoked", key.revokedAt());
            time(k, "lastUsed", key.lastUsedAt());
        }
        ArrayNode tokens = answer.putArray("feedTokens");
        for (PartnerRepository.FeedTokenRow token : details.feedTokens()) {
            ObjectNode t = tokens.addObject();
            t.put("id", token.tokenId());
            t.put("feed", token.feedPath());
            time(t, "created", token.createdAt());
            time(t, "revoked", token.revokedAt());
        }
        return answer;
    }

    /** A new key or feed token, shown this once. */
    static ObjectNode secret(PartnerKeys.NewSecret secret) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", secret.id());
        node.put(secret.token().startsWith(SecretTokens.FEED_TOKEN_PREFIX + "_") ? "token" : "key", secret.token());
        time(node, "expires", secret.expiresAt());
        node.put("warning", STORE_WARNING);
        return node;
    }

    static ObjectNode audit(String partnerId, List<PartnerRepository.AuditEntry> audit) {
        ObjectNode answer = JSON.createObjectNode().put("partner", partnerId);
        ArrayNode entries = answer.putArray("entries");
        for (PartnerRepository.AuditEntry entry : audit) {
            ObjectNode e = entries.addObject();
            time(e, "at", entry.at());
            e.put("action", entry.action());
            e.put("actor", entry.actor());
            e.put("key", entry.keyId());
            e.put("detail", entry.detail());
        }
        return answer;
    }

    /** A revocation: {@code alreadyRevoked} when there was nothing left to revoke. */
    static ObjectNode revoked(String id, boolean revokedNow) {
        return JSON.createObjectNode().put("id", id).put("revoked", true).put("alreadyRevoked", !revokedNow);
    }

    static ResponseEntity<Resource> ok(JsonNode answer) {
        return respond(HttpStatus.OK).body(bytes(answer));
    }

    static ResponseEntity<Resource> created(JsonNode answer) {
        return respond(HttpStatus.CREATED).body(bytes(answer));
    }

    static ResponseEntity.BodyBuilder respond(HttpStatus status) {
        return ResponseEntity.status(status)
                .header("Content-Type", "application/json")
                .cacheControl(CacheControl.noStore());
    }

    static Resource bytes(JsonNode node) {
        try {
            return new ByteArrayResource(JSON.writeValueAsBytes(node), "partner admin answer");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void time(ObjectNode node, String field, Instant value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toString());
        }
    }
}
