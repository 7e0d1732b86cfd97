package dev.poolwise.spring;

import dev.poolwise.PoolMode;
import dev.poolwise.SizingMode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The pool's settings under {@code spring.datasource.poolwise.*}, in Spring Boot's kebab case: the keys of
 * HikariCP's {@code spring.datasource.hikari.*} where the two pools share a setting, plus Poolwise's own.
 * Durations take units ({@code 500ms}, {@code 30s}, {@code 10m}); a bare number is milliseconds, as HikariCP's.
 * The connection itself ({@code url}, {@code username}, {@code password}, {@code driver-class-name}) comes from
 * {@code spring.datasource.*} or a {@code JdbcConnectionDetails} bean; the keys here override it.
 *
 * <p>The defaults written here are the pool's own ({@code PoolConfig.DEFAULT_*}); they are spelled out so that
 * Boot's configuration processor can show them in IDEs, and a test keeps the two equal.
 */
@ConfigurationProperties(prefix = PoolwiseProperties.PREFIX)
public class PoolwiseProperties {

    /** Where these properties live. */
    public static final String PREFIX = "spring.datasource.poolwise";

    /** JDBC URL for the pool; overrides spring.datasource.url. */
    private String jdbcUrl;

    /** User name for the pool's connections; overrides spring.datasource.username. */
    private String username;

    /** Password for the pool's connections; overrides spring.datasource.password. Never logged. */
    private String password;

    /** JDBC driver class; overrides spring.datasource.driver-class-name. Usually found from the URL. */
    private String driverClassName;

    /** A driver's DataSource class to take connections from, instead of a JDBC URL. */
    private String dataSourceClassName;

    /** Name of the pool in logs, errors, JMX and metrics. Default: spring.datasource.name, or poolwise-N. */
    private String poolName;

    /** POOLED keeps connections; UNPOOLED opens one per borrow (serverless functions behind an external pooler). */
    private PoolMode mode = PoolMode.POOLED;

    /** static (the default) or adaptive: an adaptive pool moves its size between minimum-idle and maximum-pool-size. */
    private SizingMode sizing;

    /** How often an adaptive pool measures its borrows and decides on its target (default 1s). */
    private Duration sizingWindow;

    /**
     * The share of the best throughput measured an adaptive pool gives up to hold fewer connections, 0.02 to 0.3
     * (default 0.1); lower keeps more connections for throughput, higher fewer.
     */
    private Double sizingTolerance;

    /**
     * How long an adaptive pool keeps the connections a throughput or saturation shrink gave up open, unlent, to
     * reuse them if it grows back (default 0: they close at once).
     */
    private Duration sizingReserveTime;

    /** Connections for the whole fleet sharing fleet-name, counted on the database; needs sizing=adaptive. */
    private Integer fleetBudget;

    /** The name that marks the fleet's connections on the server; default the driver's ApplicationName. */
    private String fleetName;

    /** How often the pool counts the fleet's connections (default 5s). */
    private Duration fleetCountInterval;

    /** PgBouncer's admin console URL, to count the fleet there instead of on the database. */
    private String fleetConsoleUrl;

    /** The admin console user (default: username). */
    private String fleetConsoleUsername;

    /** The admin console password (default: password). */
    private String fleetConsolePassword;

    /** Most connections the pool opens, borrowed and idle together. */
    private int maximumPoolSize = 10;

    /** Idle connections the pool keeps ready. Default: maximum-pool-size (a fixed-size pool). */
    private Integer minimumIdle;

    /** Longest a borrower waits for a connection before getConnection() throws. */
    private Duration connectionTimeout = Duration.ofSeconds(30);

    /** An idle connection above minimum-idle is closed after this long unused; 0 keeps them. */
    private Duration idleTimeout = Duration.ofMinutes(10);

    /** A connection is retired after this long (with a little jitter); keep it below the database's or proxy's own limit. */
    private Duration maxLifetime = Duration.ofMinutes(30);

    /** An idle connection is tested this often, so that firewalls and proxies do not drop it; 0 turns it off. */
    private Duration keepaliveTime = Duration.ofMinutes(2);

