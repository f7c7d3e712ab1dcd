package org.wiregate.leadership;

import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who this instance is and where instances talk. The bus is on when the store is PostgreSQL
 * ({@code gateway.cluster.enabled=auto}, the default) and off on H2, which is one instance by nature.
 *
 * <p>The channel defaults to {@code wiregate_<schema>}: gateways that share a database but not a
 * schema (tests run side by side, or two gateways for two outlets) never hear each other.
 */
@Component
public class ClusterSettings {

    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final boolean enabled;
    private final String instanceId;
    private final String configuredChannel;
    private final String url;
    private final String user;
    private final String password;

    public ClusterSettings(
            @Value("${gateway.cluster.enabled:auto}") String enabled,
            @Value("${gateway.cluster.instance-id:}") String instanceId,
            @Value("${gateway.cluster.channel:}") String channel,
            @Value("${spring.datasource.url:}") String url,
            @Value("${spring.datasource.username:}") String user,
            @Value("${spring.datasource.password:}") String password) {
        this.enabled = switch (enabled.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> isPostgres(url);
            case "true" -> {
                if (!isPostgres(url)) {
                    throw new IllegalStateException(
                            "gateway.cluster.enabled=true needs a PostgreSQL store, not " + url);
                }
                yield true;
            }
            case "false" -> false;
            default ->
                throw new IllegalArgumentException(
                        "gateway.cluster.enabled '" + enabled + "' must be auto, true or false");
        };
        this.instanceId = instanceId.isBlank() ? generatedId() : instanceId.strip();
        if (!channel.isBlank() && !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException(
                    "gateway.cluster.channel '" + channel + "' must match " + CHANNEL.pattern());
        }
        this.configuredChannel = channel;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Whether the store is PostgreSQL, from the JDBC URL alone (the database may not answer yet). */
    public static boolean isPostgres(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }

    public boolean enabled() {
        return enabled;
    }

    /** This instance's id in every announcement it sends; new at each start unless configured. */
    public String instanceId() {
        return instanceId;
    }

    /** The configured channel, or the default for the schema the connection works in. */
    public String channelFor(String schema) {
        if (!configuredChannel.isBlank()) {
            return configuredChannel;
        }
        String name = ("wiregate_" + schema).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** The host name (a pod's name in Kubernetes) and a random part, so a restarted instance is a new one. */
    private static String generatedId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "gateway");
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return host + "-" + HexFormat.of().formatHex(random);
    }
}
