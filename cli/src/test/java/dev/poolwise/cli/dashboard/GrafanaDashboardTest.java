package dev.poolwise.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolwise.micrometer.PoolMetric;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The dashboard JSON, parsed back: its variables, and the panels the issue asks for with their queries. */
class GrafanaDashboardTest {

    private static JsonNode dashboard(DashboardNaming naming) throws Exception {
        return new ObjectMapper().readTree(new MonitoringFiles(naming, "x", "1.2.3").dashboardJson());
    }

    private static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (name.equals(variable.path("name").asText())) {
                return variable;
            }
        }
        throw new AssertionError("no variable " + name + " in " + dashboard.path("templating"));
    }

    private static JsonNode panel(JsonNode dashboard, String titleStart) {
        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("title").asText().startsWith(titleStart)) {
                return panel;
            }
        }
        throw new AssertionError("no panel titled " + titleStart + "...");
    }

    private static List<String> exprs(JsonNode panel) {
        List<String> exprs = new ArrayList<>();
        panel.path("targets").forEach(target -> exprs.add(target.path("expr").asText()));
        return exprs;
    }

    @ParameterizedTest
    @EnumSource(DashboardNaming.class)
    void hasADatasourceVariableForAnyPrometheus(DashboardNaming naming) throws Exception {
        JsonNode datasource = variable(dashboard(naming), GrafanaDashboard.DATASOURCE_VARIABLE);

        assertThat(datasource.path("type").asText()).isEqualTo("datasource");
        assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
    }

    @ParameterizedTest
    @EnumSource(DashboardNaming.class)
    void hasAMultiSelectPoolVariableFromThePoolLabel(DashboardNaming naming) throws Exception {
        PrometheusSeries series = new PrometheusSeries(naming.naming());
        JsonNode pool = variable(dashboard(naming), GrafanaDashboard.POOL_VARIABLE);

        assertThat(pool.path("type").asText()).isEqualTo("query");
        assertThat(pool.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
        assertThat(pool.path("definition").asText()).isEqualTo("label_values(" + series.name(
                PoolMetric.MAXIMUM) + ", " + series.poolLabel() + ")");
        assertThat(pool.path("query").path("query").asText()).isEqualTo(pool.path("definition").asText());
        assertThat(pool.path("multi").asBoolean()).isTrue();
        assertThat(pool.path("includeAll").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(DashboardNaming.class)
    void hasEveryPanelTheIssueAsksFor(DashboardNaming naming) throws Exception {
        JsonNode dashboard = dashboard(naming);
        PrometheusSeries series = new PrometheusSeries(naming.naming());

        assertThat(exprs(panel(dashboard, "Connections by state"))).hasSize(3);
        assertThat(exprs(panel(dashboard, "Utilization"))).singleElement().asString().contains(" / ");
        assertThat(exprs(panel(dashboard, "Pending requests"))).hasSize(1);
        for (String timePanel : List.of("Wait time", "Use time", "Create time")) {
            List<String> exprs = exprs(panel(dashboard, timePanel));
            assertThat(exprs).as(timePanel).hasSize(4);
            assertThat(exprs.subList(0, 3)).as(timePanel).allMatch(e -> e.startsWith("histogram_quantile("));
            assertThat(exprs.get(0)).startsWith("histogram_quantile(0.5,");
            assertThat(exprs.get(1)).startsWith("histogram_quantile(0.95,");
            assertThat(exprs.get(2)).startsWith("histogram_quantile(0.99,");
        }
        assertThat(exprs(panel(dashboard, "Timeouts"))).singleElement().asString()
                .contains(series.name(PoolMetric.TIMEOUTS));
        assertThat(exprs(panel(dashboard, "Suspected leaks"))).singleElement().asString()
                .contains(series.name(PoolMetric.SUSPECTED_LEAKS));
        assertThat(exprs(panel(dashboard, "Closes by reason"))).singleElement().asString()
                .contains("by (" + series.poolLabel() + ", reason)");
    }

    @ParameterizedTest
    @EnumSource(DashboardNaming.class)
    void drawsTheTargetSizeAgainstOpenActiveReservedAndMaxAndItsChangesByReason(DashboardNaming naming)
            throws Exception {
        JsonNode dashboard = dashboard(naming);
        PrometheusSeries series = new PrometheusSeries(naming.naming());
        JsonNode target = panel(dashboard, "Target size vs connections");

        List<String> exprs = exprs(target);
        assertThat(exprs).hasSize(5);
        assertThat(exprs.get(0)).contains(series.name(PoolMetric.TARGET_SIZE) + "{");
        assertThat(exprs.get(1)).contains(series.openConnections(series.poolLabel() + "=~\"$pool\""));
        assertThat(exprs.get(2)).contains(series.selector(PoolMetric.CONNECTIONS_USED, "",
                series.poolLabel() + "=~\"$pool\""));
        assertThat(exprs.get(3)).contains(series.name(PoolMetric.RESERVED) + "{");
        assertThat(exprs.get(4)).contains(series.name(PoolMetric.MAXIMUM) + "{");
        List<String> legends = new ArrayList<>();
        target.path("targets").forEach(t -> legends.add(t.path("legendFormat").asText()));
        assertThat(legends).allMatch(legend -> legend.startsWith("{{" + series.poolLabel() + "}} "))
                .extracting(legend -> legend.substring(legend.indexOf("}} ") + 3))
                .containsExactly("target", "open", "active", "reserved", "max");
        assertThat(target.path("description").asText()).contains("show only open, active and max here");

        assertThat(exprs(panel(dashboard, "Target size changes by reason"))).singleElement().asString()
                .contains("by (" + series.poolLabel() + ", direction, reason)")
                .contains("increase(" + series.name(PoolMetric.TARGET_CHANGES) + "{");
    }

    @ParameterizedTest
    @EnumSource(DashboardNaming.class)
    void everyQueryUsesTheVariables(DashboardNaming naming) throws Exception {
        JsonNode dashboard = dashboard(naming);
        String poolMatcher = new PrometheusSeries(naming.naming()).poolLabel() + "=~\"$pool\"";

        assertThat(dashboard.path("panels")).hasSizeGreaterThanOrEqualTo(9);
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                    .isEqualTo("${datasource}");
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText()).as(panel.path("title").asText()).contains(poolMatcher);
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DashboardNaming.class)
    void panelsDoNotOverlapAndIdsAreUnique(DashboardNaming naming) throws Exception {
        JsonNode dashboard = dashboard(naming);
        List<String> cells = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            JsonNode grid = panel.path("gridPos");
            cells.add(grid.path("x").asInt() + "," + grid.path("y").asInt());
            ids.add(panel.path("id").asInt());
        }
        assertThat(cells).doesNotHaveDuplicates();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(dashboard.path("uid").asText()).isEqualTo("poolwise-" + naming.id());
    }

    @ParameterizedTest
    @EnumSource(DashboardNaming.class)
    void panelsOnPoolwiseOnlyMetricsSaySo(DashboardNaming naming) throws Exception {
        JsonNode dashboard = dashboard(naming);

        assertThat(panel(dashboard, "Suspected leaks").path("description").asText())
                .contains("other pools (HikariCP itself) do not publish it");
        assertThat(panel(dashboard, "Pending requests").path("description").asText())
                .doesNotContain("do not publish it");
    }
}
