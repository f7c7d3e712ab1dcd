package org.wiregate.cluster;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;
import org.wiregate.leadership.ClusterSettings;

/**
 * {@code cluster} in /actuator/health: whether this instance hears the others (its instance id,
 * how often it started listening, what it heard). Not listening is WARNING, answered 200: the
 * instance serves on, its caches possibly stale until it listens again and drops them all, and
 * taking it out of the balancer would not make them fresher. In neither probe group.
 */
@Component("cluster")
class ClusterHealthIndicator implements HealthIndicator {

    static final Status WARNING = new Status("WARNING", "not hearing the other instances");

    private final ClusterSettings settings;
    private final ClusterListener listener;

    ClusterHealthIndicator(ClusterSettings settings, ClusterListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    @Override
    public Health health() {
        if (!settings.enabled()) {
            return Health.up().withDetail("enabled", false).build();
        }
        boolean listening = listener.backendPid().isPresent();
        return (listening ? Health.up() : Health.status(WARNING))
                .withDetail("enabled", true)
                .withDetail("instance", settings.instanceId())
                .withDetail("listening", listening)
                .withDetail("listens", listener.listens())
                .withDetail("heard", listener.heard())
                .withDetail("ownIgnored", listener.ownIgnored())
                .build();
    }
}
