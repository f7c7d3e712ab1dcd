package org.wiregate.partner;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wiregate.web.OperatorAuth;
import org.wiregate.publish.PublicUrls;

/**
 * The partner admin API under {@code /ops/partners}, for operators only: the operator bearer token
 * ({@code gateway.ops.token}) on every request, reads included, because contracts are confidential;
 * with no token configured the API is closed. A partner key is never an operator credential: one
 * presented here gets 403 and an {@code admin-refused} audit entry. Errors are problem JSON.
 *
 * <p>It lives in {@code partner} and uses {@link OperatorAuth} from {@code ops}, so the dependency
 * runs partner -> ops only (as edition -> ops does); ops knows nothing of partners.
 *
 * <p>Bodies are written as byte array resources: Spring MVC logs the value a handler returns
 * (at DEBUG, or in full at TRACE), and a response carrying a new key must never show up in a log line.
 */
@RestController
class PartnerAdminApi {

    static final String BASE = "/ops/partners";
    private static final String STORE_WARNING = "Store this secret now: it is shown once and only its hash is kept.";
    private static final Set<String> CONTRACT_FIELDS = Set.of("name", "entitlements", "ratePerMinute", "burst");
    private static final Set<String> CREATE_FIELDS = Set.of("id", "name", "entitlements", "ratePerMinute", "burst");
    private static final int MAX_AUDIT = 1000;

    private final PartnerAdmin admin;
    private final PartnerDirectory directory;
    private final OperatorAuth operators;
    private final PublicUrls urls;
    private final ObjectMapper json = new ObjectMapper();

    PartnerAdminApi(PartnerAdmin admin, PartnerDirectory directory, OperatorAuth operators, PublicUrls urls) {
        this.admin = admin;
        this.directory = directory;
        this.operators = operators;
        this.urls = urls;
    }

    @PostMapping(BASE)
    ResponseEntity<Resource> create(HttpServletRequest request, @RequestBody(required = false) byte[] body) {
        String actor = operator(request);
        JsonNode node = object(body, CREATE_FIELDS);
        String id = text(node, "id");
        if (id == null) {
            throw new IllegalArgumentException("id is required");
        }
        PartnerAdmin.Created created = admin.create(id, contract(node), actor);
        ObjectNode answer = json.createObjectNode();
        answer.set("partner", view(created.partner()));
        answer.set("key", secret(created.key()));
        return respond(HttpStatus.CREATED).header("Location", BASE + "/" + created.partner().id()).body(bytes(answer));
    }

    @GetMapping(BASE)
    ResponseEntity<Resource> list(HttpServletRequest request) {
        operator(request);
        ObjectNode answer = json.createObjectNode();
        ArrayNode list = answer.putArray("partners");
        admin.list().forEach(p -> list.add(view(p)));
        return ok(answer);
    }

    @GetMapping(BASE + "/{id}")
    ResponseEntity<Resource> show(HttpServletRequest request, @PathVariable String id) {
        operator(request);
        PartnerAdmin.Details details = admin.show(id);
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
        return ok(answer);
    }

    @PutMapping(BASE + "/{id}")
    ResponseEntity<Resource> changeContract(HttpServletRequest request, @PathVariable String id,
                                          @RequestBody(required = false) byte[] body) {
        String actor = operator(request);
        return ok(view(admin.changeContract(id, contract(object(body, CONTRACT_FIELDS)), actor)));
    }

    @PostMapping(BASE + "/{id}/disable")
    ResponseEntity<Resource> disable(HttpServletRequest request, @PathVariable String id) {
        return ok(view(admin.disable(id, operator(request))));
    }

    @PostMapping(BASE + "/{id}/enable")
    ResponseEntity<Resource> enable(HttpServletRequest request, @PathVariable String id) {
        return ok(view(admin.enable(id, operator(request))));
    }

    @PostMapping(BASE + "/{id}/keys")
    ResponseEntity<Resource> newKey(HttpServletRequest request, @PathVariable String id) {
        ObjectNode answer = secret(admin.issueKey(id, operator(request)));
        return respond(HttpStatus.CREATED).body(bytes(answer));
    }

