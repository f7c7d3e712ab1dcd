package org.wiregate.partner.webhook;

import static org.wiregate.store.SqlTimes.instant;
import static org.wiregate.store.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Webhook endpoints and deliveries in the database. */
@Repository
public class WebhookRepository {

    /** A delivery about to be queued. */
    public record NewDelivery(String id, long seq, String articleId, int version, WebhookEvent event, String body) {}

    /** A disabled endpoint as the operator sees it. */
    record Disabled(String partnerId, String endpointId, String reason, Instant disabledAt) {}

    private static final String ENDPOINT_COLUMNS = "e.id, e.partner_id, e.url, e.events, e.secret, e.previous_secret,"
            + " e.previous_secret_until, e.state, e.cursor_seq, e.failing_since, e.last_success_at, e.disabled_at,"
            + " e.disabled_reason, e.created_at";
    private static final String DELIVERY_COLUMNS =
            "id, endpoint_id, seq, article_id, version, event, body, attempts, state,"
                    + " next_attempt_at, first_attempt_at, last_attempt_at, last_status, last_error, created_at, delivered_at, dead_at";
    private static final int MAX_ERROR = 1000;

    private final JdbcClient jdbc;

    public WebhookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- endpoints ---

    void insert(WebhookEndpoint e) {
        jdbc.sql("INSERT INTO webhook_endpoint (id, partner_id, url, events, secret, state, cursor_seq, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        e.id(),
                        e.partnerId(),
                        e.url(),
                        events(e.events()),
                        e.secret(),
                        e.state().name(),
                        e.cursorSeq(),
                        utc(e.createdAt()))
                .update();
    }

    Optional<WebhookEndpoint> endpoint(String partnerId, String id) {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoint e WHERE e.id = ? AND e.partner_id = ?")
                .params(id, partnerId)
                .query(WebhookRepository::endpoint)
                .optional();
    }

    Optional<WebhookEndpoint> endpoint(String id) {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoint e WHERE e.id = ?")
                .param(id)
                .query(WebhookRepository::endpoint)
                .optional();
    }

