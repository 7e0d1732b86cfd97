package dev.poolwise.it;

import dev.poolwise.CloseReason;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.poolwise.it.Sql.execute;
import static dev.poolwise.it.Sql.queryInt;
import static dev.poolwise.it.Sql.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The pool against a real MariaDB server on {@code 127.0.0.1:3306} (user {@code root}, no password, database
 * {@code test}), with the MariaDB Connector/J. Skipped when no such server answers, except under
 * {@code CI=true}, where a missing server fails the tests.
 */
class MariaDbIntegrationTest {

    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final String WHERE = "MariaDB not reachable at 127.0.0.1:3306 (root, no password, database test)";
    /** One table per test JVM, so that two builds sharing the server do not see each other's rows. */
    private static final String TABLE = "pw_it_rollback_" + ProcessHandle.current().pid();

    /** Why MariaDB could not be reached, or {@code null} when it can. */
    private static SQLException unreachable;

    @BeforeAll
    static void probeMariaDb() {
        try (Connection admin = adminConnection()) {
            execute(admin, "CREATE TABLE IF NOT EXISTS " + TABLE + " (id int PRIMARY KEY) ENGINE=InnoDB");
        } catch (SQLException e) {
            unreachable = e;
        }
    }

    @AfterAll
    static void dropTable() throws SQLException {
        if (unreachable == null) {
            try (Connection admin = adminConnection()) {
                execute(admin, "DROP TABLE IF EXISTS " + TABLE);
            }
        }
    }

    /** Skips (or, under CI, fails) each test, so that every one shows up as skipped with the reason. */
    @BeforeEach
    void requireMariaDbAndEmptyTable() throws SQLException {
        if (unreachable != null) {
            RequiredService.missing(WHERE + "; start one, e.g. `start-stop-daemon --start --background "
                    + "--exec /usr/sbin/mariadbd`", unreachable);
        }
        try (Connection admin = adminConnection()) {
            execute(admin, "DELETE FROM " + TABLE);
        }
    }

    private static Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(URL + "?connectTimeout=2000", "root", "");
    }

    private static PoolConfig.Builder pool(String name) {
        return PoolConfig.builder()
                .jdbcUrl(URL)
                .username("root")
                .password("")
                .poolName(name)
                .maximumPoolSize(1)
                .connectionTimeout(Duration.ofSeconds(10));
    }

    private static long connectionId(Connection connection) throws SQLException {
        return queryLong(connection, "SELECT CONNECTION_ID()");
    }

    @Test
    void replacesConnectionKilledOnTheServer() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("mariadb-killed").build())) {
            long id;
            try (Connection c = ds.getConnection()) {
                id = connectionId(c);
                kill(id);

                assertThatThrownBy(() -> queryInt(c, "SELECT 1"))
                        .as("a statement on the killed connection fails")
                        .isInstanceOf(SQLException.class);
            }
            await("the broken connection to be closed").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(ds.stats().closed(CloseReason.BROKEN)).isEqualTo(1));

            try (Connection c = ds.getConnection()) {
                assertThat(queryInt(c, "SELECT 1")).isEqualTo(1);
                assertThat(connectionId(c)).as("a new server connection").isNotEqualTo(id);
            }
            assertThat(ds.stats().active()).isZero();
        }
    }

    @Test
    void rollsBackOpenTransactionOnReturn() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("mariadb-rollback").build())) {
            long id;
            try (Connection c = ds.getConnection()) {
                id = connectionId(c);
                c.setAutoCommit(false);
                execute(c, "INSERT INTO " + TABLE + " VALUES (1)");
                assertThat(queryInt(c, "SELECT COUNT(*) FROM " + TABLE))
                        .as("the row is visible inside the borrower's transaction").isEqualTo(1);
                // Closed without commit or rollback.
            }

            try (Connection c = ds.getConnection()) {
                assertThat(connectionId(c)).as("a pool of one hands out the same server connection").isEqualTo(id);
                assertThat(c.getAutoCommit()).isTrue();
                assertThat(queryInt(c, "SELECT @@autocommit")).as("auto-commit restored on the server").isEqualTo(1);
                assertThat(queryInt(c, "SELECT COUNT(*) FROM " + TABLE))
                        .as("the uncommitted insert was rolled back").isZero();
            }
            try (Connection admin = adminConnection()) {
                assertThat(queryInt(admin, "SELECT COUNT(*) FROM " + TABLE)).as("nothing was committed").isZero();
            }
        }
    }

    /** Kills a server connection from another connection and waits until it has left the process list. */
    private static void kill(long id) throws SQLException {
        try (Connection admin = adminConnection()) {
            execute(admin, "KILL " + id);
            await("connection " + id + " to leave the process list").atMost(Duration.ofSeconds(30)).until(() -> {
                try (PreparedStatement alive = admin.prepareStatement(
                        "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?")) {
                    alive.setLong(1, id);
                    try (ResultSet rs = alive.executeQuery()) {
                        rs.next();
                        return rs.getInt(1) == 0;
                    }
                }
            });
        }
    }
}
