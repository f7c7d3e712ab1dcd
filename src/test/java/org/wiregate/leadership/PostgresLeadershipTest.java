package org.wiregate.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.wiregate.support.PostgresSchema;
import org.wiregate.support.RequiresPostgres;

/**
 * Leadership between three "instances" (three {@link Leadership}s, each its own lock registry and
 * client id) on one PostgreSQL schema, with a short lease: one leader per role at a time, a
 * graceful stop hands the role over at once, a leader whose renewals fail refuses polls at once and
 * another instance gets the role only when the lease has run out.
 */
@ExtendWith(RequiresPostgres.class)
class PostgresLeadershipTest {

    private static final String ROLE = SourceLeadership.roleOf("agency");
    private static final ClusterProperties PROPERTIES =
            new ClusterProperties(Duration.ofMillis(1500), Duration.ofMillis(300));

    private PostgresSchema schema;
    private DriverManagerDataSource dataSource;
    private final List<Leadership> instances = new ArrayList<>();

    @BeforeEach
    void migrate() {
        schema = PostgresSchema.create("wiregate_leadership");
        Flyway.configure()
                .dataSource(RequiresPostgres.URL, RequiresPostgres.USER, "")
                .schemas(schema.name())
                .createSchemas(true)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        dataSource = new DriverManagerDataSource(
                RequiresPostgres.URL + "?currentSchema=" + schema.name(), RequiresPostgres.USER, "");
    }

    @AfterEach
    void stop() throws Exception {
        instances.forEach(Leadership::stop);
        schema.drop();
    }

    private Leadership instance(String id) {
        Leadership leadership = new Leadership(
                true,
                id,
                PROPERTIES,
                dataSource,
                new DataSourceTransactionManager(dataSource),
                JdbcClient.create(dataSource),
                Clock.systemUTC());
        instances.add(leadership);
        return leadership;
    }

    @Test
    void oneLeaderAtATimeAndAGracefulStopHandsTheRoleOver() {
        List<String> granted = new CopyOnWriteArrayList<>();
        AtomicInteger leading = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Leadership> three = List.of(instance("gw-1"), instance("gw-2"), instance("gw-3"));
        for (Leadership l : three) {
            l.follow(
                    ROLE,
                    () -> {
                        granted.add(l.instanceId());
                        mostAtOnce.accumulateAndGet(leading.incrementAndGet(), Math::max);
                    },
                    leading::decrementAndGet);
            l.start();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> granted.size() == 1);
        Leadership first =
                three.stream().filter(l -> l.isLeader(ROLE)).findFirst().orElseThrow();
        assertThat(three.stream().filter(l -> l.holdsLease(ROLE))).containsExactly(first);
        assertThat(first.leaderOf(ROLE))
                .hasValueSatisfying(leader -> assertThat(leader.instanceId()).isEqualTo(first.instanceId()));
        // Followers keep trying for several leases' time: still one leader.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> granted.size() == 1);
        assertThat(granted).containsExactly(first.instanceId());

        long t0 = System.nanoTime();
        first.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> granted.size() == 2);
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .as("handover after a graceful stop: no waiting for the lease to expire")
                .isLessThan(PROPERTIES.lease());
        assertThat(granted.get(1)).isNotEqualTo(first.instanceId());
        assertThat(mostAtOnce.get()).as("instances leading at the same time").isEqualTo(1);
    }

    @Test
    void aLeaderThatStopsRenewingRefusesPollsBeforeAnotherInstanceTakesOver() {
        Leadership stalled = instance("gw-stalled");
        stalled.follow(ROLE, () -> {}, () -> {});
        stalled.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> stalled.holdsLease(ROLE));
        // A leader cut off from its lease: its renewals (an update by the same client) no longer land.
        JdbcClient sql = JdbcClient.create(dataSource);
        Leadership other = instance("gw-other");
        other.follow(ROLE, () -> {}, () -> {});
        other.start();
        sql.sql("CREATE FUNCTION freeze_lock() RETURNS trigger AS $$ BEGIN IF OLD.client_id = NEW.client_id"
                        + " THEN RETURN NULL; END IF; RETURN NEW; END $$ LANGUAGE plpgsql")
                .update();
        sql.sql("CREATE TRIGGER freeze_lock BEFORE UPDATE ON int_lock FOR EACH ROW EXECUTE FUNCTION freeze_lock()")
                .update();

        // Its next renewal finds no row to update: it stops leading and refuses to poll at once ...
        await().atMost(Duration.ofSeconds(5)).until(() -> !stalled.holdsLease(ROLE));
        assertThat(other.isLeader(ROLE)).as("the other instance leads already").isFalse();
        // ... and only after the whole lease does the other instance take the role.
        await().atMost(Duration.ofSeconds(10)).until(() -> other.holdsLease(ROLE));
        assertThat(stalled.holdsLease(ROLE)).isFalse();
        assertThat(other.leaderOf(ROLE))
                .hasValueSatisfying(leader -> assertThat(leader.instanceId()).isEqualTo("gw-other"));
    }

    @Test
    void withoutClusteringEveryRoleIsHeldHere() {
        Leadership alone = new Leadership(
                false,
                "solo",
                PROPERTIES,
                dataSource,
                new DataSourceTransactionManager(dataSource),
                JdbcClient.create(dataSource),
                Clock.systemUTC());
        instances.add(alone);
        AtomicInteger granted = new AtomicInteger();
        alone.follow(ROLE, granted::incrementAndGet, () -> {});
        alone.start();
        assertThat(alone.clustered()).isFalse();
        assertThat(granted.get()).isEqualTo(1);
        assertThat(alone.holdsLease(ROLE)).isTrue();
        assertThat(alone.isLeader(Leadership.JOBS)).isTrue();
        assertThat(JdbcClient.create(dataSource)
                        .sql("SELECT COUNT(*) FROM int_lock")
                        .query(Long.class)
                        .single())
                .as("lock rows written without clustering")
                .isZero();
    }
}
