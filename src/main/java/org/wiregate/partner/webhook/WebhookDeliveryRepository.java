package org.wiregate.partner.webhook;

import static org.wiregate.store.SqlTimes.instant;
import static org.wiregate.store.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code webhook_delivery} table: the queue of items waiting for an endpoint, each row's
 * attempts and outcome, and the dead letters. Endpoints live in {@link WebhookEndpointRepository};
 * queueing moves an endpoint's cursor here because the rows and the cursor must commit together.
 */
@Repository
class WebhookDeliveryRepository {

    /** A delivery about to be queued. */
    record NewDelivery(String id, long seq, String articleId, int version, WebhookEvent event, String body) {}

    private static final String DELIVERY_COLUMNS =
            "id, endpoint_id, seq, article_id, version, event, body, attempts, state,"
                    + " next_attempt_at, first_attempt_at, last_attempt_at, last_status, last_error, created_at, delivered_at, dead_at";
    private static final int MAX_ERROR = 1000;

    private final JdbcClient jdbc;

    WebhookDeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues deliveries and moves the endpoint's cursor, together. The cursor moves only from
     * {@code expectedCursor}: if another instance got there first, nothing is queued here.
     */
    @Transactional
    public boolean enqueue(
            String endpointId, long expectedCursor, long newCursor, List<NewDelivery> deliveries, Instant now) {
        // Touches webhook_endpoint too: the result is deliveries queued; the cursor is only the guard against queueing
        // twice.
        int moved = jdbc.sql(
                        "UPDATE webhook_endpoint SET cursor_seq = ? WHERE id = ? AND cursor_seq = ? AND state = 'ACTIVE'")
                .params(newCursor, endpointId, expectedCursor)
                .update();
        if (moved != 1) {
            return false;
        }
        for (NewDelivery d : deliveries) {
            jdbc.sql(
                            "INSERT INTO webhook_delivery (id, endpoint_id, seq, article_id, version, event, body, attempts, state,"
                                    + " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'PENDING', ?, ?)")
                    .params(
                            d.id(),
                            endpointId,
                            d.seq(),
                            d.articleId(),
                            d.version(),
                            d.event().name(),
                            d.body(),
                            utc(now),
                            utc(now))
                    .update();
        }
        return true;
    }

    /** Endpoints (active, partner active) with at least one delivery due at {@code now}. */
    List<String> endpointsWithDue(Instant now) {
        // Joins webhook_endpoint only to filter: the result is the endpoint_id column of due delivery rows.
        return jdbc.sql(
                        "SELECT DISTINCT d.endpoint_id FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id"
                                + " JOIN partner p ON p.id = e.partner_id WHERE d.state = 'PENDING' AND d.next_attempt_at <= ?"
                                + " AND e.state = 'ACTIVE' AND p.disabled_at IS NULL")
                .param(utc(now))
                .query(String.class)
                .list();
    }

    List<WebhookDelivery> due(String endpointId, Instant now, int limit) {
        return jdbc.sql("SELECT " + DELIVERY_COLUMNS
                        + " FROM webhook_delivery WHERE endpoint_id = ? AND state = 'PENDING'"
                        + " AND next_attempt_at <= ? ORDER BY seq LIMIT ?")
                .params(endpointId, utc(now), limit)
                .query(WebhookDeliveryRepository::delivery)
                .list();
    }

    /**
     * Takes a due delivery for one attempt by moving its next attempt to {@code leaseUntil}; false
     * when another instance took it first. Should this instance die mid-attempt, the row is due
     * again when the lease ends.
     */
    boolean claim(WebhookDelivery d, Instant leaseUntil) {
        return jdbc.sql(
                                "UPDATE webhook_delivery SET next_attempt_at = ? WHERE id = ? AND state = 'PENDING' AND next_attempt_at = ?")
                        .params(utc(leaseUntil), d.id(), utc(d.nextAttemptAt()))
                        .update()
                == 1;
    }

