package dev.poolwise.internal.sizing;

import dev.poolwise.PoolConfig;
import dev.poolwise.SizingMode;
import dev.poolwise.internal.FleetOfPool;
import dev.poolwise.internal.Pool;
import dev.poolwise.it.RequiredService;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet budget through real pools on MariaDB: on a server of the test's own with
 * {@code performance_schema} on, the pools' {@code program_name} labels (sent by MariaDB Connector/J as
 * {@code connectionAttributes}) tell the two instances apart; on the shared server at 127.0.0.1:3306 (as
 * MariaDB ships, {@code performance_schema} off) the pools count by user, with a user of this test's own
 * ({@code pw_fleetpool_<pid>}, dropped afterwards), and another instance's connections come off the room.
 */
class FleetBudgetMariaDbTest {

    private static final String SHARED_URL = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final String USER = "pw_fleetpool_" + ProcessHandle.current().pid();

    private static PrivateMariaDb privateServer;
    private static Exception privateServerFailure;

    @BeforeAll
    static void startPrivateServer() {
        if (!PrivateMariaDb.installed()) {
            return;
        }
        try {
            privateServer = PrivateMariaDb.start();
        } catch (Exception e) {
            privateServerFailure = e;
        }
    }

    @AfterAll
    static void stopPrivateServerAndDropSharedUser() throws Exception {
        if (privateServer != null) {
            privateServer.close();
        }
        try (Connection root = DriverManager.getConnection(SHARED_URL + "?connectTimeout=2000", "root", "");
             Statement statement = root.createStatement()) {
            statement.execute("DROP USER IF EXISTS '" + USER + "'@'%'");
        } catch (SQLException unreachable) {
            // nothing was created there
        }
    }

    private static PoolConfig.Builder fleetPool(String url, String user, String poolName, int minimumIdle) {
        return PoolConfig.builder()
                .jdbcUrl(url)
                .username(user)
                .password("")
                .poolName(poolName)
                .sizing(SizingMode.ADAPTIVE)
                .maximumPoolSize(10)
                .minimumIdle(minimumIdle)
                .fleetBudget(10)
                .fleetName("pwfleetmaria")
                .fleetCountInterval(Duration.ofSeconds(1))
                .connectionTimeout(Duration.ofSeconds(10));
    }


    @Test
    void twoPoolsAreToldApartByProgramNameWherePerformanceSchemaIsOn() {
        if (privateServer == null) {
            RequiredService.missing("a MariaDB server of the test's own (/usr/sbin/mariadbd and "
                    + "/usr/bin/mariadb-install-db, Debian package mariadb-server)", privateServerFailure);
        }
        String url = privateServer.jdbcUrl();
        try (FleetOfPool.Opened openedA = FleetOfPool.open(fleetPool(url, "root", "fleet-maria-a", 3).build());
             FleetOfPool.Opened openedB = FleetOfPool.open(fleetPool(url, "root", "fleet-maria-b", 3).build())) {
            Pool a = openedA.pool();
            Pool b = openedB.pool();
            // Only a count by label sees two instances; a count by user sees one number.
            FleetCeiling countA = FleetOfPool.awaitCount(a, c -> c.instances() == 2 && c.fleetTotal() == 6);
            FleetCeiling countB = FleetOfPool.awaitCount(b, c -> c.instances() == 2 && c.fleetTotal() == 6);
            assertThat(countA.ownCounted()).isEqualTo(3);
            int ceilingA = countA.ceiling();
            int ceilingB = countB.ceiling();
            assertThat(ceilingA).isEqualTo(5);
            assertThat(ceilingA + ceilingB).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void poolsCountByUserOnTheSharedServerAndAnotherInstancesConnectionsComeOffTheRoom() throws SQLException {
        try (Connection root = DriverManager.getConnection(SHARED_URL + "?connectTimeout=2000", "root", "");
             Statement statement = root.createStatement()) {
            statement.execute("DROP USER IF EXISTS '" + USER + "'@'%'");
            statement.execute("CREATE USER '" + USER + "'@'%'");
        } catch (SQLException e) {
            RequiredService.missing("MariaDB at 127.0.0.1:3306 (root, no password, database test)", e);
        }
        String url = "jdbc:mariadb://127.0.0.1:3306/";
        try (FleetOfPool.Opened openedA = FleetOfPool.open(fleetPool(url, USER, "fleet-maria-shared-a", 3).build())) {
            Pool a = openedA.pool();
            FleetCeiling alone = FleetOfPool.awaitCount(a, c -> c.fleetTotal() == 3);
            assertThat(alone.instances()).isEqualTo(1);
            assertThat(alone.ownCounted()).isEqualTo(3);
            try (FleetOfPool.Opened openedB =
                    FleetOfPool.open(fleetPool(url, USER, "fleet-maria-shared-b", 4).build())) {
                FleetCeiling shared = FleetOfPool.awaitCount(a, c -> c.fleetTotal() == 7);
                assertThat(shared.ownCounted()).isEqualTo(3);
                // B's 4 cannot be told from other users of the account: fixed, so A's room is at most 10 - 4.
                assertThat(shared.ceiling()).isLessThanOrEqualTo(6);
            }
        }
    }
}
