package org.wiregate.partner;

import java.util.NoSuchElementException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every error of the partner admin API as an RFC 9457 problem ({@link Problems}): the operator
 * token refusals of {@link PartnerAdminAccess}, a body Jackson could not bind, and what
 * {@link PartnerAdmin} refuses (bad values, unknown partners and keys, conflicts). Ahead of
 * {@link PartnerApiErrors}, which answers the other partner endpoints.
 */
@RestControllerAdvice(assignableTypes = PartnerAdminApi.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PartnerAdminProblems {

    /** From {@link org.wiregate.web.OperatorAuth}: no or a wrong operator token (401), or no token configured (403). */
    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<byte[]> operatorAuth(ResponseStatusException e) {
        if (e.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value()) {
            ResponseEntity<byte[]> problem = Problems.of(
                    HttpStatus.UNAUTHORIZED,
                    "operator-token-required",
                    "The operator token is required: send it as 'Authorization: Bearer <gateway.ops.token>'.");
            return ResponseEntity.status(problem.getStatusCode())
                    .headers(problem.getHeaders())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"wiregate-ops\"")
                    .body(problem.getBody());
        }
        if (e.getStatusCode().value() == HttpStatus.FORBIDDEN.value()) {
            return Problems.of(
                    HttpStatus.FORBIDDEN,
                    "operator-api-closed",
                    "The partner admin API is closed: set gateway.ops.token (GATEWAY_OPS_TOKEN) to open it.");
        }
        return Problems.of(HttpStatus.valueOf(e.getStatusCode().value()), "error", String.valueOf(e.getReason()));
    }

    @ExceptionHandler(Problems.ProblemException.class)
    ResponseEntity<byte[]> problem(Problems.ProblemException e) {
        return Problems.answer(e.problem());
    }

    /** A body that is not JSON, or not the request's JSON: {@link PartnerAdminRequestReader} says which field and value. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<byte[]> unreadable(HttpMessageNotReadableException e) {
        return invalid(e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<byte[]> invalid(IllegalArgumentException e) {
        return invalid(e.getMessage());
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

    private static ResponseEntity<byte[]> invalid(String detail) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", detail);
    }
}
