package dev.poolwise.cli.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolwise.micrometer.PoolMetric;

/**
 * A Grafana dashboard for connection pools under one naming, as importable JSON: a data source variable (any
 * Prometheus), a pool variable (multi-select, from the pool label), and one time-series panel each for
 * connections by state, utilization, pending requests, wait, use and create times (p50, p95, p99 and mean),
 * timeouts, suspected leaks, closes by reason, connect failures, health, the target size against the
 * connections open and in use, and an adaptive pool's changes of target by reason.
 *
 * <p>Panels on metrics Poolwise adds to a convention (leaks, closes by reason, connect failures, health, target) say
 * so in their description: a pool that is not Poolwise (HikariCP itself, under the HikariCP naming) leaves them
 * empty.
 */
public final class GrafanaDashboard {

    /** The name of the data source variable; panels use {@code ${datasource}}. */
    public static final String DATASOURCE_VARIABLE = "datasource";
    /** The name of the pool variable; queries match {@code =~"$pool"}. */
    public static final String POOL_VARIABLE = "pool";

    /** The quantiles of the time panels, and their legends. */
    private static final List<String[]> QUANTILES =
            List.of(new String[] {"0.5", "p50"}, new String[] {"0.95", "p95"}, new String[] {"0.99", "p99"});
    private static final int COLUMNS = 2;
    private static final int PANEL_WIDTH = 12;
    private static final int PANEL_HEIGHT = 8;

    private final PrometheusSeries series;
    private final DashboardNaming naming;
    private final String version;

    /**
     * @param series  the series names of the naming to chart
     * @param version the Poolwise version that generated it, shown in the description
     */
    public GrafanaDashboard(PrometheusSeries series, String version) {
        this.series = Objects.requireNonNull(series, "series");
        this.naming = DashboardNaming.of(series.naming());
        this.version = Objects.requireNonNull(version, "version");
    }

    /** @return the dashboard's uid, stable across runs so that re-importing replaces it: {@code poolwise-otel} */
    public String uid() {
        return "poolwise-" + naming.id();
    }

