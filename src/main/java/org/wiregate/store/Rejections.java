package org.wiregate.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The quarantine ledger: every rejected file and item with its reason. */
@Repository
public class Rejections {

    private static final int MAX_REASON = 4000;

    private final JdbcClient jdbc;

    public Rejections(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String source, String fileName, Long payloadId, String itemRef, String reason, Instant at) {
        jdbc.sql(
                        "INSERT INTO rejection (source, file_name, payload_id, item_ref, reason, rejected_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        source,
                        clip(fileName, 1024),
                        payloadId,
                        itemRef == null ? null : clip(itemRef, 1024),
                        clip(reason),
                        SqlTimes.utc(at))
                .update();
    }

    /** The latest rejections an operator has not discarded, newest first. */
    public List<Rejection> recent(int limit) {
        return jdbc.sql("SELECT * FROM rejection WHERE discarded_at IS NULL ORDER BY rejected_at DESC, id DESC LIMIT ?")
                .param(limit)
                .query(Rejections::row)
                .list();
    }

    public Optional<Rejection> find(long id) {
        return jdbc.sql("SELECT * FROM rejection WHERE id = ?")
                .param(id)
                .query(Rejections::row)
                .optional();
    }

    /** Hides a rejection from the lists; the kept bytes stay. False when unknown or already discarded. */
    public boolean discard(long id, Instant at) {
        return jdbc.sql("UPDATE rejection SET discarded_at = ? WHERE id = ? AND discarded_at IS NULL")
                        .params(SqlTimes.utc(at), id)
                        .update()
                == 1;
    }

    private static Rejection row(ResultSet rs, int rowNum) throws SQLException {
        return new Rejection(
                rs.getLong("id"),
                rs.getString("source"),
                rs.getString("file_name"),
                rs.getObject("payload_id", Long.class),
                rs.getString("item_ref"),
                rs.getString("reason"),
                rs.getObject("rejected_at", OffsetDateTime.class).toInstant());
    }

    /** An item's rejection as recorded against its payload. */
    public record ItemRejection(String itemRef, String reason) {}

    /** Rejections recorded against a payload since it was (last) received, oldest first. */
    public List<ItemRejection> recordedFor(long payloadId, Instant since) {
        return jdbc.sql("SELECT item_ref, reason FROM rejection WHERE payload_id = ? AND rejected_at >= ? ORDER BY id")
                .params(payloadId, SqlTimes.utc(since))
                .query((rs, n) -> new ItemRejection(rs.getString("item_ref"), rs.getString("reason")))
                .list();
    }

    /** Rejections (files and items) per source since an instant: how fast each quarantine grows. */
    public Map<String, Long> countPerSourceSince(Instant since) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT source, COUNT(*) AS n FROM rejection WHERE rejected_at >= ? GROUP BY source")
                .param(SqlTimes.utc(since))
                .query(rs -> {
                    counts.put(rs.getString("source"), rs.getLong("n"));
                });
        return counts;
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM rejection").query(Long.class).single();
    }

    static String clip(String text) {
        return clip(text, MAX_REASON);
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