    void delivered(String id, int status, Instant now) {
        jdbc.sql(
                        "UPDATE webhook_delivery SET state = 'DELIVERED', attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, ?),"
                                + " last_attempt_at = ?, last_status = ?, last_error = NULL, next_attempt_at = NULL, delivered_at = ?, dead_at = NULL"
                                + " WHERE id = ?")
                .params(utc(now), utc(now), status, utc(now), id)
                .update();
    }

    void retry(String id, Integer status, String error, Instant next, Instant now) {
        jdbc.sql(
                        "UPDATE webhook_delivery SET attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, ?),"
                                + " last_attempt_at = ?, last_status = ?, last_error = ?, next_attempt_at = ? WHERE id = ?")
                .params(utc(now), utc(now), status, truncate(error, MAX_ERROR), utc(next), id)
                .update();
    }

    void dead(String id, Integer status, String error, Instant now) {
        jdbc.sql(
                        "UPDATE webhook_delivery SET state = 'DEAD', attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, ?),"
                                + " last_attempt_at = ?, last_status = ?, last_error = ?, next_attempt_at = NULL, dead_at = ? WHERE id = ?")
                .params(utc(now), utc(now), status, truncate(error, MAX_ERROR), utc(now), id)
                .update();
    }

    Optional<WebhookDelivery> delivery(String endpointId, String id) {
        return jdbc.sql("SELECT " + DELIVERY_COLUMNS + " FROM webhook_delivery WHERE id = ? AND endpoint_id = ?")
                .params(id, endpointId)
                .query(WebhookDeliveryRepository::delivery)
                .optional();
    }

    List<WebhookDelivery> deliveries(String endpointId, WebhookDelivery.State state, int limit) {
        return jdbc.sql("SELECT " + DELIVERY_COLUMNS + " FROM webhook_delivery WHERE endpoint_id = ? AND state = ?"
                        + " ORDER BY COALESCE(dead_at, delivered_at, created_at) DESC, seq DESC LIMIT ?")
                .params(endpointId, state.name(), limit)
                .query(WebhookDeliveryRepository::delivery)
                .list();
    }

    /** Deliveries per endpoint and state (PENDING, DELIVERED, DEAD), for the ops page. */
    Map<String, Map<String, Long>> countsByEndpoint() {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        jdbc.sql("SELECT endpoint_id, state, COUNT(*) FROM webhook_delivery GROUP BY endpoint_id, state")
                .query(rs -> {
                    counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(rs.getString(2), rs.getLong(3));
                });
        return counts;
    }

    /** Queues a dead or delivered delivery again, due now, with a fresh retry window. */
    boolean requeue(String endpointId, String id, Instant now) {
        return jdbc.sql(
                                "UPDATE webhook_delivery SET state = 'PENDING', next_attempt_at = ?, first_attempt_at = NULL,"
                                        + " dead_at = NULL, delivered_at = NULL WHERE id = ? AND endpoint_id = ? AND state IN ('DEAD', 'DELIVERED')")
                        .params(utc(now), id, endpointId)
                        .update()
                == 1;
    }

    /** Forgets delivered rows and dead letters past their keeping time. */
    int purge(Instant deliveredBefore, Instant deadBefore) {
        return jdbc.sql(
                        "DELETE FROM webhook_delivery WHERE (state = 'DELIVERED' AND delivered_at < ?) OR (state = 'DEAD' AND dead_at < ?)")
                .params(utc(deliveredBefore), utc(deadBefore))
                .update();
    }

    private static WebhookDelivery delivery(ResultSet rs, int n) throws SQLException {
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        return new WebhookDelivery(
                rs.getString("id"),
                rs.getString("endpoint_id"),
                rs.getLong("seq"),
                rs.getString("article_id").strip(),
                rs.getInt("version"),
                WebhookEvent.valueOf(rs.getString("event")),
                rs.getString("body"),
                rs.getInt("attempts"),
                WebhookDelivery.State.valueOf(rs.getString("state")),
                instant(rs, "next_attempt_at"),
                instant(rs, "first_attempt_at"),
                instant(rs, "last_attempt_at"),
                lastStatus,
                rs.getString("last_error"),
                instant(rs, "created_at"),
                instant(rs, "delivered_at"),
                instant(rs, "dead_at"));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
