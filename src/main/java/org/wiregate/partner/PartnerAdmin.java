package org.wiregate.partner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Partner administration, shared by the admin API and the jar command: contracts (create, change,
 * disable, enable, list) and, through {@link PartnerKeys}, keys and feed tokens checked to belong
 * to the partner named. Every change is in the audit log with who made it, and the directory's
 * cache is dropped after the change commits, so a request a moment later sees the new contract.
 */
@Service
public class PartnerAdmin {

    /** A slug: used in URLs, logs and metric labels. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    public static final int DEFAULT_RATE_PER_MINUTE = 600;
    public static final int DEFAULT_BURST = 60;
    static final int MAX_NAME = 200;
    static final int MAX_RATE = 1_000_000;
    /** The longest a rotated key may keep working: a rotation is not a way to mint a second key for good. */
    static final Duration MAX_OVERLAP = Duration.ofDays(90);

    private static final int MAX_DETAIL = 1000;

    private static final Logger log = LoggerFactory.getLogger(PartnerAdmin.class);

    /**
     * A contract as asked for: a null field keeps the current value (on create: the name is
     * required, entitlements default to {@link Entitlements#STANDARD}, rate and burst to 600 and 60).
     */
    public record Contract(String name, Entitlements entitlements, Integer ratePerMinute, Integer burst) {}

    /** A new partner and its first key, which is shown once. */
    public record Created(Partner partner, PartnerKeys.NewSecret key) {
        @Override
        public String toString() {
            return "Created[" + partner.id() + ", key " + key.id() + "]";
        }
    }

    /** What an operator sees of a partner: the contract and the public halves of its credentials. */
    public record Details(
            Partner partner, List<PartnerRepository.KeyRow> keys, List<PartnerRepository.FeedTokenRow> feedTokens) {}

