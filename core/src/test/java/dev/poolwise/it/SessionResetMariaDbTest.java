package dev.poolwise.it;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.poolwise.it.Sql.execute;
import static dev.poolwise.it.Sql.queryInt;
import static dev.poolwise.it.Sql.queryLong;
import static dev.poolwise.it.Sql.queryString;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reset on return against real MariaDB ({@code 127.0.0.1:3306}, root, no password, database {@code test};
 * skipped when absent, failing under {@code CI=true}): the same kinds of state as
 * {@link SessionResetPostgresTest}, where MariaDB Connector/J supports them. Tables and the extra database are
 * named for this branch and this JVM, and dropped afterwards.
 */
class SessionResetMariaDbTest {

    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final String WHERE = "MariaDB not reachable at 127.0.0.1:3306 (root, no password, database test)";
    private static final String TABLE = "t_corejdbc_reset_" + ProcessHandle.current().pid();
    private static final String OTHER_DATABASE = "t_corejdbc_db_" + ProcessHandle.current().pid();

    private static SQLException unreachable;

    @BeforeAll
    static void createObjects() {
        try (Connection admin = adminConnection()) {
            execute(admin, "CREATE TABLE IF NOT EXISTS " + TABLE + " (id int PRIMARY KEY, v int NOT NULL) ENGINE=InnoDB");
            execute(admin, "CREATE DATABASE IF NOT EXISTS " + OTHER_DATABASE);
        } catch (SQLException e) {
            unreachable = e;
        }
    }

    @AfterAll
    static void dropObjects() throws SQLException {
        if (unreachable == null) {
            try (Connection admin = adminConnection()) {
                execute(admin, "DROP TABLE IF EXISTS " + TABLE);
                execute(admin, "DROP DATABASE IF EXISTS " + OTHER_DATABASE);
            }
        }
    }

