package dev.poolwise.cli.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolwise.micrometer.PoolMetric;

/**
 * The unit tests of {@link AlertRules} for {@code promtool test rules}: for each alert, series under which it
 * fires (with its labels and rendered annotations expected) and series under which it stays quiet (below the
 * threshold, not long enough for its {@code for}, or over and resolved), in one test group per alert.
 *
 * <p>Each group feeds several pools at once to one application instance ({@code job="app"},
 * {@code instance="app-1:9464"}): {@code orders} (and, for pool unable to connect, the other ways of failing) is
 * in trouble, the others are near misses, so each evaluation proves both that the right pools fire and that the
 * others do not.
 */
public final class AlertRulesTestFile {

    private static final String JOB = "app";
    private static final String INSTANCE = "app-1:9464";

    private final AlertRules rules;
    private final PrometheusSeries series;
    private final String rulesFileName;

    /**
     * @param rules         the rules under test
     * @param rulesFileName the rules file's name, relative to the directory the test file is written to
     */
    public AlertRulesTestFile(AlertRules rules, String rulesFileName) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.series = new PrometheusSeries(rules.naming());
        this.rulesFileName = Objects.requireNonNull(rulesFileName, "rulesFileName");
    }

    /** @return the test file as a tree to write as YAML */
    public ObjectNode toTree() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.putArray("rule_files").add(rulesFileName);
        root.put("evaluation_interval", "1m");
        ArrayNode tests = root.putArray("tests");
        for (Group group : List.of(exhausted(), slowAcquire(), timeoutsRising(), leaksSuspected(),
                unableToConnect())) {
            tests.add(group.toTree());
        }
        return root;
    }

    private Group exhausted() {
        Group group = new Group("PoolwisePoolExhausted", "fires when used/max >= 0.95 with waiters for 2 minutes;"
                + " quiet at 90% with waiters, at 100% without waiters, and before 2 minutes");
        // orders: 10 of 10 in use, 3 waiting. reports: 9 of 10 with 2 waiting. billing: 10 of 10, nobody waits.
        group.pool("orders", PoolMetric.CONNECTIONS_USED, "10x15").pool("orders", PoolMetric.CONNECTIONS_IDLE, "0x15")
                .pool("orders", PoolMetric.MAXIMUM, "10x15").pool("orders", PoolMetric.PENDING_REQUESTS, "3x15");
        group.pool("reports", PoolMetric.CONNECTIONS_USED, "9x15").pool("reports", PoolMetric.CONNECTIONS_IDLE, "1x15")
                .pool("reports", PoolMetric.MAXIMUM, "10x15").pool("reports", PoolMetric.PENDING_REQUESTS, "2x15");
        group.pool("billing", PoolMetric.CONNECTIONS_USED, "10x15").pool("billing", PoolMetric.CONNECTIONS_IDLE, "0x15")
                .pool("billing", PoolMetric.MAXIMUM, "10x15").pool("billing", PoolMetric.PENDING_REQUESTS, "0x15");
        // Active from 0m: still pending at 1m, firing at 3m (a longer "for" would not be).
        return group.expectQuiet("1m").expectFiring("3m", "orders").expectFiring("10m", "orders");
    }

    private Group slowAcquire() {
        Group group = new Group("PoolwiseSlowAcquire", "fires when the p95 wait stays above 100 ms for 10 minutes;"
                + " quiet for fast waits, for a pool with no borrows, and before 10 minutes");
        // orders: 60 waits a minute, all between 100 and 500 ms (p95 480 ms). reports: all between 10 and 100 ms
        // (p95 95.5 ms, just under). idle: no borrows, so no quantile at all.
        group.bucket("orders", "0.01", "0x30").bucket("orders", "0.1", "0x30")
                .bucket("orders", "0.5", "0+60x30").bucket("orders", "+Inf", "0+60x30");
        group.bucket("reports", "0.01", "0x30").bucket("reports", "0.1", "0+60x30")
                .bucket("reports", "0.5", "0+60x30").bucket("reports", "+Inf", "0+60x30");
        group.bucket("idle", "0.01", "0x30").bucket("idle", "0.1", "0x30")
                .bucket("idle", "0.5", "0x30").bucket("idle", "+Inf", "0x30");
        // The rate has a value from 1m: still pending at 8m, firing from 11m.
        return group.expectQuiet("8m").expectFiring("13m", "orders");
    }

    private Group timeoutsRising() {
        Group group = new Group("PoolwiseTimeoutsRising", "fires while the timeout counter rises; quiet for a"
                + " counter that stays where old timeouts left it, and 5 minutes after the last timeout");
        // orders: timeouts from minute 3 to minute 5, then none. reports: 4 timeouts long ago, none since.
        group.pool("orders", PoolMetric.TIMEOUTS, "0 0 0 1 2 3 3x20").pool("reports", PoolMetric.TIMEOUTS, "4x25");
        // Rising from 3m: pending then, firing from 4m; 5 minutes after the last timeout (5m) the window is flat.
        return group.expectQuiet("2m").expectFiring("5m", "orders").expectQuiet("15m");
    }

    private Group leaksSuspected() {
        Group group = new Group("PoolwiseLeaksSuspected", "fires after a new suspected leak; quiet for leaks"
                + " reported long ago, and 15 minutes after the last one");
        // orders: one leak reported at minute 2. reports: 3 leaks before the window, none since.
        group.pool("orders", PoolMetric.SUSPECTED_LEAKS, "0 0 1x30")
                .pool("reports", PoolMetric.SUSPECTED_LEAKS, "3x30");
        return group.expectQuiet("1m").expectFiring("5m", "orders").expectQuiet("25m");
    }

    private Group unableToConnect() {
        Group group = new Group("PoolwiseUnableToConnect", "fires when the pool's health is down, or when nothing"
                + " is open while threads wait (pools without a health gauge), or when every connect fails; quiet"
                + " for a healthy pool, an empty pool nobody waits on, a saturated pool that connects, and a pool"
                + " whose connects fail only sometimes");
        // orders: health down, nothing open, 5 waiting. legacy (HikariCP itself: no health gauge): nothing open,
        // 3 waiting. reports: up, 5 open. batch: up, nothing open, nobody waiting (minimumIdle 0 and no work).
        // busy (no health gauge either): all 10 open and in use, 4 waiting: saturated, but it connects.
        group.health("orders", "down").pool("orders", PoolMetric.CONNECTIONS_USED, "0x10")
                .pool("orders", PoolMetric.CONNECTIONS_IDLE, "0x10")
                .pool("orders", PoolMetric.PENDING_REQUESTS, "5x10");
        group.pool("legacy", PoolMetric.CONNECTIONS_USED, "0x10").pool("legacy", PoolMetric.CONNECTIONS_IDLE, "0x10")
                .pool("legacy", PoolMetric.PENDING_REQUESTS, "3x10");
        group.health("reports", "up").pool("reports", PoolMetric.CONNECTIONS_USED, "2x10")
                .pool("reports", PoolMetric.CONNECTIONS_IDLE, "3x10")
                .pool("reports", PoolMetric.PENDING_REQUESTS, "0x10");
        group.health("batch", "up").pool("batch", PoolMetric.CONNECTIONS_USED, "0x10")
                .pool("batch", PoolMetric.CONNECTIONS_IDLE, "0x10").pool("batch", PoolMetric.PENDING_REQUESTS, "0x10");
        group.pool("busy", PoolMetric.CONNECTIONS_USED, "10x10").pool("busy", PoolMetric.CONNECTIONS_IDLE, "0x10")
                .pool("busy", PoolMetric.PENDING_REQUESTS, "4x10");
        // stranded: degraded, not down, because a borrower still holds the one connection to the database that
        // went away; 8 waiting; every connect attempt fails (5 a minute), none succeeds. flaky: some attempts
        // fail, but others succeed: it connects.
        group.health("stranded", "degraded").pool("stranded", PoolMetric.CONNECTIONS_USED, "1x10")
                .pool("stranded", PoolMetric.CONNECTIONS_IDLE, "0x10")
                .pool("stranded", PoolMetric.PENDING_REQUESTS, "8x10")
                .pool("stranded", PoolMetric.CREATE_FAILURES, "0+5x10")
                .timerCount("stranded", PoolMetric.CREATE_TIME, "3x10");
        group.health("flaky", "up").pool("flaky", PoolMetric.CONNECTIONS_USED, "2x10")
                .pool("flaky", PoolMetric.CONNECTIONS_IDLE, "1x10")
                .pool("flaky", PoolMetric.PENDING_REQUESTS, "0x10")
                .pool("flaky", PoolMetric.CREATE_FAILURES, "0+2x10")
                .timerCount("flaky", PoolMetric.CREATE_TIME, "3+1x10");
        // Active from 0m (stranded from 1m, once its counters have two samples): pending then, firing 1m later.
        return group.expectQuiet("0m").expectFiring("1m", "legacy", "orders")
                .expectFiring("3m", "legacy", "orders", "stranded");
    }

    /** One test group: the input series, and the alert's expected state at some evaluation times. */
    private final class Group {
        private final AlertRule rule;
        private final String name;
        private final Map<String, String> input = new LinkedHashMap<>();
        private final List<Map.Entry<String, List<String>>> evaluations = new ArrayList<>();

        Group(String alert, String what) {
            this.rule = rules.rule(alert);
            this.name = alert + " (" + DashboardNaming.of(rules.naming()).id() + "): " + what;
        }

        Group pool(String pool, PoolMetric metric, String values) {
            input.put(series.selector(metric, "", labels(pool)), values);
            return this;
        }

        Group bucket(String pool, String le, String values) {
            input.put(series.selector(PoolMetric.WAIT_TIME, "_bucket", labels(pool, "le=\"" + le + "\"")), values);
            return this;
        }

        Group timerCount(String pool, PoolMetric timer, String values) {
            input.put(series.selector(timer, "_count", labels(pool)), values);
            return this;
        }

        /** One series per status, 1 on the given one, as the binder publishes them. */
        Group health(String pool, String status) {
            for (String each : List.of("up", "degraded", "down")) {
                String statusMatcher = series.statusLabel() + "=\"" + each + "\"";
                input.put(series.selector(PoolMetric.HEALTH, "", labels(pool, statusMatcher)),
                        each.equals(status) ? "1x10" : "0x10");
            }
            return this;
        }

        Group expectQuiet(String evalTime) {
            evaluations.add(Map.entry(evalTime, List.of()));
            return this;
        }

        Group expectFiring(String evalTime, String... pools) {
            evaluations.add(Map.entry(evalTime, List.of(pools)));
            return this;
        }

        /** The labels of one pool's series on the test instance, and any more given. */
        private String[] labels(String pool, String... more) {
            List<String> labels = new ArrayList<>(List.of(series.poolLabel() + "=\"" + pool + "\"",
                    "job=\"" + JOB + "\"", "instance=\"" + INSTANCE + "\""));
            labels.addAll(List.of(more));
            return labels.toArray(String[]::new);
        }

        ObjectNode toTree() {
            ObjectNode test = JsonNodeFactory.instance.objectNode();
            test.put("name", name);
            test.put("interval", "1m");
            ArrayNode inputSeries = test.putArray("input_series");
            input.forEach((selector, values) -> inputSeries.addObject().put("series", selector).put("values", values));
            ArrayNode checks = test.putArray("alert_rule_test");
            for (Map.Entry<String, List<String>> evaluation : evaluations) {
                ObjectNode check = checks.addObject();
                check.put("eval_time", evaluation.getKey());
                check.put("alertname", rule.name());
                ArrayNode expected = check.putArray("exp_alerts");
                for (String pool : evaluation.getValue()) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    labels.put("severity", rule.severity());
                    labels.put(series.poolLabel(), pool);
                    labels.put("job", JOB);
                    labels.put("instance", INSTANCE);
                    ObjectNode alert = expected.addObject();
                    ObjectNode expLabels = alert.putObject("exp_labels");
                    labels.forEach(expLabels::put);
                    ObjectNode expAnnotations = alert.putObject("exp_annotations");
                    rule.annotationsFor(labels).forEach(expAnnotations::put);
                }
            }
            return test;
        }
    }
}
