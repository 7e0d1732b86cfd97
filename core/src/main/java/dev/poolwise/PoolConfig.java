package dev.poolwise;

import dev.poolwise.internal.ConfigReader;
import dev.poolwise.internal.ConfigValidation;
import dev.poolwise.internal.JdbcUrlMask;
import dev.poolwise.internal.Setting;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The immutable configuration of a pool. Build one with {@link #builder()}, or read one from
 * {@link #fromProperties(Properties) Properties} or a {@link #fromMap(Map) Map} whose keys are HikariCP's
 * property names (so an existing {@code hikari.properties} works as it is).
 *
 * <p>Names, meanings and defaults follow HikariCP where the two overlap. Durations are
 * {@link Duration}s here and accept {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h} or plain milliseconds
 * in properties. {@code docs/configuration.md} lists every setting with its default, its unit, its valid range
 * (with the reason for each floor and ceiling), when to change it and its HikariCP equivalent.
 *
 * <p>{@link Builder#build()} checks every setting and reports all the bad ones in one
 * {@link PoolConfigException}. Values below a floor are rejected, not silently raised as HikariCP does, so that
 * {@code maxLifetime=1800} meant as seconds fails loudly instead of retiring connections every 1.8 s.
 *
 * <p>The settings themselves (keys, types, defaults, ranges) are one table, {@code dev.poolwise.internal.Setting};
 * this class holds their values and gives them typed accessors.
 */
public final class PoolConfig {

    /** Default {@code maximumPoolSize}: 10, as HikariCP. */
    public static final int DEFAULT_MAXIMUM_POOL_SIZE = 10;
    /** Default {@code connectionTimeout}: 30 s. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);
    /** Default {@code idleTimeout}: 10 min. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** Default {@code maxLifetime}: 30 min. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    /** Default {@code keepaliveTime}: 2 min. */
    public static final Duration DEFAULT_KEEPALIVE_TIME = Duration.ofMinutes(2);
    /** Default {@code validationTimeout}: 5 s. */
    public static final Duration DEFAULT_VALIDATION_TIMEOUT = Duration.ofSeconds(5);
    /** Default {@code validationBypassWindow}: 500 ms. */
    public static final Duration DEFAULT_VALIDATION_BYPASS_WINDOW = Duration.ofMillis(500);
    /** Default {@code shutdownTimeout}: 10 s. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@code sizingWindow}: 1 s. */
    public static final Duration DEFAULT_SIZING_WINDOW = Duration.ofSeconds(1);
    /** Default {@code fleetCountInterval}: 5 s. */
    public static final Duration DEFAULT_FLEET_COUNT_INTERVAL = Duration.ofSeconds(5);
    /**
     * The longest {@code fleetName}: PostgreSQL keeps 63 characters of an application name, and each connection's
     * label adds an instance id and a connection number to the fleet name.
     */
    public static final int FLEET_NAME_MAX_LENGTH = 47;

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    /** Every setting of the table by its row; immutable once constructed. */
    private final EnumMap<Setting, Object> values;
    /** Kept apart from {@link #values}: a mutable collection, copied in and out. */
    private final Properties dataSourceProperties = new Properties();
    private final List<PoolListener> listeners;
    /** False only for the pool's own timing tests (see {@link Builder#waiveTimingFloors()}); kept by toBuilder. */
    private final boolean timingFloors;

    /**
     * @param complete whether to fill in the defaults that depend on other settings (a generated pool name, a
     *                 validationTimeout lowered to connectionTimeout); validation sees the values as given
     */
    private PoolConfig(Builder b, boolean complete) {
        this.values = new EnumMap<>(b.values);
        this.dataSourceProperties.putAll(b.dataSourceProperties);
        this.listeners = List.copyOf(b.listeners);
        this.timingFloors = b.timingFloors;
        // Unset, minimumIdle follows the maximum (a fixed-size pool); never below 0, so that a bad maximum is
        // reported alone rather than also as a bad minimum the user never set. An adaptive pool's minimumIdle is
        // its target's floor, so there it defaults to 1: the controller, not a fixed idle count, decides the rest.
        int maximum = Math.max(0, (Integer) values.get(Setting.MAXIMUM_POOL_SIZE));
        values.putIfAbsent(Setting.MINIMUM_IDLE, values.get(Setting.SIZING) == SizingMode.ADAPTIVE
                ? Math.min(1, maximum) : maximum);
        if (complete) {
            if (values.get(Setting.POOL_NAME) == null) {
                values.put(Setting.POOL_NAME, "poolwise-" + POOL_NUMBER.incrementAndGet());
            }
            // As HikariCP: a validation may not outlast the borrow it serves.
            if (getValidationTimeout().compareTo(getConnectionTimeout()) > 0) {
                values.put(Setting.VALIDATION_TIMEOUT, getConnectionTimeout());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T get(Setting setting) {
        return (T) values.get(setting);
    }

    /**
     * @return a builder with every setting at its default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a configuration from properties with HikariCP's keys ({@code jdbcUrl}, {@code maximumPoolSize},
     * {@code connectionTimeout}, ...) plus Poolwise's own ({@code mode}, {@code validationBypassWindow},
     * {@code shutdownTimeout}). Keys starting with {@code dataSource.} go to {@code dataSourceProperties}.
     * Unknown keys are errors, so that a typo does not pass silently.
     *
     * @param properties the settings
     * @return the validated configuration
     * @throws PoolConfigException listing every bad or unknown key
     */
    public static PoolConfig fromProperties(Properties properties) {
        return toBuilder(properties).build();
    }

    /**
     * As {@link #fromProperties(Properties)}, from a map whose values may be strings or already typed
     * ({@link Duration}, {@link Number}, {@link Boolean}, a {@link DataSource} for {@code dataSource}, a
     * {@link CredentialsProvider} for {@code credentialsProvider}).
     *
     * @param settings the settings
     * @return the validated configuration
     * @throws PoolConfigException listing every bad or unknown key
     */
    public static PoolConfig fromMap(Map<String, ?> settings) {
        return toBuilder(settings).build();
    }

    /**
     * Reads settings into a builder without validating, so that code can add what properties cannot hold
     * (listeners, a classifier) before {@link Builder#build()}.
     *
     * @param settings properties or a map, keyed as in {@link #fromProperties(Properties)}
     * @return a builder holding the settings
     * @throws PoolConfigException listing every key that is unknown or whose value cannot be parsed
     */
    public static Builder toBuilder(Map<?, ?> settings) {
        Builder builder = new Builder();
        ConfigReader.apply(settings, builder);
        return builder;
    }

    /**
     * @return a builder holding this configuration's settings (the pool name included), to derive another
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the JDBC URL, or {@code null} when a DataSource is configured instead */
    public String getJdbcUrl() {
        return get(Setting.JDBC_URL);
    }

    /** @return the JDBC URL with any password in it replaced by {@code ****}; safe to log */
    public String getMaskedJdbcUrl() {
        return JdbcUrlMask.mask(getJdbcUrl());
    }

    /** @return the user name, or {@code null} */
    public String getUsername() {
        return get(Setting.USERNAME);
    }

    /** @return the password, or {@code null}; never logged by Poolwise */
    public String getPassword() {
        return get(Setting.PASSWORD);
    }

    /** @return the JDBC driver class to load, or {@code null} to let {@code DriverManager} find it */
    public String getDriverClassName() {
        return get(Setting.DRIVER_CLASS_NAME);
    }

    /** @return the driver's {@code DataSource} class to instantiate, or {@code null} */
    public String getDataSourceClassName() {
        return get(Setting.DATA_SOURCE_CLASS_NAME);
    }

    /** @return an already built {@code DataSource} to pool connections from, or {@code null} */
    public DataSource getDataSource() {
        return get(Setting.DATA_SOURCE);
    }

    /** @return a copy of the properties passed to the driver or set on the driver's {@code DataSource} */
    public Properties getDataSourceProperties() {
        Properties copy = new Properties();
        copy.putAll(dataSourceProperties);
        return copy;
    }

    /** @return the pool's name, used in logs, errors, JMX and metrics */
    public String getPoolName() {
        return get(Setting.POOL_NAME);
    }

    /** @return pooled (the default) or unpooled */
    public PoolMode getMode() {
        return get(Setting.MODE);
    }

    /** @return the most physical connections open or being opened at once */
    public int getMaximumPoolSize() {
        return get(Setting.MAXIMUM_POOL_SIZE);
    }

    /** @return the idle connections the pool keeps ready; defaults to {@code maximumPoolSize} */
    public int getMinimumIdle() {
        return get(Setting.MINIMUM_IDLE);
    }

    /** @return static (the default) or adaptive: whether the pool moves its target size while it runs */
    public SizingMode getSizing() {
        return get(Setting.SIZING);
    }

    /** @return how often an adaptive pool measures its borrows and decides on its target (default 1 s) */
    public Duration getSizingWindow() {
        return get(Setting.SIZING_WINDOW);
    }

    /** @return connections for the whole fleet sharing {@link #getFleetName()}, or 0 (the default) for no budget */
    public int getFleetBudget() {
        return get(Setting.FLEET_BUDGET);
    }

    /**
     * @return the name that marks the fleet's connections on the server as set, or {@code null} (the default:
     *         the driver's {@code ApplicationName} / {@code program_name} property, else the pool name)
     */
    public String getFleetName() {
        return get(Setting.FLEET_NAME);
    }

    /** @return how often the pool counts the fleet's connections on the server (default 5 s) */
    public Duration getFleetCountInterval() {
        return get(Setting.FLEET_COUNT_INTERVAL);
    }

    /** @return PgBouncer's admin console URL to count the fleet on, or {@code null} to count on the database */
    public String getFleetConsoleUrl() {
        return get(Setting.FLEET_CONSOLE_URL);
    }

    /** @return the admin console user, or {@code null} for {@link #getUsername()} */
    public String getFleetConsoleUsername() {
        return get(Setting.FLEET_CONSOLE_USERNAME);
    }

    /** @return the admin console password, or {@code null} for {@link #getPassword()}; never log it */
    public String getFleetConsolePassword() {
        return get(Setting.FLEET_CONSOLE_PASSWORD);
    }

    /** @return the longest {@code getConnection} waits before it throws */
    public Duration getConnectionTimeout() {
        return get(Setting.CONNECTION_TIMEOUT);
    }

    /** @return how long a connection above {@code minimumIdle} may sit idle; zero for never retired */
    public Duration getIdleTimeout() {
        return get(Setting.IDLE_TIMEOUT);
    }

    /** @return the longest a physical connection lives (less a small jitter); zero for no limit */
    public Duration getMaxLifetime() {
        return get(Setting.MAX_LIFETIME);
    }

    /** @return how often an idle connection is checked to keep it and the path to it alive; zero for off */
    public Duration getKeepaliveTime() {
        return get(Setting.KEEPALIVE_TIME);
    }

    /** @return the longest one validation may take; never above {@code connectionTimeout} */
    public Duration getValidationTimeout() {
        return get(Setting.VALIDATION_TIMEOUT);
    }

    /** @return a connection used more recently than this is not validated on borrow */
    public Duration getValidationBypassWindow() {
        return get(Setting.VALIDATION_BYPASS_WINDOW);
    }

    /** @return how long a connection may be held before it is reported as a suspected leak; zero for off */
    public Duration getLeakDetectionThreshold() {
        return get(Setting.LEAK_DETECTION_THRESHOLD);
    }

    /** @return how long {@code close()} waits for borrowed connections before aborting them */
    public Duration getShutdownTimeout() {
        return get(Setting.SHUTDOWN_TIMEOUT);
    }

    /**
     * @return HikariCP's {@code initializationFailTimeout} in milliseconds: positive, try that long to open a
     *         first connection and fail the pool's start if none opens; zero, try once and fail only if the
     *         connection opens but is invalid; negative, start at once without trying
     */
    public long getInitializationFailTimeoutMillis() {
        return get(Setting.INITIALIZATION_FAIL_TIMEOUT);
    }

    /** @return the query that validates a connection, or {@code null} to use {@link Connection#isValid(int)} */
    public String getConnectionTestQuery() {
        return get(Setting.CONNECTION_TEST_QUERY);
    }

    /** @return SQL run once on every new physical connection, or {@code null} */
    public String getConnectionInitSql() {
        return get(Setting.CONNECTION_INIT_SQL);
    }

    /**
     * @return SQL run on return, after a borrow that ran SQL, to reset session state JDBC cannot see (for
     *         example PostgreSQL's {@code DISCARD ALL}), or {@code null} (the default) for none
     */
    public String getConnectionResetSql() {
        return get(Setting.CONNECTION_RESET_SQL);
    }

    /** @return the auto-commit state of borrowed connections */
    public boolean isAutoCommit() {
        return get(Setting.AUTO_COMMIT);
    }

    /** @return whether borrowed connections are read-only */
    public boolean isReadOnly() {
        return get(Setting.READ_ONLY);
    }

    /** @return the isolation level ({@code Connection.TRANSACTION_*}), or {@code null} for the driver's */
    public Integer getTransactionIsolation() {
        return get(Setting.TRANSACTION_ISOLATION);
    }

    /** @return the default catalog, or {@code null} for the driver's */
    public String getCatalog() {
        return get(Setting.CATALOG);
    }

    /** @return the default schema, or {@code null} for the driver's */
    public String getSchema() {
        return get(Setting.SCHEMA);
    }

    /** @return whether the pool registers its MXBean under {@code dev.poolwise:type=Pool,name=...} */
    public boolean isRegisterMbeans() {
        return get(Setting.REGISTER_MBEANS);
    }

    /** @return whether {@code suspend()} is allowed */
    public boolean isAllowPoolSuspension() {
        return get(Setting.ALLOW_POOL_SUSPENSION);
    }

    /** @return the provider of per-connection credentials, or {@code null} to use username and password */
    public CredentialsProvider getCredentialsProvider() {
        return get(Setting.CREDENTIALS_PROVIDER);
    }

    /** @return the rule that tells a broken connection from an ordinary SQL error */
    public ConnectionErrorClassifier getConnectionErrorClassifier() {
        return get(Setting.CONNECTION_ERROR_CLASSIFIER);
    }

    /** @return the listeners, in the order they are called */
    public List<PoolListener> getListeners() {
        return listeners;
    }

    /**
     * Every setting except secrets: the password is shown as {@code ****}, and so are passwords in the JDBC URL
     * and secret-looking driver properties; a credentials provider is shown only as {@code set}.
     */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "PoolConfig[", "]");
        for (Setting setting : Setting.values()) {
            text.add(setting.key() + "=" + setting.display(this));
        }
        return text.add("listeners=" + listeners.size()).toString();
    }

    /**
     * Collects settings; {@link #build()} validates them all at once. Not thread-safe.
     */
    public static final class Builder {
        private final EnumMap<Setting, Object> values = new EnumMap<>(Setting.class);
        private final Properties dataSourceProperties = new Properties();
        private final List<PoolListener> listeners = new ArrayList<>();
        private boolean timingFloors = true;

        private Builder() {
            for (Setting setting : Setting.values()) {
                values.put(setting, setting.defaultValue());
            }
        }

        private Builder(PoolConfig c) {
            values.putAll(c.values);
            dataSourceProperties.putAll(c.dataSourceProperties);
            listeners.addAll(c.listeners);
            timingFloors = c.timingFloors;
        }

        /**
         * Waives the floors of the timing settings ({@code connectionTimeout}, {@code validationTimeout},
         * {@code idleTimeout}, {@code maxLifetime}, {@code keepaliveTime}) for this builder, so that the pool's own
         * tests can run its timers at millisecond scale on a fake or local database. Every other check, ceilings
         * included, still applies. Package-private on purpose: the floors protect applications, and no code
         * outside this package can turn them off.
         *
         * @return this builder
         */
        Builder waiveTimingFloors() {
            timingFloors = false;
            return this;
        }

        /**
         * The value set so far, or the default, without building: for {@code PoolwiseDataSource}'s bean getters,
         * which must neither start nor validate a configuration still being set. {@code minimumIdle} is
         * {@code null} until set (it then follows {@code maximumPoolSize}); {@code dataSourceProperties} is read
         * through {@link #dataSourcePropertiesSoFar()}.
         */
        @SuppressWarnings("unchecked")
        <T> T valueSoFar(Setting setting) {
            return (T) values.get(setting);
        }

        /** @return a copy of the driver properties set so far (see {@link #valueSoFar(Setting)}) */
        Properties dataSourcePropertiesSoFar() {
            Properties copy = new Properties();
            copy.putAll(dataSourceProperties);
            return copy;
        }

        private Builder set(Setting setting, Object value) {
            values.put(setting, value);
            return this;
        }

        /**
         * @param jdbcUrl the driver URL, e.g. {@code jdbc:postgresql://db:5432/app}; the driver is found
         *                through {@code DriverManager} unless {@code driverClassName} names it
         * @return this builder
         */
        public Builder jdbcUrl(String jdbcUrl) {
            return set(Setting.JDBC_URL, jdbcUrl);
        }

        /**
         * @param username the database user
         * @return this builder
         */
        public Builder username(String username) {
            return set(Setting.USERNAME, username);
        }

        /**
         * @param password the database password, never logged
         * @return this builder
         */
        public Builder password(String password) {
            return set(Setting.PASSWORD, password);
        }

        /**
         * @param driverClassName a {@code java.sql.Driver} class, for drivers that do not self-register; loaded
         *                        (not initialised) by {@link #build()}, which fails naming it when the driver's jar
         *                        is missing
         * @return this builder
         */
        public Builder driverClassName(String driverClassName) {
            return set(Setting.DRIVER_CLASS_NAME, driverClassName);
        }

        /**
         * @param dataSourceClassName the driver's {@code DataSource} class, configured through
         *                            {@code dataSourceProperties} (an alternative to {@code jdbcUrl})
         * @return this builder
         */
        public Builder dataSourceClassName(String dataSourceClassName) {
            return set(Setting.DATA_SOURCE_CLASS_NAME, dataSourceClassName);
        }

        /**
         * @param dataSource a ready {@code DataSource} to pool connections from
         * @return this builder
         */
        public Builder dataSource(DataSource dataSource) {
            return set(Setting.DATA_SOURCE, dataSource);
        }

        /**
         * @param name  a driver property ({@code sslmode}, {@code prepareThreshold}, ...)
         * @param value its value
         * @return this builder
         */
        public Builder dataSourceProperty(String name, Object value) {
            this.dataSourceProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * @param properties driver properties to add
         * @return this builder
         */
        public Builder dataSourceProperties(Properties properties) {
            this.dataSourceProperties.putAll(properties);
            return this;
        }

        /**
         * @param poolName a name for logs, errors, JMX and metrics (default {@code poolwise-N})
         * @return this builder
         */
        public Builder poolName(String poolName) {
            return set(Setting.POOL_NAME, poolName);
        }

        /**
         * @param mode pooled (default) or unpooled
         * @return this builder
         */
        public Builder mode(PoolMode mode) {
            return set(Setting.MODE, mode);
        }

        /**
         * @param maximumPoolSize the most physical connections at once, 1 to 10,000 (default 10); above 100,
         *                        {@link #build()} logs a warning, as one pool that size can take every
         *                        connection slot of a database with default limits
         * @return this builder
         */
        public Builder maximumPoolSize(int maximumPoolSize) {
            return set(Setting.MAXIMUM_POOL_SIZE, maximumPoolSize);
        }

        /**
         * @param minimumIdle idle connections to keep ready, 0 to {@code maximumPoolSize} (default, or
         *                    {@code null}: equal to {@code maximumPoolSize}, a fixed-size pool); set 0 for
         *                    databases that scale to zero
         * @return this builder
         */
        public Builder minimumIdle(Integer minimumIdle) {
            return set(Setting.MINIMUM_IDLE, minimumIdle);
        }

        /**
         * @param sizing {@link SizingMode#STATIC} (default: the pool grows on demand up to
         *               {@code maximumPoolSize}) or {@link SizingMode#ADAPTIVE} (the pool moves a target size
         *               between {@code minimumIdle} and {@code maximumPoolSize} while it runs; there
         *               {@code minimumIdle} defaults to 1); see {@code docs/adaptive.md}
         * @return this builder
         */
        public Builder sizing(SizingMode sizing) {
            return set(Setting.SIZING, sizing);
        }

        /**
         * @param sizingWindow how often an adaptive pool measures its borrows and decides on its target, 100 ms
         *                     to 24 days (default 1 s); longer windows react more slowly but judge more
         *                     borrows at a time
         * @return this builder
         */
        public Builder sizingWindow(Duration sizingWindow) {
            return set(Setting.SIZING_WINDOW, sizingWindow);
        }

        /**
         * @param fleetBudget connections for the whole fleet of instances that share {@code fleetName}, counted on
         *                    the database (or PgBouncer's console); 0 (default) for none. Needs
         *                    {@code sizing = adaptive}: each instance keeps its target within its share
         * @return this builder
         */
        public Builder fleetBudget(int fleetBudget) {
            return set(Setting.FLEET_BUDGET, fleetBudget);
        }

        /**
         * @param fleetName the name that marks the fleet's connections on the server, 1 to
         *                  {@value #FLEET_NAME_MAX_LENGTH} printable ASCII characters without {@code /}; default
         *                  the driver's {@code ApplicationName} (PostgreSQL) or {@code program_name} (MySQL)
         *                  property, else the pool name. Every instance of the fleet must use the same one
         * @return this builder
         */
        public Builder fleetName(String fleetName) {
            return set(Setting.FLEET_NAME, fleetName);
        }

        /**
         * @param fleetCountInterval how often the pool counts the fleet's connections, 1 s to 24 days (default
         *                           5 s); a fleet's shares move once per count
         * @return this builder
         */
        public Builder fleetCountInterval(Duration fleetCountInterval) {
            return set(Setting.FLEET_COUNT_INTERVAL, fleetCountInterval);
        }

        /**
         * @param url PgBouncer's admin console, e.g.
         *            {@code jdbc:postgresql://host:6432/pgbouncer?replication=database} (pgjdbc 42.7.5 and later
         *            need {@code replication=database} to log in to it), to count the fleet with
         *            {@code SHOW CLIENTS} instead of on the database; default none
         * @return this builder
         */
        public Builder fleetConsoleUrl(String url) {
            return set(Setting.FLEET_CONSOLE_URL, url);
        }

        /**
         * @param username the console user, one of PgBouncer's {@code stats_users} or {@code admin_users}
         *                 (default: {@code username})
         * @return this builder
         */
        public Builder fleetConsoleUsername(String username) {
            return set(Setting.FLEET_CONSOLE_USERNAME, username);
        }

        /**
         * @param password the console user's password (default: {@code password}); never logged
         * @return this builder
         */
        public Builder fleetConsolePassword(String password) {
            return set(Setting.FLEET_CONSOLE_PASSWORD, password);
        }

        /**
         * @param connectionTimeout the longest {@code getConnection} waits, 250 ms to 24 days (default 30 s);
         *                          HikariCP's floor: below it no connect or validation can complete in time
         * @return this builder
         */
        public Builder connectionTimeout(Duration connectionTimeout) {
            return set(Setting.CONNECTION_TIMEOUT, connectionTimeout);
        }

        /**
         * @param idleTimeout idle time after which a connection above {@code minimumIdle} is closed: 0 (never) or
         *                    10 s to 24 days (default 10 min); HikariCP's floor: shorter closes connections
         *                    between bursts only to reopen them
         * @return this builder
         */
        public Builder idleTimeout(Duration idleTimeout) {
            return set(Setting.IDLE_TIMEOUT, idleTimeout);
        }

        /**
         * @param maxLifetime the longest a connection lives: 0 (no limit) or 30 s to 24 days (default 30 min;
         *                    HikariCP's floor: shorter retires connections about as fast as they open); set it a little
         *                    below any limit the database, a proxy or the network imposes
         * @return this builder
         */
        public Builder maxLifetime(Duration maxLifetime) {
            return set(Setting.MAX_LIFETIME, maxLifetime);
        }

        /**
         * @param keepaliveTime how often idle connections are checked: 0 (off) or 30 s to 24 days (default 2 min);
         *                      HikariCP's floor: shorter validates idle connections in a loop
         * @return this builder
         */
        public Builder keepaliveTime(Duration keepaliveTime) {
            return set(Setting.KEEPALIVE_TIME, keepaliveTime);
        }

        /**
         * @param validationTimeout the longest one validation may take, 250 ms to 24 days (default 5 s; lowered to
         *                          {@code connectionTimeout} when above it); HikariCP's floor: shorter fails healthy
         *                          connections on an ordinary round trip
         * @return this builder
         */
        public Builder validationTimeout(Duration validationTimeout) {
            return set(Setting.VALIDATION_TIMEOUT, validationTimeout);
        }

        /**
         * @param window connections used more recently are not validated on borrow: 0 (always validate) up to
         *               24 days (default 500 ms)
         * @return this builder
         */
        public Builder validationBypassWindow(Duration window) {
            return set(Setting.VALIDATION_BYPASS_WINDOW, window);
        }

        /**
         * @param threshold hold time after which a connection is reported as a suspected leak: 0 (off, the
         *                  default) up to 24 days; no floor, as a short one costs no more (HikariCP ignores values
         *                  under 2 s)
         * @return this builder
         */
        public Builder leakDetectionThreshold(Duration threshold) {
            return set(Setting.LEAK_DETECTION_THRESHOLD, threshold);
        }

        /**
         * @param shutdownTimeout how long {@code close()} waits for borrowed connections: 0 (abort them at once)
         *                        up to 24 days (default 10 s)
         * @return this builder
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            return set(Setting.SHUTDOWN_TIMEOUT, shutdownTimeout);
        }

        /**
         * @param millis HikariCP's {@code initializationFailTimeout} (default 1): positive, try that long for a
         *               first connection and fail the start without one (at most 24 days); 0, try once;
         *               negative, do not try
         * @return this builder
         */
        public Builder initializationFailTimeout(long millis) {
            return set(Setting.INITIALIZATION_FAIL_TIMEOUT, millis);
        }

        /**
         * @param query a query that validates a connection (default none: {@code Connection.isValid})
         * @return this builder
         */
        public Builder connectionTestQuery(String query) {
            return set(Setting.CONNECTION_TEST_QUERY, query);
        }

        /**
         * @param sql SQL run once on each new physical connection; if it fails, the connect fails
         * @return this builder
         */
        public Builder connectionInitSql(String sql) {
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
        public Builder connectionResetSql(String sql) {
            return set(Setting.CONNECTION_RESET_SQL, sql);
        }

        /**
         * @param autoCommit auto-commit of borrowed connections (default true)
         * @return this builder
         */
        public Builder autoCommit(boolean autoCommit) {
            return set(Setting.AUTO_COMMIT, autoCommit);
        }

        /**
         * @param readOnly whether borrowed connections are read-only (default false)
         * @return this builder
         */
        public Builder readOnly(boolean readOnly) {
            return set(Setting.READ_ONLY, readOnly);
        }

        /**
         * @param isolation a {@code Connection.TRANSACTION_*} level, or {@code null} for the driver's default
         * @return this builder
         */
        public Builder transactionIsolation(Integer isolation) {
            return set(Setting.TRANSACTION_ISOLATION, isolation);
        }

        /**
         * @param catalog the default catalog, or {@code null}
         * @return this builder
         */
        public Builder catalog(String catalog) {
            return set(Setting.CATALOG, catalog);
        }

        /**
         * @param schema the default schema, or {@code null}
         * @return this builder
         */
        public Builder schema(String schema) {
            return set(Setting.SCHEMA, schema);
        }

        /**
         * @param register whether to register the pool's MXBean (default false)
         * @return this builder
         */
        public Builder registerMbeans(boolean register) {
            return set(Setting.REGISTER_MBEANS, register);
        }

        /**
         * @param allow whether {@code suspend()} is allowed (default false, as HikariCP)
         * @return this builder
         */
        public Builder allowPoolSuspension(boolean allow) {
            return set(Setting.ALLOW_POOL_SUSPENSION, allow);
        }

        /**
         * @param provider credentials fetched for each new physical connection, replacing username and password
         * @return this builder
         */
        public Builder credentialsProvider(CredentialsProvider provider) {
            return set(Setting.CREDENTIALS_PROVIDER, provider);
        }

        /**
         * @param classifier the rule for broken connections (default {@link ConnectionErrorClassifier#standard()})
         * @return this builder
         */
        public Builder connectionErrorClassifier(ConnectionErrorClassifier classifier) {
            return set(Setting.CONNECTION_ERROR_CLASSIFIER, classifier);
        }

        /**
         * @param listener a listener to call on pool events
         * @return this builder
         */
        public Builder listener(PoolListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Validates every setting and builds the configuration. Also logs a WARN for what is valid but likely a
         * mistake (a {@code maximumPoolSize} above 100).
         *
         * @return the immutable configuration
         * @throws PoolConfigException listing every bad setting with its value and what is valid
         */
        public PoolConfig build() {
            ConfigValidation.requireValid(new PoolConfig(this, false), timingFloors);
            PoolConfig config = new PoolConfig(this, true);
            ConfigValidation.warnAboutLikelyMistakes(config);
            return config;
        }
    }
}
