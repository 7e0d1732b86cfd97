package dev.poolwise.it;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.poolwise.it.EmbeddedPostgresExtension.backendPid;
import static dev.poolwise.it.Sql.execute;
import static dev.poolwise.it.Sql.queryInt;
import static dev.poolwise.it.Sql.queryString;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reset on return (DESIGN.md invariant 5) against real PostgreSQL, one test per kind of session state a
 * borrower can leave behind: each borrows, changes one thing and closes; the next borrow (a pool of one, so
 * the same backend, checked by pid) must see the pool's defaults, and no write may survive uncommitted.
 * docs/pool.md's reset matrix points at these tests.
 */
class SessionResetPostgresTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final String TABLE = "t_corejdbc_reset";

    @BeforeAll
    static void createObjects() throws SQLException {
        try (Connection admin = PG.adminConnection()) {
            execute(admin, "CREATE TABLE " + TABLE + " (id int PRIMARY KEY, v int NOT NULL)");
            execute(admin, "CREATE SCHEMA IF NOT EXISTS corejdbc_other");
        }
    }

    @BeforeEach
    void oneCommittedRow() throws SQLException {
        try (Connection admin = PG.adminConnection()) {
            execute(admin, "DELETE FROM " + TABLE);
            execute(admin, "INSERT INTO " + TABLE + " VALUES (1, 10)");
        }
    }

    private static PoolConfig.Builder pool(String name) {
        return PoolConfig.builder()
                .jdbcUrl(PG.jdbcUrl())
                .username(EmbeddedPostgresExtension.USER)
                .poolName(name)
                .maximumPoolSize(1)
                .connectionTimeout(Duration.ofSeconds(10));
    }

    // ------------------------------------------------------------------ writes that must not survive

    @Test
    void rollsBackUpdateRowMadeAfterCommit() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("pg-reset-update-row").build())) {
            int pid = writeThroughResultSetAfterCommit(ds, rs -> {
                rs.next();
                rs.updateInt("v", 99);
                rs.updateRow();
            });
            assertNothingSurvived(ds, pid);
        }
    }

    @Test
    void rollsBackInsertRowMadeAfterCommit() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("pg-reset-insert-row").build())) {
            int pid = writeThroughResultSetAfterCommit(ds, rs -> {
                rs.moveToInsertRow();
                rs.updateInt("id", 2);
                rs.updateInt("v", 20);
                rs.insertRow();
            });
            assertNothingSurvived(ds, pid);
        }
    }

    @Test
    void rollsBackDeleteRowMadeAfterCommit() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("pg-reset-delete-row").build())) {
            int pid = writeThroughResultSetAfterCommit(ds, rs -> {
                rs.next();
                rs.deleteRow();
            });
            assertNothingSurvived(ds, pid);
        }
    }

    @Test
    void rollsBackUpdateRowMadeUnderPoolDefaultAutoCommitOff() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("pg-reset-update-row-ac-off").autoCommit(false).build())) {
            int pid = writeThroughResultSetAfterCommit(ds, rs -> {
                rs.next();
                rs.updateInt("v", 99);
                rs.updateRow();
            });
            try (Connection c = ds.getConnection()) {
                assertThat(backendPid(c)).isEqualTo(pid);
                c.commit(); // the next borrower's commit must not commit the previous borrower's write
            }
            assertCommittedTableIsUntouched();
        }
    }

    @Test
    void rollsBackExplicitBeginUnderAutoCommit() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("pg-reset-begin").build())) {
            int pid;
            try (Connection c = ds.getConnection()) {
                pid = backendPid(c);
                execute(c, "BEGIN");
                execute(c, "INSERT INTO " + TABLE + " VALUES (2, 20)");
            }
            try (Connection c = ds.getConnection()) {
                assertThat(backendPid(c)).isEqualTo(pid);
                assertThat(backendState(pid)).as("not left idle in transaction").isEqualTo("idle");
                execute(c, "INSERT INTO " + TABLE + " VALUES (3, 30)");
            }
            try (Connection admin = PG.adminConnection()) {
                assertThat(queryInt(admin, "SELECT count(*) FROM " + TABLE + " WHERE id = 3"))
                        .as("the next borrower's auto-committed insert is visible to others").isEqualTo(1);
                assertThat(queryInt(admin, "SELECT count(*) FROM " + TABLE + " WHERE id = 2"))
                        .as("the explicit transaction was rolled back, not committed").isZero();
            }
        }
    }

    @Test
    void endsSnapshotOpenedByMetaDataAfterCommitUnderRepeatableRead() throws SQLException {
        PoolConfig config = pool("pg-reset-metadata").autoCommit(false)
                .transactionIsolation(Connection.TRANSACTION_REPEATABLE_READ).build();
        try (PoolwiseDataSource ds = new PoolwiseDataSource(config)) {
            int pid;
            try (Connection c = ds.getConnection()) {
                pid = backendPid(c);
                c.commit();
                try (ResultSet tables = c.getMetaData().getTables(null, "public", TABLE, null)) {
                    assertThat(tables.next()).isTrue();
                }
            }
            try (Connection admin = PG.adminConnection()) {
                execute(admin, "INSERT INTO " + TABLE + " VALUES (4, 40)");
            }
            try (Connection c = ds.getConnection()) {
                assertThat(backendPid(c)).isEqualTo(pid);
                assertThat(queryInt(c, "SELECT count(*) FROM " + TABLE + " WHERE id = 4"))
                        .as("the next borrower's snapshot is taken after the row was committed").isEqualTo(1);
                c.rollback();
            }
        }
    }

    // ------------------------------------------------------------------ session settings

    @Test
    void restoresHoldability() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("pg-reset-holdability").build())) {
            int original;
            try (Connection c = ds.getConnection()) {
                original = c.getHoldability();
                c.setHoldability(original == ResultSet.HOLD_CURSORS_OVER_COMMIT
                        ? ResultSet.CLOSE_CURSORS_AT_COMMIT : ResultSet.HOLD_CURSORS_OVER_COMMIT);
            }
            try (Connection c = ds.getConnection()) {
                assertThat(c.getHoldability()).isEqualTo(original);
            }
        }
    }

    @Test
    void restoresTypeMap() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("pg-reset-type-map").build())) {
            Map<String, Class<?>> original;
            try (Connection c = ds.getConnection()) {
                original = Map.copyOf(c.getTypeMap());
                c.setTypeMap(Map.of("corejdbc_type", String.class));
            }
            try (Connection c = ds.getConnection()) {
                assertThat(c.getTypeMap()).isEqualTo(original);
            }
        }
    }

    @Test
    void restoresApplicationNameAlsoInPgStatActivity() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("pg-reset-client-info").build())) {
            int pid;
            String original;
            try (Connection c = ds.getConnection()) {
                pid = backendPid(c);
                original = c.getClientInfo("ApplicationName");
                c.setClientInfo("ApplicationName", "borrower-one");
                assertThat(applicationName(pid)).isEqualTo("borrower-one");
            }
            try (Connection c = ds.getConnection()) {
                assertThat(backendPid(c)).isEqualTo(pid);
                assertThat(c.getClientInfo("ApplicationName")).isEqualTo(original);
                assertThat(applicationName(pid)).as("pg_stat_activity is not mislabelled")
                        .isEqualTo(original == null ? "" : original);
            }
        }
    }

    @Test
    void restoresSearchPathAfterSetSchema() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("pg-reset-search-path").build())) {
            String originalPath;
            String originalSchema;
            try (Connection c = ds.getConnection()) {
                originalPath = queryString(c, "SHOW search_path");
                originalSchema = c.getSchema();
                c.setSchema("corejdbc_other");
                assertThat(queryString(c, "SELECT current_schema()")).isEqualTo("corejdbc_other");
            }
            try (Connection c = ds.getConnection()) {
                assertThat(c.getSchema()).isEqualTo(originalSchema);
                assertThat(queryString(c, "SHOW search_path")).isEqualTo(originalPath);
            }
        }
    }

    @Test
    void restoresNetworkTimeout() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("pg-reset-network-timeout").build())) {
            int original;
            try (Connection c = ds.getConnection()) {
                original = c.getNetworkTimeout();
                c.setNetworkTimeout(Runnable::run, original + 12_345);
            }
            try (Connection c = ds.getConnection()) {
                assertThat(c.getNetworkTimeout()).isEqualTo(original);
            }
        }
    }

    @Test
    void restoresAutoCommitIsolationAndReadOnly() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("pg-reset-basic").build())) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                c.setReadOnly(true);
            }
            try (Connection c = ds.getConnection()) {
                assertThat(c.getAutoCommit()).isTrue();
                assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
                assertThat(c.isReadOnly()).isFalse();
            }
        }
    }

    // ------------------------------------------------------------------ the opt-in reset statement

    @Test
    void runsConnectionResetSqlAfterABorrowThatRanSql() throws SQLException {
        PoolConfig config = pool("pg-reset-sql").connectionResetSql("DISCARD ALL").build();
        try (PoolwiseDataSource ds = new PoolwiseDataSource(config)) {
            int pid;
            try (Connection c = ds.getConnection()) {
                pid = backendPid(c);
                execute(c, "SET work_mem = '7MB'");
                execute(c, "CREATE TEMP TABLE corejdbc_temp (id int)");
            }
            try (Connection c = ds.getConnection()) {
                assertThat(backendPid(c)).isEqualTo(pid);
                assertThat(queryString(c, "SHOW work_mem")).as("SQL-level setting discarded").isNotEqualTo("7MB");
                assertThat(queryInt(c, "SELECT count(*) FROM pg_tables WHERE tablename = 'corejdbc_temp'"))
                        .as("temporary table discarded").isZero();
                // pgjdbc's server-prepared statements survive DISCARD ALL (it notices and re-prepares).
                for (int i = 0; i < 8; i++) {
                    try (PreparedStatement p = c.prepareStatement("SELECT ?::int")) {
                        p.setInt(1, i);
                        try (ResultSet rs = p.executeQuery()) {
                            rs.next();
                            assertThat(rs.getInt(1)).isEqualTo(i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void connectionResetSqlKeepsTheConfiguredDefaults() throws SQLException {
        PoolConfig config = pool("pg-reset-sql-defaults").connectionResetSql("DISCARD ALL")
                .schema("corejdbc_other").transactionIsolation(Connection.TRANSACTION_REPEATABLE_READ).build();
        try (PoolwiseDataSource ds = new PoolwiseDataSource(config)) {
            try (Connection c = ds.getConnection()) {
                execute(c, "SET work_mem = '7MB'");
            }
            try (Connection c = ds.getConnection()) {
                assertThat(queryString(c, "SELECT current_schema()")).isEqualTo("corejdbc_other");
                assertThat(queryString(c, "SHOW transaction_isolation")).isEqualTo("repeatable read");
            }
        }
    }

    // ------------------------------------------------------------------ support

    @FunctionalInterface
    private interface ResultSetWrite {
        void apply(ResultSet rs) throws SQLException;
    }

    /** Auto-commit off, a query, commit(), then a write through the updatable result set; close without commit. */
    private static int writeThroughResultSetAfterCommit(PoolwiseDataSource ds, ResultSetWrite write)
            throws SQLException {
        try (Connection c = ds.getConnection()) {
            int pid = backendPid(c);
            c.setAutoCommit(false);
            Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE);
            ResultSet rs = s.executeQuery("SELECT id, v FROM " + TABLE + " ORDER BY id");
            c.commit();
            write.apply(rs);
            return pid;
        }
    }

    private static void assertNothingSurvived(PoolwiseDataSource ds, int pid) throws SQLException {
        try (Connection c = ds.getConnection()) {
            assertThat(backendPid(c)).isEqualTo(pid);
            assertThat(backendState(pid)).as("not left idle in transaction").isEqualTo("idle");
        }
        assertCommittedTableIsUntouched();
    }

    private static void assertCommittedTableIsUntouched() throws SQLException {
        try (Connection admin = PG.adminConnection()) {
            assertThat(queryString(admin, "SELECT string_agg(id || ':' || v, ',' ORDER BY id) FROM " + TABLE))
                    .as("the uncommitted write was rolled back, not committed").isEqualTo("1:10");
        }
    }

    private static String backendState(int pid) throws SQLException {
        try (Connection admin = PG.adminConnection()) {
            return queryString(admin, "SELECT state FROM pg_stat_activity WHERE pid = " + pid);
        }
    }

    private static String applicationName(int pid) throws SQLException {
        try (Connection admin = PG.adminConnection()) {
            return queryString(admin, "SELECT application_name FROM pg_stat_activity WHERE pid = " + pid);
        }
    }
}
