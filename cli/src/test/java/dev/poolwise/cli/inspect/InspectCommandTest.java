package dev.poolwise.cli.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolwise.cli.CommandLineRun;
import dev.poolwise.cli.common.ExecutionErrorHandler;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InspectCommandTest {

    /** Distinctive, so that finding it anywhere in the output means it leaked. */
    private static final String PASSWORD = "Quokka-Lantern-7731";
    private static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "43")
                .setServerConfig("idle_in_transaction_session_timeout", "45s").start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String url() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    @Test
    void printsTheReportAsText() {
        CommandLineRun run = CommandLineRun.of("inspect", "--url", url(), "--user", "postgres");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Inspected " + url() + " as postgres")
                .containsPattern("Database\\s+postgresql \\d+")
                .contains("Limits       max_connections 43, reserved 3")
                .contains("Pooler       none detected")
                .containsPattern("idle_in_transaction_session_timeout\\s+45000ms\\s+ends sessions idle inside an"
                        + " open transaction for 45s")
                .containsPattern("active\\s+PostgreSQL JDBC Driver\\s+postgres\\s+postgres\\s+1");
    }

    @Test
    void printsTheReportAsJson() throws Exception {
        CommandLineRun run = CommandLineRun.of("inspect", "--url", url(), "--user", "postgres", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.path("url").asText()).isEqualTo(url());
        JsonNode inspection = root.path("inspection");
        assertThat(inspection.path("engine").asText()).isEqualTo("postgresql");
        assertThat(inspection.path("maxConnections").asInt()).isEqualTo(43);
        assertThat(inspection.path("endpoint").path("port").asInt()).isEqualTo(postgres.getPort());
        assertThat(inspection.path("pooler").path("detected").asBoolean()).isFalse();
        assertThat(inspection.path("connections").path("open").asInt()).isPositive();
        assertThat(root.has("recommendation")).isFalse();
    }

    @Test
    void advisesFromTheMeasuredLimits() {
        CommandLineRun run = CommandLineRun.of("inspect", "--url", url(), "--user", "postgres", "--advise",
                "--instances", "2", "--threads", "8");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Recommendation, from the measured limits")
                .contains("database max_connections 43")
                .contains("maximumPoolSize")
                .contains("idle_in_transaction_session_timeout");
    }

    @Test
    void advisesAsJsonWithTheMeasuredBudget() throws Exception {
        CommandLineRun run = CommandLineRun.of("inspect", "--url", url(), "--user", "postgres", "--advise",
                "--instances", "3", "--threads", "20", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode recommendation = new ObjectMapper().readTree(run.out()).path("recommendation");
        assertThat(recommendation.path("budget").path("limit").asInt()).isEqualTo(43);
        assertThat(recommendation.path("budget").path("reserved").asInt()).isEqualTo(3);
        assertThat(recommendation.path("warnings").findValuesAsText("code")).contains("IDLE_IN_TRANSACTION_TIMEOUT");
    }

    @Test
    void adviseWithoutTheFleetIsAUsageErrorNamingTheFlags() {
        CommandLineRun run = CommandLineRun.of("inspect", "--url", url(), "--user", "postgres", "--advise");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("missing inputs").contains("(--instances)").contains("(--threads)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void fleetOptionsWithoutAdviseAreAUsageError() {
        CommandLineRun run = CommandLineRun.of("inspect", "--url", url(), "--threads", "8");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("apply only with --advise");
    }

    @Test
    void rejectsWhatIsNotAJdbcUrlAndAnUnknownFormat() {
        CommandLineRun notJdbc = CommandLineRun.of("inspect", "--url", "postgres://u:" + PASSWORD + "@db/app");
        CommandLineRun format = CommandLineRun.of("inspect", "--url", url(), "--format", "yaml");
        CommandLineRun noAt = CommandLineRun.of("inspect", "--url", "jdbc:postgresql://app:" + PASSWORD + "/app");

        assertThat(notJdbc.exitCode()).isEqualTo(2);
        assertThat(notJdbc.err()).contains("--url").contains("must start with jdbc:").doesNotContain(PASSWORD);
        assertThat(noAt.exitCode()).isEqualTo(2);
        assertThat(noAt.err()).contains("--url: the port after the host is not a number").doesNotContain(PASSWORD);
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("--format yaml: must be text or json");
    }

    @Test
    void anUnreachableDatabaseExitsOneWithTheCause() {
        CommandLineRun run = CommandLineRun.of("inspect", "--url",
                "jdbc:postgresql://127.0.0.1:1/app?password=" + PASSWORD, "--connect-timeout", "3s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot inspect jdbc:postgresql://127.0.0.1:1/app?password=****")
                .containsIgnoringCase("refused");
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
    }

    @Test
    void neverPrintsThePasswordFromTheFlagOrTheUrlAndWarnsAboutPs() {
        CommandLineRun run = CommandLineRun.of("inspect", "--url", url() + "?password=" + PASSWORD,
                "--user", "postgres", "--password", PASSWORD, "--advise", "--instances", "1", "--threads", "2",
                "--verbose");
        CommandLineRun json = CommandLineRun.of("inspect", "--url", url() + "?password=" + PASSWORD,
                "--user", "postgres", "--password", PASSWORD, "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("visible to other users in `ps`");
        assertThat(run.out()).contains("?password=****");
        assertThat(run.out() + run.err() + json.out() + json.err()).doesNotContain(PASSWORD);
    }

    @Test
    void aRefusedPasswordFromTheEnvironmentIsNeverPrinted() {
        assumeTrue("true".equals(System.getenv("CI")) || mariaDbReachable(), "no MariaDB on 127.0.0.1:3306");
        // root has an empty password there, so any password is refused.
        InspectCommand command = new InspectCommand();
        command.environment = Map.of("POOLWISE_PASSWORD", PASSWORD)::get;
        CommandLineRun run = run(command, "--url", MARIADB_URL, "--user", "root");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot inspect " + MARIADB_URL).contains("Access denied")
                .contains("using password: YES")
                .doesNotContain("visible to other users");
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
    }

    @Test
    void inspectsMariaDb() {
        assumeTrue("true".equals(System.getenv("CI")) || mariaDbReachable(), "no MariaDB on 127.0.0.1:3306");

        CommandLineRun run = CommandLineRun.of("inspect", "--url", MARIADB_URL, "--user", "root", "--advise",
                "--instances", "2", "--threads", "4");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("Database\\s+mariadb .*MariaDB")
                .containsPattern("wait_timeout\\s+\\d+s")
                .contains("Threads_connected")
                .containsPattern("maxLifetime\\s");
    }

    @Test
    void passwordOnTheCommandLineIsToldFromAPrompt() {
        assertThat(InspectCommand.passwordGivenAsValue(List.of("--url", "x", "--password", "p"))).isTrue();
        assertThat(InspectCommand.passwordGivenAsValue(List.of("--password=p"))).isTrue();
        assertThat(InspectCommand.passwordGivenAsValue(List.of("--password", "--url", "x"))).isFalse();
        assertThat(InspectCommand.passwordGivenAsValue(List.of("--url", "x", "--password"))).isFalse();
    }

    @Test
    void aZeroConnectTimeoutIsAUsageError() {
        CommandLineRun run = CommandLineRun.of("inspect", "--url", url(), "--connect-timeout", "0s");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--connect-timeout 0ms: must be longer than zero");
    }

    @Test
    void tellsAMissingPasswordFromOtherConnectFailures() {
        assertThat(InspectCommand.isAuthenticationFailure(new SQLException("password authentication failed",
                "28P01"))).isTrue();
        assertThat(InspectCommand.isAuthenticationFailure(new SQLException("Access denied", "28000", 1045))).isTrue();
        assertThat(InspectCommand.isAuthenticationFailure(new SQLException("The server requested SCRAM-based"
                + " authentication, but no password was provided.", "08004"))).isTrue();
        assertThat(InspectCommand.isAuthenticationFailure(new SQLException("Connection refused", "08001"))).isFalse();
    }

    private static CommandLineRun run(InspectCommand command, String... args) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler(new ExecutionErrorHandler());
        return CommandLineRun.of(commandLine, args);
    }

    private static boolean mariaDbReachable() {
        try (Connection c = DriverManager.getConnection(MARIADB_URL, "root", "")) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }
}
