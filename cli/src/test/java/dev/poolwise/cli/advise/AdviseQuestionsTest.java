package dev.poolwise.cli.advise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolwise.advisor.Deployment;
import dev.poolwise.advisor.DeploymentReader;
import dev.poolwise.advisor.Engine;
import dev.poolwise.advisor.InvalidDeploymentException;
import dev.poolwise.advisor.MissingInputsException;
import dev.poolwise.advisor.PoolerKind;
import dev.poolwise.advisor.Provider;
import dev.poolwise.advisor.ProviderCatalog;
import dev.poolwise.advisor.Recommendation;
import dev.poolwise.advisor.SizingRules;
import dev.poolwise.cli.common.Terminal;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The questions {@code poolwise advise} asks in a terminal, fed answers through an injected reader. */
class AdviseQuestionsTest {

    private final StringWriter screen = new StringWriter();

    private Terminal answering(String... lines) {
        return new Terminal(new BufferedReader(new StringReader(String.join("\n", lines) + "\n")),
                new PrintWriter(screen, true));
    }

    private ObjectNode ask(ObjectNode tree, String... answers) {
        new AdviseQuestions(answering(answers), ProviderCatalog.bundled()).ask(tree);
        return tree;
    }

    @Test
    void asksTheEnvironmentThenTheWorkloadAndBuildsTheDeployment() {
        ObjectNode tree = ask(JsonNodeFactory.instance.objectNode(),
                "neon", "0.25", "neon-pooler", "servers", "3", "4", "20", "", "");

        Deployment d = DeploymentReader.read(tree);
        assertThat(d.database().provider()).isEqualTo(Provider.NEON);
        assertThat(d.database().engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(d.database().compute()).isEqualTo("0.25");
        assertThat(d.between().kind()).isEqualTo(PoolerKind.NEON_POOLER);
        assertThat(d.application().maxInstances()).isEqualTo(3);
        assertThat(d.application().processes()).isEqualTo(4);
        assertThat(d.application().threads()).isEqualTo(20);
        Recommendation r = SizingRules.withBundledCatalog().recommend(d);
        // Neon's pooler: 9,000 clients, but floor(0.9 × 104) = 93 transactions at once ÷ 12 processes.
        assertThat(r.poolSetting("maximumPoolSize").orElseThrow().intValue()).isEqualTo(8);
        assertThat(r.budget().budget()).isEqualTo(9000);

        String asked = screen.toString();
        assertThat(asked.indexOf("Who runs the database?")).isLessThan(asked.indexOf("compute size"));
        assertThat(asked.indexOf("compute size")).isLessThan(asked.indexOf("What sits between"));
        assertThat(asked.indexOf("What sits between")).isLessThan(asked.indexOf("How many instances"));
        assertThat(asked).contains("[self-managed]").contains("[0.25]").contains("[none]").contains("[10]");
    }

    @Test
    void reAsksAfterABadAnswerSayingWhatIsValid() {
        ObjectNode tree = ask(JsonNodeFactory.instance.objectNode(),
                "oracle", "self-managed", "postgresql", "lots", "200", "8", "pgbouncer-t", "1.x", "1.18",
                "servers", "5-2", "2-8", "", "0", "16", "40ms", "500");

        Deployment d = DeploymentReader.read(tree);
        assertThat(d.database().maxConnections()).isEqualTo(200);
        assertThat(d.database().cores()).isEqualTo(8);
        assertThat(d.between().kind()).isEqualTo(PoolerKind.PGBOUNCER_TRANSACTION);
        assertThat(d.between().version()).isEqualTo("1.18");
        assertThat(d.application().minInstances()).isEqualTo(2);
        assertThat(d.application().maxInstances()).isEqualTo(8);
        assertThat(d.application().threads()).isEqualTo(16);
        assertThat(d.workload().holdTimeP99()).isEqualTo(Duration.ofMillis(40));
        assertThat(d.workload().unitsPerSecond()).isEqualTo(500.0);
        assertThat(screen.toString()).contains("oracle: must be one of self-managed, neon")
                .contains("lots: must be a whole number").contains("1.x: must be a version such as 1.18")
                .contains("5: must not exceed the maximum (2)").contains("0: must be at least 1");
    }

    @Test
    void asksOnlyWhatTheFlagsLeftOut() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putObject("database").put("provider", "supabase").put("compute", "small");
        tree.putObject("application").put("instances", "2");

        ask(tree, "supavisor-transaction", "", "12", "");

        assertThat(screen.toString()).doesNotContain("Who runs the database?").doesNotContain("compute size")
                .doesNotContain("How many instances").contains("What sits between").contains("Threads per process");
        Deployment d = DeploymentReader.read(tree);
        assertThat(d.between().kind()).isEqualTo(PoolerKind.SUPAVISOR_TRANSACTION);
        assertThat(d.application().threads()).isEqualTo(12);
        assertThat(d.workload().holdTimeP99()).isNull();
    }