    @PostMapping(BASE + "/{id}/keys/{keyId}/rotate")
    ResponseEntity<Resource> rotate(HttpServletRequest request, @PathVariable String id, @PathVariable String keyId,
                                  @RequestParam(defaultValue = "PT24H") String overlap) {
        String actor = operator(request);
        Duration duration;
        try {
            duration = Duration.parse(overlap);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("overlap '" + overlap + "' is not an ISO-8601 duration such as PT24H");
        }
        ObjectNode answer = secret(admin.rotateKey(id, keyId, duration, actor));
        answer.put("replaces", keyId);
        answer.put("overlap", duration.toString());
        return respond(HttpStatus.CREATED).body(bytes(answer));
    }

    @PostMapping(BASE + "/{id}/keys/{keyId}/revoke")
    ResponseEntity<Resource> revoke(HttpServletRequest request, @PathVariable String id, @PathVariable String keyId) {
        boolean revoked = admin.revokeKey(id, keyId, operator(request));
        return ok(json.createObjectNode().put("id", keyId).put("revoked", true).put("alreadyRevoked", !revoked));
    }

    /** {@code {"feed": "/partner/feeds/en.rss"}}: a token for that one feed URL. */
    @PostMapping(BASE + "/{id}/feed-tokens")
    ResponseEntity<Resource> newFeedToken(HttpServletRequest request, @PathVariable String id,
                                        @RequestBody(required = false) byte[] body) {
        String actor = operator(request);
        String feed = text(object(body, Set.of("feed")), "feed");
        PartnerKeys.NewSecret token = admin.issueFeedToken(id, feed, actor);
        ObjectNode answer = secret(token);
        answer.put("feed", feed);
        answer.put("url", urls.base() + feed + "?token=" + token.token());
        return respond(HttpStatus.CREATED).body(bytes(answer));
    }

    @PostMapping(BASE + "/{id}/feed-tokens/{tokenId}/revoke")
    ResponseEntity<Resource> revokeFeedToken(HttpServletRequest request, @PathVariable String id, @PathVariable String tokenId) {
        boolean revoked = admin.revokeFeedToken(id, tokenId, operator(request));
        return ok(json.createObjectNode().put("id", tokenId).put("revoked", true).put("alreadyRevoked", !revoked));
    }

    @GetMapping(BASE + "/{id}/audit")
    ResponseEntity<Resource> audit(HttpServletRequest request, @PathVariable String id,
                                 @RequestParam(defaultValue = "100") String limit) {
        operator(request);
        int max;
        try {
            max = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit '" + limit + "' must be a whole number");
        }
        ObjectNode answer = json.createObjectNode().put("partner", id);
        ArrayNode entries = answer.putArray("entries");
        for (PartnerRepository.AuditEntry entry : admin.audit(id, Math.max(1, Math.min(max, MAX_AUDIT)))) {
            ObjectNode e = entries.addObject();
            time(e, "at", entry.at());
            e.put("action", entry.action());
            e.put("actor", entry.actor());
            e.put("key", entry.keyId());
            e.put("detail", entry.detail());
        }
        return ok(answer);
    }

    /**
     * The operator's name for the audit, once the operator token checks out. A request that fails
     * it but carries a valid partner key is refused as such (403), so a partner is told plainly
     * that its key is not for this API.
     */
    private String operator(HttpServletRequest request) {
        try {
            operators.require(request.getHeader("Authorization"), true);
        } catch (ResponseStatusException e) {
            String key = PartnerAuthFilter.presentedKey(request);
            Optional<PartnerAccess> partner = key == null ? Optional.empty() : directory.byKey(key);
            if (partner.isPresent()) {
                admin.recordRefusal(partner.get(), request.getMethod() + " " + request.getRequestURI());
                throw new Problems.ProblemException(HttpStatus.FORBIDDEN, "partner-key-not-allowed",
                        "partner keys cannot administer partners; this API takes the operator token (gateway.ops.token).");
            }
            throw e;
        }
        return OperatorAuth.actor(request.getHeader("X-Operator"));
    }

