package org.wiregate.source;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a source's copy reaches the gateway, read from the {@code transport:} section of its mapping
 * (file drop when absent). Credentials are never in the file: only the names of the environment
 * variables that hold them.
 *
 * @param enabled        false: the source's mapping is loaded but no ingest route or endpoint starts
 * @param host           ftp/ftps: server host name
 * @param port           ftp/ftps: server port (21 when absent)
 * @param directory      ftp/ftps: folder on the server to take files from
 * @param usernameEnv    ftp/ftps: environment variable holding the user name
 * @param passwordEnv    ftp/ftps: environment variable holding the password
 * @param passive        ftp/ftps: passive mode (default true)
 * @param afterRead      ftp/ftps: what happens to the agency's file once stored (default move to .done)
 * @param pollInterval   ftp/ftps/http-poll: how often to look for new copy (null: the gateway default)
 * @param url            http-poll: the feed or endpoint to poll
 * @param connectTimeout ftp/ftps/http-poll: connection timeout
 * @param readTimeout    ftp/ftps/http-poll: time allowed for an answer (http-poll: the whole body)
 * @param headers        http-poll: extra request headers
 * @param tokenEnv       http-poll: environment variable holding a bearer token sent to the agency;
 *                       http-push: the bearer token the agency must present
 */
public record Transport(
        Type type,
        boolean enabled,
        String host,
        Integer port,
        String directory,
        String usernameEnv,
        String passwordEnv,
        boolean passive,
        AfterRead afterRead,
        Duration pollInterval,
        URI url,
        Duration connectTimeout,
        Duration readTimeout,
        Map<String, String> headers,
        String tokenEnv) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    /** The transports a mapping can name, by their names in YAML. */
    public enum Type {
        FILE("file"),
        FTP("ftp"),
        FTPS("ftps"),
        HTTP_POLL("http-poll"),
        HTTP_PUSH("http-push");

        private final String yamlName;

        Type(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static Optional<Type> fromYaml(String value) {
            String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values())
                    .filter(t -> t.yamlName.equals(wanted))
                    .findFirst();
        }

        static String names() {
            return String.join(", ", Arrays.stream(values()).map(Type::yamlName).toList());
        }
    }

    /** What an FTP consumer does with the agency's file once the gateway has stored it. */
    public enum AfterRead {
        MOVE,
        DELETE,
        KEEP
    }

    public Transport {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        afterRead = afterRead == null ? AfterRead.MOVE : afterRead;
    }

    /** The default: files dropped into the inbox folder of the source. */
    public static Transport fileDrop() {
        return new Transport(
                Type.FILE,
                true,
                null,
                null,
                null,
                null,
                null,
                true,
                AfterRead.MOVE,
                null,
                null,
                null,
                null,
                Map.of(),
                null);
    }

    public boolean isFtp() {
        return type == Type.FTP || type == Type.FTPS;
    }

    public Duration connectTimeoutOrDefault() {
        return connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    }

    public Duration readTimeoutOrDefault() {
        return readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
    }

    /** The FTP directory without leading or trailing slashes: relative to the login folder. */
    public String relativeDirectory() {
        return directory == null ? "" : directory.replaceAll("^/+", "").replaceAll("/+$", "");
    }

    public int portOrDefault() {
        return port == null ? 21 : port;
    }

    /** The environment variables this transport needs, with the YAML key naming each. */
    public Map<String, String> requiredEnvironment() {
        return Stream.of(
                        Map.entry("usernameEnv", Optional.ofNullable(usernameEnv)),
                        Map.entry("passwordEnv", Optional.ofNullable(passwordEnv)),
                        Map.entry("tokenEnv", Optional.ofNullable(tokenEnv)))
                .filter(e -> e.getValue().isPresent())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(), (a, b) -> a, LinkedHashMap::new));
    }

    /** What the transport is called in logs and the quarantine ledger, e.g. {@code ftp://host/dir}. */
    public String describe(String source) {
        return switch (type) {
            case FILE -> "inbox/" + source;
            case FTP, FTPS -> type.yamlName() + "://" + host + ":" + portOrDefault() + "/" + relativeDirectory();
            case HTTP_POLL -> "http-poll:" + url;
            case HTTP_PUSH -> "http-push:/ingest/" + source;
        };
    }

    /** Request header names a poll may not set: the client owns them. */
    static final List<String> RESTRICTED_HEADERS = List.of(
            "connection",
            "content-length",
            "expect",
            "host",
            "upgrade",
            "authorization",
            "if-none-match",
            "if-modified-since");
}
