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
import org.wiregate.store.SqlTimes;

/** Verified subscriptions to the built-in hub, one per (topic, callback). */
@Repository
public class WebSubSubscriptions {

    static final String VERIFIED = "verified";

    /** One subscriber of one topic. */
    public record Subscription(long id, String topic, String callback, String secret, Instant leaseExpiresAt) {}

    /** A distribution to try again: the subscriber, the attempt it will be (1 = first retry), when. */
    public record Retry(Subscription subscription, int attempt, Instant dueAt) {}

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

    /**
     * Schedules the subscriber's next attempt (a retry already pending is moved to this one): in
     * the database, so any instance sends it, even when this one is gone by then.
     */
    public void retryLater(long subscriptionId, int attempt, Instant dueAt, String error) {
        String clipped = error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
        int updated = jdbc.sql(
                        "UPDATE websub_retry SET attempt = ?, due_at = ?, last_error = ? WHERE subscription_id = ?")
                .params(attempt, utc(dueAt), clipped, subscriptionId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO websub_retry (subscription_id, attempt, due_at, last_error) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT DO NOTHING")
                    .params(subscriptionId, attempt, utc(dueAt), clipped)
                    .update();
        }
    }

    /** The subscriber got the current page, or was given up on: no retry pending any more. */
    public void retryDone(long subscriptionId) {
        jdbc.sql("DELETE FROM websub_retry WHERE subscription_id = ?")
                .param(subscriptionId)
                .update();
    }

    /** Retries due at {@code now} of subscriptions with a live lease, oldest first. */
    public List<Retry> dueRetries(Instant now, int limit) {
        return jdbc.sql("SELECT s.id, s.topic, s.callback, s.secret, s.lease_expires_at, r.attempt, r.due_at"
                        + " FROM websub_retry r JOIN websub_subscription s ON s.id = r.subscription_id"
                        + " WHERE r.due_at <= ? AND s.state = ? AND s.lease_expires_at > ? ORDER BY r.due_at LIMIT ?")
                .params(utc(now), VERIFIED, utc(now), limit)
                .query((rs, n) -> new Retry(row(rs, n), rs.getInt("attempt"), SqlTimes.instant(rs, "due_at")))
                .list();
    }

    /**
     * Takes a due retry for one attempt by moving it to {@code leaseUntil}; false when another
     * instance took it first. Should the attempt never finish (a crash), it is due again then.
     */
    public boolean claim(Retry retry, Instant leaseUntil) {
        return jdbc.sql("UPDATE websub_retry SET due_at = ? WHERE subscription_id = ? AND due_at = ? AND attempt = ?")
                        .params(utc(leaseUntil), retry.subscription().id(), utc(retry.dueAt()), retry.attempt())
                        .update()
                > 0;
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
