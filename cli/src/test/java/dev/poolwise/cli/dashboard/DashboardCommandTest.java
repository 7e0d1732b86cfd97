package dev.poolwise.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.poolwise.cli.CommandLineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardCommandTest {

    @Test
    void writesTheThreeFilesForOpenTelemetryNamesByDefault(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("monitoring");

        CommandLineRun run = CommandLineRun.of("dashboard", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("db.client.connection.* (--naming otel)")
                .contains(out.resolve("poolwise-dashboard.json") + "  Grafana dashboard")
                .contains(out.resolve("poolwise-alerts.yml") + "  Prometheus alert rules")
                .contains(out.resolve("poolwise-alerts-test.yml") + "  promtool tests of the rules")
                .doesNotContain("(replaced)");
        JsonNode dashboard = new ObjectMapper().readTree(out.resolve("poolwise-dashboard.json").toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("poolwise-otel");
        JsonNode rules = new YAMLMapper().readTree(out.resolve("poolwise-alerts.yml").toFile());
        assertThat(rules.path("groups").path(0).path("rules")).hasSize(5);
        assertThat(rules.path("groups").path(0).path("rules").path(0).path("expr").asText())
                .contains("db_client_connection_pending_requests");
        JsonNode tests = new YAMLMapper().readTree(out.resolve("poolwise-alerts-test.yml").toFile());
        assertThat(tests.path("rule_files").path(0).asText()).isEqualTo("poolwise-alerts.yml");
    }

    @Test
    void writesHikariCpNamesOnRequest(@TempDir Path dir) throws IOException {
        CommandLineRun run = CommandLineRun.of("dashboard", "--naming", "hikaricp", "--out", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("hikaricp.connections.* (--naming hikaricp)");
        String rules = Files.readString(dir.resolve("poolwise-alerts.yml"), StandardCharsets.UTF_8);
        assertThat(rules).contains("hikaricp_connections_active / hikaricp_connections_max")
                .doesNotContain("db_client_connection");
        assertThat(Files.readString(dir.resolve("poolwise-dashboard.json"), StandardCharsets.UTF_8))
                .contains("label_values(hikaricp_connections_max, pool)");
    }

    @Test
    void sayingWhichFilesItReplaced(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("poolwise-alerts.yml"), "old", StandardCharsets.UTF_8);

        CommandLineRun run = CommandLineRun.of("dashboard", "--out", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("poolwise-alerts.yml  Prometheus alert rules (replaced)")
                .doesNotContain("poolwise-dashboard.json  Grafana dashboard (replaced)");
        assertThat(Files.readString(dir.resolve("poolwise-alerts.yml"), StandardCharsets.UTF_8)).contains("groups:");
    }

    @Test
    void runbookUrlsUseTheGivenBase(@TempDir Path dir) throws IOException {
        CommandLineRun run = CommandLineRun.of("dashboard", "--out", dir.toString(), "--runbook-base",
                "https://wiki.example.com/poolwise");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("poolwise-alerts.yml"), StandardCharsets.UTF_8))
                .contains("runbook_url: https://wiki.example.com/poolwise#poolwisepoolexhausted");
    }

    @Test
    void unknownNamingIsAUsageErrorListingTheValidOnes(@TempDir Path dir) {
        CommandLineRun run = CommandLineRun.of("dashboard", "--naming", "prometheus", "--out", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--naming prometheus: unknown naming; valid: otel, hikaricp");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anOutThatIsAFileIsAUsageError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x", StandardCharsets.UTF_8);

        CommandLineRun run = CommandLineRun.of("dashboard", "--out", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--out " + file + ": is a file, not a directory");
    }

    @Test
    void anOutThatCannotBeCreatedIsAFailure(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x", StandardCharsets.UTF_8);

        CommandLineRun run = CommandLineRun.of("dashboard", "--out", file.resolve("below").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--out " + file.resolve("below") + ": cannot");
    }

    @Test
    void helpNamesTheOptionsAndTheFiles() {
        CommandLineRun run = CommandLineRun.of("dashboard", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--naming", "--out", "--runbook-base", "poolwise-alerts-test.yml",
                "otel", "hikaricp");
    }
}
