package org.wiregate.partner.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wiregate.article.ArticleId;
import org.wiregate.partner.PartnerAccess;
import org.wiregate.publish.PublicUrls;

/**
 * A partner's webhook endpoints, under its key ({@link org.wiregate.partner.PartnerAuthFilter}):
 * <ul>
 *   <li>{@code POST /api/partner/webhooks} {@code {"url": "https://...", "events": ["published", "updated", "canceled"]}}:
 *   201 with the endpoint and its signing secret, which is never shown again.</li>
 *   <li>{@code GET /api/partner/webhooks}, {@code GET|DELETE /api/partner/webhooks/{id}}</li>
 *   <li>{@code POST /api/partner/webhooks/{id}/rotate-secret}: a new secret (the old one signs too for a while)</li>
 *   <li>{@code POST /api/partner/webhooks/{id}/enable}: after the gateway disabled a failing endpoint</li>
 *   <li>{@code GET /api/partner/webhooks/{id}/dead-letters} and
 *   {@code POST /api/partner/webhooks/{id}/deliveries/{deliveryId}/redeliver}</li>
 * </ul>
 * Another partner's endpoint is the same 404 as none at all.
 */
@RestController
class WebhooksApi {

    private static final String MEDIA_TYPE = "application/json;charset=utf-8";
    private static final Set<String> FIELDS = Set.of("url", "events");
    private static final int MAX_DEAD_LETTERS = 500;

    private final WebhookEndpoints endpoints;
    private final PublicUrls urls;
    private final ObjectMapper json = new ObjectMapper();

    WebhooksApi(WebhookEndpoints endpoints, PublicUrls urls) {
        this.endpoints = endpoints;
        this.urls = urls;
    }

    @PostMapping("/api/partner/webhooks")
    ResponseEntity<byte[]> register(
            @RequestAttribute(PartnerAccess.ATTRIBUTE) PartnerAccess access,
            @RequestBody(required = false) byte[] body) {
        JsonNode request = parse(body);
        JsonNode events = request.path("events");
        List<String> names = null;
        if (!events.isMissingNode() && !events.isNull()) {
            if (!events.isArray()) {
                throw WebhookProblem.badRequest(
                        "events must be a list, e.g. [\"published\", \"updated\", \"canceled\"]");
            }
            names = new ArrayList<>();
            for (JsonNode event : events) {
                names.add(event.asText());
            }
        }
        JsonNode url = request.path("url");
        WebhookEndpoints.Issued issued = endpoints.register(access, url.isTextual() ? url.asText() : null, names);
        ObjectNode answer = endpoint(issued.endpoint());
        answer.put("secret", issued.secret());
        return ResponseEntity.created(URI.create(self(issued.endpoint())))
                .header("Content-Type", MEDIA_TYPE)
                .cacheControl(CacheControl.noStore())
                .body(bytes(answer));
    }

    @GetMapping("/api/partner/webhooks")
    ResponseEntity<byte[]> list(@RequestAttribute(PartnerAccess.ATTRIBUTE) PartnerAccess access) {
        ObjectNode answer = json.createObjectNode();
        ArrayNode items = answer.putArray("items");
        endpoints.list(access).forEach(e -> items.add(endpoint(e)));
        return ok(answer);
    }

    @GetMapping("/api/partner/webhooks/{id}")
    ResponseEntity<byte[]> one(
            @RequestAttribute(PartnerAccess.ATTRIBUTE) PartnerAccess access, @PathVariable String id) {
        return ok(endpoint(endpoints.find(access, id)));
    }

    @DeleteMapping("/api/partner/webhooks/{id}")
    ResponseEntity<Void> delete(
            @RequestAttribute(PartnerAccess.ATTRIBUTE) PartnerAccess access, @PathVariable String id) {
        endpoints.delete(access, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/partner/webhooks/{id}/rotate-secret")
    ResponseEntity<byte[]> rotate(
            @RequestAttribute(PartnerAccess.ATTRIBUTE) PartnerAccess access, @PathVariable String id) {
        WebhookEndpoints.Issued issued = endpoints.rotateSecret(access, id);
        ObjectNode answer = endpoint(issued.endpoint());
        answer.put("secret", issued.secret());
        answer.put("previousSecretSignsUntil", String.valueOf(issued.endpoint().previousSecretUntil()));
        return ResponseEntity.ok()
                .header("Content-Type", MEDIA_TYPE)
                .cacheControl(CacheControl.noStore())
                .body(bytes(answer));
    }

    @PostMapping("/api/partner/webhooks/{id}/enable")
    ResponseEntity<byte[]> enable(
            @RequestAttribute(PartnerAccess.ATTRIBUTE) PartnerAccess access, @PathVariable String id) {
        return ok(endpoint(endpoints.enable(access, id)));
    }

    @GetMapping("/api/partner/webhooks/{id}/dead-letters")
    ResponseEntity<byte[]> deadLetters(
            @RequestAttribute(PartnerAccess.ATTRIBUTE) PartnerAccess access,
            @PathVariable String id,
            @RequestParam(required = false) String limit) {
        int size = 100;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_DEAD_LETTERS) {
                throw WebhookProblem.badRequest("limit must be a number from 1 to " + MAX_DEAD_LETTERS);
            }
        }
        ObjectNode answer = json.createObjectNode();
        ArrayNode items = answer.putArray("items");
        for (WebhookDelivery d : endpoints.deadLetters(access, id, size)) {
            ObjectNode item = delivery(d);
            item.put("redeliver", urls.base() + "/api/partner/webhooks/" + id + "/deliveries/" + d.id() + "/redeliver");
            items.add(item);
        }
        return ok(answer);
    }

