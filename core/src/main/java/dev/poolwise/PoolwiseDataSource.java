package dev.poolwise;

import dev.poolwise.internal.ConfigReader;
import dev.poolwise.internal.Pool;
import dev.poolwise.internal.Setting;
import dev.poolwise.internal.jdbc.ConnectionHandle;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A pooled {@link DataSource}: the class a HikariCP user switches to.
 *
 * <pre>{@code
 * try (PoolwiseDataSource ds = new PoolwiseDataSource(PoolConfig.builder()
 *         .jdbcUrl("jdbc:postgresql://db:5432/app")
 *         .username("app").password(secret)
 *         .maximumPoolSize(10)
 *         .build())) {
 *     try (Connection c = ds.getConnection()) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Like {@code HikariDataSource}, it can also be made with the no-argument constructor and configured
 * through setters (as frameworks that bind properties by name do); the pool then starts on the first
 * {@link #getConnection()}, and setters throw once it has.
 *
 * <p>Thread-safe. Connections it hands out are handles on pooled connections: closing one returns it to the
 * pool, reset to the pool's defaults. {@link #close()} shuts the pool down gracefully (see
 * {@link PoolConfig#getShutdownTimeout()}).
 *
 * <p>This class is the {@code DataSource} and the pool's operations. As {@code HikariDataSource} extends
 * {@code HikariConfig}, its bean properties (a getter and a setter per setting) are inherited from
 * {@link PoolwiseBeanProperties}; the pending settings, the one start and the running pool are held by a
 * package-private {@code DeferredPool}, which has all the locking.
 */
public class PoolwiseDataSource extends PoolwiseBeanProperties implements DataSource, AutoCloseable {

    /** The running pool, or the settings it will start with; the start's locking is all there. */
    private final DeferredPool deferred;
    private volatile PrintWriter logWriter;

    /**
     * Starts a pool with the given configuration. With the default {@code initializationFailTimeout} (1 ms)
     * it opens one connection now and throws if it cannot.
     *
     * @param config the pool's configuration
     * @throws PoolInitializationException when the first connection cannot be opened as configured
     */
    public PoolwiseDataSource(PoolConfig config) {
        this.deferred = new DeferredPool(new Pool(config));
    }

    /**
     * An unstarted pool, configured through setters (or {@link #configure}) and started by the first
     * {@link #getConnection()}.
     */
    public PoolwiseDataSource() {
        this.deferred = new DeferredPool(PoolConfig.builder());
    }

    /**
     * Borrows a connection, waiting up to {@code connectionTimeout} for one.
     *
     * @return a handle on a pooled connection; close it to give the connection back
     * @throws SQLException when none could be had in time (the message names the pool, how long it waited,
     *                      its counts, and carries the last connect failure as its cause), when the pool is
     *                      closed, or when the thread was interrupted while waiting
     */
    @Override
    public Connection getConnection() throws SQLException {
        Pool current = deferred.current();
        if (current == null) {
            current = deferred.start();
        }
        return current.borrow();
    }

    /**
     * Not supported: a pool's connections all use the pool's credentials. Use {@code credentialsProvider} for
     * credentials that change.
     *
     * @throws SQLFeatureNotSupportedException always
     */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException(
                "getConnection(username, password) is not supported by a pool; configure username/password or "
                        + "a credentialsProvider");
    }

    /** @return the running pool, starting it if it was configured through setters */
    private Pool running() {
        return deferred.running();
    }

    /**
     * @return a snapshot of the pool's counts and counters
     */
    public PoolStats stats() {
        return running().stats();
    }

    /**
     * @return the reports on connections currently suspected of leaking (empty when leak detection is off)
     */
    public List<LeakReport> suspectedLeaks() {
        Pool current = deferred.current();
        return current == null ? List.of() : current.suspectedLeakReports();
    }

    /**
     * The pool's health for a readiness check: DOWN when it cannot connect (no connection open and the last
     * connect failed; or connects have kept failing for 5 s and nothing is idle, however many connections are
     * still borrowed; or the pool is closed); DEGRADED when it is saturated with waiters across checks at
     * least 5 s apart, a borrow timed out in the last minute, or connections are suspected of leaking; UP
     * otherwise. Cheap enough to call every few seconds; it opens no connection.
     *
     * @return the health and, unless UP, the reason
     */
    public PoolHealth health() {
        Pool current = deferred.current();
        if (current == null) {
            return deferred.closedBeforeStart() ? new PoolHealth(PoolHealth.Status.DOWN, "the pool is closed", null)
                    : new PoolHealth(PoolHealth.Status.UP, "not started yet; starts on the first getConnection()", null);
        }
        return current.health();
    }

    /**
     * The pool's configuration (its sizes as configured; see {@link #stats()} for the current ones). Before the
     * pool starts, the configuration it will start with: reading it starts nothing and opens no connection,
     * and a generated pool name is kept, so the pool then runs under the name this returned.
     *
     * @return the configuration
     * @throws PoolConfigException before the pool starts, when the settings given so far are incomplete or
     *                             invalid (no {@code jdbcUrl}, say)
     */
    public PoolConfig getConfig() {
        return deferred.config();
    }

    /**
     * Applies settings keyed as in {@link PoolConfig#fromProperties(Properties)} before the pool starts.
     *
     * @param properties HikariCP-style settings
     * @throws PoolConfigException listing unknown keys or unparsable values
     * @throws IllegalStateException once the pool has started
     */
    public void configure(Properties properties) {
        set(b -> ConfigReader.apply(properties, b));
    }

    /** @param listener see {@link PoolConfig.Builder#listener(PoolListener)} */
    public void addListener(PoolListener listener) {
        set(b -> b.listener(listener));
    }

    /**
     * Names the pool (kept here, beside {@link #getPoolName()}, rather than with the other bean properties in
     * {@link PoolwiseBeanProperties}: reading the name before the start may fix the generated one).
     *
     * @param poolName see {@link PoolConfig.Builder#poolName(String)}
     */
    public void setPoolName(String poolName) {
        set(b -> b.poolName(poolName));
    }

    /**
     * The pool's name. Before the pool starts: the name set, or the generated one the pool will use (see
     * {@link #getConfig()}), or {@code null} while the settings are still incomplete. Never starts the pool.
     *
     * @return the pool's name
     */
    public String getPoolName() {
        Object named = deferred.settingValue(Setting.POOL_NAME);
        if (named != null) {
            return (String) named;
        }
        try {
            return getConfig().getPoolName();
        } catch (RuntimeException incomplete) {
            return null;
        }
    }

    /**
     * Changes the pool's size while it runs. Growing opens connections in the background; shrinking closes
     * idle connections above the new maximum now and borrowed ones when they come back.
     *
     * @param maximumPoolSize the new maximum, at least 1
     * @param minimumIdle     the new idle target, 0 to {@code maximumPoolSize}
     * @throws PoolConfigException when the sizes are invalid
     */
    public void resize(int maximumPoolSize, int minimumIdle) {
        running().resize(maximumPoolSize, minimumIdle);
    }

    /** Closes every idle connection now; the pool then refills to {@code minimumIdle}. */
    public void evictIdle() {
        running().evictIdle();
    }

    /**
     * Closes idle connections now and borrowed ones when they come back, so that every connection is
     * replaced (after a failover or a credentials rotation, say).
     */
    public void softEvictAll() {
        running().softEvictAll();
    }

    /**
     * Marks a borrowed connection to be closed rather than reused when it is returned.
     *
     * @param connection a connection obtained from this data source and not yet closed
     */
    public void evict(Connection connection) {
        if (connection instanceof ConnectionHandle handle) {
            handle.evict();
        }
    }

    /**
     * Holds new borrows until {@link #resume()}; borrowed connections are unaffected. Needs
     * {@code allowPoolSuspension}.
     *
     * @throws IllegalStateException when {@code allowPoolSuspension} is false
     */
    public void suspend() {
        running().suspend();
    }

    /** Lets borrows through again after {@link #suspend()}. */
    public void resume() {
        running().resume();
    }

    /**
     * Shuts the pool down: no new borrows; idle connections close now; borrowed ones close when returned, or
     * are aborted after {@code shutdownTimeout}. Calling it again does nothing.
     */
    @Override
    public void close() {
        deferred.close();
    }

    /**
     * @return whether the pool runs: made with a configuration, or started by a first {@link #getConnection()};
     *         {@code false} before that and for a data source closed before it started. Never starts it.
     */
    public boolean isStarted() {
        return deferred.current() != null;
    }

    /** @return whether {@link #close()} has been called */
    public boolean isClosed() {
        Pool current = deferred.current();
        return current != null ? current.isClosed() : deferred.closedBeforeStart();
    }

    // ------------------------------------------------------------------ DataSource plumbing

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    /** Sets {@code connectionTimeout} in seconds while the pool is unstarted, as DataSource allows. */
    @Override
    public void setLoginTimeout(int seconds) {
        setConnectionTimeout(TimeUnit.SECONDS.toMillis(seconds));
    }

    /** @return {@code connectionTimeout} in whole seconds (at least 1), as set or by default */
    @Override
    public int getLoginTimeout() {
        return (int) Math.max(1, TimeUnit.MILLISECONDS.toSeconds(getConnectionTimeout()));
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("Poolwise logs through SLF4J, not java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        Pool current = deferred.current();
        if (current != null && current.config().getDataSource() != null && iface.isInstance(current.config().getDataSource())) {
            return iface.cast(current.config().getDataSource());
        }
        throw new SQLException("PoolwiseDataSource does not wrap a " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        if (iface.isInstance(this)) {
            return true;
        }
        Pool current = deferred.current();
        return current != null && iface.isInstance(current.config().getDataSource());
    }

    @Override
    public String toString() {
        Pool current = deferred.current();
        return "PoolwiseDataSource[" + (current == null ? "not started" : current.stats().toString()) + "]";
    }

    // ------------------------------------------------------------------ the hooks of the bean properties
    // PoolwiseBeanProperties reads and writes the settings through these two; DeferredPool holds the lock.

    @Override
    void set(Consumer<PoolConfig.Builder> change) {
        deferred.change(change);
    }

    @Override
    Object settingValue(Setting setting) {
        return deferred.settingValue(setting);
    }
}
