package dev.poolwise.advisor.inspect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import dev.poolwise.advisor.Engine;
import dev.poolwise.advisor.Provider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DatabaseInspector} against a real PostgreSQL server (embedded) with non-default limits and timeouts. */
class PostgresInspectionTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "57")
                .setServerConfig("superuser_reserved_connections", "4")
                .setServerConfig("idle_in_transaction_session_timeout", "90s")
                .setServerConfig("idle_session_timeout", "20min")
                .setServerConfig("statement_timeout", "0")
                .setServerConfig("tcp_keepalives_idle", "300")
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    static String url() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    static Connection connect(String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(url(), properties);
    }

    @Test
    void readsVersionLimitsAndReservedSlots() throws Exception {
        try (Connection c = connect("inspector")) {
            InspectionReport report = new DatabaseInspector().inspect(c, Endpoint.parse(url()));

            assertThat(report.engine()).isEqualTo(Engine.POSTGRESQL);
            assertThat(report.serverVersion()).isEqualTo(c.getMetaData().getDatabaseProductVersion());
            assertThat(report.maxConnections()).isEqualTo(57);
            int majorVersion = c.getMetaData().getDatabaseMajorVersion();
            // superuser_reserved_connections 4, plus reserved_connections (default 0) from PostgreSQL 16.
            assertThat(report.reservedConnections()).isEqualTo(4);
            assertThat(report.limits()).extracting(ServerSetting::name).contains("max_connections",
                    "superuser_reserved_connections");
            assertThat(report.limits().stream().anyMatch(s -> s.name().equals("reserved_connections")))
                    .isEqualTo(majorVersion >= 16);
            assertThat(report.host().provider()).isEqualTo(Provider.SELF_MANAGED);
        }
    }

    @Test
    void readsTheTimeoutsThatCutConnections() throws Exception {
        try (Connection c = connect("inspector")) {
            InspectionReport report = new DatabaseInspector().inspect(c, Endpoint.parse(url()));

            assertThat(report.timeout("idle_in_transaction_session_timeout").orElseThrow().duration())
                    .isEqualTo(Duration.ofSeconds(90));
            assertThat(report.timeout("idle_session_timeout").orElseThrow().duration())
                    .isEqualTo(Duration.ofMinutes(20));
            assertThat(report.timeout("idle_session_timeout").orElseThrow().meaning()).contains("20m");
            ServerSetting statement = report.timeout("statement_timeout").orElseThrow();
            assertThat(statement.isOn()).isFalse();
            assertThat(statement.meaning()).isEqualTo("off");
            // Over TCP the session's keepalive setting is the configured one.
            assertThat(report.timeout("tcp_keepalives_idle").orElseThrow().duration())
                    .isEqualTo(Duration.ofSeconds(300));
            assertThat(report.timeout("tcp_keepalives_count").orElseThrow().duration()).isNull();
        }
    }

    @Test
    void countsConnectionsByStateAndApplication() throws Exception {
        try (Connection idle1 = connect("billing-worker");
             Connection idle2 = connect("billing-worker");
             Connection inTransaction = connect("report-job");
             Connection c = connect("inspector")) {
            inTransaction.setAutoCommit(false);
            try (Statement s = inTransaction.createStatement()) {
                s.execute("SELECT 1");
            }
            InspectionReport report = new DatabaseInspector().inspect(c, Endpoint.parse(url()));

            assertThat(report.connections()).contains(
                    new ConnectionGroup("idle", "billing-worker", "postgres", "postgres", 2),
                    new ConnectionGroup("idle in transaction", "report-job", "postgres", "postgres", 1),
                    new ConnectionGroup("active", "inspector", "postgres", "postgres", 1));
            assertThat(report.openConnections()).isGreaterThanOrEqualTo(4);
            inTransaction.rollback();
        }
    }

    @Test
    void seesNoPoolerOnADirectConnection() throws Exception {
        try (Connection c = connect("inspector")) {
            InspectionReport report = new DatabaseInspector().inspect(c, Endpoint.parse(url()));

            assertThat(report.pooler().detected()).isFalse();
            assertThat(report.pooler().evidence()).anyMatch(e -> e.contains("no pooler answered the startup"));
            assertThat(MeasuredDeployment.pooler(report).kind()).isEqualTo(dev.poolwise.advisor.PoolerKind.NONE);
        }
    }

    @Test
    void restoresTheConnectionsAutoCommitMode() throws Exception {
        try (Connection c = connect("inspector")) {
            c.setAutoCommit(false);
            new DatabaseInspector().inspect(c, Endpoint.parse(url()));

            assertThat(c.getAutoCommit()).isFalse();
        }
    }
}
