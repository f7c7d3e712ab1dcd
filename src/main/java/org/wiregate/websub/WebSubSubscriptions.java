package org.wiregate.websub;

import static org.wiregate.store.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Verified subscriptions to the built-in hub, one per (topic, callback). */
@Repository
public class WebSubSubscriptions {

    static final String VERIFIED = "verified";

    /** One subscriber of one topic. */
    public record Subscription(long id, String topic, String callback, String secret, Instant leaseExpiresAt) {}

    private final JdbcClient jdbc;

    public WebSubSubscriptions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates or renews (new lease, new secret) a subscription the subscriber has just confirmed. */
    public void confirm(String topic, String callback, String secret, long leaseSeconds, Instant now) {
        OffsetDateTime at = utc(now);
        OffsetDateTime expires = utc(now.plusSeconds(leaseSeconds));
        for (int attempt = 0; attempt < 2; attempt++) {
            int updated = jdbc.sql(
                            "UPDATE websub_subscription SET secret = ?, lease_seconds = ?, lease_expires_at = ?, state = ?,"
                                    + " updated_at = ? WHERE topic = ? AND callback = ?")
                    .params(secret, leaseSeconds, expires, VERIFIED, at, topic, callback)
                    .update();
            if (updated > 0) {
                return;
            }
            try {
                jdbc.sql(
                                "INSERT INTO websub_subscription (topic, callback, secret, lease_seconds, lease_expires_at, state,"
                                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(topic, callback, secret, leaseSeconds, expires, VERIFIED, at, at)
                        .update();
                return;
            } catch (DuplicateKeyException raced) {
                // another instance confirmed the same pair meanwhile: update it instead
            }
        }
    }

    public boolean remove(String topic, String callback) {
        return jdbc.sql("DELETE FROM websub_subscription WHERE topic = ? AND callback = ?")
                        .params(topic, callback)
                        .update()
                > 0;
    }

    /** The verified subscriptions of a topic whose lease has not expired. */
    public List<Subscription> active(String topic, Instant now) {
        return jdbc.sql("SELECT id, topic, callback, secret, lease_expires_at FROM websub_subscription"
                        + " WHERE topic = ? AND state = ? AND lease_expires_at > ? ORDER BY id")
                .params(topic, VERIFIED, utc(now))
                .query(WebSubSubscriptions::row)
                .list();
    }

    /** Forgets subscriptions whose lease ended before the instant; returns how many. */
    public int purgeExpired(Instant before) {
        return jdbc.sql("DELETE FROM websub_subscription WHERE lease_expires_at <= ?")
                .param(utc(before))
                .update();
    }

    private static Subscription row(ResultSet rs, int rowNum) throws SQLException {
        return new Subscription(
                rs.getLong("id"),
                rs.getString("topic"),
                rs.getString("callback"),
                rs.getString("secret"),
                rs.getObject("lease_expires_at", OffsetDateTime.class).toInstant());
    }
}
