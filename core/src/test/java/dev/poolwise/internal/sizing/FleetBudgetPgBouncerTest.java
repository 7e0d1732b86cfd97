package dev.poolwise.internal.sizing;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolHealth;
import dev.poolwise.SizingMode;
import dev.poolwise.internal.FleetOfPool;
import dev.poolwise.internal.Pool;
import dev.poolwise.it.EmbeddedPostgresExtension;
import dev.poolwise.it.RequiredService;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet budget through a real pool behind PgBouncer (transaction mode, in front of embedded PostgreSQL),
 * counting on its admin console ({@code fleetConsoleUrl}): the pool's client connections are counted per
 * instance with another instance's, although PostgreSQL sees only PgBouncer's server connections; the console
 * URL needs neither {@code preferQueryMode=simple} nor {@code replication=database} from the user; a console
 * user PgBouncer does not admit makes the pool fall back to its maximum and say so in {@code health()}.
 */
class FleetBudgetPgBouncerTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static PgBouncerWithConsole bouncer;
    private static Exception startFailure;

    @BeforeAll
    static void startPgBouncer() {
        Path binary = PgBouncerWithConsole.binary();
        if (binary == null) {
            return;
        }
        try {
            String url = PG.jdbcUrl();
            String hostPort = url.substring("jdbc:postgresql://".length(), url.lastIndexOf('/'));
            int port = Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1));
            bouncer = PgBouncerWithConsole.start(binary, port);
        } catch (Exception e) {
            startFailure = e;
        }
    }

    @AfterAll
    static void stopPgBouncer() throws Exception {
        if (bouncer != null) {
            bouncer.close();
        }
    }

    @BeforeEach
    void requirePgBouncer() {
        if (bouncer == null) {
            RequiredService.missing("pgbouncer (Debian package pgbouncer, /usr/sbin/pgbouncer)", startFailure);
        }
    }

    /** A pool behind PgBouncer; the console URL as a user would first write it, without pgjdbc's work-arounds. */
    private static PoolConfig.Builder fleetPool(String poolName) {
        return PoolConfig.builder()
                .jdbcUrl(bouncer.jdbcUrl())
                .username("postgres")
                .poolName(poolName)
                .sizing(SizingMode.ADAPTIVE)
                .maximumPoolSize(10)
                .minimumIdle(3)
                .fleetBudget(8)
                .fleetName("pwfleetbouncer")
                .fleetCountInterval(Duration.ofSeconds(1))
                .fleetConsoleUrl("jdbc:postgresql://" + bouncer.jdbcUrl().substring("jdbc:postgresql://".length(),
                        bouncer.jdbcUrl().lastIndexOf('/')) + "/pgbouncer")
                .connectionTimeout(Duration.ofSeconds(10));
    }


    @Test
    void countsThePoolsClientConnectionsWithAnotherInstancesOnTheConsole() throws SQLException {
        Properties other = new Properties();
        other.setProperty("user", "postgres");
        other.setProperty("password", "");
        other.setProperty("ApplicationName", new FleetLabel("pwfleetbouncer", "zz").connectionLabel(0));
        try (FleetOfPool.Opened opened = FleetOfPool.open(fleetPool("fleet-bouncer").build());
             Connection otherInstance = DriverManager.getConnection(bouncer.jdbcUrl(), other)) {
            Pool pool = opened.pool();
            FleetCeiling count = FleetOfPool.awaitCount(pool, c -> c.instances() == 2 && c.fleetTotal() == 4);
            assertThat(count.ownCounted()).isEqualTo(3);
            // Claims 3 + 2 and 1 + 1 of a budget of 8: 2 for the other, 5 for the pool, which may grow into 4 free.
            assertThat(count.allocation()).isEqualTo(5);
            assertThat(count.ceiling()).isEqualTo(5);
            assertThat(pool.health().status()).isEqualTo(PoolHealth.Status.UP);
            assertThat(otherInstance.isValid(1)).isTrue();
        }
    }

    @Test
    void aConsoleUserPgBouncerDoesNotAdmitFallsBackAndShowsInHealth() {
        PoolConfig config = fleetPool("fleet-bouncer-outsider").fleetConsoleUsername("outsider").build();
        try (FleetOfPool.Opened opened = FleetOfPool.open(config)) {
            Pool pool = opened.pool();
            String problem = FleetOfPool.of(pool).problem();
            assertThat(problem).as("the count at start failed").isNotNull().startsWith("PERMISSION");
            assertThat(FleetOfPool.ceiling(pool)).isEqualTo(10);
            PoolHealth health = pool.health();
            assertThat(health.status()).isEqualTo(PoolHealth.Status.DEGRADED);
            assertThat(health.reason()).contains("fleet budget of 8 not kept").contains("PERMISSION");
        }
    }
}
