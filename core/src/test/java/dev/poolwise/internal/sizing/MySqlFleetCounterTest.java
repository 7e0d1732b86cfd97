package dev.poolwise.internal.sizing;

import dev.poolwise.it.RequiredService;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link MySqlFleetCounter} against real MariaDB servers: a server of the test's own with
 * {@code performance_schema} on, where MariaDB Connector/J's {@code connectionAttributes=program_name:...}
 * labels connections per instance; and the shared server on 127.0.0.1:3306, as MariaDB ships
 * ({@code performance_schema} off), where only a count by user is possible. Each test uses a database user of
 * its own ({@code pw_fleet_<pid>}, dropped afterwards) so that other builds' connections are not counted.
 */
class MySqlFleetCounterTest {

    /** No database: the test's user has no grants on any. */
    private static final String SHARED_URL = "jdbc:mariadb://127.0.0.1:3306/";
    private static final String SHARED = "MariaDB not reachable at 127.0.0.1:3306 (root, no password, database test)";
    private static final String USER = "pw_fleet_" + ProcessHandle.current().pid();
    private static final FleetLabel ORDERS_A = new FleetLabel("orders", "a1");
    private static final FleetLabel ORDERS_B = new FleetLabel("orders", "b2");

    private static PrivateMariaDb privateServer;
    private static Exception privateServerFailure;

    private final List<Connection> opened = new ArrayList<>();

    @BeforeAll
    static void startPrivateServer() {
        if (!PrivateMariaDb.installed()) {
            return;
        }
        try {
            privateServer = PrivateMariaDb.start();
            createUser(privateServer.jdbcUrl());
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

    @AfterEach
    void closeConnections() throws SQLException {
        for (Connection connection : opened) {
            connection.close();
        }
    }

    /** The test's user: may log in and nothing else (no PROCESS, no SELECT on performance_schema). */
    private static void createUser(String url) throws SQLException {
        try (Connection root = DriverManager.getConnection(url, "root", "");
             Statement statement = root.createStatement()) {
            statement.execute("DROP USER IF EXISTS '" + USER + "'@'%'");
            statement.execute("CREATE USER '" + USER + "'@'%'");
        }
    }

    private Connection open(String url, String user, FleetLabel label) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", "");
        if (label != null) {
            properties.setProperty("connectionAttributes", "program_name:" + label.label());
        }
        Connection connection = DriverManager.getConnection(url, properties);
        opened.add(connection);
        return connection;
    }

    private static String requirePrivateServer() {
        if (privateServer == null) {
            RequiredService.missing("a MariaDB server of the test's own (/usr/sbin/mariadbd and "
                    + "/usr/bin/mariadb-install-db, Debian package mariadb-server)", privateServerFailure);
        }
        return privateServer.jdbcUrl();
    }

    private static FleetCount counted(FleetCountResult result) {
        assertThat(result).isInstanceOf(FleetCountResult.Counted.class);
        return ((FleetCountResult.Counted) result).count();
    }

    @Test
    void countsByProgramNameWherePerformanceSchemaIsOn() throws SQLException {
        String url = requirePrivateServer();
        for (int i = 0; i < 3; i++) {
            open(url, "root", ORDERS_A);
        }
        open(url, "root", ORDERS_B);
        open(url, "root", new FleetLabel("billing", "a1"));
        open(url, "root", null);

        FleetCount count = counted(new MySqlFleetCounter(() -> open(url, "root", ORDERS_A), true).count(ORDERS_A));

        assertThat(count.basis()).isEqualTo(FleetCount.Basis.BY_LABEL);
        assertThat(count.byInstance()).as("three, and the counting connection").isEqualTo(Map.of("a1", 4, "b2", 1));
        assertThat(count.unattributed()).isZero();
    }

    @Test
    void fallsBackToCountingByUserWhenTheUserMayNotReadPerformanceSchema() throws SQLException {
        String url = requirePrivateServer();
        open(url, USER, ORDERS_A);
        open(url, USER, ORDERS_B);
        open(url, "root", ORDERS_B); // another user's: not counted by user

        FleetCount count = counted(new MySqlFleetCounter(() -> open(url, USER, ORDERS_A), true).count(ORDERS_A));

        assertThat(count.basis()).isEqualTo(FleetCount.Basis.BY_USER);
        assertThat(count.unattributed()).as("the user's three connections, the counting one included").isEqualTo(3);
    }

    @Test
    void fallsBackToCountingByUserWhenItsOwnCountingConnectionCarriesNoLabel() throws SQLException {
        String url = requirePrivateServer();
        open(url, "root", ORDERS_A);

        // As when the pool's driver did not send connectionAttributes: the label count cannot be right.
        FleetCount count = counted(new MySqlFleetCounter(() -> open(url, "root", null), true).count(ORDERS_A));

        assertThat(count.basis()).isEqualTo(FleetCount.Basis.BY_USER);
    }

    @Test
    void countsTheUsersConnectionsOnTheSharedServer() throws SQLException {
        try {
            createUser(SHARED_URL + "?connectTimeout=2000");
        } catch (SQLException e) {
            RequiredService.missing(SHARED, e);
        }
        open(SHARED_URL, USER, ORDERS_A);
        open(SHARED_URL, USER, ORDERS_A);
        open(SHARED_URL, USER, ORDERS_B);

        FleetCount count = counted(new MySqlFleetCounter(() -> open(SHARED_URL, USER, ORDERS_A), true).count(ORDERS_A));

        // The user may not read performance_schema whether it is on or off, so this is the count by user
        // either way; on this machine performance_schema is also off, as MariaDB ships.
        assertThat(count.basis()).isEqualTo(FleetCount.Basis.BY_USER);
        assertThat(count.total()).isEqualTo(4);
    }

    @Test
    void aServerThatCannotBeReachedIsAResultNotAnException() {
        FleetCountResult result = new MySqlFleetCounter(() -> {
            throw new SQLException("Socket fail to connect to 127.0.0.1:1", "08000");
        }, true).count(ORDERS_A);

        assertThat(result).isInstanceOfSatisfying(FleetCountResult.Unavailable.class,
                unavailable -> assertThat(unavailable.cause()).isEqualTo(FleetCountResult.Cause.CONNECTION_FAILED));
    }
}
