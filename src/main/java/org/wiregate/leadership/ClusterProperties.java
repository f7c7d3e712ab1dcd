package org.wiregate.leadership;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Running several instances on one database ({@code gateway.cluster.*}).
 *
 * Whether instances cluster at all, and the instance's name, are {@link ClusterSettings}' ({@code
 * gateway.cluster.enabled}, {@code gateway.cluster.instance-id}).
 *
 * @param lease      a leader that stops renewing (killed, cut off) loses its roles this long after its
 *                   last renewal; another instance takes over then
 * @param heartbeat  how often a leader renews its leases and a follower tries to take a free one
 */
@ConfigurationProperties("gateway.cluster")
public record ClusterProperties(
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