    /** A partner id already taken (HTTP 409). */
    public static final class AlreadyExists extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        AlreadyExists(String id) {
            super("partner '" + id + "' already exists");
        }
    }

    private final PartnerRepository partners;
    private final PartnerKeys keys;
    private final PartnerDirectory directory;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public PartnerAdmin(
            PartnerRepository partners,
            PartnerKeys keys,
            PartnerDirectory directory,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.partners = partners;
        this.keys = keys;
        this.directory = directory;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Creates the partner and its first key in one transaction. */
    public Created create(String id, Contract contract, String actor) {
        String checkedId = checkId(id);
        Partner partner = new Partner(
                checkedId,
                checkName(contract.name()),
                contract.entitlements() == null ? Entitlements.STANDARD : contract.entitlements(),
                checkRate(
                        "ratePerMinute",
                        contract.ratePerMinute() == null ? DEFAULT_RATE_PER_MINUTE : contract.ratePerMinute()),
                checkRate("burst", contract.burst() == null ? DEFAULT_BURST : contract.burst()),
                clock.instant(),
                null);
        Created created = changing(() -> {
            if (partners.find(checkedId).isPresent()) {
                throw new AlreadyExists(checkedId);
            }
            try {
                partners.insert(partner);
            } catch (DuplicateKeyException e) {
                throw new AlreadyExists(checkedId); // created concurrently
            }
            partners.audit(checkedId, null, "partner-created", actor, detail(describe(partner)), partner.createdAt());
            return new Created(partner, keys.issueKey(checkedId, actor));
        });
        log.info(
                "partner {} created by {} with key {}",
                checkedId,
                actor,
                created.key().id());
        return created;
    }

    /** Changes the contract; a request after this returns sees the new one. */
    public Partner changeContract(String id, Contract contract, String actor) {
        Partner changed = changing(() -> {
            Partner old = require(id);
            Partner updated = new Partner(
                    old.id(),
                    contract.name() == null ? old.name() : checkName(contract.name()),
                    contract.entitlements() == null ? old.entitlements() : contract.entitlements(),
                    contract.ratePerMinute() == null
                            ? old.ratePerMinute()
                            : checkRate("ratePerMinute", contract.ratePerMinute()),
                    contract.burst() == null ? old.burst() : checkRate("burst", contract.burst()),
                    old.createdAt(),
                    old.disabledAt());
            String changes = differences(old, updated);
            if (!changes.isEmpty()) {
                partners.update(updated);
                partners.audit(id, null, "contract-changed", actor, detail(changes), clock.instant());
            }
            return updated;
        });
        log.info("partner {} contract changed by {}", id, actor);
        return changed;
    }

    /** Switches a partner off: every key and feed token gets 401 from now on, and nothing is deleted. */
    public Partner disable(String id, String actor) {
        return setDisabled(id, true, actor);
    }

    public Partner enable(String id, String actor) {
        return setDisabled(id, false, actor);
    }

    public List<Partner> list() {
        return partners.all();
    }

    public Details show(String id) {
        Partner partner = require(id);
        return new Details(partner, partners.keysOf(id), partners.feedTokensOf(id));
    }

    public List<PartnerRepository.AuditEntry> audit(String id, int limit) {
        require(id);
        return partners.auditOf(id, limit);
    }

    public PartnerKeys.NewSecret issueKey(String partnerId, String actor) {
        require(partnerId);
        PartnerKeys.NewSecret key = keys.issueKey(partnerId, actor);
        log.info("partner {} key {} issued by {}", partnerId, key.id(), actor);
        return key;
    }

    /** A new key replacing {@code keyId}, which keeps working for {@code overlap} and then expires. */
    public PartnerKeys.NewSecret rotateKey(String partnerId, String keyId, Duration overlap, String actor) {
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw new IllegalArgumentException("overlap '" + overlap + "' must be between PT0S and " + MAX_OVERLAP);
        }
        requireKeyOf(partnerId, keyId);
        PartnerKeys.NewSecret key = keys.rotateKey(keyId, overlap, actor);
        directory.forget(); // PartnerKeys forgets inside its transaction; again now that it has committed
        log.info("partner {} key {} rotated by {} to key {}, overlap {}", partnerId, keyId, actor, key.id(), overlap);
        return key;
    }

    /** @return false when the key was already revoked */
    public boolean revokeKey(String partnerId, String keyId, String actor) {
        requireKeyOf(partnerId, keyId);
        boolean revoked = keys.revokeKey(keyId, actor);
        directory.forget();
        log.info("partner {} key {} revoked by {}", partnerId, keyId, actor);
        return revoked;
    }

    public PartnerKeys.NewSecret issueFeedToken(String partnerId, String feedPath, String actor) {
        require(partnerId);
        if (feedPath == null || feedPath.isBlank()) {
            throw new IllegalArgumentException("feed is required, e.g. /partner/feeds/en.rss");
        }
        PartnerKeys.NewSecret token;
        try {
            token = keys.issueFeedToken(partnerId, feedPath, actor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("feed '" + feedPath + "': " + e.getMessage(), e);
        }
        log.info("partner {} feed token {} for {} issued by {}", partnerId, token.id(), feedPath, actor);
        return token;
    }

    public boolean revokeFeedToken(String partnerId, String tokenId, String actor) {
        PartnerRepository.FeedTokenRow token = partners.findFeedToken(tokenId)
                .filter(row -> row.partnerId().equals(partnerId))
                .orElseThrow(() ->
                        new NoSuchElementException("partner '" + partnerId + "' has no feed token '" + tokenId + "'"));
        boolean revoked = keys.revokeFeedToken(token.tokenId(), actor);
        directory.forget();
        log.info("partner {} feed token {} revoked by {}", partnerId, tokenId, actor);
        return revoked;
    }

    /** A partner key presented where only the operator token is accepted: recorded, since it may be a probe. */
    public void recordRefusal(PartnerAccess access, String request) {
        partners.audit(
                access.partnerId(),
                access.credentialId(),
                "admin-refused",
                "partner",
                detail(request),
                clock.instant());
        log.warn("partner {} key {} refused on the admin API: {}", access.partnerId(), access.credentialId(), request);
    }

    /** The partner a key belongs to (the jar command names keys alone). */
    public String ownerOfKey(String keyId) {
        return partners.findKey(keyId)
                .map(PartnerRepository.KeyRow::partnerId)
                .orElseThrow(() -> new NoSuchElementException("no key '" + keyId + "'"));
    }

    private Partner setDisabled(String id, boolean disabled, String actor) {
        Partner result = changing(() -> {
            Partner old = require(id);
            if (old.isActive() != disabled) {
                return old; // already so: nothing to record
            }
            Instant now = clock.instant();
            Partner updated = new Partner(
                    old.id(),
                    old.name(),
                    old.entitlements(),
                    old.ratePerMinute(),
                    old.burst(),
                    old.createdAt(),
                    disabled ? now : null);
            partners.update(updated);
            partners.audit(id, null, disabled ? "partner-disabled" : "partner-enabled", actor, null, now);
            return updated;
        });
        log.info("partner {} {} by {}", id, disabled ? "disabled" : "enabled", actor);
        return result;
    }

    /** Runs a change in one transaction, then drops cached lookups (after commit, so none can cache the old state). */
    private <T> T changing(Supplier<T> change) {
        T result = transactions.execute(status -> change.get());
        directory.forget();
        return result;
    }

    private Partner require(String id) {
        return partners.find(id).orElseThrow(() -> new NoSuchElementException("no partner '" + id + "'"));
    }

    private void requireKeyOf(String partnerId, String keyId) {
        require(partnerId);
        partners.findKey(keyId)
                .filter(row -> row.partnerId().equals(partnerId))
                .orElseThrow(
                        () -> new NoSuchElementException("partner '" + partnerId + "' has no key '" + keyId + "'"));
    }

    static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("partner id '" + id + "' must match " + ID.pattern()
                    + " (2 to 63 lower-case letters, digits and hyphens)");
        }
        return id;
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        String stripped = name.strip();
        if (stripped.length() > MAX_NAME) {
            throw new IllegalArgumentException(
                    "name '" + stripped.substring(0, 40) + "…' is longer than " + MAX_NAME + " characters");
        }
        return stripped;
    }

    private static int checkRate(String field, int value) {
        if (value < 1 || value > MAX_RATE) {
            throw new IllegalArgumentException(field + " '" + value + "' must be between 1 and " + MAX_RATE);
        }
        return value;
    }

    private static String describe(Partner p) {
        return "name=" + p.name() + "; ratePerMinute=" + p.ratePerMinute() + "; burst=" + p.burst() + "; entitlements="
                + EntitlementsJson.write(p.entitlements());
    }

    private static String differences(Partner old, Partner updated) {
        List<String> changes = new ArrayList<>();
        if (!old.name().equals(updated.name())) {
            changes.add("name " + old.name() + " -> " + updated.name());
        }
        if (old.ratePerMinute() != updated.ratePerMinute()) {
            changes.add("ratePerMinute " + old.ratePerMinute() + " -> " + updated.ratePerMinute());
        }
        if (old.burst() != updated.burst()) {
            changes.add("burst " + old.burst() + " -> " + updated.burst());
        }
        if (!Objects.equals(old.entitlements(), updated.entitlements())) {
            changes.add("entitlements " + EntitlementsJson.write(old.entitlements()) + " -> "
                    + EntitlementsJson.write(updated.entitlements()));
        }
        return String.join("; ", changes);
    }

    /** The audit column holds 1,000 characters; a long contract is cut rather than refused. */
    private static String detail(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL - 1) + "…";
    }
}
