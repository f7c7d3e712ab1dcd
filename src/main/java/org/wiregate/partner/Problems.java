package org.wiregate.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * RFC 9457 problem details for the partner API: a stable {@code type} a partner's code can switch
 * on (each listed in the README), a title and a sentence saying what to do.
 *
 * <p>A problem is a Spring {@link ProblemDetail}, written by Jackson with Spring's own mixin, but
 * answered as bytes rather than handed to Spring MVC to write: MVC would add an {@code instance}
 * member and stream the body without a Content-Length, and the partner filters (which answer before
 * MVC) need the same bytes. So every partner problem is the four members the README documents.
 */
final class Problems {

    static final String BASE = "https://wiregate.dev/problems/";
    private static final ObjectMapper JSON =
            new ObjectMapper().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);

    private Problems() {}

    /** A problem of one of our types: {@code type} is the name after {@link #BASE}. */
    static ProblemDetail detail(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(BASE + type));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    static ResponseEntity<byte[]> of(HttpStatus status, String type, String detail) {
        return answer(detail(status, type, detail));
    }

    /** The problem as the answer: its status, {@code application/problem+json}, never stored by a cache. */
    static ResponseEntity<byte[]> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore())
                .body(bytes(problem));
    }

    static byte[] bytes(ProblemDetail problem) {
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Thrown inside handlers, answered by {@link PartnerApiErrors} (and {@link PartnerAdminProblems}). */
    static final class ProblemException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final HttpStatus status;
        final String type;

        ProblemException(HttpStatus status, String type, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.type = type;
        }

        ProblemDetail problem() {
            return detail(status, type, getMessage());
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