    /** @return the dashboard as a tree to write as JSON */
    public ObjectNode toTree() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("uid", uid());
        root.put("title", "Poolwise connection pools (" + naming.id() + " names)");
        root.put("description", "Connection pools publishing " + series.naming().prefix() + "* metrics. Generated"
                + " by poolwise dashboard --naming " + naming.id() + " (Poolwise " + version + ").");
        root.putArray("tags").add("poolwise").add("connection-pool").add("database");
        root.put("editable", true);
        root.put("graphTooltip", 1);
        root.put("refresh", "30s");
        root.put("schemaVersion", 39);
        root.put("version", 1);
        root.put("timezone", "browser");
        root.putObject("time").put("from", "now-3h").put("to", "now");
        root.putObject("annotations").putArray("list");
        root.putArray("links");
        ArrayNode variables = root.putObject("templating").putArray("list");
        variables.add(datasourceVariable());
        variables.add(poolVariable());
        ArrayNode panels = root.putArray("panels");
        List<Panel> list = panels();
        for (int i = 0; i < list.size(); i++) {
            panels.add(list.get(i).toTree(i + 1, (i % COLUMNS) * PANEL_WIDTH, (i / COLUMNS) * PANEL_HEIGHT));
        }
        return root;
    }

    private static ObjectNode datasourceVariable() {
        ObjectNode variable = JsonNodeFactory.instance.objectNode();
        variable.put("name", DATASOURCE_VARIABLE);
        variable.put("label", "Data source");
        variable.put("type", "datasource");
        variable.put("query", "prometheus");
        variable.put("refresh", 1);
        variable.put("hide", 0);
        variable.put("multi", false);
        variable.put("includeAll", false);
        variable.put("regex", "");
        variable.putObject("current");
        variable.putArray("options");
        return variable;
    }

    private ObjectNode poolVariable() {
        String query = "label_values(" + series.name(PoolMetric.MAXIMUM) + ", " + series.poolLabel() + ")";
        ObjectNode variable = JsonNodeFactory.instance.objectNode();
        variable.put("name", POOL_VARIABLE);
        variable.put("label", "Pool");
        variable.put("type", "query");
        variable.set("datasource", datasource());
        variable.put("definition", query);
        variable.putObject("query").put("query", query).put("qryType", 1)
                .put("refId", "PrometheusVariableQueryEditor-VariableQuery");
        // On time range change, so pools that appear later show up.
        variable.put("refresh", 2);
        variable.put("hide", 0);
        variable.put("multi", true);
        variable.put("includeAll", true);
        variable.put("allValue", ".+");
        variable.put("sort", 1);
        variable.put("regex", "");
        variable.putObject("current");
        variable.putArray("options");
        return variable;
    }

    private static ObjectNode datasource() {
        return JsonNodeFactory.instance.objectNode().put("type", "prometheus")
                .put("uid", "${" + DATASOURCE_VARIABLE + "}");
    }

    private List<Panel> panels() {
        String pool = series.poolLabel();
        String matcher = pool + "=~\"$" + POOL_VARIABLE + "\"";
        String byPool = "sum by (" + pool + ") ";
        String legend = "{{" + pool + "}}";
        List<Panel> panels = new ArrayList<>();

        // A gauge summed over the pool's instances (and, for OpenTelemetry's count, its fixed state label).
        Function<PoolMetric, String> perPool = metric -> byPool + "(" + series.selector(metric, "", matcher) + ")";

        panels.add(new Panel("Connections by state", "Connections borrowed (used) and idle in the pool, against"
                + " maximumPoolSize (max).", "short", null)
                .target(perPool.apply(PoolMetric.CONNECTIONS_USED), legend + " used")
                .target(perPool.apply(PoolMetric.CONNECTIONS_IDLE), legend + " idle")
                .target(perPool.apply(PoolMetric.MAXIMUM), legend + " max"));
        panels.add(new Panel("Utilization (used / max)", "The share of maximumPoolSize borrowed. At "
                + Math.round(AlertRules.EXHAUSTED_UTILIZATION * 100) + "% with threads waiting, the pool is"
                + " exhausted (alert PoolwisePoolExhausted).", "percentunit", 1.0)
                .target(perPool.apply(PoolMetric.CONNECTIONS_USED) + " / " + perPool.apply(PoolMetric.MAXIMUM),
                        legend));
        panels.add(new Panel("Target size vs connections", "The size the pool works to (target) against the"
                + " connections open (idle + used) and active (used), and maximumPoolSize (max). A static pool's"
                + " target is its maximum; an adaptive pool (sizing=adaptive) moves it between minimumIdle and the"
                + " maximum while it runs (docs/adaptive.md). Reserved: connections an adaptive pool with"
                + " sizingReserveTime keeps open but unlent after a shrink it may undo, for a rise to lend back"
                + " (neither idle nor used; 0 otherwise)." + targetOnlyFromPoolwise(),
                "short", null)
                .target(perPool.apply(PoolMetric.TARGET_SIZE), legend + " target")
                .target(byPool + "(" + series.openConnections(matcher) + ")", legend + " open")
                .target(perPool.apply(PoolMetric.CONNECTIONS_USED), legend + " active")
                .target(perPool.apply(PoolMetric.RESERVED), legend + " reserved")
                .target(perPool.apply(PoolMetric.MAXIMUM), legend + " max"));
        panels.add(new Panel("Pending requests", "Threads waiting in getConnection for a connection.", "short", null)
                .target(perPool.apply(PoolMetric.PENDING_REQUESTS), legend));
        panels.add(timePanel("Wait time (getConnection)", "How long getConnection waited for a connection."
                + " Alert PoolwiseSlowAcquire fires when p95 stays above 100 ms.", PoolMetric.WAIT_TIME, matcher));
        panels.add(timePanel("Use time (borrow to close)", "How long borrowed connections were held, from"
                + " getConnection to close(). Long holds starve the other borrowers.", PoolMetric.USE_TIME, matcher));
        panels.add(timePanel("Create time (opening a connection)", "How long opening a physical connection took:"
                + " connect, connectionInitSql, default state.", PoolMetric.CREATE_TIME, matcher));
        panels.add(new Panel("Timeouts (last 5 min)", "getConnection calls that gave up after connectionTimeout,"
                + " in the 5 minutes before each point.", "short", null)
                .target(byPool + "(increase(" + series.selector(PoolMetric.TIMEOUTS, "", matcher) + "[5m]))", legend));
        panels.add(new Panel("Suspected leaks (last 5 min)", "Borrows held past leakDetectionThreshold and"
                + " reported (the application log has each report)." + poolwiseOnly(PoolMetric.SUSPECTED_LEAKS),
                "short", null)
                .target(byPool + "(increase(" + series.selector(PoolMetric.SUSPECTED_LEAKS, "", matcher) + "[5m]))",
                        legend));
        panels.add(new Panel("Closes by reason (per second)", "Physical connections closed, by why: lifetime and"
                + " idle are routine; broken and validation_failed rising mean connections are being cut."
                + poolwiseOnly(PoolMetric.CLOSED), "ops", null)
                .target("sum by (" + pool + ", " + series.reasonLabel() + ") (rate("
                        + series.selector(PoolMetric.CLOSED, "", matcher) + "[$__rate_interval]))",
                        legend + " {{" + series.reasonLabel() + "}}"));
        panels.add(new Panel("Connect failures (per second)", "Failed attempts to open a physical connection;"
                + " retries count each." + poolwiseOnly(PoolMetric.CREATE_FAILURES), "ops", null)
                .target(byPool + "(rate(" + series.selector(PoolMetric.CREATE_FAILURES, "", matcher)
                        + "[$__rate_interval]))", legend));
        panels.add(new Panel("Health", "1 on the pool's current status, on any instance: up, degraded (saturated,"
                + " a recent timeout, suspected leaks) or down (cannot connect; alert PoolwiseUnableToConnect)."
                + poolwiseOnly(PoolMetric.HEALTH), "short", 1.0)
                .target("max by (" + pool + ", " + series.statusLabel() + ") ("
                        + series.selector(PoolMetric.HEALTH, "", matcher) + ")",
                        legend + " {{" + series.statusLabel() + "}}"));
        panels.add(new Panel("Target size changes by reason (last 5 min)", "Why an adaptive pool moved its"
                + " target: grow_queueing (borrowers queued while hold time stayed flat), shrink_saturated (hold"
                + " time rose: the database is saturated), shrink_no_gain and grow_throughput (sizes measured"
                + " slower or faster), shrink_idle (connections sat idle), probes, and bounds"
                + " (resize or the fleet budget's ceiling). Empty for static pools, and for a pool whose target"
                + " holds still."
                + poolwiseOnly(PoolMetric.TARGET_CHANGES), "short", null)
                .target("sum by (" + pool + ", " + series.directionLabel() + ", " + series.reasonLabel()
                        + ") (increase(" + series.selector(PoolMetric.TARGET_CHANGES, "", matcher) + "[5m])) > 0",
                        legend + " {{" + series.directionLabel() + "}} {{" + series.reasonLabel() + "}}"));
        return panels;
    }

    private Panel timePanel(String title, String description, PoolMetric timer, String matcher) {
        String pool = series.poolLabel();
        String legend = "{{" + pool + "}}";
        Panel panel = new Panel(title, description + " Quantiles from the histogram buckets (under HikariCP's"
                + " names, HikariCP and Poolwise alike publish buckets only with percentiles-histogram enabled); mean"
                + " from sum and count.", "s", null);
        for (String[] quantile : QUANTILES) {
            panel.target("histogram_quantile(" + quantile[0] + ", sum by (le, " + pool + ") (rate("
                    + series.selector(timer, "_bucket", matcher) + "[$__rate_interval])))", legend + " " + quantile[1]);
        }
        return panel.target("sum by (" + pool + ") (rate(" + series.selector(timer, "_sum", matcher)
                + "[$__rate_interval])) / sum by (" + pool + ") (rate(" + series.selector(timer, "_count", matcher)
                + "[$__rate_interval]))", legend + " mean");
    }

    /**
     * The target and reserved lines are Poolwise's own; the connection lines are the convention's, which every
     * pool publishes.
     */
    private String targetOnlyFromPoolwise() {
        return series.naming().definedByConvention(PoolMetric.TARGET_SIZE) ? ""
                : " Poolwise adds the target and reserved to the " + naming.id() + " names; other pools (HikariCP"
                        + " itself) do not publish them, and show only open, active and max here.";
    }

    private String poolwiseOnly(PoolMetric metric) {
        return series.naming().definedByConvention(metric) ? ""
                : " Poolwise adds this metric to the " + naming.id() + " names; other pools (HikariCP itself)"
                        + " do not publish it, and the panel stays empty for them.";
    }

    /** One time-series panel: its texts, unit and queries. */
    private static final class Panel {
        private final String title;
        private final String description;
        private final String unit;
        private final Double max;
        private final List<String[]> targets = new ArrayList<>();

        Panel(String title, String description, String unit, Double max) {
            this.title = title;
            this.description = description;
            this.unit = unit;
            this.max = max;
        }

        Panel target(String expr, String legend) {
            targets.add(new String[] {expr, legend});
            return this;
        }

        ObjectNode toTree(int id, int x, int y) {
            ObjectNode panel = JsonNodeFactory.instance.objectNode();
            panel.put("id", id);
            panel.put("type", "timeseries");
            panel.put("title", title);
            panel.put("description", description);
            panel.set("datasource", datasource());
            panel.putObject("gridPos").put("x", x).put("y", y).put("w", PANEL_WIDTH).put("h", PANEL_HEIGHT);
            ObjectNode fieldConfig = panel.putObject("fieldConfig");
            ObjectNode defaults = fieldConfig.putObject("defaults");
            defaults.put("unit", unit);
            defaults.put("min", 0);
            if (max != null) {
                defaults.put("max", max);
            }
            fieldConfig.putArray("overrides");
            ObjectNode options = panel.putObject("options");
            options.putObject("legend").put("displayMode", "table").put("placement", "bottom")
                    .put("showLegend", true).putArray("calcs").add("lastNotNull").add("max");
            options.putObject("tooltip").put("mode", "multi").put("sort", "desc");
            ArrayNode list = panel.putArray("targets");
            for (int i = 0; i < targets.size(); i++) {
                ObjectNode target = list.addObject();
                target.put("refId", String.valueOf((char) ('A' + i)));
                target.set("datasource", datasource());
                target.put("expr", targets.get(i)[0]);
                target.put("legendFormat", targets.get(i)[1]);
                target.put("range", true);
            }
            return panel;
        }
    }
}
