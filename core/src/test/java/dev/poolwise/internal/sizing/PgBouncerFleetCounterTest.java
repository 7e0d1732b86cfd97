package dev.poolwise.internal.sizing;

import dev.poolwise.it.EmbeddedPostgresExtension;
import dev.poolwise.it.RequiredService;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PgBouncerFleetCounter} against a real PgBouncer in transaction mode in front of embedded PostgreSQL:
 * the fleet's client connections are counted per instance on the admin console, although PostgreSQL itself
 * sees only PgBouncer's few server connections; a user the console does not admit gets a typed result.
 */
class PgBouncerFleetCounterTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final FleetLabel ORDERS_A = new FleetLabel("orders", "a1");
    private static final FleetLabel ORDERS_B = new FleetLabel("orders", "b2");

    private static PgBouncerWithConsole bouncer;
    private static Exception startFailure;

    private final List<Connection> opened = new ArrayList<>();

    @BeforeAll
    static void startPgBouncer() {
        Path binary = PgBouncerWithConsole.binary();
        if (binary == null) {
            return;
        }
        try {
            bouncer = PgBouncerWithConsole.start(binary, portOf(PG.jdbcUrl()));
        } catch (Exception e) {
            startFailure = e;
        }
    }

    private static int portOf(String jdbcUrl) {
        String hostPort = jdbcUrl.substring("jdbc:postgresql://".length(), jdbcUrl.lastIndexOf('/'));
        return Integer.parseInt(hostPort.substring(hostPort.indexOf(':') + 1));
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

    @AfterEach
    void closeConnections() throws SQLException {
        for (Connection connection : opened) {
            connection.close();
        }
    }

    private Connection open(String url, String user, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", "");
        if (applicationName != null) {
            properties.setProperty("ApplicationName", applicationName);
        }
        Connection connection = DriverManager.getConnection(url, properties);
        opened.add(connection);
        return connection;
    }

    @Test
    void countsTheFleetsClientConnectionsOnTheConsole() throws SQLException {
        for (int i = 0; i < 4; i++) {
            open(bouncer.jdbcUrl(), "postgres", ORDERS_A.connectionLabel(i));
        }
        for (int i = 0; i < 3; i++) {
            open(bouncer.jdbcUrl(), "postgres", ORDERS_B.connectionLabel(i));
        }
        open(bouncer.jdbcUrl(), "postgres", "billing/a1");
        // Each client runs a statement, so that PgBouncer has opened server connections too.
        for (Connection connection : opened) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            }
        }

        FleetCountResult result = new PgBouncerFleetCounter(
                () -> open(bouncer.consoleUrl(), "postgres", null)).count(ORDERS_A);

        assertThat(result).isInstanceOf(FleetCountResult.Counted.class);
        FleetCount count = ((FleetCountResult.Counted) result).count();
        assertThat(count.byInstance()).isEqualTo(Map.of("a1", 4, "b2", 3));
        assertThat(count.total()).isEqualTo(7);
    }

    @Test
    void pgBouncerShowsARepeatedApplicationNameOnlyOnItsFirstClientWhichIsWhyLabelsAreDistinct() throws SQLException {
        for (int i = 0; i < 3; i++) {
            open(bouncer.jdbcUrl(), "postgres", ORDERS_A.label());
        }

        FleetCount count = ((FleetCountResult.Counted) new PgBouncerFleetCounter(
                () -> open(bouncer.consoleUrl(), "postgres", null)).count(ORDERS_A)).count();

        // Pins PgBouncer 1.18's behaviour that FleetLabel#connectionLabel works around: when this fails with 3,
        // PgBouncer shows every client's name and shared labels would do.
        assertThat(count.of("a1")).isEqualTo(1);
    }

    @Test
    void aConsoleThatRefusesPgjdbcsLoginSetSaysWhatToDo() {
        FleetCountResult result = new PgBouncerFleetCounter(
                () -> open(bouncer.plainConsoleUrl(), "postgres", null)).count(ORDERS_A);

        // Pins the incompatibility the work-around exists for: when a PgBouncer accepts the SET, this fails
        // and the work-around (and this test) can go.
        assertThat(result).isInstanceOfSatisfying(FleetCountResult.Unavailable.class, unavailable -> {
            assertThat(unavailable.cause()).isEqualTo(FleetCountResult.Cause.NOT_SUPPORTED);
            assertThat(unavailable.message()).contains("SET failed", "replication=database");
        });
    }

    @Test
    void aUserTheConsoleDoesNotAdmitGetsAPermissionResult() {
        FleetCountResult result = new PgBouncerFleetCounter(
                () -> open(bouncer.consoleUrl(), "outsider", null)).count(ORDERS_A);

        assertThat(result).isInstanceOfSatisfying(FleetCountResult.Unavailable.class, unavailable -> {
            assertThat(unavailable.cause()).isEqualTo(FleetCountResult.Cause.PERMISSION);
            assertThat(unavailable.message()).contains("SHOW CLIENTS");
        });
    }
}