    @Test
    void serverlessFunctionsAreAskedForConcurrencyAndReuse() {
        ObjectNode tree = ask(JsonNodeFactory.instance.objectNode(),
                "aurora", "", "4", "rds-proxy", "functions", "300", "no", "");

        Deployment d = DeploymentReader.read(tree);
        assertThat(d.database().provider()).isEqualTo(Provider.AURORA_SERVERLESS_V2);
        assertThat(d.database().engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(d.application().serverlessConcurrency()).isEqualTo(300);
        assertThat(d.application().instanceReuse()).isFalse();
        Recommendation r = SizingRules.withBundledCatalog().recommend(d);
        assertThat(r.isUnpooled()).isTrue();
    }

    @Test
    void endOfInputIsAMissingInputNamingTheQuestion() {
        assertThatThrownBy(() -> ask(JsonNodeFactory.instance.objectNode(), "neon"))
                .isInstanceOf(MissingInputsException.class).hasMessageContaining("database.compute: no answer");
    }

    @Test
    void givesUpAfterFiveBadAnswers() {
        assertThatThrownBy(() -> ask(JsonNodeFactory.instance.objectNode(), "x", "x", "x", "x", "x", "neon"))
                .isInstanceOf(InvalidDeploymentException.class).hasMessageContaining("database.provider")
                .hasMessageContaining("asked 5 times");
    }

    @Test
    void theCommandAsksInATerminalAndPrintsTheFlagsForNextTime() {
        Terminal terminal = answering("self-managed", "mysql", "151", "", "none", "servers", "3", "", "10", "");
        CommandLine commandLine = new CommandLine(new AdviseCommand(() -> Optional.of(terminal), name -> null,
                () -> false));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute();

        assertThat(exit).as(err.toString()).isZero();
        assertThat(screen.toString()).contains("Who runs the database?").contains("Next time, without questions:"
                + " poolwise advise --provider self-managed --engine mysql --max-connections 151 --pooler none"
                + " --instances 3 --processes 1 --threads 10");
        assertThat(out.toString()).contains("3 instances × 1 process × 10 threads")
                .contains("maximumPoolSize            10 connections").doesNotContain("\u001b[");
    }

    @Test
    void theCommandNeverAsksWithNoInput() {
        Terminal terminal = answering("neon");
        CommandLine commandLine = new CommandLine(new AdviseCommand(() -> Optional.of(terminal), name -> null,
                () -> true));
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));

        int exit = commandLine.execute("--no-input");

        assertThat(exit).isEqualTo(2);
        assertThat(screen.toString()).isEmpty();
        assertThat(err.toString()).contains("Missing inputs:").contains("database.engine (--engine)");
    }

    @Test
    void commandLineForNextTimeUsesEachFieldsFlag() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putObject("application").putObject("serverless").put("max_concurrency", "50");

        assertThat(AdviseQuestions.commandLine(tree, Map.of("application.serverless.max_concurrency",
                "--serverless-concurrency"))).isEqualTo("poolwise advise --serverless-concurrency 50");
    }

    @Test
    void asksForTheMinimumWhenOnlyTheMaximumIsGiven() {
        ObjectNode tree = DeploymentReader.parse("database: {engine: postgresql, max_connections: 100, cores: 4}\n"
                + "application: {max_instances: 10, threads: 8}\nworkload: {}\n");

        ask(tree, "none", "2", "1");

        Deployment d = DeploymentReader.read(tree);
        assertThat(d.application().minInstances()).as(screen.toString()).isEqualTo(2);
        assertThat(d.application().maxInstances()).isEqualTo(10);
        assertThat(screen.toString()).contains("minimum");
    }

    @Test
    void asksAManagedServiceForItsInstanceClass() {
        ObjectNode tree = DeploymentReader.parse("database: {provider: rds, engine: postgresql}\n");

        ask(tree, "db.t3.medium", "none", "servers", "2", "1", "10", "");

        Deployment d = DeploymentReader.read(tree);
        assertThat(d.database().instanceClass()).as(screen.toString()).isEqualTo("db.t3.medium");
        assertThat(SizingRules.withBundledCatalog().recommend(d).budget().limit()).isEqualTo(405);
    }

    @Test
    void aRateWithoutAHoldTimeAsksForTheHoldTime() {
        ObjectNode tree = DeploymentReader.parse("database: {engine: postgresql, max_connections: 100, cores: 4}\n"
                + "between: {pooler: none}\napplication: {instances: 2, processes: 1, threads: 8}\n"
                + "workload: {units_per_second: 500}\n");

        ask(tree, "40ms");

        Deployment d = DeploymentReader.read(tree);
        assertThat(d.workload().holdTimeP99()).as(screen.toString()).isEqualTo(Duration.ofMillis(40));
        assertThat(screen.toString()).contains("needs a hold time");
    }
}
