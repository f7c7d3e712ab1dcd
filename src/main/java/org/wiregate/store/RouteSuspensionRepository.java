package org.wiregate.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The routes an operator suspended, kept so that they stay suspended across restarts and failovers. */
@Repository
public class RouteSuspensionRepository {

    /** Who suspended a route, and when. */
    public record Suspension(String routeId, String suspendedBy, Instant suspendedAt) {}

    private final JdbcClient jdbc;

    public RouteSuspensionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the suspension; a route suspended again keeps the latest operator and time. */
    @Transactional
    public void suspend(String routeId, String by, Instant at) {
        jdbc.sql("DELETE FROM route_suspension WHERE route_id = ?")
                .param(routeId)
                .update();
        jdbc.sql("INSERT INTO route_suspension (route_id, suspended_by, suspended_at) VALUES (?, ?, ?)")
                .params(routeId, by, SqlTimes.utc(at))
                .update();
    }

    public void release(String routeId) {
        jdbc.sql("DELETE FROM route_suspension WHERE route_id = ?")
                .param(routeId)
                .update();
    }

    public List<Suspension> all() {
        return jdbc.sql("SELECT route_id, suspended_by, suspended_at FROM route_suspension ORDER BY route_id")
                .query((rs, n) -> new Suspension(
                        rs.getString("route_id"),
                        rs.getString("suspended_by"),
                        rs.getObject("suspended_at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
