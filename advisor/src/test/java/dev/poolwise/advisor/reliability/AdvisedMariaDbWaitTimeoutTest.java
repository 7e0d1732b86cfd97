package dev.poolwise.advisor.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import dev.poolwise.CloseReason;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolStats;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.advisor.DeploymentReader;
import dev.poolwise.advisor.OutputFormat;
import dev.poolwise.advisor.Recommendation;
import dev.poolwise.advisor.SizingRules;
import dev.poolwise.it.RequiredService;
import org.junit.jupiter.api.Test;

/**
 * Issue 6, scenario 4, driven by the advisor: MariaDB with {@code wait_timeout} lowered to 60 s, and a pool
 * configured exactly as {@code poolwise advise --format poolwise} says for that limit. 60 s is the shortest
 * {@code wait_timeout} the advisor can serve (its lifetime is the limit less a margin of at most half of it,
 * and it refuses lifetimes under 30 s); shorter ones are reported as infeasible, which
 * {@code SizingScenariosTest} covers.
 *
 * <p>The pool's connections sit idle for longer than {@code wait_timeout} while a plain session opened beside
 * them, the control, is cut by the server. Afterwards every borrow works, and no borrower, validation or
 * keepalive ever met a connection the server had closed: the advised keepalive and lifetime kept every
 * connection ahead of the limit, rather than the pool recovering after the fact.
 *
 * <p>Takes about 70 s: the server's limit is in whole seconds of real time.
 */
class AdvisedMariaDbWaitTimeoutTest {

    private static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";
    private static final int WAIT_TIMEOUT_SECONDS = 60;

    @Test
    void aPoolConfiguredAsAdvisedOutlivesWaitTimeoutWithoutMeetingAClosedSession() throws Exception {
        requireMariaDb();
        Recommendation advice = SizingRules.withBundledCatalog().recommend(DeploymentReader.read("""
                database: {engine: mariadb, max_connections: 151, wait_timeout: %ds}
                application: {instances: 1, processes: 1, threads: 3}
                """.formatted(WAIT_TIMEOUT_SECONDS)));
        assertThat(advice.isFeasible()).as("advice: %s", advice.infeasibilities()).isTrue();
        Properties properties = new Properties();
        properties.load(new StringReader(OutputFormat.POOLWISE.renderer().render(advice)));
        Duration waitTimeout = Duration.ofSeconds(WAIT_TIMEOUT_SECONDS);

        // What the advice leaves to the user (where, who), and the simulated server limit: each session of the
        // pool gets wait_timeout=60, as every session would on a server configured so.
        properties.setProperty("jdbcUrl", URL);
        properties.setProperty("username", "root");
        properties.setProperty("password", "");
        properties.setProperty("poolName", "advised-wait-timeout");
        properties.setProperty("connectionInitSql", "SET SESSION wait_timeout = " + WAIT_TIMEOUT_SECONDS);
        PoolConfig config = PoolConfig.fromProperties(properties);
        assertThat(config.getKeepaliveTime()).as("advised keepalive").isPositive().isLessThan(waitTimeout);
        assertThat(config.getMaxLifetime()).as("advised lifetime").isLessThan(waitTimeout);
        int size = config.getMaximumPoolSize();

        try (Connection control = DriverManager.getConnection(URL, "root", "");
             PoolwiseDataSource ds = new PoolwiseDataSource(config)) {
            execute(control, "SET SESSION wait_timeout = " + WAIT_TIMEOUT_SECONDS);
            borrowAllAndQuery(ds, size);

            // Everybody idle, past the server's limit.
            Thread.sleep(waitTimeout.plusSeconds(6).toMillis());

            assertThatThrownBy(() -> queryInt(control, "SELECT 1"))
                    .as("the control session, idle past wait_timeout, was closed by the server")
                    .isInstanceOf(SQLException.class);
            borrowAllAndQuery(ds, size);
            PoolStats stats = ds.stats();
            assertThat(stats.validationFailures()).as("connections found dead on borrow or keepalive").isZero();
            assertThat(stats.closed(CloseReason.BROKEN)).as("connections closed as broken").isZero();
            assertThat(stats.closed(CloseReason.LIFETIME)).as("connections retired by the advised lifetime")
                    .isPositive();
            assertThat(stats.connectFailures()).isZero();
        }
    }

    /** Holds every connection at once, so each physical connection in the pool is used and checked. */
    private static void borrowAllAndQuery(PoolwiseDataSource ds, int size) throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < size; i++) {
                Connection c = ds.getConnection();
                held.add(c);
                assertThat(queryInt(c, "SELECT @@session.wait_timeout")).isEqualTo(WAIT_TIMEOUT_SECONDS);
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int queryInt(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void requireMariaDb() throws IOException {
        try (Connection probe = DriverManager.getConnection(URL + "?connectTimeout=2000", "root", "")) {
            queryInt(probe, "SELECT 1");
        } catch (SQLException e) {
            RequiredService.missing("MariaDB not reachable at 127.0.0.1:3306 (root, no password, database test)", e);
        }
    }
}
