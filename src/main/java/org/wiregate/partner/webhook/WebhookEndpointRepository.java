package org.wiregate.partner.webhook;

import static org.wiregate.store.SqlTimes.instant;
import static org.wiregate.store.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code webhook_endpoint} table: what partners registered, and each endpoint's state, cursor
 * and failure clock. Deliveries live in {@link WebhookDeliveryRepository}; the two statements here
 * that also touch {@code webhook_delivery} do so because the endpoint change they make must carry
 * its deliveries along in the same transaction.
 */
@Repository
class WebhookEndpointRepository {

    /** A disabled endpoint as the operator sees it. */
    record Disabled(String partnerId, String endpointId, String reason, Instant disabledAt) {}

    private static final String ENDPOINT_COLUMNS = "e.id, e.partner_id, e.url, e.events, e.secret, e.previous_secret,"
            + " e.previous_secret_until, e.state, e.cursor_seq, e.failing_since, e.last_success_at, e.disabled_at,"
            + " e.disabled_reason, e.created_at";
    private static final int MAX_REASON = 500;

    private final JdbcClient jdbc;

    WebhookEndpointRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

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
                .query(WebhookEndpointRepository::endpoint)
                .optional();
    }

    Optional<WebhookEndpoint> endpoint(String id) {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoint e WHERE e.id = ?")
                .param(id)
                .query(WebhookEndpointRepository::endpoint)
                .optional();
    }

    /** Every endpoint of every partner, for the ops page. */
    List<WebhookEndpoint> all() {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS
                        + " FROM webhook_endpoint e ORDER BY e.partner_id, e.created_at, e.id")
                .query(WebhookEndpointRepository::endpoint)
                .list();
    }

    List<WebhookEndpoint> endpointsOf(String partnerId) {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS
                        + " FROM webhook_endpoint e WHERE e.partner_id = ? ORDER BY e.created_at, e.id")
                .param(partnerId)
                .query(WebhookEndpointRepository::endpoint)
                .list();
    }

    /** Active endpoints of active partners: the ones the dispatcher serves. */
    List<WebhookEndpoint> serving() {
        return jdbc.sql("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoint e JOIN partner p ON p.id = e.partner_id"
                        + " WHERE e.state = 'ACTIVE' AND p.disabled_at IS NULL ORDER BY e.id")
                .query(WebhookEndpointRepository::endpoint)
                .list();
    }

    /** Deletes the endpoint and, first, its deliveries, which cannot outlive it. */
    @Transactional
    public boolean delete(String partnerId, String id) {
        // Touches webhook_delivery too: the result is whether the endpoint went, its deliveries only go with it.
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
        // Touches webhook_delivery too: the result is whether the endpoint came back; resetting its pending rows is
        // part of that.
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
                        .params(utc(now), truncate(reason, MAX_REASON), endpointId, utc(cutoff))
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

    private static String events(Set<WebhookEvent> events) {
        return events.stream().sorted().map(WebhookEvent::name).collect(Collectors.joining(","));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