    private PartnerAdmin.Contract contract(JsonNode node) {
        Entitlements entitlements = null;
        if (node.has("entitlements")) {
            entitlements = EntitlementsJson.fromJson(node.get("entitlements")); // null -> the standard contract
        }
        return new PartnerAdmin.Contract(text(node, "name"), entitlements, integer(node, "ratePerMinute"), integer(node, "burst"));
    }

    private JsonNode object(byte[] body, Set<String> fields) {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException("a JSON object is required, with " + new TreeSet<>(fields));
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object with " + new TreeSet<>(fields));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "' (known: " + new TreeSet<>(fields) + ")");
            }
        }
        return node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " '" + value + "' must be a string");
        }
        return value.asText();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isInt()) {
            throw new IllegalArgumentException(field + " '" + value.asText() + "' must be a whole number");
        }
        return value.intValue();
    }

    private ObjectNode view(Partner partner) {
        ObjectNode view = json.createObjectNode();
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

    private ObjectNode secret(PartnerKeys.NewSecret secret) {
        ObjectNode node = json.createObjectNode();
        node.put("id", secret.id());
        node.put(secret.token().startsWith(SecretTokens.FEED_TOKEN_PREFIX + "_") ? "token" : "key", secret.token());
        time(node, "expires", secret.expiresAt());
        node.put("warning", STORE_WARNING);
        return node;
    }

    private static void time(ObjectNode node, String field, Instant value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value.toString());
        }
    }

    private ResponseEntity<Resource> ok(ObjectNode answer) {
        return respond(HttpStatus.OK).body(bytes(answer));
    }

    /** Every answer is no-store: contracts are confidential and some answers carry a secret. */
    private static ResponseEntity.BodyBuilder respond(HttpStatus status) {
        return ResponseEntity.status(status).header("Content-Type", "application/json").cacheControl(CacheControl.noStore());
    }

    /**
     * The body as a resource: Spring MVC logs what it writes (bytes in full at TRACE), and a
     * resource is logged by its description only, so a new key never reaches a log line.
     */
    private Resource bytes(JsonNode node) {
        try {
            return new ByteArrayResource(json.writeValueAsBytes(node), "partner admin answer");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<byte[]> operatorAuth(ResponseStatusException e) {
        if (e.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value()) {
            ResponseEntity<byte[]> problem = Problems.of(HttpStatus.UNAUTHORIZED, "operator-token-required",
                    "The operator token is required: send it as 'Authorization: Bearer <gateway.ops.token>'.");
            return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                    .header("WWW-Authenticate", "Bearer realm=\"wiregate-ops\"").body(problem.getBody());
        }
        if (e.getStatusCode().value() == HttpStatus.FORBIDDEN.value()) {
            return Problems.of(HttpStatus.FORBIDDEN, "operator-api-closed",
                    "The partner admin API is closed: set gateway.ops.token (GATEWAY_OPS_TOKEN) to open it.");
        }
        return Problems.of(HttpStatus.valueOf(e.getStatusCode().value()), "error", String.valueOf(e.getReason()));
    }

    @ExceptionHandler(Problems.ProblemException.class)
    ResponseEntity<byte[]> problem(Problems.ProblemException e) {
        return Problems.of(e.status, e.type, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<byte[]> invalid(IllegalArgumentException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", e.getMessage());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<byte[]> notFound(NoSuchElementException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "not-found", e.getMessage());
    }

    @ExceptionHandler(PartnerAdmin.AlreadyExists.class)
    ResponseEntity<byte[]> exists(PartnerAdmin.AlreadyExists e) {
        return Problems.of(HttpStatus.CONFLICT, "partner-exists", e.getMessage());
    }

    /** E.g. rotating a key that is already revoked or expired. */
    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<byte[]> conflict(IllegalStateException e) {
        return Problems.of(HttpStatus.CONFLICT, "conflict", e.getMessage());
    }
}
