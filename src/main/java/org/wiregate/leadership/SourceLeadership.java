package org.wiregate.leadership;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Leadership of pulled sources (file inbox, FTP, HTTP poll): role {@code source:<id>}, one poller
 * per source in the whole cluster. Pushes need none: any instance accepts them.
 */
@Component
public class SourceLeadership {

    private final Leadership leadership;

    public SourceLeadership(Leadership leadership) {
        this.leadership = leadership;
    }

    public static String roleOf(String sourceId) {
        return "source:" + sourceId;
    }

    /** Competes for the source: {@code onGranted} starts its poller here, {@code onRevoked} stops it. */
    public void follow(String sourceId, Runnable onGranted, Runnable onRevoked) {
        leadership.follow(roleOf(sourceId), onGranted, onRevoked);
    }

    /** Whether polling the source is left to leadership (several instances may share the database). */
    public boolean clustered() {
        return leadership.clustered();
    }

    public boolean isLeader(String sourceId) {
        return leadership.isLeader(roleOf(sourceId));
    }

    /** Asked before every poll: this instance leads the source and its lease has time left. */
    public boolean mayPoll(String sourceId) {
        return leadership.holdsLease(roleOf(sourceId));
    }

    /** Which instance polls the source, and since when; empty while none does (a takeover pending). */
    public Optional<Leadership.Leader> leaderOf(String sourceId) {
        return leadership.leaderOf(roleOf(sourceId));
    }

    public String instanceId() {
        return leadership.instanceId();
    }
}
