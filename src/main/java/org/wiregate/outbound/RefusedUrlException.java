package org.wiregate.outbound;

/**
 * A URL the gateway will not call. The message is the one answer every refusal gets, whatever the
 * cause, so the answer cannot tell which internal names exist; {@link #reason()} is the cause, for
 * the log only.
 */
public final class RefusedUrlException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    RefusedUrlException(String answer, String reason) {
        super(answer, null);
        this.reason = reason;
    }

    /** Why it was refused: for the log, never for the caller's answer. */
    public String reason() {
        return reason;
    }
}
