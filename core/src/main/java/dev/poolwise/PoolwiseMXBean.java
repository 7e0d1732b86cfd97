package dev.poolwise;

/**
 * The JMX view of one pool, registered as {@code dev.poolwise:type=Pool,name=<poolName>} when
 * {@code registerMbeans} is true. Counts and settings to read, and the operations an operator needs during
 * an incident or a failover.
 */
public interface PoolwiseMXBean {

    /** @return the pool's name */
    String getPoolName();

    /** @return physical connections open or being opened */
    int getTotalConnections();

    /** @return connections currently borrowed */
    int getActiveConnections();

    /** @return connections idle in the pool */
    int getIdleConnections();

    /**
     * @return connections an adaptive pool holds open but does not lend, after a change of its target down that
     *         it may undo ({@code sizingReserveTime}); 0 in static sizing and when the reserve is off
     */
    int getReservedConnections();

    /** @return threads waiting in {@code getConnection} */
    int getThreadsAwaitingConnection();

    /** @return the current maximum pool size */
    int getMaximumPoolSize();

    /** @return the current minimum idle target */
    int getMinimumIdle();

    /**
     * @return the size the pool works to: the maximum in static sizing, the controller's current target in
     *         adaptive sizing
     */
    int getTargetSize();

    /** @return {@code static} or {@code adaptive}, as the {@code sizing} setting names it */
    String getSizing();

    /** @return physical connections opened since start */
    long getConnectionsCreated();

    /** @return physical connections closed since start, for any reason */
    long getConnectionsClosed();

    /** @return failed connect attempts since start */
    long getConnectFailures();

    /** @return {@code getConnection} calls that timed out since start */
    long getConnectionTimeouts();

    /** @return connections that failed validation since start */
    long getValidationFailures();

    /** @return borrows reported as suspected leaks since start */
    long getSuspectedLeaks();

    /** @return one text report per connection currently suspected of leaking */
    String[] getSuspectedLeakReports();

    /** @return {@code connectionTimeout} in milliseconds */
    long getConnectionTimeoutMillis();

    /** @return {@code idleTimeout} in milliseconds */
    long getIdleTimeoutMillis();

    /** @return {@code maxLifetime} in milliseconds */
    long getMaxLifetimeMillis();

    /** @return {@code keepaliveTime} in milliseconds */
    long getKeepaliveTimeMillis();

    /** @return {@code leakDetectionThreshold} in milliseconds, 0 when off */
    long getLeakDetectionThresholdMillis();

    /** @return the JDBC URL with passwords masked, or the DataSource class */
    String getJdbcUrl();

    /** @return {@code pooled} or {@code unpooled} */
    String getMode();

    /** @return {@code UP}, or {@code DEGRADED (reason)} / {@code DOWN (reason)}; see {@link PoolwiseDataSource#health()} */
    String getHealth();

    /** @return whether new borrows are held by {@link #suspend()} */
    boolean isSuspended();

    /** Closes every idle connection now; the pool refills to {@code minimumIdle}. */
    void evictIdle();

    /** Closes idle connections now and borrowed ones when they are returned. */
    void softEvictAll();

    /** Holds new borrows until {@link #resume()} (needs {@code allowPoolSuspension}). */
    void suspend();

    /** Lets borrows through again. */
    void resume();

    /**
     * Changes the pool's size while it runs; shrinking closes idle connections now and borrowed ones on return.
     *
     * @param maximumPoolSize the new maximum, at least 1
     * @param minimumIdle     the new idle target, 0 to {@code maximumPoolSize}
     */
    void resize(int maximumPoolSize, int minimumIdle);
}
