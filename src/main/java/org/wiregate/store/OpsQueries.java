package org.wiregate.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Per-source figures for the ops page, each one query over the whole store. */
@Repository
public class OpsQueries {

    private final JdbcClient jdbc;

    public OpsQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Distinct payloads received per source (the same bytes again count once). */
    public Map<String, Long> payloadsBySource() {
        return counts("SELECT source, COUNT(*) FROM payload GROUP BY source");
    }

    public Map<String, Long> articlesBySource() {
        return counts("SELECT source, COUNT(*) FROM article GROUP BY source");
    }

    /** Rejections an operator has not discarded, per source. */
    public Map<String, Long> rejectionsBySource() {
        return counts("SELECT source, COUNT(*) FROM rejection WHERE discarded_at IS NULL GROUP BY source");
    }

    /** When each source last had an article stored (created or updated). */
    public Map<String, Instant> lastStoredBySource() {
        Map<String, Instant> last = new HashMap<>();
        jdbc.sql("SELECT source, MAX(stored_at) FROM article GROUP BY source")
                .query((rs, n) -> last.put(
                        rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .list();
        return last;
    }

    /** The reason of each source's latest rejection that is not discarded. */
    public Map<String, String> lastRejectionBySource() {
        Map<String, String> last = new HashMap<>();
        jdbc.sql("SELECT r.source, r.reason FROM rejection r WHERE r.id ="
                        + " (SELECT MAX(l.id) FROM rejection l WHERE l.source = r.source AND l.discarded_at IS NULL)")
                .query((rs, n) -> last.put(rs.getString(1), rs.getString(2)))
                .list();
        return last;
    }

    /**
     * Articles stored per source and hour: {@code hours} counts each, the last one the hour that
     * holds {@code now} (UTC hours, oldest first).
     */
    public Map<String, long[]> storedPerHour(Instant now, int hours) {
        Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
        long firstHour = currentHour.getEpochSecond() / 3600 - (hours - 1);
        Map<String, long[]> perHour = new HashMap<>();
        jdbc.sql("SELECT source, FLOOR(EXTRACT(EPOCH FROM stored_at) / 3600), COUNT(*) FROM article"
                        + " WHERE stored_at >= ? GROUP BY source, FLOOR(EXTRACT(EPOCH FROM stored_at) / 3600)")
                .param(SqlTimes.utc(Instant.ofEpochSecond(firstHour * 3600)))
                .query((rs, n) -> {
                    int bucket = (int) (rs.getLong(2) - firstHour);
                    if (bucket >= 0 && bucket < hours) {
                        perHour.computeIfAbsent(rs.getString(1), s -> new long[hours])[bucket] += rs.getLong(3);
                    }
                    return bucket;
                })
                .list();
        return perHour;
    }

    private Map<String, Long> counts(String sql) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql(sql)
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
                .list();
        return counts;
    }
}
