package org.wiregate.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Random secrets shared by every instance through the database: the first instance that asks for
 * one makes it (insert-if-absent, so two racing instances agree on the row that won), the others
 * read it. For keys the gateway only uses internally, such as the one that signs delta cursors.
 */
@Repository
public class GatewaySecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, byte[]> known = new ConcurrentHashMap<>();

    public GatewaySecrets(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** 256 random bits under this name, the same on every instance and across restarts. */
    public byte[] secret(String name) {
        return known.computeIfAbsent(name, this::load).clone();
    }

    private byte[] load(String name) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        jdbc.sql("INSERT INTO gateway_secret (name, secret, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(name, HexFormat.of().formatHex(fresh), SqlTimes.utc(clock.instant()))
                .update();
        String stored = jdbc.sql("SELECT secret FROM gateway_secret WHERE name = ?")
                .param(name)
                .query(String.class)
                .single();
        return HexFormat.of().parseHex(stored);
    }
}
