package org.wiregate.partner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, rotates and revokes partner keys and feed tokens, recording each in the audit log. A
 * new secret is returned once, to be shown once; only its hash is stored.
 */
@Service
public class PartnerKeys {

    /** A secret just made: the caller shows {@code token} once and forgets it. */
    public record NewSecret(String id, String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "NewSecret[id=" + id + "]";
        }
    }

    private final PartnerRepository partners;
    private final PartnerDirectory directory;
    private final Clock clock;

    public PartnerKeys(PartnerRepository partners, PartnerDirectory directory, Clock clock) {
        this.partners = partners;
        this.directory = directory;
        this.clock = clock;
    }

    @Transactional
    public NewSecret issueKey(String partnerId, String actor) {
        requirePartner(partnerId);
        Instant now = clock.instant();
        SecretTokens.Issued issued = SecretTokens.issue(SecretTokens.KEY_PREFIX);
        partners.insertKey(issued.id(), partnerId, issued.hash(), now, null);
        partners.audit(partnerId, issued.id(), "key-created", actor, null, now);
        return new NewSecret(issued.id(), issued.token(), null);
    }

    /**
     * A new key for the same partner; the old one keeps working for {@code overlap} (so the partner
     * can deploy the new one) and then expires.
     */
    @Transactional
    public NewSecret rotateKey(String keyId, Duration overlap, String actor) {
        PartnerRepository.KeyRow old =
                partners.findKey(keyId).orElseThrow(() -> new NoSuchElementException("no key " + keyId));
        Instant now = clock.instant();
        if (!old.isValidAt(now)) {
            throw new IllegalStateException("key " + keyId + " is already revoked or expired");
        }
        SecretTokens.Issued issued = SecretTokens.issue(SecretTokens.KEY_PREFIX);
        partners.insertKey(issued.id(), old.partnerId(), issued.hash(), now, null);
        Instant oldExpires = now.plus(overlap);
        partners.expireKey(keyId, oldExpires);
        partners.audit(
                old.partnerId(),
                keyId,
                "key-rotated",
                actor,
                "replaced by " + issued.id() + "; old key expires " + oldExpires,
                now);
        partners.audit(old.partnerId(), issued.id(), "key-created", actor, "rotation of " + keyId, now);
        directory.forget();
        return new NewSecret(issued.id(), issued.token(), null);
    }

    /** Revokes a key now; requests with it get 401 within the directory's cache time (seconds). */
    @Transactional
    public boolean revokeKey(String keyId, String actor) {
        PartnerRepository.KeyRow key =
                partners.findKey(keyId).orElseThrow(() -> new NoSuchElementException("no key " + keyId));
        Instant now = clock.instant();
        boolean revoked = partners.revokeKey(keyId, now);
        if (revoked) {
            partners.audit(key.partnerId(), keyId, "key-revoked", actor, null, now);
        }
        directory.forget();
        return revoked;
    }

    /** A token that opens one partner feed path (e.g. {@code /partner/feeds/en.rss}) and nothing else. */
    @Transactional
    public NewSecret issueFeedToken(String partnerId, String feedPath, String actor) {
        requirePartner(partnerId);
        if (!feedPath.startsWith("/partner/feeds/") || feedPath.contains("..") || feedPath.contains("?")) {
            throw new IllegalArgumentException("feed path must be a partner feed path such as /partner/feeds/en.rss");
        }
        Instant now = clock.instant();
        SecretTokens.Issued issued = SecretTokens.issue(SecretTokens.FEED_TOKEN_PREFIX);
        partners.insertFeedToken(issued.id(), partnerId, feedPath, issued.hash(), now);
        partners.audit(partnerId, issued.id(), "feed-token-created", actor, feedPath, now);
        return new NewSecret(issued.id(), issued.token(), null);
    }

    @Transactional
    public boolean revokeFeedToken(String tokenId, String actor) {
        PartnerRepository.FeedTokenRow token = partners.findFeedToken(tokenId)
                .orElseThrow(() -> new NoSuchElementException("no feed token " + tokenId));
        Instant now = clock.instant();
        boolean revoked = partners.revokeFeedToken(tokenId, now);
        if (revoked) {
            partners.audit(token.partnerId(), tokenId, "feed-token-revoked", actor, token.feedPath(), now);
        }
        directory.forget();
        return revoked;
    }

    private void requirePartner(String partnerId) {
        partners.find(partnerId).orElseThrow(() -> new NoSuchElementException("no partner " + partnerId));
    }
}
