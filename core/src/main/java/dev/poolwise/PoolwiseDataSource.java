package dev.poolwise;

import dev.poolwise.internal.DurationText;
import dev.poolwise.internal.Pool;
import dev.poolwise.internal.jdbc.ConnectionHandle;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
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
public class PoolwiseDataSource implements DataSource, AutoCloseable {

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
     * @return the pool's configuration (its sizes as configured; see {@link #stats()} for the current ones)
     */
    public PoolConfig getConfig() {
        return running().config();
    }

    /** @return the pool's name */
    public String getPoolName() {
        return running().name();
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
        builder().connectionTimeout(Duration.ofSeconds(seconds));
    }

    /** @return {@code connectionTimeout} in whole seconds */
    @Override
    public int getLoginTimeout() {
        Pool current = pool;
        Duration timeout = current != null ? current.config().getConnectionTimeout() : PoolConfig.DEFAULT_CONNECTION_TIMEOUT;
        return (int) Math.max(1, timeout.toSeconds());
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

    // ------------------------------------------------------------------ HikariCP-style setters

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

    /**
     * Applies settings keyed as in {@link PoolConfig#fromProperties(Properties)} before the pool starts.
     *
     * @param properties HikariCP-style settings
     * @throws PoolConfigException listing unknown keys or unparsable values
     */
    public void configure(Properties properties) {
        dev.poolwise.internal.ConfigReader.apply(properties, builder());
    }

    /** @param jdbcUrl see {@link PoolConfig.Builder#jdbcUrl(String)} */
    public void setJdbcUrl(String jdbcUrl) {
        builder().jdbcUrl(jdbcUrl);
    }

    /** @param username see {@link PoolConfig.Builder#username(String)} */
    public void setUsername(String username) {
        builder().username(username);
    }

    /** @param password see {@link PoolConfig.Builder#password(String)} */
    public void setPassword(String password) {
        builder().password(password);
    }

    /** @param driverClassName see {@link PoolConfig.Builder#driverClassName(String)} */
    public void setDriverClassName(String driverClassName) {
        builder().driverClassName(driverClassName);
    }

    /** @param dataSourceClassName see {@link PoolConfig.Builder#dataSourceClassName(String)} */
    public void setDataSourceClassName(String dataSourceClassName) {
        builder().dataSourceClassName(dataSourceClassName);
    }

    /** @param dataSource see {@link PoolConfig.Builder#dataSource(DataSource)} */
    public void setDataSource(DataSource dataSource) {
        builder().dataSource(dataSource);
    }

    /** @param properties see {@link PoolConfig.Builder#dataSourceProperties(Properties)} */
    public void setDataSourceProperties(Properties properties) {
        builder().dataSourceProperties(properties);
    }

    /**
     * @param name  a driver property
     * @param value its value
     */
    public void addDataSourceProperty(String name, Object value) {
        builder().dataSourceProperty(name, value);
    }

    /** @param poolName see {@link PoolConfig.Builder#poolName(String)} */
    public void setPoolName(String poolName) {
        builder().poolName(poolName);
    }

    /** @param maximumPoolSize see {@link PoolConfig.Builder#maximumPoolSize(int)} */
    public void setMaximumPoolSize(int maximumPoolSize) {
        builder().maximumPoolSize(maximumPoolSize);
    }

    /** @param minimumIdle see {@link PoolConfig.Builder#minimumIdle(Integer)} */
    public void setMinimumIdle(int minimumIdle) {
        builder().minimumIdle(minimumIdle);
    }

    /** @param millis {@code connectionTimeout} in milliseconds, as HikariCP */
    public void setConnectionTimeout(long millis) {
        builder().connectionTimeout(Duration.ofMillis(millis));
    }

    /** @param millis {@code idleTimeout} in milliseconds, as HikariCP */
    public void setIdleTimeout(long millis) {
        builder().idleTimeout(Duration.ofMillis(millis));
    }

    /** @param millis {@code maxLifetime} in milliseconds, as HikariCP */
    public void setMaxLifetime(long millis) {
        builder().maxLifetime(Duration.ofMillis(millis));
    }

    /** @param millis {@code keepaliveTime} in milliseconds, as HikariCP */
    public void setKeepaliveTime(long millis) {
        builder().keepaliveTime(Duration.ofMillis(millis));
    }

    /** @param millis {@code validationTimeout} in milliseconds, as HikariCP */
    public void setValidationTimeout(long millis) {
        builder().validationTimeout(Duration.ofMillis(millis));
    }

    /** @param millis {@code leakDetectionThreshold} in milliseconds, as HikariCP (0 = off) */
    public void setLeakDetectionThreshold(long millis) {
        builder().leakDetectionThreshold(Duration.ofMillis(millis));
    }

    /** @param millis {@code initializationFailTimeout} in milliseconds, as HikariCP */
    public void setInitializationFailTimeout(long millis) {
        builder().initializationFailTimeout(millis);
    }

    /** @param query see {@link PoolConfig.Builder#connectionTestQuery(String)} */
    public void setConnectionTestQuery(String query) {
        builder().connectionTestQuery(query);
    }

    /** @param sql see {@link PoolConfig.Builder#connectionInitSql(String)} */
    public void setConnectionInitSql(String sql) {
        builder().connectionInitSql(sql);
    }

    /** @param autoCommit see {@link PoolConfig.Builder#autoCommit(boolean)} */
    public void setAutoCommit(boolean autoCommit) {
        builder().autoCommit(autoCommit);
    }

    /** @param readOnly see {@link PoolConfig.Builder#readOnly(boolean)} */
    public void setReadOnly(boolean readOnly) {
        builder().readOnly(readOnly);
    }

    /**
     * @param isolation {@code TRANSACTION_READ_COMMITTED} and the like, as HikariCP takes it
     * @throws PoolConfigException when it names no isolation level
     */
    public void setTransactionIsolation(String isolation) {
        Properties one = new Properties();
        one.setProperty("transactionIsolation", isolation);
        dev.poolwise.internal.ConfigReader.apply(one, builder());
    }

    /** @param catalog see {@link PoolConfig.Builder#catalog(String)} */
    public void setCatalog(String catalog) {
        builder().catalog(catalog);
    }

    /** @param schema see {@link PoolConfig.Builder#schema(String)} */
    public void setSchema(String schema) {
        builder().schema(schema);
    }

    /** @param register see {@link PoolConfig.Builder#registerMbeans(boolean)} */
    public void setRegisterMbeans(boolean register) {
        builder().registerMbeans(register);
    }

    /** @param allow see {@link PoolConfig.Builder#allowPoolSuspension(boolean)} */
    public void setAllowPoolSuspension(boolean allow) {
        builder().allowPoolSuspension(allow);
    }

    /** @param mode {@code pooled} or {@code unpooled} */
    public void setMode(String mode) {
        Properties one = new Properties();
        one.setProperty("mode", mode);
        dev.poolwise.internal.ConfigReader.apply(one, builder());
    }

    /** @param window a duration such as {@code 500ms}; see {@link PoolConfig.Builder#validationBypassWindow} */
    public void setValidationBypassWindow(String window) {
        builder().validationBypassWindow(DurationText.parse(window));
    }

    /** @param millis {@code shutdownTimeout} in milliseconds */
    public void setShutdownTimeout(long millis) {
        builder().shutdownTimeout(Duration.ofMillis(millis));
    }

    /** @param provider see {@link PoolConfig.Builder#credentialsProvider(CredentialsProvider)} */
    public void setCredentialsProvider(CredentialsProvider provider) {
        builder().credentialsProvider(provider);
    }

    /** @param listener see {@link PoolConfig.Builder#listener(PoolListener)} */
    public void addListener(PoolListener listener) {
        builder().listener(listener);
    }
}
