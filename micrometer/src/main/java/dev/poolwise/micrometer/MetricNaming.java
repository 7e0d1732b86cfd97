package dev.poolwise.micrometer;

import io.micrometer.core.instrument.Tags;

/**
 * The names the binder publishes under: OpenTelemetry's database client connection pool conventions
 * ({@code db.client.connection.*}, the default) or HikariCP's Micrometer names ({@code hikaricp.connections.*}),
 * so that dashboards and alerts written for HikariCP keep working after a switch.
 *
 * <p>Metrics that neither names (suspected leaks, validation failures, create failures, closes by reason, health, the
 * target size and its changes, the connections held in reserve) share one suffix under either {@link #prefix()}:
 * {@code db.client.connection.suspected_leaks} and {@code hikaricp.connections.suspected_leaks}. The target size is
 * {@code .target}, a bare noun beside the limits both conventions already name that way ({@code .max},
 * {@code .idle.min}; HikariCP's {@code .max}, {@code .min}), and like them it counts connections; the reserve is
 * {@code .reserved}, a gauge of its own rather than a third value of OpenTelemetry's state tag, whose values are
 * {@code idle} and {@code used} (so under that naming the states' sum leaves the reserve out). Every meter
 * carries the pool's name under {@link #poolTagKey()}.
 *
 * <p>Under {@link #HIKARICP} the meters HikariCP itself publishes have HikariCP 7.1's meter types, base units, tags
 * and descriptions, timers included (summaries, see {@link #publishesHistograms()}), so a HikariCP pool and a
 * Poolwise pool can share one registry.
 */
public enum MetricNaming {

    /**
     * OpenTelemetry's semantic conventions for database client connection pools: {@code db.client.connection.*},
     * connection counts as one gauge tagged {@code db.client.connection.state} = {@code idle} or {@code used},
     * the pool's name under {@code db.client.connection.pool.name}, durations in seconds.
     */
    OPENTELEMETRY("db.client.connection.", "db.client.connection.pool.name") {
        @Override
        String nameOrNull(PoolMetric metric) {
            return switch (metric) {
                case CONNECTIONS_IDLE, CONNECTIONS_USED -> "db.client.connection.count";
                case CONNECTIONS_TOTAL -> null;
                case MAXIMUM -> "db.client.connection.max";
                case MINIMUM_IDLE -> "db.client.connection.idle.min";
                case MAXIMUM_IDLE -> "db.client.connection.idle.max";
                case PENDING_REQUESTS -> "db.client.connection.pending_requests";
                case TIMEOUTS -> "db.client.connection.timeouts";
                case CREATE_TIME -> "db.client.connection.create_time";
                case WAIT_TIME -> "db.client.connection.wait_time";
                case USE_TIME -> "db.client.connection.use_time";
                case CREATE_FAILURES, CLOSED, SUSPECTED_LEAKS, VALIDATION_FAILURES, HEALTH, TARGET_SIZE,
                     RESERVED, TARGET_CHANGES -> extraName(metric);
            };
        }

        @Override
        Tags fixedTags(PoolMetric metric) {
            return switch (metric) {
                case CONNECTIONS_IDLE -> Tags.of(STATE_TAG_KEY, "idle");
                case CONNECTIONS_USED -> Tags.of(STATE_TAG_KEY, "used");
                default -> Tags.empty();
            };
        }
    },

    /**
     * HikariCP's Micrometer names: {@code hikaricp.connections} (total), {@code .active}, {@code .idle},
     * {@code .pending}, {@code .max}, {@code .min}, {@code .timeout}, and the timers {@code .acquire},
     * {@code .usage}, {@code .creation}; the pool's name under {@code pool}.
     */
    HIKARICP("hikaricp.connections.", "pool") {
        @Override
        String nameOrNull(PoolMetric metric) {
            return switch (metric) {
                case CONNECTIONS_IDLE -> "hikaricp.connections.idle";
                case CONNECTIONS_USED -> "hikaricp.connections.active";
                case CONNECTIONS_TOTAL -> "hikaricp.connections";
                case MAXIMUM -> "hikaricp.connections.max";
                case MINIMUM_IDLE -> "hikaricp.connections.min";
                case MAXIMUM_IDLE -> null;
                case PENDING_REQUESTS -> "hikaricp.connections.pending";
                case TIMEOUTS -> "hikaricp.connections.timeout";
                case CREATE_TIME -> "hikaricp.connections.creation";
                case WAIT_TIME -> "hikaricp.connections.acquire";
                case USE_TIME -> "hikaricp.connections.usage";
                case CREATE_FAILURES, CLOSED, SUSPECTED_LEAKS, VALIDATION_FAILURES, HEALTH, TARGET_SIZE,
                     RESERVED, TARGET_CHANGES -> extraName(metric);
            };
        }

        /** HikariCP's own descriptions, so a family both pools publish has one help text whoever registered first. */
        @Override
        String description(PoolMetric metric) {
            return switch (metric) {
                case CONNECTIONS_TOTAL -> "Total connections";
                case CONNECTIONS_IDLE -> "Idle connections";
                case CONNECTIONS_USED -> "Active connections";
                case PENDING_REQUESTS -> "Pending threads";
                case MAXIMUM -> "Max connections";
                case MINIMUM_IDLE -> "Min connections";
                case TIMEOUTS -> "Connection timeout total count";
                case WAIT_TIME -> "Connection acquire time";
                case USE_TIME -> "Connection usage time";
                case CREATE_TIME -> "Connection creation time";
                default -> metric.description();
            };
        }

        @Override
        public boolean publishesHistograms() {
            return false;
        }
    };