    /** Every endpoint of every partner, for the ops page. */
    List<WebhookEndpoint> all() {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS
                        + " FROM webhook_endpoint e ORDER BY e.partner_id, e.created_at, e.id")
                .query(WebhookRepository::endpoint)
                .list();
    }

    /** Deliveries per endpoint and state (PENDING, DELIVERED, DEAD), for the ops page. */
    Map<String, Map<String, Long>> deliveryCounts() {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        jdbc.sql("SELECT endpoint_id, state, COUNT(*) FROM webhook_delivery GROUP BY endpoint_id, state")
                .query(rs -> {
                    counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(rs.getString(2), rs.getLong(3));
                });
        return counts;
    }

    List<WebhookEndpoint> endpointsOf(String partnerId) {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS
                        + " FROM webhook_endpoint e WHERE e.partner_id = ? ORDER BY e.created_at, e.id")
                .param(partnerId)
                .query(WebhookRepository::endpoint)
                .list();
    }

    /** Active endpoints of active partners: the ones the dispatcher serves. */
    List<WebhookEndpoint> serving() {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoint e JOIN partner p ON p.id = e.partner_id"
                        + " WHERE e.state = 'ACTIVE' AND p.disabled_at IS NULL ORDER BY e.id")
                .query(WebhookRepository::endpoint)
                .list();
    }

    int countOf(String partnerId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhook_endpoint WHERE partner_id = ?")
                .param(partnerId)
                .query(Integer.class)
                .single();
    }

    @Transactional
    public boolean delete(String partnerId, String id) {
        jdbc.sql(
                        "DELETE FROM webhook_delivery WHERE endpoint_id = (SELECT id FROM webhook_endpoint WHERE id = ? AND partner_id = ?)")
                .params(id, partnerId)
                .update();
        return jdbc.sql("DELETE FROM webhook_endpoint WHERE id = ? AND partner_id = ?")
                        .params(id, partnerId)
                        .update()
                == 1;
    }

    void rotateSecret(String id, String secret, String previous, Instant previousUntil) {
        jdbc.sql("UPDATE webhook_endpoint SET secret = ?, previous_secret = ?, previous_secret_until = ? WHERE id = ?")
                .params(secret, previous, utc(previousUntil), id)
                .update();
    }

    /** Back to ACTIVE with a clean slate: what was pending is due now, with a fresh retry window. */
    @Transactional
    public boolean enable(String id, Instant now) {
        int changed = jdbc.sql(
                        "UPDATE webhook_endpoint SET state = 'ACTIVE', disabled_at = NULL, disabled_reason = NULL,"
                                + " failing_since = NULL WHERE id = ? AND state = 'DISABLED'")
                .param(id)
                .update();
        if (changed == 1) {
            jdbc.sql(
                            "UPDATE webhook_delivery SET next_attempt_at = ?, first_attempt_at = NULL WHERE endpoint_id = ? AND state = 'PENDING'")
                    .params(utc(now), id)
                    .update();
        }
        return changed == 1;
    }

    void succeeded(String endpointId, Instant now) {
        jdbc.sql("UPDATE webhook_endpoint SET failing_since = NULL, last_success_at = ? WHERE id = ?")
                .params(utc(now), endpointId)
                .update();
    }

    /** Notes a failed attempt; returns when the endpoint's failures began. */
    Instant failed(String endpointId, Instant now) {
        jdbc.sql("UPDATE webhook_endpoint SET failing_since = COALESCE(failing_since, ?) WHERE id = ?")
                .params(utc(now), endpointId)
                .update();
        return jdbc.sql("SELECT failing_since FROM webhook_endpoint WHERE id = ?")
                .param(endpointId)
                .query((rs, n) -> instant(rs, "failing_since"))
                .optional()
                .orElse(now);
    }

    /** Disables the endpoint if it is still active and still failing since before {@code cutoff}. */
    boolean disableIfFailingSince(String endpointId, Instant cutoff, String reason, Instant now) {
        return jdbc.sql(
                                "UPDATE webhook_endpoint SET state = 'DISABLED', disabled_at = ?, disabled_reason = ?"
                                        + " WHERE id = ? AND state = 'ACTIVE' AND failing_since IS NOT NULL AND failing_since <= ?")
                        .params(utc(now), truncate(reason, 500), endpointId, utc(cutoff))
                        .update()
                == 1;
    }

    List<Disabled> disabled() {
        return jdbc.sql(
                        "SELECT partner_id, id, disabled_reason, disabled_at FROM webhook_endpoint WHERE state = 'DISABLED'"
                                + " ORDER BY disabled_at, id")
                .query((rs, n) ->
                        new Disabled(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, "disabled_at")))
                .list();
    }

    Map<WebhookEndpoint.State, Long> countByState() {
        Map<WebhookEndpoint.State, Long> counts = new LinkedHashMap<>();
        for (WebhookEndpoint.State state : WebhookEndpoint.State.values()) {
            counts.put(state, 0L);
        }
        jdbc.sql("SELECT state, COUNT(*) FROM webhook_endpoint GROUP BY state").query(rs -> {
            counts.put(WebhookEndpoint.State.valueOf(rs.getString(1)), rs.getLong(2));
        });
        return counts;
    }

    // --- turning the change log into deliveries ---

    /**
     * Queues deliveries and moves the endpoint's cursor, together. The cursor moves only from
     * {@code expectedCursor}: if another instance got there first, nothing is queued here.
     */
    @Transactional
    public boolean enqueue(
            String endpointId, long expectedCursor, long newCursor, List<NewDelivery> deliveries, Instant now) {
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

    /**
     * The sequences among {@code seqs} that are embargo releases: the moment an item first becomes
     * visible to partners without embargo preview, whatever its revision.
     */
    Set<Long> releases(Collection<Long> seqs) {
        if (seqs.isEmpty()) {
            return Set.of();
        }
        String placeholders = String.join(", ", Collections.nCopies(seqs.size(), "?"));
        return new HashSet<>(
                jdbc.sql("SELECT seq FROM article_change WHERE seq IN (" + placeholders + ") AND audience = 'RELEASE'")
                        .params(new ArrayList<Object>(seqs))
                        .query(Long.class)
                        .list());
    }

    // --- deliveries ---

    /** Endpoints (active, partner active) with at least one delivery due at {@code now}. */
    List<String> endpointsWithDue(Instant now) {
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
                .query(WebhookRepository::delivery)
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
                .query(WebhookRepository::delivery)
                .optional();
    }

    List<WebhookDelivery> deliveries(String endpointId, WebhookDelivery.State state, int limit) {
        return jdbc.sql("SELECT " + DELIVERY_COLUMNS + " FROM webhook_delivery WHERE endpoint_id = ? AND state = ?"
                        + " ORDER BY COALESCE(dead_at, delivered_at, created_at) DESC, seq DESC LIMIT ?")
                .params(endpointId, state.name(), limit)
                .query(WebhookRepository::delivery)
                .list();
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

    // --- mapping ---

    private static WebhookEndpoint endpoint(ResultSet rs, int n) throws SQLException {
        Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        Arrays.stream(rs.getString("events").split(","))
                .map(WebhookEvent::valueOf)
                .forEach(events::add);
        return new WebhookEndpoint(
                rs.getString("id"),
                rs.getString("partner_id"),
                rs.getString("url"),
                events,
                rs.getString("secret"),
                rs.getString("previous_secret"),
                instant(rs, "previous_secret_until"),
                WebhookEndpoint.State.valueOf(rs.getString("state")),
                rs.getLong("cursor_seq"),
                instant(rs, "failing_since"),
                instant(rs, "last_success_at"),
                instant(rs, "disabled_at"),
                rs.getString("disabled_reason"),
                instant(rs, "created_at"));
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

    private static String events(Set<WebhookEvent> events) {
        return events.stream().sorted().map(WebhookEvent::name).collect(Collectors.joining(","));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
