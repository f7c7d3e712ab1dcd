package org.wiregate.outbound;

import java.net.UnknownHostException;

/**
 * Thrown while connecting when the host does not resolve or resolves to an address that is not
 * allowed: nothing was connected. The message is the same for both causes; {@link #reason()} is for
 * the log only.
 */
public final class RefusedAddressException extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    RefusedAddressException(String answer, String reason) {
        super(answer);
        this.reason = reason;
    }

    /** Why it was refused: for the log, never for an answer to a partner or subscriber. */
    public String reason() {
        return reason;
    }
}
