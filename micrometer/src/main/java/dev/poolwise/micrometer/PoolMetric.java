package dev.poolwise.micrometer;

/**
 * What the binder measures about a pool, whatever the naming. {@link MetricNaming#name(PoolMetric)} gives each
 * one's meter name; a naming that has no equivalent for a metric does not publish it (see
 * {@link MetricNaming#publishes(PoolMetric)}).
 */
public enum PoolMetric {

    /** Gauge: connections idle in the pool, ready to be borrowed. */
    CONNECTIONS_IDLE(Kind.GAUGE, "The number of connections that are currently in state described by the state tag"),
    /** Gauge: connections currently borrowed. */
    CONNECTIONS_USED(Kind.GAUGE, "The number of connections that are currently in state described by the state tag"),
    /** Gauge: physical connections open or being opened (HikariCP naming only; OpenTelemetry sums the states). */
    CONNECTIONS_TOTAL(Kind.GAUGE, "Total connections"),
    /** Gauge: the current {@code maximumPoolSize} (it changes with {@code resize}). */
    MAXIMUM(Kind.GAUGE, "The maximum number of open connections allowed"),
    /** Gauge: the current {@code minimumIdle} target. */
    MINIMUM_IDLE(Kind.GAUGE, "The minimum number of idle open connections allowed"),
    /**
     * Gauge: the most connections that can be idle at once, which is {@code maximumPoolSize} (OpenTelemetry
     * naming only).
     */
    MAXIMUM_IDLE(Kind.GAUGE, "The maximum number of idle open connections allowed"),
    /** Gauge: threads waiting in {@code getConnection}. */
    PENDING_REQUESTS(Kind.GAUGE, "The number of current pending requests for an open connection"),
    /** Counter: {@code getConnection} calls that gave up after {@code connectionTimeout}. */
    TIMEOUTS(Kind.COUNTER,
            "The number of connection timeouts that have occurred trying to obtain a connection from the pool"),
    /** Timer: how long opening a physical connection took (connect, init SQL, default state). */
    CREATE_TIME(Kind.TIMER, "The time it took to create a new connection"),
    /** Timer: how long {@code getConnection} waited for a connection. */
    WAIT_TIME(Kind.TIMER, "The time it took to obtain an open connection from the pool"),
    /** Timer: how long a borrowed connection was held before it was returned. */
    USE_TIME(Kind.TIMER, "The time between borrowing a connection and returning it to the pool"),
    /** Counter: failed attempts to open a physical connection. */
    CREATE_FAILURES(Kind.COUNTER, "The number of failed attempts to open a physical connection"),
    /** Counter, tagged {@code reason}: physical connections closed, by why (see {@code CloseReason}). */
    CLOSED(Kind.COUNTER, "The number of physical connections closed, by reason"),
    /** Counter: borrows held past {@code leakDetectionThreshold} and reported as suspected leaks. */
    SUSPECTED_LEAKS(Kind.COUNTER, "The number of borrowed connections reported as suspected leaks"),
    /** Counter: connections that failed validation on borrow or keepalive and were closed. */
    VALIDATION_FAILURES(Kind.COUNTER, "The number of connections that failed validation and were closed"),
    /**
     * Gauge, tagged {@code status} = {@code up}, {@code degraded} or {@code down}: 1 on the series of the pool's
     * current {@link dev.poolwise.PoolwiseDataSource#health() health}, 0 on the other two. {@code down} means
     * the pool cannot connect (no connection open and the last attempt failed) or is closed.
     */
    HEALTH(Kind.GAUGE, "The pool's health: 1 for the current status (up, degraded, down), 0 for the others"),
    /**
     * Gauge: the size the pool works to ({@link dev.poolwise.PoolStats#targetSize()}): {@code maximumPoolSize} in
     * static sizing, the controller's current target in adaptive sizing. Published in both sizings, so that one
     * dashboard serves both.
     */
    TARGET_SIZE(Kind.GAUGE, "The number of connections the pool works to: the maximum in static sizing,"
            + " the controller's current target in adaptive sizing"),
    /**
     * Gauge: connections an adaptive pool holds open but does not lend after a change of its target down that it
     * may undo ({@link dev.poolwise.PoolStats#reserved()}, {@code sizingReserveTime}): open, so counted on the
     * database and in {@link #CONNECTIONS_TOTAL}, but neither idle nor used. 0 in static sizing and when the
     * reserve is off; published in both sizings, like the target.
     */
    RESERVED(Kind.GAUGE, "The number of open connections the adaptive pool holds in reserve, neither idle nor"
            + " used, for a rise of its target to lend back"),
    /**
     * Counter, tagged {@code direction} = {@code up} or {@code down} and {@code reason} (a lower-case
     * {@link dev.poolwise.TargetSizeChange.Reason} name): changes of an adaptive pool's target size. Fed by the
     * metrics' listener, so published only for a pool with {@code sizing = adaptive} and that listener; each
     * reason has the directions it can move the target in, so there are at most twelve series per pool.
     */
    TARGET_CHANGES(Kind.COUNTER, "The number of changes of the adaptive pool's target size, by direction and"
            + " reason");

    /** The kind of Micrometer meter a metric is published as. */
    public enum Kind {
        /** A value read from the pool's stats at each scrape. */
        GAUGE,
        /** A monotonic count read from the pool's stats at each scrape. */
        COUNTER,
        /**
         * A distribution of durations fed by pool events, in seconds; with a percentile histogram when the naming
         * {@linkplain MetricNaming#publishesHistograms() publishes histograms}.
         */
        TIMER
    }

    private final Kind kind;
    private final String description;

    PoolMetric(Kind kind, String description) {
        this.kind = kind;
        this.description = description;
    }

    /** @return the kind of meter it is published as */
    public Kind kind() {
        return kind;
    }

    /** @return the meter's description, as published (OpenTelemetry's wording where it defines the metric) */
    public String description() {
        return description;
    }
}
