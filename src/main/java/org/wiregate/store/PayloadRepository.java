package org.wiregate.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Raw received bytes, one row per (source, sha256), with how often and when they arrived. */
@Repository
public class PayloadRepository {

    public enum State {
        RECEIVED,
        PROCESSED,
        FAILED
    }

    private final JdbcClient jdbc;

    public PayloadRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps the bytes (or counts one more receipt of bytes already kept). Two instances capturing
     * the same bytes at once both succeed: the insert of the second does nothing, and it counts a
     * receipt of the row the first wrote.
     */
    @Transactional
    public CapturedPayload capture(String source, String fileName, byte[] content, Instant receivedAt) {
        String sha256 = Sha256.hex(content);
        OffsetDateTime at = SqlTimes.utc(receivedAt);
        int inserted = insertIfNew(source, fileName, sha256, content, at);
        if (inserted > 0) {
            return new CapturedPayload(findId(source, sha256), sha256, false, receivedAt);
        }
        CapturedPayload existing = jdbc.sql("SELECT id, state FROM payload WHERE source = ? AND sha256 = ? FOR UPDATE")
                .params(source, sha256)
                .query((rs, n) -> new CapturedPayload(
                        rs.getLong("id"), sha256, State.PROCESSED.name().equals(rs.getString("state")), receivedAt))
                .single();
        jdbc.sql(
                        "UPDATE payload SET times_received = times_received + 1, last_received_at = ?, file_name = ? WHERE id = ?")
                .params(at, fileName, existing.id())
                .update();
        return existing;
    }

    /**
     * Keeps bytes whose capture was rolled back with their payload's transaction, so a rejection can
     * point at them; bytes already kept are left as they are. Returns the payload's id.
     */
    @Transactional
    public long keep(String source, String fileName, byte[] content, Instant receivedAt) {
        String sha256 = Sha256.hex(content);
        OffsetDateTime at = SqlTimes.utc(receivedAt);
        insertIfNew(source, fileName, sha256, content, at);
        return findId(source, sha256);
    }

    private int insertIfNew(String source, String fileName, String sha256, byte[] content, OffsetDateTime at) {
        return jdbc.sql("""
                INSERT INTO payload (source, file_name, sha256, size_bytes, content, first_received_at,
                                     last_received_at, times_received, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT DO NOTHING
                """)
                .params(source, fileName, sha256, content.length, content, at, at, State.RECEIVED.name())
                .update();
    }

    private long findId(String source, String sha256) {
        return jdbc.sql("SELECT id FROM payload WHERE source = ? AND sha256 = ?")
                .params(source, sha256)
                .query(Long.class)
                .single();
    }

    public void markProcessed(long id, String format) {
        markProcessed(id, format, null);
    }

    /** @param note what was deliberately not ingested (a package, a picture), or null */
    public void markProcessed(long id, String format, String note) {
        jdbc.sql("UPDATE payload SET state = ?, format = ?, reason = ? WHERE id = ?")
                .params(State.PROCESSED.name(), format, note == null ? null : Rejections.clip(note), id)
                .update();
    }

    public void markFailed(long id, String reason) {
        jdbc.sql("UPDATE payload SET state = ?, reason = ? WHERE id = ?")
                .params(State.FAILED.name(), Rejections.clip(reason), id)
                .update();
    }

    public Optional<byte[]> content(long id) {
        return jdbc.sql("SELECT content FROM payload WHERE id = ?")
                .params(id)
                .query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    /** Whether these exact bytes from this source have been received and processed. */
    public boolean isKnown(String source, String sha256) {
        return jdbc.sql("SELECT COUNT(*) FROM payload WHERE source = ? AND sha256 = ? AND state = ?")
                        .params(source, sha256, State.PROCESSED.name())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Per source, when its copy last arrived (any payload, processed or not). */
    public Map<String, Instant> lastReceivedPerSource() {
        Map<String, Instant> last = new LinkedHashMap<>();
        jdbc.sql("SELECT source, MAX(last_received_at) AS last_at FROM payload GROUP BY source")
                .query(rs -> {
                    OffsetDateTime at = rs.getObject("last_at", OffsetDateTime.class);
                    if (at != null) {
                        last.put(rs.getString("source"), at.toInstant());
                    }
                });
        return last;
    }

    /**
     * When copy last arrived from each of these sources (absent: never); one index lookup per
     * source, so every instance can ask it every second.
     */
    public Map<String, Instant> lastReceivedOf(Collection<String> sources) {
        Map<String, Instant> last = new LinkedHashMap<>();
        for (String source : sources) {
            jdbc.sql("SELECT MAX(last_received_at) FROM payload WHERE source = ?")
                    .param(source)
                    .query(rs -> {
                        OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
                        if (at != null) {
                            last.put(source, at.toInstant());
                        }
                    });
        }
        return last;
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM payload").query(Long.class).single();
    }
}
