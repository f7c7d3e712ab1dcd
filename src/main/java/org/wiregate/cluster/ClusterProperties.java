package org.wiregate.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Running several instances on one database ({@code gateway.cluster.*}).
 *
 * @param enabled    leadership through the database; unset: on when the datasource is PostgreSQL, off
 *                   on H2 (one instance, every role held locally)
 * @param instanceId how this instance names itself on the ops page and in logs; blank: hostname and pid
 * @param lease      a leader that stops renewing (killed, cut off) loses its roles this long after its
 *                   last renewal; another instance takes over then
 * @param heartbeat  how often a leader renews its leases and a follower tries to take a free one
 */
@ConfigurationProperties("gateway.cluster")
public record ClusterProperties(
        Boolean enabled,
        String instanceId,
        @DefaultValue("10s") Duration lease,
        @DefaultValue("2s") Duration heartbeat) {

    public ClusterProperties {
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("gateway.cluster.lease must be positive");
        }
        if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("gateway.cluster.heartbeat must be positive");
        }
        if (heartbeat.multipliedBy(3).compareTo(lease) > 0) {
            // a leader must renew several times per lease, or a slow renewal alone loses it
            throw new IllegalArgumentException("gateway.cluster.heartbeat (" + heartbeat
                    + ") must be at most a third of gateway.cluster.lease (" + lease + ")");
        }
    }
}
