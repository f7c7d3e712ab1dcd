package org.wiregate.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Operator authentication for /ops endpoints: a bearer token ({@code gateway.ops.token}), compared
 * in constant time. Reads are open when no token is configured; actions never are.
 */
@Component
public class OperatorAuth {

    private final String token;

    public OperatorAuth(@Value("${gateway.ops.token:}") String token) {
        this.token = token;
    }

    public void require(String authorization, boolean changesState) {
        if (token.isBlank()) {
            if (changesState) {
                throw new ResponseStatusException(
                        HttpStatus.FORBIDDEN, "set gateway.ops.token to enable operator actions");
            }
            return;
        }
        String presented =
                authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        if (!MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
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
