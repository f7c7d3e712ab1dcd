package org.wiregate.partner;

import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problem details for the partner API: a stable {@code type} a partner's code can switch
 * on (each listed in the README), a title and a sentence saying what to do.
 */
final class Problems {

    static final String BASE = "https://wiregate.dev/problems/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    static ResponseEntity<byte[]> of(HttpStatus status, String type, String detail) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", BASE + type);
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        return ResponseEntity.status(status).header("Content-Type", "application/problem+json")
                .cacheControl(CacheControl.noStore()).body(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Thrown inside handlers, answered by {@link PartnerApiErrors}. */
    static final class ProblemException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final HttpStatus status;
        final String type;

        ProblemException(HttpStatus status, String type, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.type = type;
        }
    }

    static ProblemException badRequest(String type, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, type, detail);
    }

    /** The one 404 for "does not exist" and "exists but not for you". */
    static ProblemException notFound() {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", "No such item.");
    }
}
