package dev.poolwise.internal.sizing;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolHealth;
import dev.poolwise.SizingMode;
import dev.poolwise.internal.FleetOfPool;
import dev.poolwise.internal.Pool;
import dev.poolwise.it.EmbeddedPostgresExtension;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fleet budget through real pools on embedded PostgreSQL: each pool's connections carry its label in
 * {@code pg_stat_activity}, two pools of one fleet in one JVM count each other and split the budget, a pool
 * left alone takes more, and a pool that cannot count falls back to its own maximum and says so in
 * {@code health()}.
 */
class FleetBudgetPostgresTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static PoolConfig.Builder fleetPool(String poolName, String fleetName, int budget, int minimumIdle) {
        return PoolConfig.builder()
                .jdbcUrl(PG.jdbcUrl())
                .username(EmbeddedPostgresExtension.USER)
                .poolName(poolName)
                .sizing(SizingMode.ADAPTIVE)
                .maximumPoolSize(10)
                .minimumIdle(minimumIdle)
                .fleetBudget(budget)
                .fleetName(fleetName)
                .fleetCountInterval(Duration.ofSeconds(1))
                .connectionTimeout(Duration.ofSeconds(10));
    }

    /** @return connections in {@code pg_stat_activity} whose application name starts with {@code prefix} */
    private static int labelled(String prefix) throws SQLException {
        try (Connection admin = PG.adminConnection();
             PreparedStatement statement = admin.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE left(application_name, ?) = ?")) {
            statement.setInt(1, prefix.length());
            statement.setString(2, prefix);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }


    @Test
    void twoPoolsOfOneFleetSeeEachOtherSplitTheBudgetAndOneLeftAloneTakesMore() throws Exception {
        try (FleetOfPool.Opened openedA = FleetOfPool.open(fleetPool("fleet-pg-a", "pwfleetpg", 10, 4).build())) {
            Pool a = openedA.pool();
            String labelA = FleetOfPool.label(a);
            await("pool a's 4 labelled connections").atMost(Duration.ofSeconds(30))
                    .until(() -> labelled(labelA + ".") == 4);
            int ceilingB;
            try (FleetOfPool.Opened openedB = FleetOfPool.open(fleetPool("fleet-pg-b", "pwfleetpg", 10, 4).build())) {
                Pool b = openedB.pool();
                String labelB = FleetOfPool.label(b);
                assertThat(labelB).isNotEqualTo(labelA).startsWith("pwfleetpg/");
                await("pool b's 4 labelled connections").atMost(Duration.ofSeconds(30))
                        .until(() -> labelled(labelB + ".") == 4);

                FleetCeiling countA = FleetOfPool.awaitCount(a, c -> c.instances() == 2 && c.fleetTotal() == 8);
                FleetCeiling countB = FleetOfPool.awaitCount(b, c -> c.instances() == 2 && c.fleetTotal() == 8);
                // Each claims 4 + 2; the budget of 10 gives each 5, and each may grow by one into the 2 free.
                assertThat(countA.ownCounted()).isEqualTo(4);
                assertThat(countA.allocation()).isEqualTo(5);
                // The counts' ceilings (a ceiling asked for later may be lower: a count's grant lapses).
                int ceilingA = countA.ceiling();
                ceilingB = countB.ceiling();
                assertThat(ceilingA).isEqualTo(5);
                assertThat(ceilingB).isEqualTo(5);
                assertThat(ceilingA + ceilingB).isLessThanOrEqualTo(10);
                assertThat(countB.ownCounted()).isEqualTo(4);
                assertThat(a.health().status()).isEqualTo(PoolHealth.Status.UP);
            }
            await("pool b's connections to leave pg_stat_activity").atMost(Duration.ofSeconds(30))
                    .until(() -> labelled("pwfleetpg/") == 4);
            FleetCeiling alone = FleetOfPool.awaitCount(a, c -> c.instances() == 1);
            assertThat(alone.ceiling()).isGreaterThan(ceilingB);
            assertThat(alone.fleetTotal()).isEqualTo(4);
        }
    }

    @Test
    void aPoolThatCannotCountKeepsToItsMaximumAndSaysSoInHealthWithoutSecrets() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PoolConfig config = fleetPool("fleet-pg-console-down", "pwfleetdown", 4, 1)
                .fleetConsoleUrl("jdbc:postgresql://127.0.0.1:" + closedPort + "/pgbouncer")
                .fleetConsolePassword("console-secret-7431")
                .connectionTimeout(Duration.ofSeconds(2))
                .build();
        try (FleetOfPool.Opened openedPOOL = FleetOfPool.open(config)) {
            Pool pool = openedPOOL.pool();
            // The pool counted once as it started, on its first connection: the console was not there.
            String problem = FleetOfPool.of(pool).problem();
            assertThat(problem).startsWith("CONNECTION_FAILED").contains("PgBouncer");
            assertThat(FleetOfPool.ceiling(pool)).isEqualTo(10);
            PoolHealth health = pool.health();
            assertThat(health.status()).isEqualTo(PoolHealth.Status.DEGRADED);
            assertThat(health.reason()).contains("fleet budget of 4 not kept").contains("CONNECTION_FAILED");
            assertThat(health.reason() + problem).doesNotContain("console-secret-7431");
        }
    }

    @Test
    void aPoolOnADataSourceLabelsItsConnectionsThroughClientInfoAndCounts() throws Exception {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("url", PG.jdbcUrl());
        properties.setProperty("user", EmbeddedPostgresExtension.USER);
        PoolConfig config = PoolConfig.builder()
                .dataSourceClassName("org.postgresql.ds.PGSimpleDataSource")
                .dataSourceProperties(properties)
                .poolName("fleet-pg-datasource")
                .sizing(SizingMode.ADAPTIVE)
                .maximumPoolSize(4)
                .minimumIdle(2)
                .fleetBudget(4)
                .fleetName("pwfleetds")
                .fleetCountInterval(Duration.ofSeconds(1))
                .build();
        try (FleetOfPool.Opened opened = FleetOfPool.open(config)) {
            Pool pool = opened.pool();
            String label = FleetOfPool.label(pool);
            await("the pool's 2 labelled connections").atMost(Duration.ofSeconds(30))
                    .until(() -> labelled(label + ".") == 2);
            FleetCeiling count = FleetOfPool.awaitCount(pool, c -> c.ownCounted() == 2);
            assertThat(count.instances()).isEqualTo(1);
            assertThat(FleetOfPool.of(pool).problem()).isNull();
        }
    }

    @Test
    void aPoolNamesItsFleetAfterTheApplicationNameInItsUrlByDefaultAndLabelsEachConnection() throws Exception {
        PoolConfig config = PoolConfig.builder()
                .jdbcUrl(PG.jdbcUrl() + "?ApplicationName=pwfleetdefault")
                .username(EmbeddedPostgresExtension.USER)
                .poolName("fleet-pg-default-name")
                .sizing(SizingMode.ADAPTIVE)
                .maximumPoolSize(4)
                .minimumIdle(1)
                .fleetBudget(4)
                .build();
        try (FleetOfPool.Opened openedPOOL = FleetOfPool.open(config)) {
            Pool pool = openedPOOL.pool();
            // The URL's ApplicationName names the fleet, and the pool's per-connection label replaces it.
            String label = FleetOfPool.label(pool);
            assertThat(label).startsWith("pwfleetdefault/");
            await("the pool's labelled connection").atMost(Duration.ofSeconds(30))
                    .until(() -> labelled(label + ".") == 1);
            FleetCeiling count = FleetOfPool.awaitCount(pool, c -> true);
            assertThat(FleetOfPool.of(pool).problem()).isNull();
            assertThat(count.ownCounted()).isEqualTo(1);
        }
    }
}