    /** Longest a validation of a connection may take. */
    private Duration validationTimeout = Duration.ofSeconds(5);

    /** A connection used within this window is handed out without validating it again. */
    private Duration validationBypassWindow = Duration.ofMillis(500);

    /** A connection held longer than this is reported as a suspected leak; 0 turns leak detection off. */
    private Duration leakDetectionThreshold = Duration.ZERO;

    /** On shutdown, how long borrowed connections may take to come back before they are aborted. */
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    /**
     * How long the pool tries to open its first connection when it starts: positive fails the start after that
     * long, 0 checks once and starts anyway, negative does not check.
     */
    private Duration initializationFailTimeout = Duration.ofMillis(1);

    /** Query that validates a connection; unset uses Connection.isValid, which is what modern drivers want. */
    private String connectionTestQuery;

    /** SQL run once on every new connection. */
    private String connectionInitSql;

    /**
     * SQL run when a connection comes back after a borrow that ran SQL, for session state JDBC cannot see,
     * e.g. DISCARD ALL on PostgreSQL; unset (the default) runs nothing.
     */
    private String connectionResetSql;

    /** Auto-commit of the pool's connections. */
    private boolean autoCommit = true;

    /** Whether the pool's connections are read-only by default. */
    private boolean readOnly = false;

    /** Default isolation, e.g. TRANSACTION_READ_COMMITTED; unset keeps the driver's default. */
    private String transactionIsolation;

    /** Default catalog of the pool's connections. */
    private String catalog;

    /** Default schema of the pool's connections. */
    private String schema;

    /** Whether the pool registers its MXBean. Default: spring.jmx.enabled. */
    private Boolean registerMbeans;

    /** Whether the pool may be suspended (JMX, checkpoint/restore). */
    private boolean allowPoolSuspension = false;

    /** Driver properties, e.g. prepareThreshold: 0 behind a transaction-mode PgBouncer. */
    private Map<String, String> dataSourceProperties = new LinkedHashMap<>();

    /** Names of the Poolwise meters when Micrometer is present: OpenTelemetry's or HikariCP's. */
    private MeterNaming metricsNaming = MeterNaming.OPENTELEMETRY;

