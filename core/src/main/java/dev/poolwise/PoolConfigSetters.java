package dev.poolwise;

import dev.poolwise.internal.Setting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The typed setters of {@link PoolConfig.Builder}, one per setting, each with its Javadoc: what it does, its
 * default, its valid range and when to change it. Use them through {@link PoolConfig#builder()}; this class
 * cannot be extended outside {@code dev.poolwise}, and {@link PoolConfig.Builder} is its only subclass.
 *
 * <p>Why a separate class: the builder's settings are most of its text, and they change together with the
 * settings table ({@code dev.poolwise.internal.Setting}), while {@link PoolConfig.Builder} itself only builds and
 * validates. Every setter returns {@link PoolConfig.Builder}, not a type variable, so chained calls keep that type
 * and code compiled against a builder that declared these methods itself still links.
 *
 * <p>Each setter stores its value in the table's row ({@code set(Setting.X, value)}); nothing is checked until
 * {@link PoolConfig.Builder#build()}, which reports every bad setting at once.
 */
public abstract class PoolConfigSetters {

    /** Every setting of the table by its row: the default until a setter writes it. */
    final EnumMap<Setting, Object> values = new EnumMap<>(Setting.class);
    /** Kept apart from {@link #values}: a mutable collection, copied in and out. */
    final Properties dataSourceProperties = new Properties();
    final List<PoolListener> listeners = new ArrayList<>();

    /** Package-private: only {@link PoolConfig.Builder} extends this. Starts every setting at its default. */
    PoolConfigSetters() {
        for (Setting setting : Setting.values()) {
            values.put(setting, setting.defaultValue());
        }
    }

    /** @return this, as the builder type the setters return */
    abstract PoolConfig.Builder self();

    /**
     * The value set so far, or the default, without building: for {@code PoolwiseDataSource}'s bean getters,
     * which must neither start nor validate a configuration still being set. {@code minimumIdle} is
     * {@code null} until set (it then follows {@code maximumPoolSize}); {@code dataSourceProperties} is a copy
     * (see {@link #dataSourcePropertiesSoFar()}).
     */
    @SuppressWarnings("unchecked")
    <T> T valueSoFar(Setting setting) {
        return (T) (setting == Setting.DATA_SOURCE_PROPERTIES ? dataSourcePropertiesSoFar() : values.get(setting));
    }

    /** @return a copy of the driver properties set so far (see {@link #valueSoFar(Setting)}) */
    Properties dataSourcePropertiesSoFar() {
        Properties copy = new Properties();
        copy.putAll(dataSourceProperties);
        return copy;
    }

    private PoolConfig.Builder set(Setting setting, Object value) {
        values.put(setting, value);
        return self();
    }

    /**
     * @param jdbcUrl the driver URL, e.g. {@code jdbc:postgresql://db:5432/app}; the driver is found
     *                through {@code DriverManager} unless {@code driverClassName} names it
     * @return this builder
     */
    public PoolConfig.Builder jdbcUrl(String jdbcUrl) {
        return set(Setting.JDBC_URL, jdbcUrl);
    }

    /**
     * @param username the database user
     * @return this builder
     */
    public PoolConfig.Builder username(String username) {
        return set(Setting.USERNAME, username);
    }

    /**
     * @param password the database password, never logged
     * @return this builder
     */
    public PoolConfig.Builder password(String password) {
        return set(Setting.PASSWORD, password);
    }

    /**
     * @param driverClassName a {@code java.sql.Driver} class, for drivers that do not self-register; loaded
     *                        (not initialised) by {@link PoolConfig.Builder#build()}, which fails naming it when
     *                        the driver's jar is missing
     * @return this builder
     */
    public PoolConfig.Builder driverClassName(String driverClassName) {
        return set(Setting.DRIVER_CLASS_NAME, driverClassName);
    }

    /**
     * @param dataSourceClassName the driver's {@code DataSource} class, configured through
     *                            {@code dataSourceProperties} (an alternative to {@code jdbcUrl})
     * @return this builder
     */
    public PoolConfig.Builder dataSourceClassName(String dataSourceClassName) {
        return set(Setting.DATA_SOURCE_CLASS_NAME, dataSourceClassName);
    }

    /**
     * @param dataSource a ready {@code DataSource} to pool connections from
     * @return this builder
     */
    public PoolConfig.Builder dataSource(DataSource dataSource) {
        return set(Setting.DATA_SOURCE, dataSource);
    }

    /**
     * @param name  a driver property ({@code sslmode}, {@code prepareThreshold}, ...)
     * @param value its value
     * @return this builder
     */
    public PoolConfig.Builder dataSourceProperty(String name, Object value) {
        dataSourceProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return self();
    }

    /**
     * @param properties driver properties to add
     * @return this builder
     */
    public PoolConfig.Builder dataSourceProperties(Properties properties) {
        dataSourceProperties.putAll(properties);
        return self();
    }

    /**
     * @param poolName a name for logs, errors, JMX and metrics (default {@code poolwise-N})
     * @return this builder
     */
    public PoolConfig.Builder poolName(String poolName) {
        return set(Setting.POOL_NAME, poolName);
    }

    /**
     * @param mode pooled (default) or unpooled
     * @return this builder
     */
    public PoolConfig.Builder mode(PoolMode mode) {
        return set(Setting.MODE, mode);
    }

    /**
     * @param maximumPoolSize the most physical connections at once, 1 to 10,000 (default 10); above 100,
     *                        {@link PoolConfig.Builder#build()} logs a warning, as one pool that size can take every
     *                        connection slot of a database with default limits
     * @return this builder
     */
    public PoolConfig.Builder maximumPoolSize(int maximumPoolSize) {
        return set(Setting.MAXIMUM_POOL_SIZE, maximumPoolSize);
    }

    /**
     * @param minimumIdle idle connections to keep ready, 0 to {@code maximumPoolSize} (default, or
     *                    {@code null}: equal to {@code maximumPoolSize}, a fixed-size pool); set 0 for
     *                    databases that scale to zero
     * @return this builder
     */
    public PoolConfig.Builder minimumIdle(Integer minimumIdle) {
        return set(Setting.MINIMUM_IDLE, minimumIdle);
    }

    /**
     * @param sizing {@link SizingMode#STATIC} (default: the pool grows on demand up to
     *               {@code maximumPoolSize}) or {@link SizingMode#ADAPTIVE} (the pool moves a target size
     *               between {@code minimumIdle} and {@code maximumPoolSize} while it runs; there
     *               {@code minimumIdle} defaults to 1); see {@code docs/adaptive.md}
     * @return this builder
     */
    public PoolConfig.Builder sizing(SizingMode sizing) {
        return set(Setting.SIZING, sizing);
    }

    /**
     * @param sizingWindow how often an adaptive pool measures its borrows and decides on its target, 100 ms
     *                     to 24 days (default 1 s); longer windows react more slowly but judge more
     *                     borrows at a time
     * @return this builder
     */
    public PoolConfig.Builder sizingWindow(Duration sizingWindow) {
        return set(Setting.SIZING_WINDOW, sizingWindow);
    }

    /**
     * How much throughput an adaptive pool gives up to hold fewer connections. The pool remembers what each size
     * it ran at completed while borrowers queued, and keeps the smallest size that completes about as much as
     * the best it measured: within three quarters of this share of the best's figure (the figures' own error
     * takes the rest), and it grows back only when its size falls more than one and a half times this share
     * below the best. The same share decides when two sizes count as equally fast.
     *
     * <p>The default, 0.1, keeps few connections where more buy little: on a database saturated from a few
     * connections the pool stays near the knee, at the price of resting 5 to 10% below the best throughput
     * where throughput keeps rising slowly up to {@code maximumPoolSize}. Lower it (0.05) when throughput
     * matters more than connections and the database has connections to spare; the pool then keeps more of them,
     * also where they buy nothing, and moves more often on a noisy machine. Raise it (0.15) to hold fewer
     * connections, for example under a tight {@code fleetBudget}. docs/adaptive.md, "Choosing sizingTolerance",
     * gives the trade in figures. Has no effect on a static pool.
     *
     * @param sizingTolerance a fraction from 0.02 to 0.3 (default 0.1)
     * @return this builder
     */
    public PoolConfig.Builder sizingTolerance(double sizingTolerance) {
        return set(Setting.SIZING_TOLERANCE, sizingTolerance);
    }

    /**
     * How long an adaptive pool keeps connections it shrank past open, unlent, so that growing back lends them
     * again instead of opening new ones. An adaptive pool moves its target down to measure whether fewer
     * connections complete as much, and often moves back up within seconds; each connection it closed and opens
     * again costs the database a new session (a new backend process on PostgreSQL, a TLS handshake behind a
     * proxy) and starts with its caches cold. Held back, a connection is open on the database but no borrower
     * gets it until the target rises again; after this time it closes.
     *
     * <p>Only the shrinks the pool may undo hold connections back: more connections were measured not to
     * complete more, the database was saturated, or the pool explored a smaller size. A shrink for idleness, a
     * fleet ceiling below the connections open, a {@code resize}, {@code evictIdle} and shutdown close them at
     * once, as without a reserve. The connections held back count as open everywhere: in {@code total}, in the
     * fleet's count on the database, and against {@code maximumPoolSize}, which they never exceed. Zero closes
     * them at once. Has no effect on a static pool.
     *
     * <p>Off by default: on this project's 2-core test machine it cut the connects an adaptive pool made by a fifth
     * and bought no throughput the rounds could show, while keeping a fifth more connections open on average.
     * Turn it on (a few seconds, {@code 5s}) where a connect is dear: TLS to a remote or serverless database, a
     * proxy that authenticates each one.
     *
     * @param sizingReserveTime zero (the default: no reserve), or a positive duration up to 24 days
     * @return this builder
     */
    public PoolConfig.Builder sizingReserveTime(Duration sizingReserveTime) {
        return set(Setting.SIZING_RESERVE_TIME, sizingReserveTime);
    }

    /**
     * @param fleetBudget connections for the whole fleet of instances that share {@code fleetName}, counted on
     *                    the database (or PgBouncer's console); 0 (default) for none. Needs
     *                    {@code sizing = adaptive}: each instance keeps its target within its share
     * @return this builder
     */
    public PoolConfig.Builder fleetBudget(int fleetBudget) {
        return set(Setting.FLEET_BUDGET, fleetBudget);
    }

    /**
     * @param fleetName the name that marks the fleet's connections on the server, 1 to
     *                  {@value PoolConfig#FLEET_NAME_MAX_LENGTH} printable ASCII characters without {@code /}; default
     *                  the driver's {@code ApplicationName} (PostgreSQL) or {@code program_name} (MySQL)
     *                  property, else the pool name. Every instance of the fleet must use the same one
     * @return this builder
     */
    public PoolConfig.Builder fleetName(String fleetName) {
        return set(Setting.FLEET_NAME, fleetName);
    }

    /**
     * @param fleetCountInterval how often the pool counts the fleet's connections, 1 s to 24 days (default
     *                           5 s); a fleet's shares move once per count
     * @return this builder
     */
    public PoolConfig.Builder fleetCountInterval(Duration fleetCountInterval) {
        return set(Setting.FLEET_COUNT_INTERVAL, fleetCountInterval);
    }

    /**
     * @param url PgBouncer's admin console, e.g.
     *            {@code jdbc:postgresql://host:6432/pgbouncer?replication=database} (pgjdbc 42.7.5 and later
     *            need {@code replication=database} to log in to it), to count the fleet with
     *            {@code SHOW CLIENTS} instead of on the database; default none
     * @return this builder
     */
    public PoolConfig.Builder fleetConsoleUrl(String url) {
        return set(Setting.FLEET_CONSOLE_URL, url);
    }

    /**
     * @param username the console user, one of PgBouncer's {@code stats_users} or {@code admin_users}
     *                 (default: {@code username})
     * @return this builder
     */
    public PoolConfig.Builder fleetConsoleUsername(String username) {
        return set(Setting.FLEET_CONSOLE_USERNAME, username);
    }

    /**
     * @param password the console user's password (default: {@code password}); never logged
     * @return this builder
     */
    public PoolConfig.Builder fleetConsolePassword(String password) {
        return set(Setting.FLEET_CONSOLE_PASSWORD, password);
    }

    /**
     * @param connectionTimeout the longest {@code getConnection} waits, 250 ms to 24 days (default 30 s);
     *                          HikariCP's floor: below it no connect or validation can complete in time
     * @return this builder
     */
    public PoolConfig.Builder connectionTimeout(Duration connectionTimeout) {
        return set(Setting.CONNECTION_TIMEOUT, connectionTimeout);
    }

    /**
     * @param idleTimeout idle time after which a connection above {@code minimumIdle} is closed: 0 (never) or
     *                    10 s to 24 days (default 10 min); HikariCP's floor: shorter closes connections
     *                    between bursts only to reopen them
     * @return this builder
     */
    public PoolConfig.Builder idleTimeout(Duration idleTimeout) {
        return set(Setting.IDLE_TIMEOUT, idleTimeout);
    }

    /**
     * @param maxLifetime the longest a connection lives: 0 (no limit) or 30 s to 24 days (default 30 min;
     *                    HikariCP's floor: shorter retires connections about as fast as they open); set it a little
     *                    below any limit the database, a proxy or the network imposes
     * @return this builder
     */
    public PoolConfig.Builder maxLifetime(Duration maxLifetime) {
        return set(Setting.MAX_LIFETIME, maxLifetime);
    }

    /**
     * @param keepaliveTime how often idle connections are checked: 0 (off) or 30 s to 24 days (default 2 min);
     *                      HikariCP's floor: shorter validates idle connections in a loop
     * @return this builder
     */
    public PoolConfig.Builder keepaliveTime(Duration keepaliveTime) {
        return set(Setting.KEEPALIVE_TIME, keepaliveTime);
    }

    /**
     * @param validationTimeout the longest one validation may take, 250 ms to 24 days (default 5 s; lowered to
     *                          {@code connectionTimeout} when above it); HikariCP's floor: shorter fails healthy
     *                          connections on an ordinary round trip
     * @return this builder
     */
    public PoolConfig.Builder validationTimeout(Duration validationTimeout) {
        return set(Setting.VALIDATION_TIMEOUT, validationTimeout);
    }

    /**
     * @param window connections used more recently are not validated on borrow: 0 (always validate) up to
     *               24 days (default 500 ms)
     * @return this builder
     */
    public PoolConfig.Builder validationBypassWindow(Duration window) {
        return set(Setting.VALIDATION_BYPASS_WINDOW, window);
    }

    /**
     * @param threshold hold time after which a connection is reported as a suspected leak: 0 (off, the
     *                  default) up to 24 days; no floor, as a short one costs no more (HikariCP ignores values
     *                  under 2 s)
     * @return this builder
     */
    public PoolConfig.Builder leakDetectionThreshold(Duration threshold) {
        return set(Setting.LEAK_DETECTION_THRESHOLD, threshold);
    }

    /**
     * @param shutdownTimeout how long {@code close()} waits for borrowed connections: 0 (abort them at once)
     *                        up to 24 days (default 10 s)
     * @return this builder
     */
    public PoolConfig.Builder shutdownTimeout(Duration shutdownTimeout) {
        return set(Setting.SHUTDOWN_TIMEOUT, shutdownTimeout);
    }

    /**
     * @param millis HikariCP's {@code initializationFailTimeout} (default 1): positive, try that long for a
     *               first connection and fail the start without one (at most 24 days); 0, try once;
     *               negative, do not try
     * @return this builder
     */
    public PoolConfig.Builder initializationFailTimeout(long millis) {
        return set(Setting.INITIALIZATION_FAIL_TIMEOUT, millis);
    }

    /**
     * @param query a query that validates a connection (default none: {@code Connection.isValid})
     * @return this builder
     */
    public PoolConfig.Builder connectionTestQuery(String query) {
        return set(Setting.CONNECTION_TEST_QUERY, query);
    }

    /**
     * @param sql SQL run once on each new physical connection; if it fails, the connect fails
     * @return this builder
     */
    public PoolConfig.Builder connectionInitSql(String sql) {
        return set(Setting.CONNECTION_INIT_SQL, sql);
    }

    /**
     * SQL the pool runs when a connection comes back, to reset session state that JDBC cannot see and so
     * cannot track: temporary tables, prepared statements, {@code SET} variables, advisory locks, listen
     * channels. PostgreSQL's {@code DISCARD ALL} is the usual choice (as PgBouncer's
     * {@code server_reset_query}); MariaDB/MySQL have no single equivalent. It runs only after a borrow
     * that ran SQL or unwrapped the driver's connection, never on a clean return, after the open
     * transaction is rolled back and outside any transaction; the pool's configured defaults (isolation,
     * read-only, catalog, schema) are re-applied after it. If it fails, the physical connection is closed.
     * Leave it unset (the default) unless borrowers change such state: it costs a round trip per return.
     *
     * @param sql the reset statement, or {@code null} for none (the default)
     * @return this builder
     */
    public PoolConfig.Builder connectionResetSql(String sql) {
        return set(Setting.CONNECTION_RESET_SQL, sql);
    }

    /**
     * @param autoCommit auto-commit of borrowed connections (default true)
     * @return this builder
     */
    public PoolConfig.Builder autoCommit(boolean autoCommit) {
        return set(Setting.AUTO_COMMIT, autoCommit);
    }

    /**
     * @param readOnly whether borrowed connections are read-only (default false)
     * @return this builder
     */
    public PoolConfig.Builder readOnly(boolean readOnly) {
        return set(Setting.READ_ONLY, readOnly);
    }

    /**
     * @param isolation a {@code Connection.TRANSACTION_*} level, or {@code null} for the driver's default
     * @return this builder
     */
    public PoolConfig.Builder transactionIsolation(Integer isolation) {
        return set(Setting.TRANSACTION_ISOLATION, isolation);
    }

    /**
     * @param catalog the default catalog, or {@code null}
     * @return this builder
     */
    public PoolConfig.Builder catalog(String catalog) {
        return set(Setting.CATALOG, catalog);
    }

    /**
     * @param schema the default schema, or {@code null}
     * @return this builder
     */
    public PoolConfig.Builder schema(String schema) {
        return set(Setting.SCHEMA, schema);
    }

    /**
     * @param register whether to register the pool's MXBean (default false)
     * @return this builder
     */
    public PoolConfig.Builder registerMbeans(boolean register) {
        return set(Setting.REGISTER_MBEANS, register);
    }

    /**
     * @param allow whether {@code suspend()} is allowed (default false, as HikariCP)
     * @return this builder
     */
    public PoolConfig.Builder allowPoolSuspension(boolean allow) {
        return set(Setting.ALLOW_POOL_SUSPENSION, allow);
    }

    /**
     * @param provider credentials fetched for each new physical connection, replacing username and password
     * @return this builder
     */
    public PoolConfig.Builder credentialsProvider(CredentialsProvider provider) {
        return set(Setting.CREDENTIALS_PROVIDER, provider);
    }

    /**
     * @param classifier the rule for broken connections (default {@link ConnectionErrorClassifier#standard()})
     * @return this builder
     */
    public PoolConfig.Builder connectionErrorClassifier(ConnectionErrorClassifier classifier) {
        return set(Setting.CONNECTION_ERROR_CLASSIFIER, classifier);
    }

    /**
     * @param listener a listener to call on pool events
     * @return this builder
     */
    public PoolConfig.Builder listener(PoolListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
    }

}
