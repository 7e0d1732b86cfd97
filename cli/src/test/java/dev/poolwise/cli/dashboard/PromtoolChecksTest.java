package dev.poolwise.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The generated files through the real promtool, for both namings: the rules are valid, their unit tests pass
 * (each alert fires and stays quiet where it should), a rule made wrong fails those tests, and every PromQL
 * expression of the dashboard parses.
 */
class PromtoolChecksTest {

    private static List<MonitoringFiles.Written> write(DashboardNaming naming, Path dir) throws IOException {
        return new MonitoringFiles(naming, AlertRules.DEFAULT_RUNBOOK_BASE, "test").writeTo(dir);
    }

    @ParameterizedTest
    @EnumSource(DashboardNaming.class)
    void promtoolAcceptsTheAlertRules(DashboardNaming naming, @TempDir Path dir) throws Exception {
        Promtool promtool = Promtool.requireInstalled();
        write(naming, dir);

        Promtool.Result check = promtool.run(dir, "check", "rules", MonitoringFiles.ALERTS_FILE);

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 5 rules found");
    }

    @ParameterizedTest
    @EnumSource(DashboardNaming.class)
    void everyAlertFiresAndStaysQuietAsItsUnitTestsSay(DashboardNaming naming, @TempDir Path dir) throws Exception {
        Promtool promtool = Promtool.requireInstalled();
        write(naming, dir);

        Promtool.Result test = promtool.run(dir, "test", "rules", MonitoringFiles.ALERTS_TEST_FILE);

        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
        String tests = Files.readString(dir.resolve(MonitoringFiles.ALERTS_TEST_FILE), StandardCharsets.UTF_8);
        for (AlertRule rule : new MonitoringFiles(naming, "x", "test").alerts().rules()) {
            assertThat(tests).as("a test group for %s", rule.name()).contains("name: \"" + rule.name() + " (");
        }
    }

    @ParameterizedTest
    @EnumSource(DashboardNaming.class)
    void aRuleWithAThresholdTooLowFailsItsUnitTests(DashboardNaming naming, @TempDir Path dir) throws Exception {
        Promtool promtool = Promtool.requireInstalled();
        write(naming, dir);
        Path rules = dir.resolve(MonitoringFiles.ALERTS_FILE);
        // 0.90 would page for the 9-of-10 pool, which the tests expect to stay quiet.
        String wrong = Files.readString(rules, StandardCharsets.UTF_8).replace(">= 0.95", ">= 0.9");
        assertThat(wrong).isNotEqualTo(Files.readString(rules, StandardCharsets.UTF_8));
        Files.writeString(rules, wrong, StandardCharsets.UTF_8);

        Promtool.Result test = promtool.run(dir, "test", "rules", MonitoringFiles.ALERTS_TEST_FILE);

        assertThat(test.exitCode()).as(test.output()).isEqualTo(1);
        assertThat(test.output()).contains("PoolwisePoolExhausted").contains("reports");
    }

    @ParameterizedTest
    @EnumSource(DashboardNaming.class)
    void everyDashboardQueryIsValidPromQl(DashboardNaming naming, @TempDir Path dir) throws Exception {
        Promtool promtool = Promtool.requireInstalled();
        List<String> queries = DashboardQueries.of(new MonitoringFiles(naming, "x", "test").dashboardJson());
        assertThat(queries).hasSizeGreaterThanOrEqualTo(20);

        // Each query as a recording rule, with Grafana's variables as Grafana would fill them in.
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode group = root.putArray("groups").addObject().put("name", "dashboard-queries");
        ArrayNode rules = group.putArray("rules");
        for (int i = 0; i < queries.size(); i++) {
            String expr = DashboardQueries.withVariablesFilledIn(queries.get(i));
            assertThat(expr).as("variables left in %s", queries.get(i)).doesNotContain("$");
            rules.addObject().put("record", "poolwise:dashboard_query_" + i).put("expr", expr);
        }
        Path file = dir.resolve("dashboard-queries.yml");
        Files.writeString(file, new YAMLMapper().writeValueAsString(root), StandardCharsets.UTF_8);

        Promtool.Result check = promtool.run(dir, "check", "rules", file.getFileName().toString());

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    @ParameterizedTest
    @EnumSource(DashboardNaming.class)
    void aBrokenQueryWouldBeCaught(DashboardNaming naming, @TempDir Path dir) throws Exception {
        Promtool promtool = Promtool.requireInstalled();
        String query = DashboardQueries.withVariablesFilledIn(
                DashboardQueries.of(new MonitoringFiles(naming, "x", "test").dashboardJson()).get(0));
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putArray("groups").addObject().put("name", "broken").putArray("rules").addObject()
                .put("record", "poolwise:broken").put("expr", "sum by (" + query);
        Files.writeString(dir.resolve("broken.yml"), new YAMLMapper().writeValueAsString(root), StandardCharsets.UTF_8);

        Promtool.Result check = promtool.run(dir, "check", "rules", "broken.yml");

        assertThat(check.exitCode()).as(check.output()).isNotZero();
    }
}