    /** The tag that carries the connection state in {@link #OPENTELEMETRY} naming. */
    public static final String STATE_TAG_KEY = "db.client.connection.state";

    /**
     * The tag on {@link PoolMetric#CLOSED} that says why: a lower-case {@code CloseReason} name; and on
     * {@link PoolMetric#TARGET_CHANGES}, a lower-case {@code TargetSizeChange.Reason} name.
     */
    public static final String REASON_TAG_KEY = "reason";

    /**
     * The tag on {@link PoolMetric#TARGET_CHANGES} that says which way the target moved: {@code up} or
     * {@code down}. Its {@link #REASON_TAG_KEY} is a lower-case {@code TargetSizeChange.Reason} name.
     */
    public static final String DIRECTION_TAG_KEY = "direction";

    /** The tag on {@link PoolMetric#HEALTH}: a lower-case {@code PoolHealth.Status} name. */
    public static final String STATUS_TAG_KEY = "status";

    private final String prefix;
    private final String poolTagKey;

    MetricNaming(String prefix, String poolTagKey) {
        this.prefix = prefix;
        this.poolTagKey = poolTagKey;
    }

    /**
     * @return the start of every name but HikariCP's total gauge: {@code db.client.connection.} or
     *         {@code hikaricp.connections.}
     */
    public String prefix() {
        return prefix;
    }

    /** @return the tag that carries the pool's name: {@code db.client.connection.pool.name} or {@code pool} */
    public String poolTagKey() {
        return poolTagKey;
    }

    /**
     * Whether the timers publish a percentile histogram of their own accord.
     *
     * <p>{@link #OPENTELEMETRY}: yes, with buckets cut to the range that matters (see {@code docs/monitoring.md}).
     * {@link #HIKARICP}: no. HikariCP's own {@code MicrometerMetricsTracker} registers plain timers, which
     * Prometheus publishes as summaries, and one Prometheus family has one type: an application that has a HikariCP
     * pool and a Poolwise pool under these names in one registry (the middle of a migration) can only be scraped
     * when both publish the same type. A {@code MeterFilter} that turns on {@code percentilesHistogram} for
     * {@code hikaricp.*} turns it on for both pools alike.
     *
     * @return {@code true} for OpenTelemetry's names, {@code false} for HikariCP's
     */
    public boolean publishesHistograms() {
        return true;
    }

    /**
     * @param metric a metric
     * @return whether this naming publishes it ({@link PoolMetric#CONNECTIONS_TOTAL} is HikariCP's only,
     *         {@link PoolMetric#MAXIMUM_IDLE} OpenTelemetry's only)
     */
    public boolean publishes(PoolMetric metric) {
        return nameOrNull(metric) != null;
    }

    /**
     * @param metric a metric this naming publishes
     * @return its meter name in Micrometer's dotted form (Prometheus shows {@code db.client.connection.wait_time}
     *         as {@code db_client_connection_wait_time_seconds}, counters with {@code _total})
     * @throws IllegalArgumentException when this naming does not publish it
     */
    public String name(PoolMetric metric) {
        String name = nameOrNull(metric);
        if (name == null) {
            throw new IllegalArgumentException(
                    metric + " has no name in the " + this + " naming; check publishes() first");
        }
        return name;
    }

    /**
     * @param metric a metric
     * @return whether the convention itself names it; {@code false} for what Poolwise adds under the same
     *         prefix ({@link PoolMetric#CREATE_FAILURES}, {@link PoolMetric#CLOSED},
     *         {@link PoolMetric#SUSPECTED_LEAKS}, {@link PoolMetric#VALIDATION_FAILURES}, {@link PoolMetric#HEALTH},
     *         {@link PoolMetric#TARGET_SIZE}, {@link PoolMetric#RESERVED}, {@link PoolMetric#TARGET_CHANGES}), which
     *         another pool publishing the same convention (HikariCP itself, say) does not have
     */
    public boolean definedByConvention(PoolMetric metric) {
        return switch (metric) {
            case CREATE_FAILURES, CLOSED, SUSPECTED_LEAKS, VALIDATION_FAILURES, HEALTH, TARGET_SIZE,
                 RESERVED, TARGET_CHANGES -> false;
            default -> publishes(metric);
        };
    }

    /**
     * @param metric a metric
     * @return the tags it carries besides the pool's name (and {@code reason} on {@link PoolMetric#CLOSED},
     *         {@code status} on {@link PoolMetric#HEALTH}, {@code direction} and {@code reason} on
     *         {@link PoolMetric#TARGET_CHANGES}):
     *         the connection state for the OpenTelemetry connection count, otherwise none
     */
    public Tags tags(PoolMetric metric) {
        return fixedTags(metric);
    }

    abstract String nameOrNull(PoolMetric metric);

    Tags fixedTags(PoolMetric metric) {
        return Tags.empty();
    }

    String description(PoolMetric metric) {
        return metric.description();
    }

    /** Names for what neither convention has: one suffix under either prefix. */
    String extraName(PoolMetric metric) {
        return switch (metric) {
            case CREATE_FAILURES -> prefix + "create_failures";
            case CLOSED -> prefix + "closed";
            case SUSPECTED_LEAKS -> prefix + "suspected_leaks";
            case VALIDATION_FAILURES -> prefix + "validation_failures";
            case HEALTH -> prefix + "health";
            case TARGET_SIZE -> prefix + "target";
            case RESERVED -> prefix + "reserved";
            case TARGET_CHANGES -> prefix + "target_changes";
            default -> throw new IllegalArgumentException(metric + " is named by the convention itself");
        };
    }
}
