package org.wiregate.partner;

import static org.wiregate.store.SqlTimes.instant;
import static org.wiregate.store.SqlTimes.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Partners, their keys and feed tokens (hashes only) and the audit trail. */
@Repository
public class PartnerRepository {

    /** A stored key: never the key itself. */
    public record KeyRow(
            String keyId,
            String partnerId,
            String secretHash,
            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt,
            Instant lastUsedAt) {

        /** Usable at {@code now}: not revoked and not past its expiry. */
        public boolean isValidAt(Instant now) {
            return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    public record FeedTokenRow(
            String tokenId,
            String partnerId,
            String feedPath,
            String secretHash,
            Instant createdAt,
            Instant revokedAt) {}

    public record AuditEntry(
            long id, String partnerId, String keyId, String action, String actor, String detail, Instant at) {}

    private final JdbcClient jdbc;

    public PartnerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Partner partner) {
        jdbc.sql("INSERT INTO partner (id, name, entitlements, rate_per_minute, burst, created_at, disabled_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        partner.id(),
                        partner.name(),
                        EntitlementsJson.write(partner.entitlements()),
                        partner.ratePerMinute(),
                        partner.burst(),
                        utc(partner.createdAt()),
                        utc(partner.disabledAt()))
                .update();
    }

    public boolean update(Partner partner) {
        return jdbc.sql(
                                "UPDATE partner SET name = ?, entitlements = ?, rate_per_minute = ?, burst = ?, disabled_at = ? WHERE id = ?")
                        .params(
                                partner.name(),
                                EntitlementsJson.write(partner.entitlements()),
                                partner.ratePerMinute(),
                                partner.burst(),
                                utc(partner.disabledAt()),
                                partner.id())
                        .update()
                == 1;
    }

    public Optional<Partner> find(String id) {
        return jdbc.sql("SELECT * FROM partner WHERE id = ?")
                .param(id)
                .query(PartnerRepository::partner)
                .optional();
    }

    public List<Partner> all() {
        return jdbc.sql("SELECT * FROM partner ORDER BY id")
                .query(PartnerRepository::partner)
                .list();
    }

    public void insertKey(String keyId, String partnerId, String secretHash, Instant createdAt, Instant expiresAt) {
        jdbc.sql(
                        "INSERT INTO partner_key (key_id, partner_id, secret_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(keyId, partnerId, secretHash, utc(createdAt), utc(expiresAt))
                .update();
    }

    public Optional<KeyRow> findKey(String keyId) {
        return jdbc.sql("SELECT * FROM partner_key WHERE key_id = ?")
                .param(keyId)
                .query(PartnerRepository::key)
                .optional();
    }

    public List<KeyRow> keysOf(String partnerId) {
        return jdbc.sql("SELECT * FROM partner_key WHERE partner_id = ? ORDER BY created_at, key_id")
                .param(partnerId)
                .query(PartnerRepository::key)
                .list();
    }

    /** Sets the expiry, but never later than one already set. */
    public boolean expireKey(String keyId, Instant at) {
        return jdbc.sql("UPDATE partner_key SET expires_at = ? WHERE key_id = ? AND revoked_at IS NULL"
                                + " AND (expires_at IS NULL OR expires_at > ?)")
                        .params(utc(at), keyId, utc(at))
                        .update()
                == 1;
    }

    public boolean revokeKey(String keyId, Instant at) {
        return jdbc.sql("UPDATE partner_key SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL")
                        .params(utc(at), keyId)
                        .update()
                == 1;
    }

    public void touchKey(String keyId, Instant at) {
        jdbc.sql("UPDATE partner_key SET last_used_at = ? WHERE key_id = ?")
                .params(utc(at), keyId)
                .update();
    }

    public void insertFeedToken(
            String tokenId, String partnerId, String feedPath, String secretHash, Instant createdAt) {
        jdbc.sql(
                        "INSERT INTO partner_feed_token (token_id, partner_id, feed_path, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(tokenId, partnerId, feedPath, secretHash, utc(createdAt))
                .update();
    }

    public Optional<FeedTokenRow> findFeedToken(String tokenId) {
        return jdbc.sql("SELECT * FROM partner_feed_token WHERE token_id = ?")
                .param(tokenId)
                .query(PartnerRepository::feedToken)
                .optional();
    }

    public List<FeedTokenRow> feedTokensOf(String partnerId) {
        return jdbc.sql("SELECT * FROM partner_feed_token WHERE partner_id = ? ORDER BY created_at, token_id")
                .param(partnerId)
                .query(PartnerRepository::feedToken)
                .list();
    }

    public boolean revokeFeedToken(String tokenId, Instant at) {
        return jdbc.sql("UPDATE partner_feed_token SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL")
                        .params(utc(at), tokenId)
                        .update()
                == 1;
    }

    public void audit(String partnerId, String keyId, String action, String actor, String detail, Instant at) {
        jdbc.sql("INSERT INTO partner_audit (partner_id, key_id, action, actor, detail, at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(partnerId, keyId, action, actor, detail, utc(at))
                .update();
    }

    public List<AuditEntry> auditOf(String partnerId, int limit) {
        return jdbc.sql("SELECT * FROM partner_audit WHERE partner_id = ? ORDER BY at DESC, id DESC LIMIT ?")
                .params(partnerId, limit)
                .query((rs, n) -> new AuditEntry(
                        rs.getLong("id"),
                        rs.getString("partner_id"),
                        rs.getString("key_id"),
                        rs.getString("action"),
                        rs.getString("actor"),
                        rs.getString("detail"),
                        instant(rs, "at")))
                .list();
    }

    private static Partner partner(ResultSet rs, int n) throws SQLException {
        return new Partner(
                rs.getString("id"),
                rs.getString("name"),
                EntitlementsJson.read(rs.getString("entitlements")),
                rs.getInt("rate_per_minute"),
                rs.getInt("burst"),
                instant(rs, "created_at"),
                instant(rs, "disabled_at"));
    }

    private static KeyRow key(ResultSet rs, int n) throws SQLException {
        return new KeyRow(
                rs.getString("key_id"),
                rs.getString("partner_id"),
                rs.getString("secret_hash"),
                instant(rs, "created_at"),
                instant(rs, "expires_at"),
                instant(rs, "revoked_at"),
                instant(rs, "last_used_at"));
    }

    private static FeedTokenRow feedToken(ResultSet rs, int n) throws SQLException {
        return new FeedTokenRow(
                rs.getString("token_id"),
                rs.getString("partner_id"),
                rs.getString("feed_path"),
                rs.getString("secret_hash"),
                instant(rs, "created_at"),
                instant(rs, "revoked_at"));
    }
}
