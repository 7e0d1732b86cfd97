package dev.poolwise;

import dev.poolwise.internal.DurationText;
import dev.poolwise.internal.Pool;
import dev.poolwise.internal.Setting;
import dev.poolwise.internal.jdbc.ConnectionHandle;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
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
 */
public class PoolwiseDataSource extends PoolwiseBeanProperties implements DataSource, AutoCloseable {

    private final ReentrantLock startLock = new ReentrantLock();
    private PoolConfig.Builder pending;
    private volatile Pool pool;
    /** The start under way ({@code null}: none); guarded by {@code startLock}. */
    private CompletableFuture<Pool> starting;
    /** The configuration {@link #starting} uses; guarded by {@code startLock}. */
    private PoolConfig startingConfig;
    private volatile boolean closedBeforeStart;
    private volatile PrintWriter logWriter;

    /**
     * Starts a pool with the given configuration. With the default {@code initializationFailTimeout} (1 ms)
     * it opens one connection now and throws if it cannot.
     *
     * @param config the pool's configuration
     * @throws PoolInitializationException when the first connection cannot be opened as configured
     */
    public PoolwiseDataSource(PoolConfig config) {
        this.pool = new Pool(config);
    }

    /**
     * An unstarted pool, configured through setters (or {@link #configure}) and started by the first
     * {@link #getConnection()}.
     */
    public PoolwiseDataSource() {
        this.pending = PoolConfig.builder();
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
        Pool current = pool;
        if (current == null) {
            current = start();
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

    /**
     * Starts a setter-configured pool. The start lock guards only the decision of who starts and the hand-over
     * of the builder; it is never held across the pool's first connect, so {@link #close()}, the setters'
     * checks and other borrowers are never stuck behind a connect into a silent network. Threads that arrive
     * while another starts the pool wait for that start at most {@code connectionTimeout}.
     */
    private Pool start() throws SQLException {
        PoolConfig.Builder builder;
        PoolConfig config;
        CompletableFuture<Pool> started;
        boolean mine;
        startLock.lock();
        try {
            if (pool != null) {
                return pool;
            }
            if (closedBeforeStart) {
                throw new SQLException("The data source is closed; no connection can be borrowed", "08003");
            }
            builder = pending;
            if (starting != null) {
                started = starting;
                config = startingConfig;
                mine = false;
            } else {
                config = builder.build();
                started = new CompletableFuture<>();
                starting = started;
                startingConfig = config;
                pending = null; // setters now fail: the configuration is being used
                mine = true;
            }
        } finally {
            startLock.unlock();
        }
        if (!mine) {
            return awaitStart(started, config);
        }
        Pool created = null;
        Exception failure = null;
        try {
            created = new Pool(config);
        } catch (RuntimeException e) {
            failure = e;
        }
        boolean closedMeanwhile;
        startLock.lock();
        try {
            starting = null;
            startingConfig = null;
            closedMeanwhile = closedBeforeStart;
            if (created != null && !closedMeanwhile) {
                pool = created;
            } else if (created == null) {
                pending = builder; // a failed start may be retried by the next getConnection()
            }
        } finally {
            startLock.unlock();
        }
        if (created != null && closedMeanwhile) {
            created.close(); // close() ran while the pool was starting; it found no pool to close
            failure = new SQLException("The data source was closed while the pool started", "08003");
        }
        if (failure != null) {
            started.completeExceptionally(failure);
            throw startFailure(failure);
        }
        started.complete(created);
        return created;
    }

    /** Waits, at most {@code connectionTimeout}, for the start another thread is running. */
    private static Pool awaitStart(CompletableFuture<Pool> started, PoolConfig config) throws SQLException {
        try {
            return started.get(config.getConnectionTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw startFailure(e.getCause());
        } catch (TimeoutException e) {
            throw new SQLTransientConnectionException(config.getPoolName() + " - the pool is still starting after "
                    + "connectionTimeout (" + DurationText.format(config.getConnectionTimeout()) + ")", (String) null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException(config.getPoolName() + " - interrupted while waiting for the pool to start",
                    "08001", e);
        }
    }

    /**
     * @return the SQLException to throw for a failed start; an unchecked exception other than
     *         {@link PoolInitializationException} (a driver class that cannot be loaded, say) is thrown as is
     */
    private static SQLException startFailure(Throwable failure) {
        if (failure instanceof SQLException sql) {
            return sql;
        }
        if (failure instanceof PoolInitializationException e) {
            Throwable cause = e.getCause();
            return new SQLException(e.getMessage(), cause instanceof SQLException sql ? sql.getSQLState() : "08001", e);
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new SQLException("The pool could not start: " + failure, "08001", failure);
    }

    /** @return the running pool, starting it if it was configured through setters */
    private Pool running() {
        Pool current = pool;
        if (current != null) {
            return current;
        }
        try {
            return start();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
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
        Pool current = pool;
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
        Pool current = pool;
        if (current == null) {
            return closedBeforeStart ? new PoolHealth(PoolHealth.Status.DOWN, "the pool is closed", null)
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
        Pool current = pool;
        if (current != null) {
            return current.config();
        }
        startLock.lock();
        try {
            if (pool != null) {
                return pool.config();
            }
            if (pending == null) {
                throw new IllegalStateException("The data source was closed before it started; it has no configuration");
            }
            PoolConfig snapshot = pending.build();
            if (pending.valueSoFar(Setting.POOL_NAME) == null) {
                // Pin the generated name so that meters bound now and the pool started later agree on it.
                pending.poolName(snapshot.getPoolName());
            }
            return snapshot;
        } finally {
            startLock.unlock();
        }
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
        Object named = pendingOr(Setting.POOL_NAME, PoolConfig::getPoolName, null);
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
        startLock.lock();
        try {
            closedBeforeStart = true;
        } finally {
            startLock.unlock();
        }
        Pool current = pool;
        if (current != null) {
            current.close();
        }
    }

    /**
     * @return whether the pool runs: made with a configuration, or started by a first {@link #getConnection()};
     *         {@code false} before that and for a data source closed before it started. Never starts it.
     */
    public boolean isStarted() {
        return pool != null;
    }

    /** @return whether {@link #close()} has been called */
    public boolean isClosed() {
        Pool current = pool;
        return current != null ? current.isClosed() : closedBeforeStart;
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
        Pool current = pool;
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
        Pool current = pool;
        return current != null && iface.isInstance(current.config().getDataSource());
    }

    @Override
    public String toString() {
        Pool current = pool;
        return "PoolwiseDataSource[" + (current == null ? "not started" : current.stats().toString()) + "]";
    }

    // ------------------------------------------------------------------ the hooks of the bean properties
    //
    // PoolwiseBeanProperties holds the getters and setters; these two give them the pending builder or the
    // running pool's configuration, under the start lock so that a getter never sees a builder being handed over.

    private PoolConfig.Builder builder() {
        startLock.lock();
        try {
            if (pool != null || pending == null) {
                throw new IllegalStateException("The pool has started; its configuration can no longer be set "
                        + "(use resize() to change its size)");
            }
            return pending;
        } finally {
            startLock.unlock();
        }
    }

    @Override
    void set(Consumer<PoolConfig.Builder> change) {
        startLock.lock();
        try {
            change.accept(builder());
        } finally {
            startLock.unlock();
        }
    }

    @Override
    Object pendingOr(Setting setting, Function<PoolConfig, Object> running, Object unset) {
        Pool current = pool;
        if (current != null) {
            return running.apply(current.config());
        }
        startLock.lock();
        try {
            if (pool != null) {
                return running.apply(pool.config());
            }
            Object value = pending == null ? null : pending.valueSoFar(setting);
            return value != null ? value : unset;
        } finally {
            startLock.unlock();
        }
    }
}
