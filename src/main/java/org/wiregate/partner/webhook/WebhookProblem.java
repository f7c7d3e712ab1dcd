package org.wiregate.partner.webhook;

import org.springframework.http.HttpStatus;

/** A refusal for the partner, answered as RFC 9457 problem details by {@link WebhooksApi}. */
final class WebhookProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final HttpStatus status;
    final String type;

    WebhookProblem(HttpStatus status, String type, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
    }

    static WebhookProblem badRequest(String detail) {
        return new WebhookProblem(HttpStatus.BAD_REQUEST, "bad-webhook", detail);
    }

    /** The same 404 for "no such endpoint" and "another partner's endpoint". */
    static WebhookProblem notFound() {
        return new WebhookProblem(HttpStatus.NOT_FOUND, "not-found", "No such webhook endpoint or delivery.");
    }

    static WebhookProblem conflict(String type, String detail) {
        return new WebhookProblem(HttpStatus.CONFLICT, type, detail);
    }
}
