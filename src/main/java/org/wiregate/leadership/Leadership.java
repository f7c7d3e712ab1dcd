package org.wiregate.leadership;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.dao.DataAccessException;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.util.UUIDConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Which instance does what when several share one database. A role ({@code source:<id>} for each
 * pulled source, {@link #JOBS} for the background jobs) is held by at most one instance: a lease in
 * Spring Integration's {@code INT_LOCK} table ({@link JdbcLockRegistry}), taken and renewed every
 * heartbeat by one {@link LockRegistryLeaderInitiator} per role, which calls back when the role is
 * granted and when it is revoked (lease lost, database away, shutdown). A killed leader stops
 * renewing; its lease expires after {@code gateway.cluster.lease} and another instance takes the
 * role at its next heartbeat.
 *
 * <p>Without clustering (H2, one instance) every role is held here from the start and nothing
 * touches the database.
 */
@Component
public class Leadership implements SmartLifecycle {

    /** The role of the instance that runs the cluster-wide background jobs. */
    public static final String JOBS = "jobs";

    private static final Logger log = LoggerFactory.getLogger(Leadership.class);
    private static final String REGION = "wiregate";

    /** Who holds a role, as the ops page shows it. */
    public record Leader(String instanceId, Instant since) {}

    private final boolean clustered;
    private final String instanceId;
    /** Per process, never configured: two instances given the same instance id must not share leases. */
    private final String clientId = UUID.randomUUID().toString();

    private final ClusterProperties properties;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final JdbcLockRegistry locks;
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final Instant startedAt;
    private volatile boolean running;

    @Autowired
    Leadership(
            ClusterSettings settings,
            ClusterProperties properties,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            JdbcClient jdbc,
            Clock clock) {
        this(settings.enabled(), settings.instanceId(), properties, dataSource, transactions, jdbc, clock);
    }

    /**
     * @param clustered  leases in the database ({@link ClusterSettings#enabled()}: on PostgreSQL by
     *                   default); otherwise every role is held here
     * @param instanceId this instance's name, the same in announcements, leases, logs and the ops page
     */
    Leadership(
            boolean clustered,
            String instanceId,
            ClusterProperties properties,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            JdbcClient jdbc,
            Clock clock) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.clustered = clustered;
        this.instanceId = instanceId;
        if (clustered) {
            DefaultLockRepository repository = new DefaultLockRepository(dataSource, clientId);
            repository.setRegion(REGION);
            repository.setTimeToLive((int) properties.lease().toMillis());
            repository.setTransactionManager(transactions);
            repository.afterPropertiesSet();
            repository.afterSingletonsInstantiated();
            this.locks = new JdbcLockRegistry(repository);
            // A follower asks the database about once a second, not every 100 ms (the default).
            this.locks.setIdleBetweenTries(properties.heartbeat().dividedBy(2));
        } else {
            this.locks = null;
        }
        roles.put(JOBS, new Role(JOBS, () -> {}, () -> {}));
        log.info(
                clustered
                        ? "Cluster: instance {} takes roles by leases in the database (lease {}, heartbeat {})"
                        : "Cluster: off, instance {} holds every role itself",
                instanceId,
                properties.lease(),
                properties.heartbeat());
    }

    /** Whether leadership goes through the database (several instances may share it). */
    public boolean clustered() {
        return clustered;
    }

    /** This instance's name: {@code gateway.cluster.instance-id}, or the host name and a random part. */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Competes for {@code role}; {@code onGranted} runs when this instance becomes its leader,
     * {@code onRevoked} when it stops being it. Both run on the role's own thread. Without
     * clustering the role is granted at once.
     */
    public void follow(String role, Runnable onGranted, Runnable onRevoked) {
        Role added = new Role(role, onGranted, onRevoked);
        if (roles.putIfAbsent(role, added) != null) {
            throw new IllegalStateException("role " + role + " is followed already");
        }
        synchronized (this) {
            if (running) {
                added.start();
            }
        }
    }

    /** Whether this instance holds {@code role}, as far as it knows (no database round trip). */
    public boolean isLeader(String role) {
        if (!clustered) {
            return true;
        }
        Role r = roles.get(role);
        return r != null && r.leader;
    }

    /**
     * Whether this instance holds {@code role} and its lease, read from the database now, has at
     * least half its time left: asked before each poll, so a leader that stalled (a pause, a
     * database cut) does not poll once its lease may already be another's.
     */
    public boolean holdsLease(String role) {
        if (!isLeader(role)) {
            return false;
        }
        if (!clustered) {
            return true;
        }
        try {
            return jdbc.sql("SELECT COUNT(*) FROM INT_LOCK WHERE REGION = ? AND LOCK_KEY = ? AND CLIENT_ID = ?"
                                    + " AND CREATED_DATE >= ?")
                            .params(
                                    REGION,
                                    lockKey(role),
                                    clientId,
                                    lockTime(properties.lease().dividedBy(2)))
                            .query(Long.class)
                            .single()
                    > 0;
        } catch (DataAccessException e) {
            return false; // no database: no proof of the lease, and nothing could be stored anyway
        }
    }

    /** Who leads {@code role} now (an unexpired lease), and since when; empty when nobody does. */
    public Optional<Leader> leaderOf(String role) {
        if (!clustered) {
            return Optional.of(new Leader(instanceId, startedAt));
        }
        return jdbc.sql("SELECT l.instance_id, l.since FROM cluster_leader l JOIN INT_LOCK i"
                        + " ON i.CLIENT_ID = l.client_id AND i.REGION = ? AND i.LOCK_KEY = ?"
                        + " WHERE l.role = ? AND i.CREATED_DATE >= ?")
                .params(REGION, lockKey(role), role, lockTime(properties.lease()))
                .query((rs, n) -> new Leader(
                        rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .optional();
    }

    @Override
    public void start() {
        List<Role> toStart;
        synchronized (this) {
            running = true;
            toStart = new ArrayList<>(roles.values());
        }
        toStart.forEach(Role::start);
    }

    /** Gives every role up (its callbacks run), so another instance takes over at once, not after the lease. */
    @Override
    public void stop() {
        synchronized (this) {
            running = false;
        }
        roles.values().forEach(Role::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started after, and stopped before, everything else: roles start and stop routes of a running context. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private static String lockKey(String role) {
        return UUIDConverter.getUUID(role).toString();
    }

    /** The INT_LOCK time {@code age} ago: the registry writes UTC wall-clock times without a zone. */
    private Timestamp lockTime(Duration age) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(clock.instant().minus(age), ZoneOffset.UTC));
    }

    private void recordLeader(String role, Instant since) {
        try {
            int updated = jdbc.sql("UPDATE cluster_leader SET instance_id = ?, client_id = ?, since = ? WHERE role = ?")
                    .params(instanceId, clientId, since.atOffset(ZoneOffset.UTC), role)
                    .update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO cluster_leader (role, instance_id, client_id, since) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT DO NOTHING")
                        .params(role, instanceId, clientId, since.atOffset(ZoneOffset.UTC))
                        .update();
            }
        } catch (DataAccessException e) {
            log.warn("Cluster: cannot record that {} leads {}: {}", instanceId, role, e.toString());
        }
    }

    /** One role this instance competes for: a candidate of its own initiator. */
    private final class Role implements Candidate {

        private final String name;
        private final Runnable onGranted;
        private final Runnable onRevoked;
        private volatile boolean leader;
        private volatile Instant since;
        private LockRegistryLeaderInitiator initiator;

        Role(String name, Runnable onGranted, Runnable onRevoked) {
            this.name = name;
            this.onGranted = onGranted;
            this.onRevoked = onRevoked;
        }

        synchronized void start() {
            if (!clustered) {
                grant();
                return;
            }
            if (initiator != null) {
                return;
            }
            initiator = new LockRegistryLeaderInitiator(locks, this);
            initiator.setHeartBeatMillis(properties.heartbeat().toMillis());
            initiator.setBusyWaitMillis(properties.heartbeat().toMillis());
            initiator.setTaskExecutor(new SimpleAsyncTaskExecutor("leadership-" + name + "-"));
            initiator.start();
        }

        synchronized void stop() {
            if (!clustered) {
                if (leader) {
                    revoke();
                }
                return;
            }
            if (initiator != null) {
                initiator.stop(); // interrupts the selector, which unlocks and calls onRevoked if it led
                initiator = null;
            }
        }

        @Override
        public String getRole() {
            return name;
        }

        @Override
        public String getId() {
            return clientId;
        }

        @Override
        public void onGranted(Context context) {
            grant();
        }

        @Override
        public void onRevoked(Context context) {
            revoke();
        }

        private void grant() {
            since = clock.instant();
            leader = true;
            if (clustered) {
                recordLeader(name, since);
                log.info("Cluster: {} leads {}", instanceId, name);
            }
            run(onGranted, "granted");
        }

        private void revoke() {
            // Polls check the flag first: clear it before the callback stops anything.
            leader = false;
            if (clustered) {
                log.info("Cluster: {} no longer leads {}", instanceId, name);
            }
            run(onRevoked, "revoked");
        }

        private void run(Runnable callback, String what) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                log.error("Cluster: acting on {} {} failed", name, what, e);
            }
        }
    }
}
