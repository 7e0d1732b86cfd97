package dev.poolwise.cli.advise;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.poolwise.cli.CommandLineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AdviseCommandTest {

    @Test
    void recommendsFromFlagsWithReasonsAndExitsZero() {
        CommandLineRun run = CommandLineRun.of("advise", "--provider", "neon", "--compute", "0.25",
                "--instances", "3", "--processes", "4", "--threads", "20");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Budget:").contains("maximumPoolSize            7 connections")
                .contains("3 instances × 4 processes × 20 = 240 connections").contains("admits 97");
    }

    @Test
    void rendersPoolwisePropertiesThatParse() throws IOException {
        CommandLineRun run = CommandLineRun.of("advise", "--engine", "postgresql", "--max-connections", "100",
                "--instances", "2", "--threads", "8", "--pooler", "pgbouncer-transaction", "--pooler-version",
                "1.18", "--format", "poolwise");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Properties properties = new Properties();
        properties.load(new StringReader(run.out()));
        assertThat(properties.getProperty("maximumPoolSize")).isEqualTo("8");
        assertThat(properties.getProperty("dataSource.prepareThreshold")).isEqualTo("0");
        assertThat(run.err()).contains("warning: PgBouncer (transaction mode) gives each transaction");
    }

    @Test
    void springFormatWritesBootWithPoolwiseAndSpringHikariWritesBootsHikari() throws IOException {
        String[] deployment = {"advise", "--engine", "postgresql", "--max-connections", "100", "--instances", "2",
            "--threads", "8", "--pooler", "pgbouncer-transaction", "--pooler-version", "1.18", "--format"};
        CommandLineRun spring = CommandLineRun.of(with(deployment, "spring"));
        CommandLineRun hikari = CommandLineRun.of(with(deployment, "spring-hikari"));

        assertThat(spring.exitCode()).as(spring.err()).isZero();
        JsonNode poolwise = new YAMLMapper().readTree(spring.out()).path("spring").path("datasource");
        assertThat(poolwise.path("type").asText()).isEqualTo("dev.poolwise.PoolwiseDataSource");
        assertThat(poolwise.path("poolwise").path("maximum-pool-size").asInt()).isEqualTo(8);
        assertThat(poolwise.path("poolwise").path("connection-timeout").asText()).matches("\\d+(ms|s|m)");
        assertThat(poolwise.path("poolwise").path("data-source-properties").path("prepareThreshold").asInt())
                .isZero();

        assertThat(hikari.exitCode()).as(hikari.err()).isZero();
        JsonNode boot = new YAMLMapper().readTree(hikari.out()).path("spring").path("datasource");
        assertThat(boot.has("type")).isFalse();
        assertThat(boot.path("hikari").path("maximum-pool-size").asInt()).isEqualTo(8);
        assertThat(boot.path("hikari").path("connection-timeout").isNumber()).as("milliseconds").isTrue();
    }

    private static String[] with(String[] args, String last) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }

    @Test
    void readsADeploymentFileAndFlagsOverrideIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("deployment.yaml");
        Files.writeString(file, """
                database:
                  provider: supabase
                  compute: small
                application:
                  instances: 2
                  threads: 50
                """);

        CommandLineRun run = CommandLineRun.of("advise", "--file", file.toString(), "--threads", "10",
                "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"budget\" : 69").contains("\"maximumPoolSize\" : {\n      \"value\" : 10");
    }

    @Test
    void unknownComputeSizeIsAUsageErrorNamingFieldValueAndValidSizes() {
        CommandLineRun run = CommandLineRun.of("advise", "--provider", "neon", "--compute", "0.3",
                "--instances", "1", "--threads", "4");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("database.compute (--compute) = 0.3: unknown size; known: 0.25, 0.5, 1");
    }

    @Test
    void minInstancesAboveMaxIsAUsageError() {
        CommandLineRun run = CommandLineRun.of("advise", "--engine", "mysql", "--min-instances", "5",
                "--max-instances", "2", "--threads", "4");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("application.min_instances (--min-instances) = 5: must not exceed"
                + " application.max_instances (2)");
    }

    @Test
    void missingInputsAreAUsageErrorListingEachWithItsFlag() {
        CommandLineRun run = CommandLineRun.of("advise", "--provider", "neon");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing inputs:").contains("application.instances (--instances)")
                .contains("application.threads (--threads)").contains("database.compute (--compute)");
    }

    @Test
    void unknownFormatIsAUsageError() {
        CommandLineRun run = CommandLineRun.of("advise", "--engine", "postgresql", "--instances", "1",
                "--threads", "2", "--format", "toml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format toml: must be one of text, json, poolwise");
    }

    @Test
    void infeasibleDeploymentExitsOneAndSaysWhatWouldFixIt() {
        CommandLineRun run = CommandLineRun.of("advise", "--provider", "neon", "--compute", "0.25",
                "--serverless-concurrency", "300", "--instance-reuse", "false", "--format", "hikari");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no configuration can work").contains("300 concurrent functions")
                .contains("cap the functions' concurrency at 86");
    }

    @Test
    void rendersPgBouncerIniForAPgBouncerTheUserRuns() {
        CommandLineRun run = CommandLineRun.of("advise", "--engine", "postgresql", "--max-connections", "100",
                "--instances", "3", "--threads", "10", "--pooler", "pgbouncer-transaction", "--pooler-version",
                "1.18", "--format", "pgbouncer");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("[databases]").contains("[pgbouncer]").contains("pool_mode = transaction")
                .contains("max_client_conn = 100").contains("default_pool_size = 20")
                .contains("max_db_connections = 87").doesNotContain("max_prepared_statements =");
        assertThat(run.err()).contains("warning: PgBouncer (transaction mode) gives each transaction");
    }

    @Test
    void pgBouncerFormatWithoutAPgBouncerTheUserRunsIsAUsageErrorSayingWhy() {
        CommandLineRun run = CommandLineRun.of("advise", "--provider", "neon", "--compute", "0.25",
                "--pooler", "neon-pooler", "--instances", "2", "--threads", "8", "--format", "pgbouncer");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--format pgbouncer writes pgbouncer.ini for a PgBouncer you run, but Neon"
                + " runs the PgBouncer behind its pooled endpoint");
    }

    /** Runs advise with a fake environment and terminal, as a person at a terminal (or not) would. */
    private static CommandLineRun runWith(Map<String, String> environment, boolean stdoutIsTerminal, String... args) {
        CommandLine commandLine = new CommandLine(new AdviseCommand(Optional::empty, environment::get,
                () -> stdoutIsTerminal));
        return CommandLineRun.of(commandLine, args);
    }

    private static final String[] NEON = {"--provider", "neon", "--compute", "0.25", "--instances", "3",
        "--processes", "4", "--threads", "20"};

    private static String[] neonWith(String... more) {
        return java.util.stream.Stream.concat(Arrays.stream(NEON), Arrays.stream(more)).toArray(String[]::new);
    }

    @Test
    void textIsColouredOnATerminal() {
        CommandLineRun run = runWith(Map.of("TERM", "xterm-256color"), true, NEON);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\u001b[1mDeployment:\u001b[0m").contains("\u001b[33m! 3 instances");
        assertThat(run.out().replaceAll("\u001b\\[[0-9;]*m", ""))
                .as("the same words as without colours").isEqualTo(runWith(Map.of(), false, NEON).out());
    }

    @Test
    void noColoursWhenNotATerminalOrWithNoColorOrTermDumb() {
        assertThat(runWith(Map.of(), false, NEON).out()).doesNotContain("\u001b[");
        assertThat(runWith(Map.of("NO_COLOR", "1"), true, NEON).out()).doesNotContain("\u001b[");
        assertThat(runWith(Map.of("TERM", "dumb"), true, NEON).out()).doesNotContain("\u001b[");
        assertThat(CommandLineRun.of(NEON).out()).as("surefire's output is no terminal").doesNotContain("\u001b[");
    }

    @Test
    void colorOptionOverridesTheTerminalCheck() {
        assertThat(runWith(Map.of("NO_COLOR", "1"), false, neonWith("--color", "always")).out()).contains("\u001b[");
        assertThat(runWith(Map.of(), true, neonWith("--color", "never")).out()).doesNotContain("\u001b[");
        assertThat(runWith(Map.of(), true, neonWith("--color", "always", "--format", "hikari")).out())
                .as("configuration formats are never coloured").doesNotContain("\u001b[");
        CommandLineRun bad = runWith(Map.of(), true, neonWith("--color", "sometimes"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--color sometimes: must be auto, always or never");
    }

    @Test
    void missingFileIsAUsageError() {
        CommandLineRun run = CommandLineRun.of("advise", "--file", "/nonexistent/deployment.yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--file /nonexistent/deployment.yaml: no such file");
    }

    @Test
    void aThousandLambdasThroughRdsProxyExitZero() {
        CommandLineRun run = CommandLineRun.of("advise", "--engine", "postgresql", "--max-connections", "410",
                "--pooler", "rds-proxy", "--serverless-concurrency", "1000");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("Avoid pinning").contains("MaxConnectionsPercent 100");
    }

    @Test
    void proxySettingsAndHeadroomAreFlags() {
        CommandLineRun run = CommandLineRun.of("advise", "--engine", "postgresql", "--max-connections", "410",
                "--pooler", "rds-proxy", "--proxy-max-connections-percent", "50", "--proxy-idle-client-timeout",
                "10m", "--proxy-max-idle-connections-percent", "10", "--proxy-borrow-timeout", "30s",
                "--headroom", "0", "--serverless-concurrency", "100", "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"busyLimit\" : 205").doesNotContain("ASSUMED_DEFAULT");
    }

    @Test
    void withNoArgumentsAndNoInputEveryMissingInputIsListed() {
        CommandLineRun run = CommandLineRun.of("advise", "--no-input");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("database.engine (--engine)").contains("application.instances (--instances)")
                .contains("application.threads (--threads)");
    }

    @Test
    void zeroInstancesIsReportedAsTyped() {
        CommandLineRun run = CommandLineRun.of("advise", "--engine", "postgresql", "--instances", "0",
                "--threads", "4");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("application.instances (--instances) = 0: must be at least 1");
    }

    @Test
    void aUsageErrorPrintsTheErrorAndOneLinePointingToHelp() {
        CommandLineRun run = CommandLineRun.of("advise", "--engine", "postgresql", "--bogus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--bogus'").contains("poolwise advise --help")
                .doesNotContain("Usage:");
        assertThat(run.err().lines().count()).as(run.err()).isLessThanOrEqualTo(3);
    }

    @Test
    void anInstanceClassGivesMaxConnectionsFromAwsFormula() {
        CommandLineRun run = CommandLineRun.of("advise", "--provider", "rds", "--engine", "postgresql",
                "--instance-class", "db.t3.medium", "--instances", "2", "--threads", "10");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("max_connections 405").contains("DBInstanceClassMemory");
    }

    @Test
    void anUnknownInstanceClassIsAUsageErrorListingTheKnownOnes() {
        CommandLineRun run = CommandLineRun.of("advise", "--provider", "rds", "--engine", "postgresql",
                "--instance-class", "db.x9.huge", "--instances", "2", "--threads", "10");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("database.instance_class (--instance-class) = db.x9.huge")
                .contains("db.t3.medium").contains("--max-connections");
    }
}
