package dev.poolwise.cli.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

import dev.poolwise.micrometer.MetricNaming;
import dev.poolwise.micrometer.PoolMetric;
import io.micrometer.core.instrument.Tag;

/**
 * The Prometheus names of the series {@link dev.poolwise.micrometer.PoolwiseMeterBinder} publishes under one
 * {@link MetricNaming}, and the PromQL pieces the dashboard and the alert rules are built from. Every name is
 * derived from {@link MetricNaming#name(PoolMetric)} and {@link MetricNaming#tags(PoolMetric)}, never retyped, so
 * the generated files cannot drift from what the binder publishes (the tests scrape a real registry to prove it).
 *
 * <p>Micrometer's Prometheus registry turns a dotted name into underscores, adds {@code _seconds} to timers
 * (whose series are then {@code _bucket}, {@code _count}, {@code _sum} and {@code _max}) and {@code _total} to
 * counters; gauges keep their name. Tag keys get underscores too.
 */
public final class PrometheusSeries {

    private final MetricNaming naming;

    /**
     * @param naming the names the pools publish under
     */
    public PrometheusSeries(MetricNaming naming) {
        this.naming = Objects.requireNonNull(naming, "naming");
    }

    /** @return the naming these series belong to */
    public MetricNaming naming() {
        return naming;
    }

    /**
     * @param metric a metric the naming publishes
     * @return the name Prometheus stores it under: a gauge's name, a counter's {@code ..._total}, a timer's
     *         {@code ..._seconds} (add {@code _bucket}, {@code _count} or {@code _sum} for its series)
     */
    public String name(PoolMetric metric) {
        String base = underscores(naming.name(metric));
        return switch (metric.kind()) {
            case GAUGE -> base;
            case COUNTER -> base + "_total";
            case TIMER -> base + "_seconds";
        };
    }

    /** @return the label that carries the pool's name: {@code db_client_connection_pool_name} or {@code pool} */
    public String poolLabel() {
        return underscores(naming.poolTagKey());
    }

    /**
     * @return the label that says why a connection was closed, on {@link PoolMetric#CLOSED}, and why the target
     *         moved, on {@link PoolMetric#TARGET_CHANGES}
     */
    public String reasonLabel() {
        return underscores(MetricNaming.REASON_TAG_KEY);
    }

    /** @return the label that says which way the target moved, on {@link PoolMetric#TARGET_CHANGES} */
    public String directionLabel() {
        return underscores(MetricNaming.DIRECTION_TAG_KEY);
    }

    /** @return the label that carries the status on {@link PoolMetric#HEALTH} */
    public String statusLabel() {
        return underscores(MetricNaming.STATUS_TAG_KEY);
    }

    /**
     * @param metric a metric
     * @return the labels, besides the pool's, that the naming fixes on it, as {@code key="value"} matchers
     *         (the OpenTelemetry connection count's state); empty for most
     */
    public List<String> fixedMatchers(PoolMetric metric) {
        List<String> matchers = new ArrayList<>();
        for (Tag tag : naming.tags(metric)) {
            matchers.add(underscores(tag.getKey()) + "=\"" + tag.getValue() + "\"");
        }
        return matchers;
    }

    /**
     * @param metric   a metric the naming publishes
     * @param suffix   appended to its name: {@code ""}, or {@code _bucket}, {@code _count}, {@code _sum} for timers
     * @param matchers further label matchers, e.g. {@code pool=~"$pool"}; may be empty
     * @return a selector for the metric's series, with the naming's fixed labels: {@code name{state="used",...}}
     */
    public String selector(PoolMetric metric, String suffix, String... matchers) {
        StringJoiner joined = new StringJoiner(",", "{", "}");
        joined.setEmptyValue("");
        fixedMatchers(metric).forEach(joined::add);
        for (String matcher : matchers) {
            if (!matcher.isEmpty()) {
                joined.add(matcher);
            }
        }
        return name(metric) + suffix + joined;
    }

    /**
     * @param metric   a gauge the naming publishes
     * @param matchers further label matchers
     * @return its series with the naming's fixed labels summed away, so that it has the same labels as the
     *         pool's other gauges (OpenTelemetry's {@code count{state="used"}} becomes
     *         {@code sum without (state) (...)}); the plain selector when nothing is fixed
     */
    public String gauge(PoolMetric metric, String... matchers) {
        String selector = selector(metric, "", matchers);
        List<String> fixed = naming.tags(metric).stream().map(tag -> underscores(tag.getKey())).toList();
        return fixed.isEmpty() ? selector : "sum without (" + String.join(", ", fixed) + ") (" + selector + ")";
    }

    /**
     * @param matchers further label matchers
     * @return connections open and not being opened, idle plus used, with the labels of the pool's gauges
     */
    public String openConnections(String... matchers) {
        if (naming.name(PoolMetric.CONNECTIONS_IDLE).equals(naming.name(PoolMetric.CONNECTIONS_USED))) {
            // One gauge for both states (OpenTelemetry): sum the states.
            List<String> stateKeys = naming.tags(PoolMetric.CONNECTIONS_USED).stream()
                    .map(tag -> underscores(tag.getKey())).toList();
            StringJoiner joined = new StringJoiner(",", "{", "}");
            joined.setEmptyValue("");
            for (String matcher : matchers) {
                if (!matcher.isEmpty()) {
                    joined.add(matcher);
                }
            }
            return "sum without (" + String.join(", ", stateKeys) + ") ("
                    + name(PoolMetric.CONNECTIONS_USED) + joined + ")";
        }
        return "(" + gauge(PoolMetric.CONNECTIONS_USED, matchers) + " + "
                + gauge(PoolMetric.CONNECTIONS_IDLE, matchers) + ")";
    }

    /**
     * @param dotted a Micrometer name or tag key
     * @return it as Prometheus spells it: dots as underscores
     */
    static String underscores(String dotted) {
        return dotted.replace('.', '_');
    }
}