    @BeforeEach
    void requireMariaDbAndOneRow() throws SQLException {
        if (unreachable != null) {
            RequiredService.missing(WHERE, unreachable);
        }
        try (Connection admin = adminConnection()) {
            execute(admin, "DELETE FROM " + TABLE);
            execute(admin, "INSERT INTO " + TABLE + " VALUES (1, 10)");
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

    // ------------------------------------------------------------------ writes that must not survive

    @Test
    void rollsBackUpdateRowMadeAfterCommit() throws SQLException {
        assertResultSetWriteDoesNotSurvive("mariadb-reset-update-row", rs -> {
            rs.next();
            rs.updateInt("v", 99);
            rs.updateRow();
        });
    }

    @Test
    void rollsBackInsertRowMadeAfterCommit() throws SQLException {
        assertResultSetWriteDoesNotSurvive("mariadb-reset-insert-row", rs -> {
            rs.moveToInsertRow();
            rs.updateInt("id", 2);
            rs.updateInt("v", 20);
            rs.insertRow();
        });
    }

    @Test
    void rollsBackDeleteRowMadeAfterCommit() throws SQLException {
        assertResultSetWriteDoesNotSurvive("mariadb-reset-delete-row", rs -> {
            rs.next();
            rs.deleteRow();
        });
    }

    @Test
    void rollsBackExplicitBeginUnderAutoCommit() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("mariadb-reset-begin").build())) {
            long id;
            try (Connection c = ds.getConnection()) {
                id = connectionId(c);
                execute(c, "START TRANSACTION");
                execute(c, "INSERT INTO " + TABLE + " VALUES (2, 20)");
            }
            try (Connection c = ds.getConnection()) {
                assertThat(connectionId(c)).isEqualTo(id);
                execute(c, "INSERT INTO " + TABLE + " VALUES (3, 30)");
            }
            try (Connection admin = adminConnection()) {
                assertThat(queryInt(admin, "SELECT count(*) FROM " + TABLE + " WHERE id = 3"))
                        .as("the next borrower's auto-committed insert is visible to others").isEqualTo(1);
                assertThat(queryInt(admin, "SELECT count(*) FROM " + TABLE + " WHERE id = 2"))
                        .as("the explicit transaction was rolled back, not committed").isZero();
            }
        }
    }

    @Test
    void endsSnapshotOpenedAfterCommitUnderRepeatableRead() throws SQLException {
        PoolConfig config = pool("mariadb-reset-snapshot").autoCommit(false)
                .transactionIsolation(Connection.TRANSACTION_REPEATABLE_READ).build();
        try (PoolwiseDataSource ds = new PoolwiseDataSource(config)) {
            try (Connection c = ds.getConnection()) {
                c.commit();
                try (ResultSet tables = c.getMetaData().getTables("test", null, TABLE, null)) {
                    assertThat(tables.next()).isTrue();
                }
                // A consistent read after commit(): InnoDB takes the snapshot here.
                try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE);
                     ResultSet rs = s.executeQuery("SELECT id, v FROM " + TABLE)) {
                    assertThat(rs.next()).isTrue();
                }
            }
            try (Connection admin = adminConnection()) {
                execute(admin, "INSERT INTO " + TABLE + " VALUES (4, 40)");
            }
            try (Connection c = ds.getConnection()) {
                assertThat(queryInt(c, "SELECT count(*) FROM " + TABLE + " WHERE id = 4"))
                        .as("the next borrower's snapshot is taken after the row was committed").isEqualTo(1);
                c.rollback();
            }
        }
    }

    // ------------------------------------------------------------------ session settings

    @Test
    void restoresAutoCommitIsolationReadOnlyAndCatalog() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("mariadb-reset-basic").build())) {
            int isolation;
            try (Connection c = ds.getConnection()) {
                isolation = c.getTransactionIsolation();
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                c.setReadOnly(true);
                c.setCatalog(OTHER_DATABASE);
                assertThat(queryString(c, "SELECT DATABASE()")).isEqualTo(OTHER_DATABASE);
            }
            try (Connection c = ds.getConnection()) {
                assertThat(c.getAutoCommit()).isTrue();
                assertThat(c.getTransactionIsolation()).isEqualTo(isolation);
                assertThat(c.isReadOnly()).isFalse();
                assertThat(c.getCatalog()).isEqualTo("test");
                assertThat(queryString(c, "SELECT DATABASE()")).isEqualTo("test");
                assertThat(queryString(c, "SELECT @@session.tx_read_only")).isEqualTo("0");
            }
        }
    }

    /** MariaDB Connector/J has no type map ({@code setTypeMap} throws SQLFeatureNotSupportedException). */
    @Test
    void restoresHoldabilityClientInfoAndNetworkTimeout() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("mariadb-reset-more").build())) {
            int holdability;
            String applicationName;
            int networkTimeout;
            try (Connection c = ds.getConnection()) {
                holdability = c.getHoldability();
                applicationName = c.getClientInfo("ApplicationName");
                networkTimeout = c.getNetworkTimeout();
                c.setHoldability(holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT
                        ? ResultSet.CLOSE_CURSORS_AT_COMMIT : ResultSet.HOLD_CURSORS_OVER_COMMIT);
                c.setClientInfo("ApplicationName", "borrower-one");
                c.setNetworkTimeout(Runnable::run, networkTimeout + 12_345);
            }
            try (Connection c = ds.getConnection()) {
                assertThat(c.getHoldability()).isEqualTo(holdability);
                assertThat(c.getClientInfo("ApplicationName")).isEqualTo(applicationName);
                assertThat(c.getNetworkTimeout()).isEqualTo(networkTimeout);
            }
        }
    }

    // ------------------------------------------------------------------ support

    @FunctionalInterface
    private interface ResultSetWrite {
        void apply(ResultSet rs) throws SQLException;
    }

    private void assertResultSetWriteDoesNotSurvive(String name, ResultSetWrite write) throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool(name).build())) {
            long id;
            try (Connection c = ds.getConnection()) {
                id = connectionId(c);
                c.setAutoCommit(false);
                Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE);
                ResultSet rs = s.executeQuery("SELECT id, v FROM " + TABLE + " ORDER BY id");
                c.commit();
                write.apply(rs);
            }
            try (Connection c = ds.getConnection()) {
                assertThat(connectionId(c)).isEqualTo(id);
            }
            try (Connection admin = adminConnection()) {
                assertThat(queryString(admin, "SELECT GROUP_CONCAT(CONCAT(id, ':', v) ORDER BY id) FROM " + TABLE))
                        .as("the uncommitted write was rolled back, not committed").isEqualTo("1:10");
            }
        }
    }
}
