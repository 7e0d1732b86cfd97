package dev.poolwise.it;

import dev.poolwise.CloseReason;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static dev.poolwise.it.EmbeddedPostgresExtension.backendPid;
import static dev.poolwise.it.Sql.execute;
import static dev.poolwise.it.Sql.queryInt;
import static dev.poolwise.it.Sql.queryString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The pool against a real PostgreSQL server (embedded: it needs only the JDK, so these tests never skip).
 * Each test builds its own pool; most use a pool of one connection so that the second borrow is certainly
 * the same physical connection as the first (checked with {@code pg_backend_pid()}).
 */
class PostgresIntegrationTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    @BeforeAll
    static void createObjects() throws SQLException {
        try (Connection admin = PG.adminConnection()) {
            execute(admin, "CREATE TABLE pw_rollback (id int PRIMARY KEY)");
            execute(admin, "CREATE SCHEMA other_schema");
        }
    }

    private static PoolConfig.Builder pool(String name, int size) {
        return PoolConfig.builder()
                .jdbcUrl(PG.jdbcUrl())
                .username(EmbeddedPostgresExtension.USER)
                .poolName(name)
                .maximumPoolSize(size)
                .connectionTimeout(Duration.ofSeconds(10));
    }

    @Test
    void rollsBackOpenTransactionOnReturn() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("pg-rollback", 1).build())) {
            int pid;
            try (Connection c = ds.getConnection()) {
                pid = backendPid(c);
                c.setAutoCommit(false);
                execute(c, "INSERT INTO pw_rollback VALUES (1)");
                assertThat(queryInt(c, "SELECT count(*) FROM pw_rollback WHERE id = 1"))
                        .as("the row is visible inside the borrower's transaction").isEqualTo(1);
                // Closed without commit or rollback.
            }

            try (Connection c = ds.getConnection()) {
                assertThat(backendPid(c)).as("a pool of one hands out the same physical connection").isEqualTo(pid);
                assertThat(c.getAutoCommit()).as("auto-commit restored on return").isTrue();
                assertThat(backendState(pid)).as("the backend is not left idle in transaction").isEqualTo("idle");
                assertThat(queryInt(c, "SELECT count(*) FROM pw_rollback WHERE id = 1"))
                        .as("the uncommitted insert was rolled back").isZero();
            }
            try (Connection admin = PG.adminConnection()) {
                assertThat(queryInt(admin, "SELECT count(*) FROM pw_rollback WHERE id = 1"))
                        .as("nothing was committed").isZero();
            }
        }
    }

    @Test
    void restoresIsolationReadOnlyAndSchemaOnReturn() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("pg-reset", 1).build())) {
            int pid;
            try (Connection c = ds.getConnection()) {
                pid = backendPid(c);
                // Schema and isolation are set while auto-commit is on, so they are session settings that a
                // rollback does not undo: only the pool's reset can.
                c.setSchema("other_schema");
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                c.setReadOnly(true);
                c.setAutoCommit(false);
                assertThat(queryString(c, "SHOW transaction_isolation")).isEqualTo("serializable");
                assertThat(queryString(c, "SHOW transaction_read_only")).isEqualTo("on");
                assertThat(queryString(c, "SELECT current_schema()")).isEqualTo("other_schema");
            }

            try (Connection c = ds.getConnection()) {
                assertThat(backendPid(c)).as("same physical connection").isEqualTo(pid);
                assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
                assertThat(c.isReadOnly()).isFalse();
                assertThat(c.getSchema()).isEqualTo("public");
                assertThat(queryString(c, "SHOW transaction_isolation")).isEqualTo("read committed");
                assertThat(queryString(c, "SELECT current_schema()")).isEqualTo("public");
                // pgjdbc makes a read-only connection read-only per transaction (BEGIN READ ONLY), so look
                // inside one.
                c.setAutoCommit(false);
                assertThat(queryString(c, "SHOW transaction_read_only")).isEqualTo("off");
                assertThat(queryString(c, "SHOW transaction_isolation")).isEqualTo("read committed");
                c.rollback();
            }
        }
    }

    @Test
    void replacesConnectionWhoseBackendWasTerminated() throws SQLException {
        try (PoolwiseDataSource ds = new PoolwiseDataSource(pool("pg-terminated", 1).build())) {
            int pid;
            try (Connection c = ds.getConnection()) {
                pid = backendPid(c);
                PG.terminateBackend(pid);

                assertThatThrownBy(() -> queryInt(c, "SELECT 1"))
                        .as("a statement on the terminated backend fails")
                        .isInstanceOf(SQLException.class);
            }
            await("the broken connection to be closed").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(ds.stats().closed(CloseReason.BROKEN)).isEqualTo(1));

            try (Connection c = ds.getConnection()) {
                assertThat(queryInt(c, "SELECT 1")).isEqualTo(1);
                assertThat(backendPid(c)).as("a new backend").isNotEqualTo(pid);
            }
            assertThat(ds.stats().active()).isZero();
        }
    }

    @Test
    void validatesOnBorrowAndReplacesIdleConnectionWhoseBackendWasTerminated() throws SQLException {
        PoolConfig config = pool("pg-idle-terminated", 1).validationBypassWindow(Duration.ZERO).build();
        try (PoolwiseDataSource ds = new PoolwiseDataSource(config)) {
            int pid;
            try (Connection c = ds.getConnection()) {
                pid = backendPid(c);
            }
            PG.terminateBackend(pid);

            try (Connection c = ds.getConnection()) {
                assertThat(queryInt(c, "SELECT 1")).isEqualTo(1);
                assertThat(backendPid(c)).as("a new backend").isNotEqualTo(pid);
            }
            assertThat(ds.stats().validationFailures()).isEqualTo(1);
            await("the dead idle connection to be closed").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(ds.stats().closed(CloseReason.VALIDATION_FAILED)).isEqualTo(1));
        }
    }

    @Test
    void runsConnectionInitSqlOnEveryNewConnection() throws SQLException {
        PoolConfig config = pool("pg-init-sql", 2)
                .connectionInitSql("SET application_name = 'pw-test'")
                .validationBypassWindow(Duration.ZERO)
                .build();
        try (PoolwiseDataSource ds = new PoolwiseDataSource(config)) {
            int killed;
            try (Connection first = ds.getConnection(); Connection second = ds.getConnection()) {
                assertThat(backendPid(first)).isNotEqualTo(backendPid(second));
                assertThat(queryString(first, "SHOW application_name")).isEqualTo("pw-test");
                assertThat(queryString(second, "SHOW application_name")).isEqualTo("pw-test");
                killed = backendPid(first);
            }
            // A replacement connection, opened later, gets it too.
            PG.terminateBackend(killed);
            try (Connection first = ds.getConnection(); Connection second = ds.getConnection()) {
                assertThat(backendPid(first)).isNotEqualTo(killed);
                assertThat(backendPid(second)).isNotEqualTo(killed);
                assertThat(queryString(first, "SHOW application_name")).isEqualTo("pw-test");
                assertThat(queryString(second, "SHOW application_name")).isEqualTo("pw-test");
            }
            assertThat(ds.stats().connectionsCreated()).isEqualTo(3);
        }
    }

    @Test
    void servesAgainAfterTheServerRestarts(@TempDir Path dataDirectory) throws Exception {
        int port = freePort();
        EmbeddedPostgres server = startOn(port, dataDirectory);
        PoolConfig config = PoolConfig.builder()
                .jdbcUrl(EmbeddedPostgresExtension.jdbcUrl(port))
                .username(EmbeddedPostgresExtension.USER)
                .poolName("pg-restart")
                .maximumPoolSize(2)
                .connectionTimeout(Duration.ofSeconds(2))
                .validationBypassWindow(Duration.ZERO)
                .build();
        try (PoolwiseDataSource ds = new PoolwiseDataSource(config)) {
            try (Connection c = ds.getConnection()) {
                assertThat(queryInt(c, "SELECT 1")).isEqualTo(1);
            }

            server.close();

            long start = System.nanoTime();
            SQLException failure = catchThrowableOfType(SQLException.class, ds::getConnection);
            long waitedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertThat((Throwable) failure).as("getConnection while the server is down").isNotNull();
            assertThat(waitedMillis).as("gave up within connectionTimeout (2 s) plus slack").isLessThan(7_000);
            assertThat(failure.getMessage()).contains("pg-restart")
                    .contains("total=").contains("active=").contains("idle=").contains("waiting=");
            assertThat(failure.getCause()).as("the last connect failure").isInstanceOf(SQLException.class);
            assertThat(((SQLException) failure.getCause()).getSQLState()).startsWith("08");
            assertThat(failure.getCause()).hasRootCauseInstanceOf(ConnectException.class);

            server = startOn(port, dataDirectory);

            await("the pool to serve again").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .untilAsserted(() -> {
                        try (Connection c = ds.getConnection()) {
                            assertThat(queryInt(c, "SELECT 1")).isEqualTo(1);
                        }
                    });
        } finally {
            server.close();
        }
    }

    /** @return the backend's {@code pg_stat_activity.state}: {@code idle}, {@code idle in transaction}, ... */
    private static String backendState(int pid) throws SQLException {
        try (Connection admin = PG.adminConnection()) {
            return queryString(admin, "SELECT state FROM pg_stat_activity WHERE pid = " + pid);
        }
    }

    /** Starts PostgreSQL on a fixed port and data directory that survive {@code close()}, to restart it. */
    private static EmbeddedPostgres startOn(int port, Path dataDirectory) throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
