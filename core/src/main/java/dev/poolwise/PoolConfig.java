package dev.poolwise;

import dev.poolwise.internal.ConfigReader;
import dev.poolwise.internal.DurationText;
import dev.poolwise.internal.JdbcUrlMask;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The immutable configuration of a pool. Build one with {@link #builder()}, or read one from
 * {@link #fromProperties(Properties) Properties} or a {@link #fromMap(Map) Map} whose keys are HikariCP's
 * property names (so an existing {@code hikari.properties} works as it is).
 *
 * <p>Names, meanings and defaults follow HikariCP where the two overlap. Durations are
 * {@link Duration}s here and accept {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h} or plain milliseconds
 * in properties. {@code docs/configuration.md} lists every setting with its default, its unit, when to change
 * it and its HikariCP equivalent.
 *
 * <p>{@link Builder#build()} checks every setting and reports all the bad ones in one
 * {@link PoolConfigException}.
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

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final String driverClassName;
    private final String dataSourceClassName;
    private final DataSource dataSource;
    private final Properties dataSourceProperties;
    private final String poolName;
    private final PoolMode mode;
    private final int maximumPoolSize;
    private final int minimumIdle;
    private final Duration connectionTimeout;
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final Duration keepaliveTime;
    private final Duration validationTimeout;
    private final Duration validationBypassWindow;
    private final Duration leakDetectionThreshold;
    private final Duration shutdownTimeout;
    private final long initializationFailTimeoutMillis;
    private final String connectionTestQuery;
    private final String connectionInitSql;
    private final String connectionResetSql;
    private final boolean autoCommit;
    private final boolean readOnly;
    private final Integer transactionIsolation;
    private final String catalog;
    private final String schema;
    private final boolean registerMbeans;
    private final boolean allowPoolSuspension;
    private final CredentialsProvider credentialsProvider;
    private final ConnectionErrorClassifier connectionErrorClassifier;
    private final List<PoolListener> listeners;

    private PoolConfig(Builder b) {
        this.jdbcUrl = b.jdbcUrl;
        this.username = b.username;
        this.password = b.password;
        this.driverClassName = b.driverClassName;
        this.dataSourceClassName = b.dataSourceClassName;
        this.dataSource = b.dataSource;
        Properties copy = new Properties();
        copy.putAll(b.dataSourceProperties);
        this.dataSourceProperties = copy;
        this.poolName = b.poolName != null ? b.poolName : "poolwise-" + POOL_NUMBER.incrementAndGet();
        this.mode = b.mode;
        this.maximumPoolSize = b.maximumPoolSize;
        this.minimumIdle = b.minimumIdle == null ? b.maximumPoolSize : b.minimumIdle;
        this.connectionTimeout = b.connectionTimeout;
        this.idleTimeout = b.idleTimeout;
        this.maxLifetime = b.maxLifetime;
        this.keepaliveTime = b.keepaliveTime;
        // As HikariCP: a validation may not outlast the borrow it serves.
        this.validationTimeout = b.validationTimeout.compareTo(b.connectionTimeout) > 0
                ? b.connectionTimeout : b.validationTimeout;
        this.validationBypassWindow = b.validationBypassWindow;
        this.leakDetectionThreshold = b.leakDetectionThreshold;
        this.shutdownTimeout = b.shutdownTimeout;
        this.initializationFailTimeoutMillis = b.initializationFailTimeoutMillis;
        this.connectionTestQuery = b.connectionTestQuery;
        this.connectionInitSql = b.connectionInitSql;
        this.connectionResetSql = b.connectionResetSql;
        this.autoCommit = b.autoCommit;
        this.readOnly = b.readOnly;
        this.transactionIsolation = b.transactionIsolation;
        this.catalog = b.catalog;
        this.schema = b.schema;
        this.registerMbeans = b.registerMbeans;
        this.allowPoolSuspension = b.allowPoolSuspension;
        this.credentialsProvider = b.credentialsProvider;
        this.connectionErrorClassifier = b.connectionErrorClassifier;
        this.listeners = List.copyOf(b.listeners);
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
        return jdbcUrl;
    }

    /** @return the JDBC URL with any password in it replaced by {@code ****}; safe to log */
    public String getMaskedJdbcUrl() {
        return JdbcUrlMask.mask(jdbcUrl);
    }

    /** @return the user name, or {@code null} */
    public String getUsername() {
        return username;
    }

    /** @return the password, or {@code null}; never logged by Poolwise */
    public String getPassword() {
        return password;
    }

    /** @return the JDBC driver class to load, or {@code null} to let {@code DriverManager} find it */
    public String getDriverClassName() {
        return driverClassName;
    }

    /** @return the driver's {@code DataSource} class to instantiate, or {@code null} */
    public String getDataSourceClassName() {
        return dataSourceClassName;
    }

    /** @return an already built {@code DataSource} to pool connections from, or {@code null} */
    public DataSource getDataSource() {
        return dataSource;
    }

    /** @return a copy of the properties passed to the driver or set on the driver's {@code DataSource} */
    public Properties getDataSourceProperties() {
        Properties copy = new Properties();
        copy.putAll(dataSourceProperties);
        return copy;
    }

    /** @return the pool's name, used in logs, errors, JMX and metrics */
    public String getPoolName() {
        return poolName;
    }

    /** @return pooled (the default) or unpooled */
    public PoolMode getMode() {
        return mode;
    }

    /** @return the most physical connections open or being opened at once */
    public int getMaximumPoolSize() {
        return maximumPoolSize;
    }

    /** @return the idle connections the pool keeps ready; defaults to {@code maximumPoolSize} */
    public int getMinimumIdle() {
        return minimumIdle;
    }

    /** @return the longest {@code getConnection} waits before it throws */
    public Duration getConnectionTimeout() {
        return connectionTimeout;
    }

    /** @return how long a connection above {@code minimumIdle} may sit idle; zero for never retired */
    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    /** @return the longest a physical connection lives (less a small jitter); zero for no limit */
    public Duration getMaxLifetime() {
        return maxLifetime;
    }

    /** @return how often an idle connection is checked to keep it and the path to it alive; zero for off */
    public Duration getKeepaliveTime() {
        return keepaliveTime;
    }

    /** @return the longest one validation may take; never above {@code connectionTimeout} */
    public Duration getValidationTimeout() {
        return validationTimeout;
    }

    /** @return a connection used more recently than this is not validated on borrow */
    public Duration getValidationBypassWindow() {
        return validationBypassWindow;
    }

    /** @return how long a connection may be held before it is reported as a suspected leak; zero for off */
    public Duration getLeakDetectionThreshold() {
        return leakDetectionThreshold;
    }

    /** @return how long {@code close()} waits for borrowed connections before aborting them */
    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    /**
     * @return HikariCP's {@code initializationFailTimeout} in milliseconds: positive, try that long to open a
     *         first connection and fail the pool's start if none opens; zero, try once and fail only if the
     *         connection opens but is invalid; negative, start at once without trying
     */
    public long getInitializationFailTimeoutMillis() {
        return initializationFailTimeoutMillis;
    }

    /** @return the query that validates a connection, or {@code null} to use {@link Connection#isValid(int)} */
    public String getConnectionTestQuery() {
        return connectionTestQuery;
    }

    /** @return SQL run once on every new physical connection, or {@code null} */
    public String getConnectionInitSql() {
        return connectionInitSql;
    }

    /**
     * @return SQL run on return, after a borrow that ran SQL, to reset session state JDBC cannot see (for
     *         example PostgreSQL's {@code DISCARD ALL}), or {@code null} (the default) for none
     */
    public String getConnectionResetSql() {
        return connectionResetSql;
    }

    /** @return the auto-commit state of borrowed connections */
    public boolean isAutoCommit() {
        return autoCommit;
    }

    /** @return whether borrowed connections are read-only */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** @return the isolation level ({@code Connection.TRANSACTION_*}), or {@code null} for the driver's */
    public Integer getTransactionIsolation() {
        return transactionIsolation;
    }

    /** @return the default catalog, or {@code null} for the driver's */
    public String getCatalog() {
        return catalog;
    }

    /** @return the default schema, or {@code null} for the driver's */
    public String getSchema() {
        return schema;
    }

    /** @return whether the pool registers its MXBean under {@code dev.poolwise:type=Pool,name=...} */
    public boolean isRegisterMbeans() {
        return registerMbeans;
    }

    /** @return whether {@code suspend()} is allowed */
    public boolean isAllowPoolSuspension() {
        return allowPoolSuspension;
    }

    /** @return the provider of per-connection credentials, or {@code null} to use username and password */
    public CredentialsProvider getCredentialsProvider() {
        return credentialsProvider;
    }

    /** @return the rule that tells a broken connection from an ordinary SQL error */
    public ConnectionErrorClassifier getConnectionErrorClassifier() {
        return connectionErrorClassifier;
    }

    /** @return the listeners, in the order they are called */
    public List<PoolListener> getListeners() {
        return listeners;
    }

    /**
     * Every setting except secrets: the password is shown as {@code ****} and so is any password in the JDBC
     * URL.
     */
    @Override
    public String toString() {
        return "PoolConfig[poolName=" + poolName
                + ", mode=" + mode
                + ", jdbcUrl=" + getMaskedJdbcUrl()
                + ", username=" + username
                + ", password=" + (password == null ? "null" : "****")
                + ", driverClassName=" + driverClassName
                + ", dataSourceClassName=" + dataSourceClassName
                + ", dataSource=" + (dataSource == null ? "null" : dataSource.getClass().getName())
                + ", dataSourceProperties=" + JdbcUrlMask.maskProperties(dataSourceProperties)
                + ", maximumPoolSize=" + maximumPoolSize
                + ", minimumIdle=" + minimumIdle
                + ", connectionTimeout=" + connectionTimeout
                + ", idleTimeout=" + idleTimeout
                + ", maxLifetime=" + maxLifetime
                + ", keepaliveTime=" + keepaliveTime
                + ", validationTimeout=" + validationTimeout
                + ", validationBypassWindow=" + validationBypassWindow
                + ", leakDetectionThreshold=" + leakDetectionThreshold
                + ", shutdownTimeout=" + shutdownTimeout
                + ", initializationFailTimeout=" + initializationFailTimeoutMillis + "ms"
                + ", connectionTestQuery=" + connectionTestQuery
                + ", connectionInitSql=" + connectionInitSql
                + ", connectionResetSql=" + connectionResetSql
                + ", autoCommit=" + autoCommit
                + ", readOnly=" + readOnly
                + ", transactionIsolation=" + transactionIsolation
                + ", catalog=" + catalog
                + ", schema=" + schema
                + ", registerMbeans=" + registerMbeans
                + ", allowPoolSuspension=" + allowPoolSuspension
                + ", credentialsProvider=" + (credentialsProvider == null ? "null" : "set")
                + ", connectionErrorClassifier=" + connectionErrorClassifier
                + ", listeners=" + listeners.size()
                + "]";
    }

    /**
     * Collects settings; {@link #build()} validates them all at once. Not thread-safe.
     */
    public static final class Builder {
        private String jdbcUrl;
        private String username;
        private String password;
        private String driverClassName;
        private String dataSourceClassName;
        private DataSource dataSource;
        private final Properties dataSourceProperties = new Properties();
        private String poolName;
        private PoolMode mode = PoolMode.POOLED;
        private int maximumPoolSize = DEFAULT_MAXIMUM_POOL_SIZE;
        private Integer minimumIdle;
        private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
        private Duration keepaliveTime = DEFAULT_KEEPALIVE_TIME;
        private Duration validationTimeout = DEFAULT_VALIDATION_TIMEOUT;
        private Duration validationBypassWindow = DEFAULT_VALIDATION_BYPASS_WINDOW;
        private Duration leakDetectionThreshold = Duration.ZERO;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private long initializationFailTimeoutMillis = 1;
        private String connectionTestQuery;
        private String connectionInitSql;
        private String connectionResetSql;
        private boolean autoCommit = true;
        private boolean readOnly;
        private Integer transactionIsolation;
        private String catalog;
        private String schema;
        private boolean registerMbeans;
        private boolean allowPoolSuspension;
        private CredentialsProvider credentialsProvider;
        private ConnectionErrorClassifier connectionErrorClassifier = ConnectionErrorClassifier.standard();
        private final List<PoolListener> listeners = new ArrayList<>();

        private Builder() {
        }

        private Builder(PoolConfig c) {
            jdbcUrl = c.jdbcUrl;
            username = c.username;
            password = c.password;
            driverClassName = c.driverClassName;
            dataSourceClassName = c.dataSourceClassName;
            dataSource = c.dataSource;
            dataSourceProperties.putAll(c.dataSourceProperties);
            poolName = c.poolName;
            mode = c.mode;
            maximumPoolSize = c.maximumPoolSize;
            minimumIdle = c.minimumIdle;
            connectionTimeout = c.connectionTimeout;
            idleTimeout = c.idleTimeout;
            maxLifetime = c.maxLifetime;
            keepaliveTime = c.keepaliveTime;
            validationTimeout = c.validationTimeout;
            validationBypassWindow = c.validationBypassWindow;
            leakDetectionThreshold = c.leakDetectionThreshold;
            shutdownTimeout = c.shutdownTimeout;
            initializationFailTimeoutMillis = c.initializationFailTimeoutMillis;
            connectionTestQuery = c.connectionTestQuery;
            connectionInitSql = c.connectionInitSql;
            connectionResetSql = c.connectionResetSql;
            autoCommit = c.autoCommit;
            readOnly = c.readOnly;
            transactionIsolation = c.transactionIsolation;
            catalog = c.catalog;
            schema = c.schema;
            registerMbeans = c.registerMbeans;
            allowPoolSuspension = c.allowPoolSuspension;
            credentialsProvider = c.credentialsProvider;
            connectionErrorClassifier = c.connectionErrorClassifier;
            listeners.addAll(c.listeners);
        }

        /**
         * @param jdbcUrl the driver URL, e.g. {@code jdbc:postgresql://db:5432/app}; the driver is found
         *                through {@code DriverManager} unless {@code driverClassName} names it
         * @return this builder
         */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /**

         * @param username the database user

         * @return this builder

         */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /**

         * @param password the database password, never logged

         * @return this builder

         */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /**

         * @param driverClassName a {@code java.sql.Driver} class, for drivers that do not self-register

         * @return this builder

         */
        public Builder driverClassName(String driverClassName) {
            this.driverClassName = driverClassName;
            return this;
        }

        /**
         * @param dataSourceClassName the driver's {@code DataSource} class, configured through
         *                            {@code dataSourceProperties} (an alternative to {@code jdbcUrl})
         * @return this builder
         */
        public Builder dataSourceClassName(String dataSourceClassName) {
            this.dataSourceClassName = dataSourceClassName;
            return this;
        }

        /**

         * @param dataSource a ready {@code DataSource} to pool connections from

         * @return this builder

         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
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
            this.poolName = poolName;
            return this;
        }

        /**

         * @param mode pooled (default) or unpooled

         * @return this builder

         */
        public Builder mode(PoolMode mode) {
            this.mode = mode;
            return this;
        }

        /**

         * @param maximumPoolSize the most physical connections at once, at least 1 (default 10)

         * @return this builder

         */
        public Builder maximumPoolSize(int maximumPoolSize) {
            this.maximumPoolSize = maximumPoolSize;
            return this;
        }

        /**
         * @param minimumIdle idle connections to keep ready, 0 to {@code maximumPoolSize} (default, or
         *                    {@code null}: equal to {@code maximumPoolSize}, a fixed-size pool); set 0 for
         *                    databases that scale to zero
         * @return this builder
         */
        public Builder minimumIdle(Integer minimumIdle) {
            this.minimumIdle = minimumIdle;
            return this;
        }

        /**

         * @param connectionTimeout the longest {@code getConnection} waits (default 30 s)

         * @return this builder

         */
        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = connectionTimeout;
            return this;
        }

        /**

         * @param idleTimeout idle time after which a connection above {@code minimumIdle} is closed (default 10 min, 0 = never)

         * @return this builder

         */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * @param maxLifetime the longest a connection lives (default 30 min, 0 = no limit); set it a little
         *                    below any limit the database, a proxy or the network imposes
         * @return this builder
         */
        public Builder maxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
            return this;
        }

        /**

         * @param keepaliveTime how often idle connections are checked (default 2 min, 0 = off)

         * @return this builder

         */
        public Builder keepaliveTime(Duration keepaliveTime) {
            this.keepaliveTime = keepaliveTime;
            return this;
        }

        /**

         * @param validationTimeout the longest one validation may take (default 5 s)

         * @return this builder

         */
        public Builder validationTimeout(Duration validationTimeout) {
            this.validationTimeout = validationTimeout;
            return this;
        }

        /**

         * @param window connections used more recently are not validated on borrow (default 500 ms; 0 = always validate)

         * @return this builder

         */
        public Builder validationBypassWindow(Duration window) {
            this.validationBypassWindow = window;
            return this;
        }

        /**

         * @param threshold hold time after which a connection is reported as a suspected leak (default 0 = off)

         * @return this builder

         */
        public Builder leakDetectionThreshold(Duration threshold) {
            this.leakDetectionThreshold = threshold;
            return this;
        }

        /**

         * @param shutdownTimeout how long {@code close()} waits for borrowed connections (default 10 s)

         * @return this builder

         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /**
         * @param millis HikariCP's {@code initializationFailTimeout} (default 1): positive, try that long for a
         *               first connection and fail the start without one; 0, try once; negative, do not try
         * @return this builder
         */
        public Builder initializationFailTimeout(long millis) {
            this.initializationFailTimeoutMillis = millis;
            return this;
        }

        /**

         * @param query a query that validates a connection (default none: {@code Connection.isValid})

         * @return this builder

         */
        public Builder connectionTestQuery(String query) {
            this.connectionTestQuery = query;
            return this;
        }

        /**

         * @param sql SQL run once on each new physical connection; if it fails, the connect fails

         * @return this builder

         */
        public Builder connectionInitSql(String sql) {
            this.connectionInitSql = sql;
            return this;
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
            this.connectionResetSql = sql;
            return this;
        }

        /**

         * @param autoCommit auto-commit of borrowed connections (default true)

         * @return this builder

         */
        public Builder autoCommit(boolean autoCommit) {
            this.autoCommit = autoCommit;
            return this;
        }

        /**

         * @param readOnly whether borrowed connections are read-only (default false)

         * @return this builder

         */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /**

         * @param isolation a {@code Connection.TRANSACTION_*} level, or {@code null} for the driver's default

         * @return this builder

         */
        public Builder transactionIsolation(Integer isolation) {
            this.transactionIsolation = isolation;
            return this;
        }

        /**

         * @param catalog the default catalog, or {@code null}

         * @return this builder

         */
        public Builder catalog(String catalog) {
            this.catalog = catalog;
            return this;
        }

        /**

         * @param schema the default schema, or {@code null}

         * @return this builder

         */
        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        /**

         * @param register whether to register the pool's MXBean (default false)

         * @return this builder

         */
        public Builder registerMbeans(boolean register) {
            this.registerMbeans = register;
            return this;
        }

        /**

         * @param allow whether {@code suspend()} is allowed (default false, as HikariCP)

         * @return this builder

         */
        public Builder allowPoolSuspension(boolean allow) {
            this.allowPoolSuspension = allow;
            return this;
        }

        /**

         * @param provider credentials fetched for each new physical connection, replacing username and password

         * @return this builder

         */
        public Builder credentialsProvider(CredentialsProvider provider) {
            this.credentialsProvider = provider;
            return this;
        }

        /**

         * @param classifier the rule for broken connections (default {@link ConnectionErrorClassifier#standard()})

         * @return this builder

         */
        public Builder connectionErrorClassifier(ConnectionErrorClassifier classifier) {
            this.connectionErrorClassifier = classifier;
            return this;
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
         * Validates every setting and builds the configuration.
         *
         * @return the immutable configuration
         * @throws PoolConfigException listing every bad setting with its value and what is valid
         */
        public PoolConfig build() {
            List<String> problems = new ArrayList<>();
            int sources = (jdbcUrl != null ? 1 : 0) + (dataSourceClassName != null ? 1 : 0) + (dataSource != null ? 1 : 0);
            if (sources == 0) {
                problems.add("jdbcUrl = (not set): set jdbcUrl (e.g. jdbc:postgresql://host:5432/db), "
                        + "dataSourceClassName or dataSource");
            } else if (sources > 1) {
                problems.add("jdbcUrl / dataSourceClassName / dataSource: " + sources
                        + " are set; set exactly one of them");
            }
            if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:")) {
                problems.add("jdbcUrl = " + JdbcUrlMask.mask(jdbcUrl) + ": must start with jdbc:");
            }
            if (poolName != null && poolName.isBlank()) {
                problems.add("poolName = \"" + poolName + "\": must not be blank");
            }
            if (mode == null) {
                problems.add("mode = null: must be pooled or unpooled");
            }
            if (maximumPoolSize < 1) {
                problems.add("maximumPoolSize = " + maximumPoolSize + ": must be at least 1");
            }
            if (minimumIdle != null && (minimumIdle < 0 || (minimumIdle > maximumPoolSize && maximumPoolSize >= 1))) {
                problems.add("minimumIdle = " + minimumIdle + ": must be between 0 and maximumPoolSize ("
                        + maximumPoolSize + ")");
            }
            requirePositive(problems, "connectionTimeout", connectionTimeout);
            requirePositive(problems, "validationTimeout", validationTimeout);
            requireNonNegative(problems, "idleTimeout", idleTimeout);
            requireNonNegative(problems, "maxLifetime", maxLifetime);
            requireNonNegative(problems, "keepaliveTime", keepaliveTime);
            requireNonNegative(problems, "validationBypassWindow", validationBypassWindow);
            requireNonNegative(problems, "leakDetectionThreshold", leakDetectionThreshold);
            requireNonNegative(problems, "shutdownTimeout", shutdownTimeout);
            if (transactionIsolation != null && !ConfigReader.isIsolationLevel(transactionIsolation)) {
                problems.add("transactionIsolation = " + transactionIsolation
                        + ": must be one of TRANSACTION_NONE (0), TRANSACTION_READ_UNCOMMITTED (1), "
                        + "TRANSACTION_READ_COMMITTED (2), TRANSACTION_REPEATABLE_READ (4), TRANSACTION_SERIALIZABLE (8)");
            }
            if (connectionErrorClassifier == null) {
                problems.add("connectionErrorClassifier = null: must be set (default ConnectionErrorClassifier.standard())");
            }
            if (connectionTestQuery != null && connectionTestQuery.isBlank()) {
                problems.add("connectionTestQuery = \"\": must be a query, or unset to use Connection.isValid");
            }
            if (connectionResetSql != null && connectionResetSql.isBlank()) {
                problems.add("connectionResetSql = \"\": must be a statement such as DISCARD ALL, or unset for none");
            }
            if (!problems.isEmpty()) {
                throw new PoolConfigException(problems);
            }
            return new PoolConfig(this);
        }

        private static void requirePositive(List<String> problems, String key, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                problems.add(key + " = " + DurationText.format(value) + ": must be a positive duration (e.g. 250ms, 30s)");
            }
        }

        private static void requireNonNegative(List<String> problems, String key, Duration value) {
            if (value == null || value.isNegative()) {
                problems.add(key + " = " + DurationText.format(value)
                        + ": must be zero (off) or a positive duration (e.g. 30s, 10m)");
            }
        }
    }
}