    @PostMapping("/api/partner/webhooks/{id}/deliveries/{deliveryId}/redeliver")
    ResponseEntity<byte[]> redeliver(
            @RequestAttribute(PartnerAccess.ATTRIBUTE) PartnerAccess access,
            @PathVariable String id,
            @PathVariable String deliveryId) {
        WebhookDelivery queued = endpoints.redeliver(access, id, deliveryId);
        return ResponseEntity.accepted()
                .header("Content-Type", MEDIA_TYPE)
                .cacheControl(CacheControl.noStore())
                .body(bytes(delivery(queued)));
    }

    @ExceptionHandler(WebhookProblem.class)
    ResponseEntity<byte[]> problem(WebhookProblem e) {
        ObjectNode body = json.createObjectNode();
        body.put("type", "https://wiregate.dev/problems/" + e.type);
        body.put("title", e.status.getReasonPhrase());
        body.put("status", e.status.value());
        body.put("detail", e.getMessage());
        return ResponseEntity.status(e.status)
                .header("Content-Type", "application/problem+json")
                .cacheControl(CacheControl.noStore())
                .body(bytes(body));
    }

    private JsonNode parse(byte[] body) {
        JsonNode request;
        try {
            request = body == null || body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            throw WebhookProblem.badRequest(
                    "The body must be JSON: {\"url\": \"https://...\", \"events\": [\"published\"]}");
        }
        if (request == null || !request.isObject()) {
            throw WebhookProblem.badRequest(
                    "The body must be a JSON object: {\"url\": \"https://...\", \"events\": [\"published\"]}");
        }
        request.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw WebhookProblem.badRequest("unknown field '" + name + "' (known: events, url)");
            }
        });
        return request;
    }

    private ObjectNode endpoint(WebhookEndpoint e) {
        ObjectNode node = json.createObjectNode();
        node.put("id", e.id());
        node.put("url", e.url());
        ArrayNode events = node.putArray("events");
        e.events().stream().sorted().map(WebhookEvent::wire).forEach(events::add);
        node.put("state", e.state().name().toLowerCase(Locale.ROOT));
        node.put("createdAt", e.createdAt().toString());
        putTime(node, "lastSuccessAt", e.lastSuccessAt());
        putTime(node, "failingSince", e.failingSince());
        putTime(node, "disabledAt", e.disabledAt());
        node.put("disabledReason", e.disabledReason());
        node.put("self", self(e));
        node.put("deadLetters", self(e) + "/dead-letters");
        return node;
    }

    private ObjectNode delivery(WebhookDelivery d) {
        ObjectNode node = json.createObjectNode();
        node.put("delivery", d.id());
        node.put("event", d.event().wire());
        node.put("uri", new ArticleId(d.articleId()).urn());
        node.put("version", Integer.toString(d.version()));
        node.put("state", d.state().name().toLowerCase(Locale.ROOT));
        node.put("attempts", d.attempts());
        putTime(node, "createdAt", d.createdAt());
        putTime(node, "firstAttemptAt", d.firstAttemptAt());
        putTime(node, "lastAttemptAt", d.lastAttemptAt());
        putTime(node, "deadAt", d.deadAt());
        putTime(node, "nextAttemptAt", d.state() == WebhookDelivery.State.PENDING ? d.nextAttemptAt() : null);
        if (d.lastStatus() == null) {
            node.putNull("lastStatus");
        } else {
            node.put("lastStatus", d.lastStatus());
        }
        node.put("lastError", d.lastError());
        return node;
    }

    private static void putTime(ObjectNode node, String name, Instant value) {
        node.put(name, value == null ? null : value.toString());
    }

    private String self(WebhookEndpoint e) {
        return urls.base() + "/api/partner/webhooks/" + e.id();
    }

    private ResponseEntity<byte[]> ok(JsonNode body) {
        return ResponseEntity.ok()
                .header("Content-Type", MEDIA_TYPE)
                .cacheControl(CacheControl.noStore())
                .body(bytes(body));
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
