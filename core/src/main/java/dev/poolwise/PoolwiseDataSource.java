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
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
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
     * The pool's name. Before the pool starts: the name set, or the generated one the pool will use (see
     * {@link #getConfig()}), or {@code null} while the settings are still incomplete. Never starts the pool.
     *
     * @return the pool's name
     */
    public String getPoolName() {
        Object named = pendingOr("poolName", PoolConfig::getPoolName, null);
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

    // ------------------------------------------------------------------ HikariCP-style bean accessors
    //
    // Setters work until the pool starts. Getters never start it and never open a connection (Spring Boot's
    // DataSourceBuilder reads them for derivedFrom, and /actuator/configprops calls every one): before the
    // start they answer what was set, or the default; afterwards what the running pool uses.

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

    /** Applies one setting to the pending builder, whose values the getters read until the pool starts. */
    private void set(Consumer<PoolConfig.Builder> change) {
        startLock.lock();
        try {
            change.accept(builder());
        } finally {
            startLock.unlock();
        }
    }

    /**
     * @return the running pool's value, or before the start the pending builder's value for {@code key} (set
     *         or default), or {@code unset} when it has none
     */
    private Object pendingOr(String key, Function<PoolConfig, Object> running, Object unset) {
        Pool current = pool;
        if (current != null) {
            return running.apply(current.config());
        }
        startLock.lock();
        try {
            if (pool != null) {
                return running.apply(pool.config());
            }
            Object value = pending == null ? null : pending.valueSoFar(Setting.forKey(key));
            return value != null ? value : unset;
        } finally {
            startLock.unlock();
        }
    }

    private long millis(String key, Function<PoolConfig, Object> running, Duration unset) {
        return DurationText.parse(pendingOr(key, running, unset)).toMillis();
    }

    private int whole(String key, Function<PoolConfig, Object> running, int unset) {
        Object value = pendingOr(key, running, unset);
        return value instanceof Number number ? number.intValue() : Integer.parseInt(value.toString().trim());
    }

    private boolean flag(String key, Function<PoolConfig, Object> running, boolean unset) {
        Object value = pendingOr(key, running, unset);
        return value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString().trim());
    }

    private String text(String key, Function<PoolConfig, Object> running) {
        Object value = pendingOr(key, running, null);
        return value == null ? null : value.toString();
    }

    /**
     * Applies settings keyed as in {@link PoolConfig#fromProperties(Properties)} before the pool starts.
     *
     * @param properties HikariCP-style settings
     * @throws PoolConfigException listing unknown keys or unparsable values
     */
    public void configure(Properties properties) {
        startLock.lock();
        try {
            dev.poolwise.internal.ConfigReader.apply(properties, builder());
        } finally {
            startLock.unlock();
        }
    }

    /** @param jdbcUrl see {@link PoolConfig.Builder#jdbcUrl(String)} */
    public void setJdbcUrl(String jdbcUrl) {
        set(b -> b.jdbcUrl(jdbcUrl));
    }

    /** @return the JDBC URL as set (with any password in it), or {@code null} */
    public String getJdbcUrl() {
        return text("jdbcUrl", PoolConfig::getJdbcUrl);
    }

    /**
     * The same as {@link #setJdbcUrl(String)}: the name Spring Boot's {@code DataSourceBuilder} uses for a pool
     * it does not know ({@code spring.datasource.type=dev.poolwise.PoolwiseDataSource}).
     *
     * @param url the JDBC URL
     */
    public void setUrl(String url) {
        setJdbcUrl(url);
    }

    /** @return the same as {@link #getJdbcUrl()} */
    public String getUrl() {
        return getJdbcUrl();
    }

    /** @param username see {@link PoolConfig.Builder#username(String)} */
    public void setUsername(String username) {
        set(b -> b.username(username));
    }

    /** @return the user name, or {@code null} */
    public String getUsername() {
        return text("username", PoolConfig::getUsername);
    }

    /** @param password see {@link PoolConfig.Builder#password(String)} */
    public void setPassword(String password) {
        set(b -> b.password(password));
    }

    /**
     * For frameworks that copy one data source's settings to another (Spring Boot's {@code derivedFrom});
     * nothing in Poolwise logs or shows it.
     *
     * @return the password, or {@code null}
     */
    public String getPassword() {
        return text("password", PoolConfig::getPassword);
    }

    /** @param driverClassName see {@link PoolConfig.Builder#driverClassName(String)} */
    public void setDriverClassName(String driverClassName) {
        set(b -> b.driverClassName(driverClassName));
    }

    /** @return the driver class name, or {@code null} (the driver is found from the URL) */
    public String getDriverClassName() {
        return text("driverClassName", PoolConfig::getDriverClassName);
    }

    /** @param dataSourceClassName see {@link PoolConfig.Builder#dataSourceClassName(String)} */
    public void setDataSourceClassName(String dataSourceClassName) {
        set(b -> b.dataSourceClassName(dataSourceClassName));
    }

    /** @return the driver's DataSource class name, or {@code null} */
    public String getDataSourceClassName() {
        return text("dataSourceClassName", PoolConfig::getDataSourceClassName);
    }

    /** @param dataSource see {@link PoolConfig.Builder#dataSource(DataSource)} */
    public void setDataSource(DataSource dataSource) {
        set(b -> b.dataSource(dataSource));
    }

    /** @return the DataSource the pool takes its connections from, or {@code null} */
    public DataSource getDataSource() {
        return (DataSource) pendingOr("dataSource", PoolConfig::getDataSource, null);
    }

    /** @param properties see {@link PoolConfig.Builder#dataSourceProperties(Properties)} */
    public void setDataSourceProperties(Properties properties) {
        startLock.lock();
        try {
            builder().dataSourceProperties(properties);
        } finally {
            startLock.unlock();
        }
    }

    /**
     * @param name  a driver property
     * @param value its value
     */
    public void addDataSourceProperty(String name, Object value) {
        startLock.lock();
        try {
            builder().dataSourceProperty(name, value);
        } finally {
            startLock.unlock();
        }
    }

    /** @return a copy of the driver properties (empty when none are set) */
    public Properties getDataSourceProperties() {
        Properties copy = new Properties();
        Pool current = pool;
        if (current != null) {
            copy.putAll(current.config().getDataSourceProperties());
            return copy;
        }
        startLock.lock();
        try {
            if (pool != null) {
                copy.putAll(pool.config().getDataSourceProperties());
            } else if (pending != null) {
                copy.putAll(pending.dataSourcePropertiesSoFar());
            }
            return copy;
        } finally {
            startLock.unlock();
        }
    }

    /** @param poolName see {@link PoolConfig.Builder#poolName(String)} */
    public void setPoolName(String poolName) {
        set(b -> b.poolName(poolName));
    }

    /** @param maximumPoolSize see {@link PoolConfig.Builder#maximumPoolSize(int)} */
    public void setMaximumPoolSize(int maximumPoolSize) {
        set(b -> b.maximumPoolSize(maximumPoolSize));
    }

    /** @return {@code maximumPoolSize} as configured (default 10; see {@link #stats()} after a resize) */
    public int getMaximumPoolSize() {
        return whole("maximumPoolSize", PoolConfig::getMaximumPoolSize, PoolConfig.DEFAULT_MAXIMUM_POOL_SIZE);
    }

    /** @param minimumIdle see {@link PoolConfig.Builder#minimumIdle(Integer)} */
    public void setMinimumIdle(int minimumIdle) {
        set(b -> b.minimumIdle(minimumIdle));
    }

    /** @return {@code minimumIdle} as configured (default: {@code maximumPoolSize}) */
    public int getMinimumIdle() {
        int maximum = getMaximumPoolSize();
        return whole("minimumIdle", PoolConfig::getMinimumIdle, maximum);
    }

    /** @param millis {@code connectionTimeout} in milliseconds, as HikariCP */
    public void setConnectionTimeout(long millis) {
        set(b -> b.connectionTimeout(Duration.ofMillis(millis)));
    }

    /** @return {@code connectionTimeout} in milliseconds (default 30000) */
    public long getConnectionTimeout() {
        return millis("connectionTimeout", PoolConfig::getConnectionTimeout, PoolConfig.DEFAULT_CONNECTION_TIMEOUT);
    }

    /** @param millis {@code idleTimeout} in milliseconds, as HikariCP */
    public void setIdleTimeout(long millis) {
        set(b -> b.idleTimeout(Duration.ofMillis(millis)));
    }

    /** @return {@code idleTimeout} in milliseconds (default 600000) */
    public long getIdleTimeout() {
        return millis("idleTimeout", PoolConfig::getIdleTimeout, PoolConfig.DEFAULT_IDLE_TIMEOUT);
    }

    /** @param millis {@code maxLifetime} in milliseconds, as HikariCP */
    public void setMaxLifetime(long millis) {
        set(b -> b.maxLifetime(Duration.ofMillis(millis)));
    }

    /** @return {@code maxLifetime} in milliseconds (default 1800000) */
    public long getMaxLifetime() {
        return millis("maxLifetime", PoolConfig::getMaxLifetime, PoolConfig.DEFAULT_MAX_LIFETIME);
    }

    /** @param millis {@code keepaliveTime} in milliseconds, as HikariCP */
    public void setKeepaliveTime(long millis) {
        set(b -> b.keepaliveTime(Duration.ofMillis(millis)));
    }

    /** @return {@code keepaliveTime} in milliseconds (default 120000) */
    public long getKeepaliveTime() {
        return millis("keepaliveTime", PoolConfig::getKeepaliveTime, PoolConfig.DEFAULT_KEEPALIVE_TIME);
    }

    /** @param millis {@code validationTimeout} in milliseconds, as HikariCP */
    public void setValidationTimeout(long millis) {
        set(b -> b.validationTimeout(Duration.ofMillis(millis)));
    }

    /**
     * @return {@code validationTimeout} in milliseconds (default 5000; once the pool runs, capped at
     *         {@code connectionTimeout} as it uses it)
     */
    public long getValidationTimeout() {
        return millis("validationTimeout", PoolConfig::getValidationTimeout, PoolConfig.DEFAULT_VALIDATION_TIMEOUT);
    }

    /** @param millis {@code leakDetectionThreshold} in milliseconds, as HikariCP (0 = off) */
    public void setLeakDetectionThreshold(long millis) {
        set(b -> b.leakDetectionThreshold(Duration.ofMillis(millis)));
    }

    /** @return {@code leakDetectionThreshold} in milliseconds (default 0: off) */
    public long getLeakDetectionThreshold() {
        return millis("leakDetectionThreshold", PoolConfig::getLeakDetectionThreshold, Duration.ZERO);
    }

    /** @param millis {@code initializationFailTimeout} in milliseconds, as HikariCP */
    public void setInitializationFailTimeout(long millis) {
        set(b -> b.initializationFailTimeout(millis));
    }

    /** @return {@code initializationFailTimeout} in milliseconds (default 1) */
    public long getInitializationFailTimeout() {
        Object value = pendingOr("initializationFailTimeout", PoolConfig::getInitializationFailTimeoutMillis, 1L);
        return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().trim());
    }

    /** @param query see {@link PoolConfig.Builder#connectionTestQuery(String)} */
    public void setConnectionTestQuery(String query) {
        set(b -> b.connectionTestQuery(query));
    }

    /** @return the validation query, or {@code null} ({@code Connection.isValid} is used) */
    public String getConnectionTestQuery() {
        return text("connectionTestQuery", PoolConfig::getConnectionTestQuery);
    }

    /** @param sql see {@link PoolConfig.Builder#connectionInitSql(String)} */
    public void setConnectionInitSql(String sql) {
        set(b -> b.connectionInitSql(sql));
    }

    /** @return the SQL run on each new connection, or {@code null} */
    public String getConnectionInitSql() {
        return text("connectionInitSql", PoolConfig::getConnectionInitSql);
    }

    /** @param sql see {@link PoolConfig.Builder#connectionResetSql(String)} */
    public void setConnectionResetSql(String sql) {
        set(b -> b.connectionResetSql(sql));
    }

    /** @return the SQL run on return after a borrow that ran SQL, or {@code null} for none */
    public String getConnectionResetSql() {
        return text("connectionResetSql", PoolConfig::getConnectionResetSql);
    }

    /** @param autoCommit see {@link PoolConfig.Builder#autoCommit(boolean)} */
    public void setAutoCommit(boolean autoCommit) {
        set(b -> b.autoCommit(autoCommit));
    }

    /** @return the connections' default auto-commit (default true) */
    public boolean isAutoCommit() {
        return flag("autoCommit", PoolConfig::isAutoCommit, true);
    }

    /** @param readOnly see {@link PoolConfig.Builder#readOnly(boolean)} */
    public void setReadOnly(boolean readOnly) {
        set(b -> b.readOnly(readOnly));
    }

    /** @return the connections' default read-only flag (default false) */
    public boolean isReadOnly() {
        return flag("readOnly", PoolConfig::isReadOnly, false);
    }

    /**
     * @param isolation {@code TRANSACTION_READ_COMMITTED} and the like, as HikariCP takes it
     * @throws PoolConfigException when it names no isolation level
     */
    public void setTransactionIsolation(String isolation) {
        Properties one = new Properties();
        one.setProperty("transactionIsolation", isolation);
        set(b -> dev.poolwise.internal.ConfigReader.apply(one, b));
    }

    /**
     * @return the default isolation as set (e.g. {@code TRANSACTION_READ_COMMITTED}), or {@code null} for the
     *         driver's default
     */
    public String getTransactionIsolation() {
        Object value = pendingOr("transactionIsolation", PoolConfig::getTransactionIsolation, null);
        return value instanceof Integer level ? isolationName(level) : (value == null ? null : value.toString());
    }

    private static String isolationName(int level) {
        switch (level) {
            case Connection.TRANSACTION_NONE:
                return "TRANSACTION_NONE";
            case Connection.TRANSACTION_READ_UNCOMMITTED:
                return "TRANSACTION_READ_UNCOMMITTED";
            case Connection.TRANSACTION_READ_COMMITTED:
                return "TRANSACTION_READ_COMMITTED";
            case Connection.TRANSACTION_REPEATABLE_READ:
                return "TRANSACTION_REPEATABLE_READ";
            case Connection.TRANSACTION_SERIALIZABLE:
                return "TRANSACTION_SERIALIZABLE";
            default:
                return Integer.toString(level);
        }
    }

    /** @param catalog see {@link PoolConfig.Builder#catalog(String)} */
    public void setCatalog(String catalog) {
        set(b -> b.catalog(catalog));
    }

    /** @return the connections' default catalog, or {@code null} */
    public String getCatalog() {
        return text("catalog", PoolConfig::getCatalog);
    }

    /** @param schema see {@link PoolConfig.Builder#schema(String)} */
    public void setSchema(String schema) {
        set(b -> b.schema(schema));
    }

    /** @return the connections' default schema, or {@code null} */
    public String getSchema() {
        return text("schema", PoolConfig::getSchema);
    }

    /** @param register see {@link PoolConfig.Builder#registerMbeans(boolean)} */
    public void setRegisterMbeans(boolean register) {
        set(b -> b.registerMbeans(register));
    }

    /** @return whether the pool registers its MXBean (default false) */
    public boolean isRegisterMbeans() {
        return flag("registerMbeans", PoolConfig::isRegisterMbeans, false);
    }

    /** @param allow see {@link PoolConfig.Builder#allowPoolSuspension(boolean)} */
    public void setAllowPoolSuspension(boolean allow) {
        set(b -> b.allowPoolSuspension(allow));
    }

    /** @return whether {@link #suspend()} is allowed (default false) */
    public boolean isAllowPoolSuspension() {
        return flag("allowPoolSuspension", PoolConfig::isAllowPoolSuspension, false);
    }

    /** @param mode {@code pooled} or {@code unpooled} */
    public void setMode(String mode) {
        Properties one = new Properties();
        one.setProperty("mode", mode);
        set(b -> dev.poolwise.internal.ConfigReader.apply(one, b));
    }

    /** @return {@code pooled} (the default) or {@code unpooled} */
    public String getMode() {
        return String.valueOf(pendingOr("mode", PoolConfig::getMode, PoolMode.POOLED)).toLowerCase(Locale.ROOT);
    }

    /** @param sizing {@code static} (the default) or {@code adaptive}; see {@link PoolConfig.Builder#sizing} */
    public void setSizing(String sizing) {
        Properties one = new Properties();
        one.setProperty("sizing", sizing);
        set(b -> dev.poolwise.internal.ConfigReader.apply(one, b));
    }

    /** @return {@code static} (the default) or {@code adaptive} */
    public String getSizing() {
        return String.valueOf(pendingOr("sizing", PoolConfig::getSizing, SizingMode.STATIC)).toLowerCase(Locale.ROOT);
    }

    /** @param millis {@code sizingWindow} in milliseconds; see {@link PoolConfig.Builder#sizingWindow} */
    public void setSizingWindow(long millis) {
        set(b -> b.sizingWindow(Duration.ofMillis(millis)));
    }

    /** @return {@code sizingWindow} in milliseconds (default 1000) */
    public long getSizingWindow() {
        return millis("sizingWindow", PoolConfig::getSizingWindow, PoolConfig.DEFAULT_SIZING_WINDOW);
    }

    /** @param budget see {@link PoolConfig.Builder#fleetBudget(int)} */
    public void setFleetBudget(int budget) {
        set(b -> b.fleetBudget(budget));
    }

    /** @return {@code fleetBudget} (default 0: none) */
    public int getFleetBudget() {
        return whole("fleetBudget", PoolConfig::getFleetBudget, 0);
    }

    /** @param name see {@link PoolConfig.Builder#fleetName(String)} */
    public void setFleetName(String name) {
        set(b -> b.fleetName(name));
    }

    /** @return {@code fleetName} as set, or {@code null} for the default */
    public String getFleetName() {
        return text("fleetName", PoolConfig::getFleetName);
    }

    /** @param millis {@code fleetCountInterval} in milliseconds; see {@link PoolConfig.Builder#fleetCountInterval} */
    public void setFleetCountInterval(long millis) {
        set(b -> b.fleetCountInterval(Duration.ofMillis(millis)));
    }

    /** @return {@code fleetCountInterval} in milliseconds (default 5000) */
    public long getFleetCountInterval() {
        return millis("fleetCountInterval", PoolConfig::getFleetCountInterval,
                PoolConfig.DEFAULT_FLEET_COUNT_INTERVAL);
    }

    /** @param url see {@link PoolConfig.Builder#fleetConsoleUrl(String)} */
    public void setFleetConsoleUrl(String url) {
        set(b -> b.fleetConsoleUrl(url));
    }

    /** @return PgBouncer's console URL as set (like {@link #getJdbcUrl()}), or {@code null} */
    public String getFleetConsoleUrl() {
        return text("fleetConsoleUrl", PoolConfig::getFleetConsoleUrl);
    }

    /** @param username see {@link PoolConfig.Builder#fleetConsoleUsername(String)} */
    public void setFleetConsoleUsername(String username) {
        set(b -> b.fleetConsoleUsername(username));
    }

    /** @return the console user, or {@code null} for {@code username} */
    public String getFleetConsoleUsername() {
        return text("fleetConsoleUsername", PoolConfig::getFleetConsoleUsername);
    }

    /** @param password see {@link PoolConfig.Builder#fleetConsolePassword(String)}; there is no getter */
    public void setFleetConsolePassword(String password) {
        set(b -> b.fleetConsolePassword(password));
    }

    /** @param window a duration such as {@code 500ms}; see {@link PoolConfig.Builder#validationBypassWindow} */
    public void setValidationBypassWindow(String window) {
        Duration parsed = DurationText.parse(window);
        set(b -> b.validationBypassWindow(parsed));
    }

    /** @return {@code validationBypassWindow} as text such as {@code 500ms} (the default) */
    public String getValidationBypassWindow() {
        return DurationText.format(DurationText.parse(pendingOr("validationBypassWindow",
                PoolConfig::getValidationBypassWindow, PoolConfig.DEFAULT_VALIDATION_BYPASS_WINDOW)));
    }

    /** @param millis {@code shutdownTimeout} in milliseconds */
    public void setShutdownTimeout(long millis) {
        set(b -> b.shutdownTimeout(Duration.ofMillis(millis)));
    }

    /** @return {@code shutdownTimeout} in milliseconds (default 10000) */
    public long getShutdownTimeout() {
        return millis("shutdownTimeout", PoolConfig::getShutdownTimeout, PoolConfig.DEFAULT_SHUTDOWN_TIMEOUT);
    }

    /** @param provider see {@link PoolConfig.Builder#credentialsProvider(CredentialsProvider)} */
    public void setCredentialsProvider(CredentialsProvider provider) {
        set(b -> b.credentialsProvider(provider));
    }

    /** @return the credentials provider, or {@code null} */
    public CredentialsProvider getCredentialsProvider() {
        return (CredentialsProvider) pendingOr("credentialsProvider", PoolConfig::getCredentialsProvider, null);
    }

    /** @param listener see {@link PoolConfig.Builder#listener(PoolListener)} */
    public void addListener(PoolListener listener) {
        builder().listener(listener);
    }
}
