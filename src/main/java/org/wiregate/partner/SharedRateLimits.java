package org.wiregate.partner;

import java.time.Clock;
import java.util.Locale;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.wiregate.leadership.ClusterSettings;

/**
 * Token buckets in the database, for gateways that run several instances behind one address: the
 * default when the store is PostgreSQL ({@code gateway.partners.rate-limit.store} unset or
 * {@code auto}), or asked for with {@code database} (and refused with {@code memory}). Each request takes its credential's row
 * under a row lock, refills it for the time passed and takes a token, in one short transaction, so
 * the contract holds across instances. It costs a database round trip per partner request, which
 * the in-memory buckets ({@link PartnerRateLimits}, the default) do not.
 */
@Component
@Conditional(SharedRateLimits.Chosen.class)
public class SharedRateLimits {

    /** On when asked for, or by default on PostgreSQL, where instances share the database. */
    static final class Chosen implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String store = context.getEnvironment().getProperty("gateway.partners.rate-limit.store", "auto");
            return switch (store.strip().toLowerCase(Locale.ROOT)) {
                case "database" -> true;
                case "memory" -> false;
                case "auto", "" ->
                    ClusterSettings.isPostgres(context.getEnvironment().getProperty("spring.datasource.url"));
                default ->
                    throw new IllegalArgumentException(
                            "gateway.partners.rate-limit.store '" + store + "' must be auto, memory or database");
            };
        }
    }

    private static final double MILLIS_PER_MINUTE = 60_000.0;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public SharedRateLimits(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Takes one token from the credential's shared bucket, or says how long to wait. */
    public PartnerRateLimits.Decision take(String credentialId, PartnerRateLimits.Policy policy) {
        return transactions.execute(status -> {
            long now = clock.millis();
            jdbc.sql(
                            "INSERT INTO rate_bucket (credential_id, tokens, refilled_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(credentialId, (double) policy.burst(), now)
                    .update();
            double[] stored = jdbc.sql("SELECT tokens, refilled_at FROM rate_bucket WHERE credential_id = ? FOR UPDATE")
                    .param(credentialId)
                    .query((rs, n) -> new double[] {rs.getDouble(1), rs.getLong(2)})
                    .single();
            double perMilli = policy.perMinute() / MILLIS_PER_MINUTE;
            double elapsed = Math.max(0, now - (long) stored[1]);
            // A contract cut since the row was written takes effect at once: never more than the burst.
            double tokens = Math.min(policy.burst(), stored[0] + elapsed * perMilli);
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            jdbc.sql("UPDATE rate_bucket SET tokens = ?, refilled_at = ? WHERE credential_id = ?")
                    .params(tokens, now, credentialId)
                    .update();
            long reset = seconds((policy.burst() - tokens) / perMilli);
            return allowed
                    ? new PartnerRateLimits.Decision(true, policy, (long) Math.floor(tokens), reset, 0)
                    : new PartnerRateLimits.Decision(
                            false, policy, 0, reset, Math.max(1, seconds((1 - tokens) / perMilli)));
        });
    }

    private static long seconds(double millis) {
        return millis <= 0 ? 0 : (long) Math.ceil(millis / 1000.0 - 1e-9);
    }
}
