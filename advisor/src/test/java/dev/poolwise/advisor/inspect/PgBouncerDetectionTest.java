package dev.poolwise.advisor.inspect;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

import dev.poolwise.advisor.MissingInputsException;
import dev.poolwise.advisor.PoolerKind;
import dev.poolwise.it.RequiredService;
import dev.poolwise.reliability.PgBouncerProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pooler detection against a real PgBouncer ({@code /usr/sbin/pgbouncer}) in front of embedded PostgreSQL, in
 * session and transaction mode.
 */
class PgBouncerDetectionTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "61").start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void requirePgBouncer() {
        if (PgBouncerProcess.binary() == null) {
            RequiredService.missing("pgbouncer is not installed (/usr/sbin/pgbouncer; Debian package pgbouncer)",
                    null);
        }
    }

    private static InspectionReport inspectThrough(PgBouncerProcess bouncer, boolean mayOpenSecond) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + bouncer.port() + "/postgres";
        ConnectionOpener opener = () -> DriverManager.getConnection(url, "postgres", "");
        if (mayOpenSecond) {
            return new DatabaseInspector().inspect(opener, Endpoint.parse(url));
        }
        try (Connection c = opener.open()) {
            return new DatabaseInspector().inspect(c, Endpoint.parse(url));
        }
    }

    @Test
    void detectsPgBouncerInSessionMode() throws Exception {
        try (PgBouncerProcess bouncer = PgBouncerProcess.start(PgBouncerProcess.binary(), postgres.getPort(),
                "session", 5)) {
            InspectionReport report = inspectThrough(bouncer, true);

            assertThat(report.pooler().detected()).isTrue();
            assertThat(report.pooler().mode()).isEqualTo("session");
            assertThat(report.pooler().evidence()).anyMatch(e -> e.contains("a pooler answered the startup"));
            assertThat(MeasuredDeployment.pooler(report).kind()).isEqualTo(PoolerKind.PGBOUNCER_SESSION);
            // Settings pass through: these are the server's.
            assertThat(report.maxConnections()).isEqualTo(61);
        }
    }

    @Test
    void detectsPgBouncerInTransactionMode() throws Exception {
        try (PgBouncerProcess bouncer = PgBouncerProcess.start(PgBouncerProcess.binary(), postgres.getPort(),
                "transaction", 2)) {
            InspectionReport report = inspectThrough(bouncer, true);

            assertThat(report.pooler().detected()).isTrue();
            assertThat(report.pooler().mode()).isEqualTo("transaction");
            assertThat(MeasuredDeployment.pooler(report).kind()).isEqualTo(PoolerKind.PGBOUNCER_TRANSACTION);
        }
    }

    @Test
    void withOneConnectionAndOneServerConnectionTheModeIsUnknownAndTheAdviceAsksForIt() throws Exception {
        try (PgBouncerProcess bouncer = PgBouncerProcess.start(PgBouncerProcess.binary(), postgres.getPort(),
                "transaction", 1)) {
            InspectionReport report = inspectThrough(bouncer, false);

            assertThat(report.pooler().detected()).isTrue();
            assertThat(report.pooler().mode()).isNull();
            assertThatThrownBy(() -> MeasuredDeployment.pooler(report))
                    .isInstanceOf(MissingInputsException.class)
                    .hasMessageContaining("between.pooler");
        }
    }
}
