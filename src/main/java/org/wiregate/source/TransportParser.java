package org.wiregate.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.convert.DurationStyle;

/**
 * A mapping's {@code transport:} section as a {@link Transport}: how copy arrives. Each type's
 * required fields, ports, URLs, durations and headers are checked here, so a source that cannot
 * connect stops the start instead of failing quietly at its first poll.
 */
final class TransportParser {

    private TransportParser() {}

    /** The {@code transport:} section; absent means a file drop into the inbox. */
    static Transport parse(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Transport.fileDrop();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(
                    "transport must be a mapping (type: file, ftp, ftps, http-poll or http-push)");
        }
        String typeName = node.path("type").asText("file");
        Transport.Type type = Transport.Type.fromYaml(typeName)
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown transport type '" + typeName + "' (expected one of " + Transport.Type.names() + ")"));
        Transport.AfterRead afterRead = Transport.AfterRead.MOVE;
        if (node.hasNonNull("afterRead")) {
            String value = node.path("afterRead").asText();
            try {
                afterRead = Transport.AfterRead.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "transport.afterRead '" + value + "' is not one of delete, move, keep");
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        node.path("headers")
                .properties()
                .forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        headers.keySet().stream()
                .filter(h -> Transport.RESTRICTED_HEADERS.contains(h.toLowerCase(Locale.ROOT)))
                .findFirst()
                .ifPresent(h -> {
                    throw new IllegalArgumentException("transport.headers may not set '" + h
                            + "' (the poller sets it; use tokenEnv for a bearer token)");
                });
        Integer port = node.hasNonNull("port") ? node.path("port").asInt() : null;
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException(
                    "transport.port " + node.path("port").asText() + " is not a TCP port");
        }
        Transport transport = new Transport(
                type,
                node.path("enabled").asBoolean(true),
                text(node, "host"),
                port,
                text(node, "directory"),
                text(node, "usernameEnv"),
                text(node, "passwordEnv"),
                node.path("passive").asBoolean(true),
                afterRead,
                duration(node, "pollInterval"),
                url(node),
                duration(node, "connectTimeout"),
                duration(node, "readTimeout"),
                headers,
                text(node, "tokenEnv"));
        switch (type) {
            case FTP, FTPS -> {
                require(transport.host(), type, "host");
                require(transport.directory(), type, "directory");
                require(transport.usernameEnv(), type, "usernameEnv");
                require(transport.passwordEnv(), type, "passwordEnv");
            }
            case HTTP_POLL -> require(transport.url(), type, "url");
            case HTTP_PUSH -> require(transport.tokenEnv(), type, "tokenEnv");
            case FILE -> {}
        }
        return transport;
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText(null);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Duration duration(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            Duration parsed = DurationStyle.detectAndParse(value);
            if (parsed.isNegative() || parsed.isZero()) {
                throw new IllegalArgumentException("must be positive");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "transport." + field + " '" + value + "' is not a positive duration (e.g. 30s, 500ms, 2m)");
        }
    }

    private static URI url(JsonNode node) {
        String value = text(node, "url");
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("not an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("transport.url '" + value + "' is not an absolute http(s) URL");
        }
    }

    private static void require(Object value, Transport.Type type, String field) {
        if (value == null) {
            throw new IllegalArgumentException("transport type " + type.yamlName() + " needs transport." + field);
        }
    }
}
