package org.wiregate.ingest;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.wiregate.source.MappingRegistry;
import org.wiregate.source.SourceMapping;
import org.wiregate.source.Transport;
import org.wiregate.store.CapturedPayload;
import org.wiregate.store.StoreFailures;

/**
 * {@code POST /ingest/{source}}: an agency pushes one payload to a source whose transport is
 * {@code http-push}, with {@code Authorization: Bearer <token>}. The body (at most
 * {@code gateway.ingest.max-payload-size}) goes through the pipeline before the answer: 202 with a
 * receipt once stored, 422 with the reason when it was rejected (and quarantined), 503 with
 * Retry-After when the database is away (nothing quarantined; the agency sends again).
 *
 * <p>Nothing of the request but its body reaches the exchange: the headers are the ones set here,
 * so request headers or parameters named like Camel headers cannot steer the processing.
 */
@RestController
public class PushController {

    private static final Logger log = LoggerFactory.getLogger(PushController.class);

    private final MappingRegistry mappings;
    private final TransportCredentials credentials;
    private final ProducerTemplate producer;
    private final long maxPayload;

    public PushController(
            MappingRegistry mappings,
            TransportCredentials credentials,
            ProducerTemplate producer,
            @Value("${gateway.ingest.max-payload-size:20MB}") DataSize maxPayload) {
        this.mappings = mappings;
        this.credentials = credentials;
        this.producer = producer;
        this.maxPayload = maxPayload.toBytes();
    }

    @PostMapping("/ingest/{source}")
    public ResponseEntity<Map<String, Object>> push(@PathVariable("source") String source, HttpServletRequest request)
            throws IOException {
        Optional<Transport> transport = mappings.find(source)
                .map(SourceMapping::transport)
                .filter(t -> t.type() == Transport.Type.HTTP_PUSH && t.enabled());
        if (transport.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "no source '" + safe(source) + "' takes pushed copy");
        }
        if (!authorised(
                request.getHeader(HttpHeaders.AUTHORIZATION),
                credentials.require(transport.get().tokenEnv()))) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wiregate\"")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("error", "a valid bearer token for this source is required"));
        }
        long declared = request.getContentLengthLong();
        if (declared > maxPayload) {
            return tooLarge(source, "Content-Length " + declared);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = BoundedBody.read(in, maxPayload);
        } catch (BoundedBody.TooLargeException e) {
            return tooLarge(source, "chunked body");
        }

        String fileName = "push-" + UUID.randomUUID() + ".bin";
        Exchange result = producer.send("direct:push-" + source, exchange -> {
            exchange.getIn().setHeader("gatewaySource", source);
            exchange.getIn().setHeader("gatewayTransport", DatabaseWait.PUSH);
            exchange.getIn().setHeader(Exchange.FILE_NAME, fileName);
            exchange.getIn().setHeader(Exchange.FILE_LENGTH, (long) body.length);
            exchange.getIn().setBody(body);
        });
        CapturedPayload payload = result.getMessage().getHeader("gatewayPayload", CapturedPayload.class);
        if (result.getException() != null && StoreFailures.isTransient(result.getException())) {
            // Nothing is quarantined: the agency sends the same bytes again later (a duplicate is recognised).
            log.warn(
                    "http-push:/ingest/{}: database unavailable, answered 503: {}",
                    source,
                    reasonOf(result.getException()));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "30")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of(
                            "error", "the gateway's database is unavailable; nothing was stored, send again later"));
        }
        if (result.getException() != null) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("error", reasonOf(result.getException()));
            answer.put("source", source);
            answer.put("file", fileName);
            if (payload != null) {
                answer.put("receipt", payload.id());
            }
            return ResponseEntity.unprocessableEntity()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(answer);
        }
        ParsedPayload parsed = result.getMessage().getHeader("gatewayParsed", ParsedPayload.class);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("receipt", payload == null ? null : payload.id());
        answer.put("source", source);
        answer.put("items", parsed == null ? 0 : parsed.items().size());
        answer.put("file", fileName);
        answer.put("duplicate", payload != null && payload.alreadyProcessed());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .contentType(MediaType.APPLICATION_JSON)
                .body(answer);
    }

    /** Constant time whatever the presented value: both sides are hashed to equal lengths first. */
    static boolean authorised(String authorization, String token) {
        if (authorization == null || token == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = sha256(authorization.substring(7).trim());
        byte[] expected = sha256(token);
        return MessageDigest.isEqual(presented, expected);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<Map<String, Object>> tooLarge(String source, String what) {
        log.warn(
                "http-push:/ingest/{}: refused {} over gateway.ingest.max-payload-size ({} bytes)",
                source,
                what,
                maxPayload);
        // Connection: close, so the server does not wait to drain a body it will not read.
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                .header(HttpHeaders.CONNECTION, "close")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", "payload exceeds gateway.ingest.max-payload-size (" + maxPayload + " bytes)"));
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", message));
    }

    private static String reasonOf(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank()
                ? cause.getClass().getSimpleName()
                : message.replaceAll("\\s+", " ").trim();
    }

    /** A source id as echoed back: only the characters a source id may have. */
    private static String safe(String source) {
        return source.replaceAll("[^a-z0-9-]", "?");
    }
}
