package org.wiregate.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Operator authentication for the /ops JSON APIs and the actuator: a bearer token
 * ({@code gateway.ops.token}), compared in constant time. With no token configured these are
 * closed, reads included: quarantined copy, edition suggestions and metrics name partners,
 * agencies and embargoed stories.
 */
@Component
public class OperatorAuth {

    private final String token;

    public OperatorAuth(@Value("${gateway.ops.token:}") String token) {
        this.token = token;
    }

    /** Whether a token is configured at all (without one the operator APIs stay closed). */
    public boolean configured() {
        return !token.isBlank();
    }

    /** Whether this Authorization header carries the operator token. */
    public boolean accepts(String authorization) {
        if (token.isBlank() || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String presented = authorization.substring(7).strip();
        return MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Throws unless the operator token was presented. {@code changesState} is kept for callers'
     * readability; reads and actions are guarded alike.
     */
    public void require(String authorization, boolean changesState) {
        if (token.isBlank()) {
            throw new ResponseStatusException(
                    HttpStatus.FORBIDDEN, "operator APIs are closed: set gateway.ops.token (GATEWAY_OPS_TOKEN)");
        }
        if (!accepts(authorization)) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "operator token required");
        }
    }

    /** Who made a decision, as recorded: the operator's name from X-Operator, else "operator". */
    public static String actor(String operatorHeader) {
        if (operatorHeader == null || operatorHeader.isBlank()) {
            return "operator";
        }
        String name = operatorHeader.strip();
        return name.length() > 128 ? name.substring(0, 128) : name;
    }
}