    /**
     * The settings as {@code PoolConfig.fromMap} keys them, leaving out the unset ones (and the metrics naming,
     * which is not a pool setting).
     *
     * @return the settings, in declaration order
     */
    public Map<String, Object> toPoolSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        putIfSet(settings, "jdbcUrl", jdbcUrl);
        putIfSet(settings, "username", username);
        putIfSet(settings, "password", password);
        putIfSet(settings, "driverClassName", driverClassName);
        putIfSet(settings, "dataSourceClassName", dataSourceClassName);
        putIfSet(settings, "poolName", poolName);
        putIfSet(settings, "mode", mode);
        putIfSet(settings, "sizing", sizing);
        putIfSet(settings, "sizingWindow", sizingWindow);
        putIfSet(settings, "sizingTolerance", sizingTolerance);
        putIfSet(settings, "sizingReserveTime", sizingReserveTime);
        putIfSet(settings, "fleetBudget", fleetBudget);
        putIfSet(settings, "fleetName", fleetName);
        putIfSet(settings, "fleetCountInterval", fleetCountInterval);
        putIfSet(settings, "fleetConsoleUrl", fleetConsoleUrl);
        putIfSet(settings, "fleetConsoleUsername", fleetConsoleUsername);
        putIfSet(settings, "fleetConsolePassword", fleetConsolePassword);
        settings.put("maximumPoolSize", maximumPoolSize);
        putIfSet(settings, "minimumIdle", minimumIdle);
        putIfSet(settings, "connectionTimeout", connectionTimeout);
        putIfSet(settings, "idleTimeout", idleTimeout);
        putIfSet(settings, "maxLifetime", maxLifetime);
        putIfSet(settings, "keepaliveTime", keepaliveTime);
        putIfSet(settings, "validationTimeout", validationTimeout);
        putIfSet(settings, "validationBypassWindow", validationBypassWindow);
        putIfSet(settings, "leakDetectionThreshold", leakDetectionThreshold);
        putIfSet(settings, "shutdownTimeout", shutdownTimeout);
        if (initializationFailTimeout != null) {
            settings.put("initializationFailTimeout", initializationFailTimeout.toMillis());
        }
        putIfSet(settings, "connectionTestQuery", connectionTestQuery);
        putIfSet(settings, "connectionInitSql", connectionInitSql);
        putIfSet(settings, "connectionResetSql", connectionResetSql);
        settings.put("autoCommit", autoCommit);
        settings.put("readOnly", readOnly);
        putIfSet(settings, "transactionIsolation", transactionIsolation);
        putIfSet(settings, "catalog", catalog);
        putIfSet(settings, "schema", schema);
        putIfSet(settings, "registerMbeans", registerMbeans);
        settings.put("allowPoolSuspension", allowPoolSuspension);
        if (dataSourceProperties != null && !dataSourceProperties.isEmpty()) {
            settings.put("dataSourceProperties", new LinkedHashMap<>(dataSourceProperties));
        }
        return settings;
    }

    private static void putIfSet(Map<String, Object> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

    // ------------------------------------------------------------------ accessors for Boot's binder

    /** @return the pool's JDBC URL, or {@code null} to take spring.datasource.url */
    public String getJdbcUrl() {
        return jdbcUrl;
    }

    /** @param jdbcUrl the pool's JDBC URL */
    public void setJdbcUrl(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** @return the user name, or {@code null} to take spring.datasource.username */
    public String getUsername() {
        return username;
    }

    /** @param username the user name */
    public void setUsername(String username) {
        this.username = username;
    }

    /** @return the password, or {@code null} to take spring.datasource.password */
    public String getPassword() {
        return password;
    }

    /** @param password the password */
    public void setPassword(String password) {
        this.password = password;
    }

    /** @return the driver class, or {@code null} */
    public String getDriverClassName() {
        return driverClassName;
    }

    /** @param driverClassName the driver class */
    public void setDriverClassName(String driverClassName) {
        this.driverClassName = driverClassName;
    }

    /** @return the driver's DataSource class, or {@code null} */
    public String getDataSourceClassName() {
        return dataSourceClassName;
    }

    /** @param dataSourceClassName the driver's DataSource class */
    public void setDataSourceClassName(String dataSourceClassName) {
        this.dataSourceClassName = dataSourceClassName;
    }

    /** @return the pool's name, or {@code null} */
    public String getPoolName() {
        return poolName;
    }

    /** @param poolName the pool's name */
    public void setPoolName(String poolName) {
        this.poolName = poolName;
    }

    /** @return pooled or unpooled */
    public PoolMode getMode() {
        return mode;
    }

    /** @param mode pooled or unpooled */
    public void setMode(PoolMode mode) {
        this.mode = mode;
    }

    /** @return static or adaptive, or {@code null} for the default (static) */
    public SizingMode getSizing() {
        return sizing;
    }

    /** @param sizing static or adaptive */
    public void setSizing(SizingMode sizing) {
        this.sizing = sizing;
    }

    /** @return the adaptive control window, or {@code null} for the default */
    public Duration getSizingWindow() {
        return sizingWindow;
    }

    /** @param sizingWindow the adaptive control window */
    public void setSizingWindow(Duration sizingWindow) {
        this.sizingWindow = sizingWindow;
    }

    /** @return the adaptive pool's throughput tolerance, or {@code null} for the default */
    public Double getSizingTolerance() {
        return sizingTolerance;
    }

    /** @param sizingTolerance the adaptive pool's throughput tolerance */
    public void setSizingTolerance(Double sizingTolerance) {
        this.sizingTolerance = sizingTolerance;
    }

    /** @return how long an adaptive pool holds connections a shrink gave up, or {@code null} for the default */
    public Duration getSizingReserveTime() {
        return sizingReserveTime;
    }

    /** @param sizingReserveTime how long an adaptive pool holds connections a shrink gave up */
    public void setSizingReserveTime(Duration sizingReserveTime) {
        this.sizingReserveTime = sizingReserveTime;
    }

    /** @return the fleet's connection budget, or {@code null} for none */
    public Integer getFleetBudget() {
        return fleetBudget;
    }

    /** @param fleetBudget the fleet's connection budget */
    public void setFleetBudget(Integer fleetBudget) {
        this.fleetBudget = fleetBudget;
    }

    /** @return the fleet's name, or {@code null} for the default */
    public String getFleetName() {
        return fleetName;
    }

    /** @param fleetName the fleet's name on the server */
    public void setFleetName(String fleetName) {
        this.fleetName = fleetName;
    }

    /** @return how often the fleet is counted, or {@code null} for the default */
    public Duration getFleetCountInterval() {
        return fleetCountInterval;
    }

    /** @param fleetCountInterval how often the fleet is counted */
    public void setFleetCountInterval(Duration fleetCountInterval) {
        this.fleetCountInterval = fleetCountInterval;
    }

    /** @return PgBouncer's admin console URL, or {@code null} */
    public String getFleetConsoleUrl() {
        return fleetConsoleUrl;
    }

    /** @param fleetConsoleUrl PgBouncer's admin console URL */
    public void setFleetConsoleUrl(String fleetConsoleUrl) {
        this.fleetConsoleUrl = fleetConsoleUrl;
    }

    /** @return the admin console user, or {@code null} for username */
    public String getFleetConsoleUsername() {
        return fleetConsoleUsername;
    }

    /** @param fleetConsoleUsername the admin console user */
    public void setFleetConsoleUsername(String fleetConsoleUsername) {
        this.fleetConsoleUsername = fleetConsoleUsername;
    }

    /** @return the admin console password, or {@code null} for password */
    public String getFleetConsolePassword() {
        return fleetConsolePassword;
    }

    /** @param fleetConsolePassword the admin console password */
    public void setFleetConsolePassword(String fleetConsolePassword) {
        this.fleetConsolePassword = fleetConsolePassword;
    }

    /** @return the most connections */
    public int getMaximumPoolSize() {
        return maximumPoolSize;
    }

    /** @param maximumPoolSize the most connections */
    public void setMaximumPoolSize(int maximumPoolSize) {
        this.maximumPoolSize = maximumPoolSize;
    }

    /** @return the idle target, or {@code null} for maximum-pool-size */
    public Integer getMinimumIdle() {
        return minimumIdle;
    }

    /** @param minimumIdle the idle target */
    public void setMinimumIdle(Integer minimumIdle) {
        this.minimumIdle = minimumIdle;
    }

    /** @return the borrow timeout */
    public Duration getConnectionTimeout() {
        return connectionTimeout;
    }

    /** @param connectionTimeout the borrow timeout */
    public void setConnectionTimeout(Duration connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
    }

    /** @return the idle timeout */
    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    /** @param idleTimeout the idle timeout */
    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    /** @return the longest life of a connection */
    public Duration getMaxLifetime() {
        return maxLifetime;
    }

    /** @param maxLifetime the longest life of a connection */
    public void setMaxLifetime(Duration maxLifetime) {
        this.maxLifetime = maxLifetime;
    }

    /** @return the keepalive period */
    public Duration getKeepaliveTime() {
        return keepaliveTime;
    }

    /** @param keepaliveTime the keepalive period */
    public void setKeepaliveTime(Duration keepaliveTime) {
        this.keepaliveTime = keepaliveTime;
    }

    /** @return the validation timeout */
    public Duration getValidationTimeout() {
        return validationTimeout;
    }

    /** @param validationTimeout the validation timeout */
    public void setValidationTimeout(Duration validationTimeout) {
        this.validationTimeout = validationTimeout;
    }

    /** @return the validation bypass window */
    public Duration getValidationBypassWindow() {
        return validationBypassWindow;
    }

    /** @param validationBypassWindow the validation bypass window */
    public void setValidationBypassWindow(Duration validationBypassWindow) {
        this.validationBypassWindow = validationBypassWindow;
    }

    /** @return the leak detection threshold */
    public Duration getLeakDetectionThreshold() {
        return leakDetectionThreshold;
    }

    /** @param leakDetectionThreshold the leak detection threshold */
    public void setLeakDetectionThreshold(Duration leakDetectionThreshold) {
        this.leakDetectionThreshold = leakDetectionThreshold;
    }

    /** @return the shutdown timeout */
    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    /** @param shutdownTimeout the shutdown timeout */
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    /** @return the initialization fail timeout */
    public Duration getInitializationFailTimeout() {
        return initializationFailTimeout;
    }

    /** @param initializationFailTimeout the initialization fail timeout */
    public void setInitializationFailTimeout(Duration initializationFailTimeout) {
        this.initializationFailTimeout = initializationFailTimeout;
    }

    /** @return the validation query, or {@code null} */
    public String getConnectionTestQuery() {
        return connectionTestQuery;
    }

    /** @param connectionTestQuery the validation query */
    public void setConnectionTestQuery(String connectionTestQuery) {
        this.connectionTestQuery = connectionTestQuery;
    }

    /** @return the SQL run on new connections, or {@code null} */
    public String getConnectionInitSql() {
        return connectionInitSql;
    }

    /** @param connectionInitSql the SQL run on new connections */
    public void setConnectionInitSql(String connectionInitSql) {
        this.connectionInitSql = connectionInitSql;
    }

    /** @return the SQL run on return after a borrow that ran SQL, or {@code null} for none */
    public String getConnectionResetSql() {
        return connectionResetSql;
    }

    /** @param connectionResetSql the SQL run on return after a borrow that ran SQL ({@code DISCARD ALL}) */
    public void setConnectionResetSql(String connectionResetSql) {
        this.connectionResetSql = connectionResetSql;
    }

    /** @return the default auto-commit */
    public boolean isAutoCommit() {
        return autoCommit;
    }

    /** @param autoCommit the default auto-commit */
    public void setAutoCommit(boolean autoCommit) {
        this.autoCommit = autoCommit;
    }

    /** @return the default read-only flag */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** @param readOnly the default read-only flag */
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** @return the default isolation, or {@code null} */
    public String getTransactionIsolation() {
        return transactionIsolation;
    }

    /** @param transactionIsolation the default isolation */
    public void setTransactionIsolation(String transactionIsolation) {
        this.transactionIsolation = transactionIsolation;
    }

    /** @return the default catalog, or {@code null} */
    public String getCatalog() {
        return catalog;
    }

    /** @param catalog the default catalog */
    public void setCatalog(String catalog) {
        this.catalog = catalog;
    }

    /** @return the default schema, or {@code null} */
    public String getSchema() {
        return schema;
    }

    /** @param schema the default schema */
    public void setSchema(String schema) {
        this.schema = schema;
    }

    /** @return whether to register the MXBean, or {@code null} to follow spring.jmx.enabled */
    public Boolean getRegisterMbeans() {
        return registerMbeans;
    }

    /** @param registerMbeans whether to register the MXBean */
    public void setRegisterMbeans(Boolean registerMbeans) {
        this.registerMbeans = registerMbeans;
    }

    /** @return whether suspension is allowed */
    public boolean isAllowPoolSuspension() {
        return allowPoolSuspension;
    }

    /** @param allowPoolSuspension whether suspension is allowed */
    public void setAllowPoolSuspension(boolean allowPoolSuspension) {
        this.allowPoolSuspension = allowPoolSuspension;
    }

    /** @return the driver properties (mutable, for the binder) */
    public Map<String, String> getDataSourceProperties() {
        return dataSourceProperties;
    }

    /** @param dataSourceProperties the driver properties */
    public void setDataSourceProperties(Map<String, String> dataSourceProperties) {
        this.dataSourceProperties = dataSourceProperties;
    }

    /** @return the meter names */
    public MeterNaming getMetricsNaming() {
        return metricsNaming;
    }

    /** @param metricsNaming the meter names */
    public void setMetricsNaming(MeterNaming metricsNaming) {
        this.metricsNaming = metricsNaming;
    }
}
