package org.wiregate.cluster;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wiregate.leadership.ClusterSettings;

/**
 * Tells the other instances that something changed, with {@code pg_notify} on the store's own
 * connection: inside a transaction the message goes out when it commits and never when it rolls
 * back, so no instance evicts for a change it cannot read yet. Off (nothing sent) on H2.
 */
@Component
public class ClusterBus {

    private final ClusterSettings settings;
    private final JdbcClient jdbc;
    private volatile String channel;

    ClusterBus(ClusterSettings settings, JdbcClient jdbc) {
        this.settings = settings;
        this.jdbc = jdbc;
    }

    /**
     * Announces a change to every other instance: at commit of the current transaction, or at once
     * outside one. Identical announcements in one transaction arrive once (PostgreSQL folds them).
     */
    public void announce(Topic topic, String subject, String detail) {
        if (!settings.enabled()) {
            return;
        }
        String payload = AnnouncementCodec.write(new Announcement(settings.instanceId(), topic, subject, detail));
        jdbc.sql("SELECT pg_notify(?, ?)").params(channel(), payload).query().singleValue();
    }

    /** A bus that sends nothing, for a gateway that is one instance by construction (unit tests). */
    public static ClusterBus alone() {
        return new ClusterBus(new ClusterSettings("false", "alone", "", "", "", ""), null);
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** The channel of this schema; asked of the database once, when first needed. */
    String channel() {
        String known = channel;
        if (known == null) {
            String schema =
                    jdbc.sql("SELECT current_schema()").query(String.class).single();
            known = settings.channelFor(schema);
            channel = known;
        }
        return known;
    }
}
