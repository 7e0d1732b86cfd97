package dev.poolwise.reliability;

import dev.poolwise.it.RequiredService;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.TimingTestBuilders;
import dev.poolwise.it.EmbeddedPostgresExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.poolwise.reliability.Sql.execute;
import static dev.poolwise.reliability.Sql.queryInt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 6, scenario 4: the server ends the pool's connections. PostgreSQL: {@code pg_terminate_backend} on
 * every pool connection while idle. MariaDB: {@code wait_timeout} lowered to 3 s for the pool's sessions,
 * which the pool must outrun with {@code keepaliveTime} and {@code maxLifetime} below it.
 */
class ServerSideKillTest {

    private static final int MAXIMUM = 4;
    private static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final String MARIADB_WHERE =
            "MariaDB not reachable at 127.0.0.1:3306 (root, no password, database test)";

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @Test
    void everyIdleConnectionTerminatedOnTheServerIsReplacedOnTheNextBorrows() throws Exception {
        String name = "rel-terminated";
        PoolConfig config = PoolConfig.builder()
                .jdbcUrl(PG.jdbcUrl() + "?ApplicationName=" + name)
                .username(EmbeddedPostgresExtension.USER)
                .poolName(name)
                .maximumPoolSize(MAXIMUM)
                .validationBypassWindow(Duration.ofMillis(100))
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        try (PoolwiseDataSource ds = new PoolwiseDataSource(config)) {
            Set<Integer> killed = new HashSet<>();
            for (Connection c : borrowAll(ds)) {
                killed.add(EmbeddedPostgresExtension.backendPid(c));
                c.close();
            }
            assertThat(killed).hasSize(MAXIMUM);
            for (int pid : killed) {
                PG.terminateBackend(pid);
            }
            Thread.sleep(200); // past validationBypassWindow: the next borrows validate

            for (int round = 0; round < 3; round++) {
                Set<Integer> now = new HashSet<>();
                for (Connection c : borrowAll(ds)) {
                    assertThat(queryInt(c, "SELECT 1")).isEqualTo(1);
                    now.add(EmbeddedPostgresExtension.backendPid(c));
                    c.close();
                }
                assertThat(now).as("round %d: only new backends", round).doesNotContainAnyElementsOf(killed);
            }
            assertThat(ds.stats().validationFailures()).as("terminated connections found by validation")
                    .isEqualTo(MAXIMUM);
        }
    }

    private static List<Connection> borrowAll(PoolwiseDataSource ds) throws SQLException {
        List<Connection> all = new ArrayList<>();
        for (int i = 0; i < MAXIMUM; i++) {
            all.add(ds.getConnection());
        }
        return all;
    }

    @Test
    void keepaliveBelowMariaDbWaitTimeoutMeansNoBorrowerMeetsAClosedSession() throws Exception {
        requireMariaDb();
        // The control: a plain session idle past wait_timeout is closed by the server.
        try (Connection plain = DriverManager.getConnection(MARIADB_URL, "root", "")) {
            execute(plain, "SET SESSION wait_timeout = 3");
            Thread.sleep(4_500);
            assertThatThrownBy(() -> queryInt(plain, "SELECT 1"))
                    .as("a session idle past wait_timeout=3 is gone").isInstanceOf(SQLException.class);
        }

        PoolConfig config = TimingTestBuilders.builder()
                .jdbcUrl(MARIADB_URL)
                .username("root")
                .password("")
                .poolName("rel-wait-timeout")
                .maximumPoolSize(3)
                .connectionInitSql("SET SESSION wait_timeout = 3")
                .keepaliveTime(Duration.ofSeconds(1))
                .maxLifetime(Duration.ofMillis(2_500))
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        int borrows = 0;
        try (PoolwiseDataSource ds = new PoolwiseDataSource(config)) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (System.nanoTime() < end) {
                try (Connection c = ds.getConnection()) {
                    assertThat(queryInt(c, "SELECT @@session.wait_timeout")).isEqualTo(3);
                    assertThat(queryInt(c, "SELECT 1")).isEqualTo(1);
                }
                borrows++;
                // Quiet gaps of up to 4 s: longer than wait_timeout, so only keepalive and lifetime save us.
                Thread.sleep(borrows % 2 == 0 ? 4_000 : ThreadLocalRandom.current().nextInt(50, 500));
            }
            assertThat(ds.stats().connectionsCreated()).as("connections were retired by maxLifetime").isGreaterThan(1);
        }
        assertThat(borrows).isGreaterThanOrEqualTo(3);
    }

    private static void requireMariaDb() {
        try (Connection probe = DriverManager.getConnection(MARIADB_URL + "?connectTimeout=2000", "root", "")) {
            queryInt(probe, "SELECT 1");
        } catch (SQLException e) {
            RequiredService.missing(MARIADB_WHERE, e);
        }
    }
}
