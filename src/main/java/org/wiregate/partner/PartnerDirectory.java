package org.wiregate.partner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.wiregate.cluster.AnnouncedElsewhere;
import org.wiregate.cluster.AnnouncementsMissed;
import org.wiregate.cluster.ClusterBus;
import org.wiregate.cluster.Topic;
import org.wiregate.source.MappingRegistry;
import org.wiregate.source.SourceMapping;

/**
 * Turns a presented key or feed token into a {@link PartnerAccess}, or nothing. Every way of
 * failing (missing, malformed, unknown, wrong secret, expired, revoked, partner disabled) is the
 * same empty answer, so callers cannot tell them apart and neither can a client.
 *
 * <p>Successful lookups are kept for {@code gateway.partners.auth-cache} (2 s by default): a
 * revocation takes effect within that time even where no announcement arrives (on PostgreSQL every
 * change is announced to every instance, which drops its lookups at once), and a busy partner costs
 * one database read per key per period. Failures are never cached, so a flood of bad keys cannot fill memory.
 */
@Service
public class PartnerDirectory {

    private record Cached(PartnerAccess access, Instant until) {}

    private final PartnerRepository partners;
    private final MappingRegistry mappings;
    private final Clock clock;
    private final Duration cacheFor;
    /** Keyed by the SHA-256 of the presented token: the token itself is never kept. */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private final Map<String, LocalDate> lastUseAudited = new ConcurrentHashMap<>();
    private final ClusterBus bus;

    public PartnerDirectory(
            PartnerRepository partners,
            MappingRegistry mappings,
            Clock clock,
            @Value("${gateway.partners.auth-cache:PT2S}") Duration cacheFor,
            ClusterBus bus) {
        this.bus = bus;
        this.partners = partners;
        this.mappings = mappings;
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    /** A partner key as sent in {@code Authorization: Bearer} or {@code X-Api-Key}. */
    public Optional<PartnerAccess> byKey(String presented) {
        return lookup(
                SecretTokens.KEY_PREFIX,
                presented,
                (parsed, now) -> partners.findKey(parsed.id())
                        .filter(row -> SecretTokens.matches(parsed, row.secretHash()))
                        .filter(row -> row.isValidAt(now))
                        .flatMap(row -> active(row.partnerId()).map(p -> access(p, row.keyId(), null))));
    }

    /** A feed token from a URL; only valid for the one feed path it was issued for. */
    public Optional<PartnerAccess> byFeedToken(String presented, String requestPath) {
        return lookup(
                        SecretTokens.FEED_TOKEN_PREFIX,
                        presented,
                        (parsed, now) -> partners.findFeedToken(parsed.id())
                                .filter(row -> SecretTokens.matches(parsed, row.secretHash()))
                                .filter(row -> row.revokedAt() == null)
                                .flatMap(row ->
                                        active(row.partnerId()).map(p -> access(p, row.tokenId(), row.feedPath()))))
                .filter(a -> a.feedPath().equals(requestPath));
    }

    /** Reads a credential from the database: empty for any reason it does not open anything. */
    private interface Finder {
        Optional<PartnerAccess> find(SecretTokens.Presented parsed, Instant now);
    }

    /** The cache in front of the database, for keys and feed tokens alike; a success is kept for {@code cacheFor}. */
    private Optional<PartnerAccess> lookup(String prefix, String presented, Finder finder) {
        Optional<SecretTokens.Presented> parsed = SecretTokens.parse(prefix, presented);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = SecretTokens.hash(parsed.get().token());
        Cached cached = cache.get(hash);
        if (cached != null && now.isBefore(cached.until())) {
            return Optional.of(cached.access());
        }
        Optional<PartnerAccess> access = finder.find(parsed.get(), now);
        access.ifPresent(a -> {
            cache.put(hash, new Cached(a, now.plus(cacheFor)));
            noteUse(a, now);
        });
        return access;
    }

    /**
     * Drops every cached lookup, here and (at commit, when called in a transaction) on every other
     * instance: after a revocation or a contract change.
     */
    public void forget() {
        cache.clear();
        bus.announce(Topic.PARTNERS, "", "");
    }

    /** Another instance changed a contract, key or feed token. */
    @EventListener
    void onPartnersChangedElsewhere(AnnouncedElsewhere event) {
        if (event.is(Topic.PARTNERS)) {
            cache.clear();
        }
    }

    /** This instance may have missed such a change. */
    @EventListener
    void onAnnouncementsMissed(AnnouncementsMissed event) {
        cache.clear();
    }

    /** The source ids whose mappings allow partners to receive their copy. */
    public Set<String> redistributableSources() {
        return mappings.all().stream()
                .filter(m -> m.partners().redistribute())
                .map(SourceMapping::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The access a partner has with a given credential, for outputs that run without a request (webhooks). */
    public PartnerAccess access(Partner partner, String credentialId, String feedPath) {
        return new PartnerAccess(
                partner, credentialId, feedPath, partner.entitlements().scope(redistributableSources()));
    }

    private Optional<Partner> active(String partnerId) {
        return partners.find(partnerId).filter(Partner::isActive);
    }

    /** Last use on the key row and one "used" audit entry per credential per UTC day. */
    private void noteUse(PartnerAccess access, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!today.equals(lastUseAudited.put(access.credentialId(), today))) {
            if (access.feedPath() == null) {
                partners.touchKey(access.credentialId(), now);
            }
            partners.audit(
                    access.partnerId(),
                    access.credentialId(),
                    access.feedPath() == null ? "key-used" : "feed-token-used",
                    "partner",
                    null,
                    now);
        }
    }
}
