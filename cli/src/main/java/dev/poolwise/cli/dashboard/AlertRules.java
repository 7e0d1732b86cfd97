package dev.poolwise.cli.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolwise.micrometer.MetricNaming;
import dev.poolwise.micrometer.PoolMetric;

/**
 * The Prometheus alert rules for connection pools under one naming: pool exhausted, slow acquire, timeouts
 * rising, leaks suspected, pool unable to connect. Each alert is per series, so per pool and per instance (the
 * application's {@code job} and {@code instance} labels, and any others, carry through to the alert). What
 * each one means and what to do is in {@code docs/monitoring.md}, which the {@code runbook_url} annotations
 * point at.
 */
public final class AlertRules {

    /** {@code used / max} at or above this, with threads waiting, is an exhausted pool. */
    public static final double EXHAUSTED_UTILIZATION = 0.95;
    /** A p95 wait above this many seconds is a slow acquire. */
    public static final double SLOW_ACQUIRE_SECONDS = 0.1;

    /** The anchor base, a path relative to the repository, that runbook URLs use when no base is given. */
    public static final String DEFAULT_RUNBOOK_BASE = "docs/monitoring.md";

    private final PrometheusSeries series;
    private final List<AlertRule> rules;

    /**
     * @param series      the series names of the naming to alert on
     * @param runbookBase where {@code docs/monitoring.md} is readable, e.g. its URL in your repository or wiki;
     *                    each alert's {@code runbook_url} is this plus {@code #} and the alert's name in lower case
     */
    public AlertRules(PrometheusSeries series, String runbookBase) {
        this.series = Objects.requireNonNull(series, "series");
        Objects.requireNonNull(runbookBase, "runbookBase");
        this.rules = List.of(exhausted(runbookBase), slowAcquire(runbookBase), timeoutsRising(runbookBase),
                leaksSuspected(runbookBase), unableToConnect(runbookBase));
    }

    /** @return the naming alerted on */
    public MetricNaming naming() {
        return series.naming();
    }

    /** @return the rules, in the order they are written */
    public List<AlertRule> rules() {
        return rules;
    }

    /**
     * @param name an alert's name
     * @return that rule
     * @throws IllegalArgumentException when there is none by that name
     */
    public AlertRule rule(String name) {
        return rules.stream().filter(rule -> rule.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no alert named " + name));
    }

    /** @return the name of the rule group: {@code poolwise-otel} or {@code poolwise-hikaricp} */
    public String groupName() {
        return "poolwise-" + DashboardNaming.of(series.naming()).id();
    }

    /** @return the rules file, {@code groups: [...]}, as a tree to write as YAML */
    public ObjectNode toTree() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        ObjectNode group = root.putArray("groups").addObject();
        group.put("name", groupName());
        ArrayNode list = group.putArray("rules");
        for (AlertRule rule : rules) {
            ObjectNode node = list.addObject();
            node.put("alert", rule.name());
            node.put("expr", rule.expr());
            node.put("for", rule.forDuration());
            node.putObject("labels").put("severity", rule.severity());
            ObjectNode annotations = node.putObject("annotations");
            rule.annotations().forEach(annotations::put);
        }
        return root;
    }

    private String where() {
        return "pool {{ $labels." + series.poolLabel() + " }} on {{ $labels.instance }}";
    }

    private static String runbook(String base, String name) {
        return base + "#" + name.toLowerCase(Locale.ROOT);
    }

    private AlertRule exhausted(String base) {
        String name = "PoolwisePoolExhausted";
        String expr = "(" + series.gauge(PoolMetric.CONNECTIONS_USED) + " / " + series.gauge(PoolMetric.MAXIMUM)
                + " >= " + EXHAUSTED_UTILIZATION + ") and " + series.gauge(PoolMetric.PENDING_REQUESTS) + " > 0";
        return new AlertRule(name, expr, "2m", "critical",
                "Connection " + where() + " is exhausted: at least 95% of its connections in use and threads"
                        + " waiting",
                "For 2 minutes at least 95% of maximumPoolSize has been borrowed while getConnection callers"
                        + " waited. Requests queue and fail after connectionTimeout. Find what holds the"
                        + " connections (use time panel, leak reports) before raising"
                        + " maximumPoolSize within the database's budget (poolwise advise).",
                runbook(base, name));
    }

    private AlertRule slowAcquire(String base) {
        String name = "PoolwiseSlowAcquire";
        String expr = "histogram_quantile(0.95, rate(" + series.selector(PoolMetric.WAIT_TIME, "_bucket")
                + "[5m])) > " + SLOW_ACQUIRE_SECONDS;
        return new AlertRule(name, expr, "10m", "warning",
                "Slow getConnection in " + where() + ": p95 wait above 100 ms",
                "For 10 minutes the 95th percentile of the time getConnection waited has been above 100 ms:"
                        + " borrowers queue for connections. Compare the use time (long holds) and the create"
                        + " time (slow connects); shorten the holds or size the pool with poolwise advise.",
                runbook(base, name));
    }

    private AlertRule timeoutsRising(String base) {
        String name = "PoolwiseTimeoutsRising";
        String expr = "increase(" + series.selector(PoolMetric.TIMEOUTS, "") + "[5m]) > 0";
        return new AlertRule(name, expr, "1m", "critical",
                "getConnection timing out in " + where(),
                "getConnection calls gave up after connectionTimeout in the last 5 minutes, and the application"
                        + " saw them as SQLExceptions. Look at pending requests, utilization and the pool's"
                        + " health: an exhausted pool, a leak or a database that does not answer.",
                runbook(base, name));
    }

    private AlertRule leaksSuspected(String base) {
        String name = "PoolwiseLeaksSuspected";
        String expr = "increase(" + series.selector(PoolMetric.SUSPECTED_LEAKS, "") + "[15m]) > 0";
        return new AlertRule(name, expr, "1m", "warning",
                "Connections suspected of leaking in " + where(),
                "A borrowed connection was held past leakDetectionThreshold in the last 15 minutes. The"
                        + " application log has the report (thread, borrow stack, transaction open): fix the"
                        + " code path that does not close its connection, or raise the threshold for long work.",
                runbook(base, name));
    }

    private AlertRule unableToConnect(String base) {
        String name = "PoolwiseUnableToConnect";
        // Three ways to see it. The pool's own judgement: DOWN, nothing open and the last connect failed. For
        // pools without a health gauge (HikariCP itself): nothing open while threads wait. And connect attempts
        // failing with none succeeding, which catches a pool that is not DOWN only because a borrower still
        // holds a connection to the database that went away (a leak, a long transaction).
        String expr = "(max without (" + series.statusLabel() + ") ("
                + series.selector(PoolMetric.HEALTH, "", series.statusLabel() + "=\"down\"") + ") > 0)"
                + " or (" + series.openConnections() + " == 0 and " + series.gauge(PoolMetric.PENDING_REQUESTS)
                + " > 0)"
                + " or (increase(" + series.selector(PoolMetric.CREATE_FAILURES, "") + "[5m]) > 0 unless increase("
                + series.selector(PoolMetric.CREATE_TIME, "_count") + "[5m]) > 0)";
        return new AlertRule(name, expr, "1m", "critical",
                "Connection " + where() + " cannot connect to its database",
                "The pool cannot open connections: its health is DOWN, or threads wait while no connection is"
                        + " open, or every connect attempt in the last 5 minutes failed. Check that the database is"
                        + " up and reachable, its"
                        + " max_connections, and the credentials; the pool's error names the last connect failure.",
                runbook(base, name));
    }
}
