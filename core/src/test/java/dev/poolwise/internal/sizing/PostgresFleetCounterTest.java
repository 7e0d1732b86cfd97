package dev.poolwise.internal.sizing;

import dev.poolwise.it.EmbeddedPostgresExtension;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link PostgresFleetCounter} against a real PostgreSQL (embedded): connections opened with pgjdbc's
 * {@code ApplicationName} are counted per instance, other applications are not, a role without any privilege
 * still sees other roles' application names, and failures come back typed.
 */
class PostgresFleetCounterTest {

    @RegisterExtension
    static final EmbeddedPostgresExtension PG = new EmbeddedPostgresExtension();

    private static final FleetLabel ORDERS_A = new FleetLabel("orders", "a1");
    private static final FleetLabel ORDERS_B = new FleetLabel("orders", "b2");

    private final List<Connection> opened = new ArrayList<>();

    /**
     * Closes this test's connections and waits until their backends have left {@code pg_stat_activity} (a
     * backend exits after its client hangs up), so that the next test counts only its own.
     */
    @AfterEach
    void closeConnections() throws SQLException {
        for (Connection connection : opened) {
            connection.close();
        }
        await("the test's backends to exit").atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection superuser = admin().get(); Statement statement = superuser.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                         + " WHERE application_name LIKE 'orders%' OR application_name LIKE 'billing%'")) {
                rows.next();
                return rows.getInt(1) == 0;
            }
        });
    }

    private Connection open(String applicationName, String user) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", "");
        if (applicationName != null) {
            properties.setProperty("ApplicationName", applicationName);
        }
        Connection connection = DriverManager.getConnection(PG.jdbcUrl(), properties);
        opened.add(connection);
        return connection;
    }

    /** A counting connection that is not one of the fleet's, closed by the counter. */
    private FleetCounter.ConnectionSource admin() {
        return () -> DriverManager.getConnection(PG.jdbcUrl(), EmbeddedPostgresExtension.USER, "");
    }

    @Test
    void countsTheFleetsConnectionsPerInstanceAndNothingElse() throws SQLException {
        for (int i = 0; i < 2; i++) {
            open(ORDERS_A.connectionLabel(i), "postgres");
        }
        open(ORDERS_A.label(), "postgres");   // an instance label without a connection number counts too
        open(ORDERS_B.connectionLabel(0), "postgres");
        open("orders", "postgres");          // names the fleet, not an instance
        open("billing/a1", "postgres");      // another application
        open("orders-report/a1", "postgres"); // shares a prefix, not the fleet
        open(null, "postgres");

        FleetCountResult result = new PostgresFleetCounter(admin(), false).count(ORDERS_A);

        assertThat(result).isInstanceOf(FleetCountResult.Counted.class);
        FleetCount count = ((FleetCountResult.Counted) result).count();
        assertThat(count.basis()).isEqualTo(FleetCount.Basis.BY_LABEL);
        assertThat(count.byInstance()).isEqualTo(Map.of("a1", 3, "b2", 1));
        assertThat(count.unattributed()).isEqualTo(1);
        assertThat(count.total()).isEqualTo(5);
    }

    @Test
    void countsItsOwnCountingConnectionWhenItIsOneOfThePools() throws SQLException {
        open(ORDERS_A.label(), "postgres");

        FleetCountResult result = new PostgresFleetCounter(() -> open(ORDERS_A.label(), "postgres"), true)
                .count(ORDERS_A);

        assertThat(((FleetCountResult.Counted) result).count().of("a1")).isEqualTo(2);
    }

    @Test
    void aRoleWithoutPrivilegesStillSeesOtherRolesApplicationNames() throws SQLException {
        try (Connection superuser = admin().get(); Statement statement = superuser.createStatement()) {
            statement.execute("DROP ROLE IF EXISTS pw_fleet_counter");
            statement.execute("CREATE ROLE pw_fleet_counter LOGIN");
        }
        open(ORDERS_A.label(), "postgres");
        open(ORDERS_B.label(), "postgres");

        FleetCountResult result = new PostgresFleetCounter(() -> open(null, "pw_fleet_counter"), false)
                .count(ORDERS_A);

        assertThat(((FleetCountResult.Counted) result).count().byInstance()).isEqualTo(Map.of("a1", 1, "b2", 1));
    }

    @Test
    void saysSoWhenItsOwnCountingConnectionIsNotThere() throws SQLException {
        open(ORDERS_B.label(), "postgres");

        // The pool's counting connection should carry orders/a1; this one does not, as behind a pooler that
        // hands out a server connection labelled by someone else.
        FleetCountResult result = new PostgresFleetCounter(() -> open("orders/zz", "postgres"), true)
                .count(ORDERS_A);

        assertThat(result).isInstanceOfSatisfying(FleetCountResult.Unavailable.class, unavailable -> {
            assertThat(unavailable.cause()).isEqualTo(FleetCountResult.Cause.POOLER_IN_BETWEEN);
            assertThat(unavailable.message()).contains("orders/a1", "pg_stat_activity");
        });
    }

    @Test
    void aRoleThatMayNotReadPgStatActivityGetsAPermissionResult() throws SQLException {
        try (Connection superuser = admin().get(); Statement statement = superuser.createStatement()) {
            statement.execute("DROP ROLE IF EXISTS pw_fleet_denied");
            statement.execute("CREATE ROLE pw_fleet_denied LOGIN");
            statement.execute("REVOKE SELECT ON pg_catalog.pg_stat_activity FROM PUBLIC");
        }
        try {
            FleetCountResult result = new PostgresFleetCounter(() -> open(null, "pw_fleet_denied"), false)
                    .count(ORDERS_A);

            assertThat(result).isInstanceOfSatisfying(FleetCountResult.Unavailable.class, unavailable -> {
                assertThat(unavailable.cause()).isEqualTo(FleetCountResult.Cause.PERMISSION);
                assertThat(unavailable.message()).contains("pg_stat_activity", "42501");
            });
        } finally {
            try (Connection superuser = admin().get(); Statement statement = superuser.createStatement()) {
                statement.execute("GRANT SELECT ON pg_catalog.pg_stat_activity TO PUBLIC");
            }
        }
    }

    @Test
    void aConnectionThatCannotBeHadIsAResultNotAnException() {
        FleetCountResult result = new PostgresFleetCounter(() -> {
            throw new SQLException("Connection refused", "08001");
        }, true).count(ORDERS_A);

        assertThat(result).isInstanceOfSatisfying(FleetCountResult.Unavailable.class,
                unavailable -> assertThat(unavailable.cause()).isEqualTo(FleetCountResult.Cause.CONNECTION_FAILED));
    }
}
