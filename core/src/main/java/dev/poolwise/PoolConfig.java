package dev.poolwise;

import dev.poolwise.internal.ConfigReader;
import dev.poolwise.internal.ConfigValidation;
import dev.poolwise.internal.JdbcUrlMask;
import dev.poolwise.internal.Setting;

import java.sql.Connection;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
 * <p>The settings themselves (keys, types, defaults, ranges) are one table, {@code dev.poolwise.internal.Setting}.
 * This class holds their values and gives them typed getters; the builder's typed setters, one per setting, are
 * in {@link PoolConfigSetters}, which {@link Builder} extends.
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
    /** Default {@code sizingTolerance}: 0.1 (10%). */
    public static final double DEFAULT_SIZING_TOLERANCE = 0.1;
    /** The smallest {@code sizingTolerance}: 0.02 (2%). */
    public static final double MIN_SIZING_TOLERANCE = 0.02;
    /** The largest {@code sizingTolerance}: 0.3 (30%). */
    public static final double MAX_SIZING_TOLERANCE = 0.3;
    /**
     * Default {@code sizingReserveTime}: 0 (off). Interleaved on {@code read} it bought no throughput that eight
     * rounds could show and kept a fifth more connections open on average (docs/adaptive.md, "The reserve").
     */
    public static final Duration DEFAULT_SIZING_RESERVE_TIME = Duration.ZERO;
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

    /**
     * @return the share of the best throughput it measured that an adaptive pool gives up to hold fewer
     *         connections (default 0.1)
     */
    public double getSizingTolerance() {
        return get(Setting.SIZING_TOLERANCE);
    }

    /**
     * @return how long an adaptive pool keeps connections open, unlent, after a shrink it may undo, so that growing
     *         back reuses them (default zero: they close at once)
     */
    public Duration getSizingReserveTime() {
        return get(Setting.SIZING_RESERVE_TIME);
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
     * Collects settings; {@link #build()} validates them all at once. Not thread-safe. The setter of each setting
     * ({@code jdbcUrl}, {@code maximumPoolSize}, ...) is inherited from {@link PoolConfigSetters}, where each is
     * documented; this class adds only what builds: the copy from a configuration, the floors' waiver for the
     * pool's own tests, and {@link #build()}.
     */
    public static final class Builder extends PoolConfigSetters {
        private boolean timingFloors = true;

        private Builder() {
        }

        private Builder(PoolConfig c) {
            values.putAll(c.values);
            dataSourceProperties.putAll(c.dataSourceProperties);
            listeners.addAll(c.listeners);
            timingFloors = c.timingFloors;
        }

        @Override
        Builder self() {
            return this;
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
