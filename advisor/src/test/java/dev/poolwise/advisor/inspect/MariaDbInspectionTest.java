package dev.poolwise.advisor.inspect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import dev.poolwise.advisor.Engine;
import dev.poolwise.it.RequiredService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DatabaseInspector} against the MariaDB on 127.0.0.1:3306 (root, empty password, database {@code test}).
 * The server is shared, so the test changes no global setting: it compares the report with what it reads
 * itself.
 */
class MariaDbInspectionTest {

    static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";

    static boolean reachable() {
        try (Connection c = DriverManager.getConnection(URL, "root", "")) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    @BeforeEach
    void requireMariaDb() {
        if (!reachable()) {
            RequiredService.missing("MariaDB is not reachable at 127.0.0.1:3306 as root (database test)", null);
        }
    }

    private static long global(Connection c, String expression) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + expression)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void readsVersionLimitAndTimeouts() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "root", "")) {
            InspectionReport report = new DatabaseInspector().inspect(c, Endpoint.parse(URL));

            assertThat(report.engine()).isEqualTo(Engine.MARIADB);
            assertThat(report.serverVersion()).contains("MariaDB");
            assertThat(report.maxConnections()).isEqualTo(global(c, "@@GLOBAL.max_connections"));
            assertThat(report.reservedConnections()).isZero();
            assertThat(report.timeout("wait_timeout").orElseThrow().duration())
                    .isEqualTo(Duration.ofSeconds(global(c, "@@GLOBAL.wait_timeout")));
            assertThat(report.timeout("interactive_timeout").orElseThrow().duration())
                    .isEqualTo(Duration.ofSeconds(global(c, "@@GLOBAL.interactive_timeout")));
            assertThat(report.pooler().detected()).isFalse();
        }
    }

    @Test
    void countsConnectionsByCommandUserAndDatabase() throws Exception {
        try (Connection sleeping = DriverManager.getConnection(URL, "root", "");
             Connection c = DriverManager.getConnection(URL, "root", "")) {
            InspectionReport report = new DatabaseInspector().inspect(c, Endpoint.parse(URL));

            assertThat(report.threadsConnected()).isGreaterThanOrEqualTo(2);
            assertThat(report.maxUsedConnections()).isGreaterThanOrEqualTo(report.threadsConnected());
            // The idle one sleeps; the inspecting one runs the query that reads the process list.
            assertThat(report.connections()).anySatisfy(g -> {
                assertThat(g.state()).isEqualTo("Sleep");
                assertThat(g.user()).isEqualTo("root");
                assertThat(g.database()).isEqualTo("test");
            });
            assertThat(report.connections()).anySatisfy(g -> {
                assertThat(g.state()).isEqualTo("Query");
                assertThat(g.user()).isEqualTo("root");
            });
            assertThat(report.connections()).allSatisfy(g -> assertThat(g.application()).isNull());
            assertThat(report.openConnections()).isGreaterThanOrEqualTo(2);
        }
    }
}
