package dev.poolwise.internal;

import static dev.poolwise.internal.SettingRule.count;
import static dev.poolwise.internal.SettingRule.duration;

import dev.poolwise.ConnectionErrorClassifier;
import dev.poolwise.CredentialsProvider;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolMode;
import dev.poolwise.SizingMode;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The table of pool settings: one row per setting, and everything else is driven by it: the values
 * {@link PoolConfig} and its builder hold and their defaults, the Properties/Map reader ({@link ConfigReader})
 * with its did-you-mean, the range checks with their reasons ({@link ConfigValidation}), {@code toString}, and
 * the table in {@code docs/configuration.md} (a test fails when the docs and this table disagree).
 *
 * <p><b>To add a setting:</b>
 * <ol>
 *   <li>add a row here: key (HikariCP's name where HikariCP has the setting), value type, default, rule (with the
 *       reason for any floor or ceiling), what HikariCP calls it, one line of docs, and the builder method and
 *       getter it goes through;</li>
 *   <li>in {@code PoolConfigSetters} (the builder's setters, which {@code PoolConfig.Builder} inherits): the typed
 *       builder method ({@code return set(Setting.X, value);}), and in {@link PoolConfig} the getter
 *       ({@code return get(Setting.X);}), each with Javadoc saying what it does, its default and when to change
 *       it (the builder and getters are public API; nothing else in PoolConfig changes);</li>
 *   <li>in {@code PoolwiseBeanProperties} (the bean properties {@code PoolwiseDataSource} inherits): the setter
 *       ({@code set(b -> b.x(value));}; durations in milliseconds, as HikariCP) and the getter
 *       ({@code return value(Setting.X);}, or {@code millis(Setting.X)}), which must never start the pool; then
 *       the property in spring-boot/common's {@code PoolwiseProperties};</li>
 *   <li>run {@code ConfigurationDocsTest}: it prints the row to paste into docs/configuration.md's table, then
 *       write the setting's section there, and a CHANGELOG line.</li>
 * </ol>
 * Rules that relate two settings (minimumIdle to maximumPoolSize, exactly one connection source) are in
 * {@link ConfigValidation}. The rows' order is the order of {@code toString} and of the docs table.
 *
 * <p>Each row: key, value type, default (what a new builder holds; {@code null} for not set), the default as
 * the docs show it ({@code null}: the default, formatted), rule, HikariCP's equivalent, one line of docs, how a
 * parsed value reaches the builder, and the getter that reads it back.
 */
public enum Setting {
    JDBC_URL("jdbcUrl", ValueType.TEXT, null, "none (one source required)",
            SettingRule.of("start with jdbc:", v -> v == null || v.toString().startsWith("jdbc:"), "starts with jdbc:"),
            "same key", "The driver URL, e.g. jdbc:postgresql://db:5432/app.",
            (b, v) -> b.jdbcUrl((String) v), PoolConfig::getJdbcUrl),
    USERNAME("username", ValueType.TEXT, null, "none", SettingRule.any(), "same key",
            "The database user.", (b, v) -> b.username((String) v), PoolConfig::getUsername),
    PASSWORD("password", ValueType.SECRET, null, "none", SettingRule.any(), "same key",
            "The database password; never logged.", (b, v) -> b.password((String) v), PoolConfig::getPassword),
    DRIVER_CLASS_NAME("driverClassName", ValueType.TEXT, null, "found by DriverManager from the URL",
            SettingRule.any(), "same key", "A java.sql.Driver class, loaded when the configuration is built.",
            (b, v) -> b.driverClassName((String) v), PoolConfig::getDriverClassName),
    DATA_SOURCE_CLASS_NAME("dataSourceClassName", ValueType.TEXT, null, "none", SettingRule.any(), "same key",
            "The driver's DataSource class, configured by dataSource.* properties.",
            (b, v) -> b.dataSourceClassName((String) v), PoolConfig::getDataSourceClassName),
    DATA_SOURCE("dataSource", ValueType.DATA_SOURCE, null, "none", SettingRule.any(), "same key (setDataSource)",
            "A ready DataSource to pool connections from.",
            (b, v) -> b.dataSource((DataSource) v), PoolConfig::getDataSource),
    DATA_SOURCE_PROPERTIES("dataSourceProperties", ValueType.PROPERTIES, null, "none", SettingRule.any(),
            "same keys (dataSource.*)", "Driver properties; also every key starting with dataSource.",
            (b, v) -> ((Map<?, ?>) v).forEach((name, value) -> b.dataSourceProperty(String.valueOf(name), value)),
            PoolConfig::getDataSourceProperties),
    POOL_NAME("poolName", ValueType.TEXT, null, "poolwise-N",
            SettingRule.of("not be blank", v -> v == null || !v.toString().isBlank(), "not blank"),
            "same key (default HikariPool-N)", "The pool's name in logs, errors, JMX and metrics.",
            (b, v) -> b.poolName((String) v), PoolConfig::getPoolName),
    MODE("mode", ValueType.MODE, PoolMode.POOLED, "pooled",
            SettingRule.of("be pooled or unpooled", Objects::nonNull, "pooled, unpooled"), "none",
            "unpooled opens a connection per borrow and closes it on return (SQLAlchemy's NullPool).",
            (b, v) -> b.mode((PoolMode) v), PoolConfig::getMode),
    MAXIMUM_POOL_SIZE("maximumPoolSize", ValueType.INT, PoolConfig.DEFAULT_MAXIMUM_POOL_SIZE, null,
            count(1, ConfigValidation.MAXIMUM_POOL_SIZE_CEILING, ConfigValidation.MAXIMUM_POOL_SIZE_REASON),
            "same key, same default", "The most physical connections open or being opened at once; a WARN above 100.",
            (b, v) -> b.maximumPoolSize((Integer) v), PoolConfig::getMaximumPoolSize),
    MINIMUM_IDLE("minimumIdle", ValueType.INT, null, "= maximumPoolSize",
            SettingRule.of("be between 0 and maximumPoolSize", v -> v == null || (Integer) v >= 0,
                    "0 to maximumPoolSize"),
            "same key, same default", "Idle connections the pool keeps ready.",
            (b, v) -> b.minimumIdle((Integer) v), PoolConfig::getMinimumIdle),
    SIZING("sizing", ValueType.SIZING, SizingMode.STATIC, "static",
            SettingRule.of("be static or adaptive", Objects::nonNull, "static, adaptive"), "none (HikariCP is static)",
            "adaptive moves a target size between minimumIdle and maximumPoolSize while the pool runs.",
            (b, v) -> b.sizing((SizingMode) v), PoolConfig::getSizing),
    SIZING_WINDOW("sizingWindow", ValueType.DURATION, PoolConfig.DEFAULT_SIZING_WINDOW, null,
            duration(false, Duration.ofMillis(100), "a shorter window holds too few borrows to measure hold time "
                    + "and wait, so the adaptive controller would act on noise"),
            "none", "How often an adaptive pool measures its borrows and decides on its target.",
            (b, v) -> b.sizingWindow((Duration) v), PoolConfig::getSizingWindow),
    SIZING_TOLERANCE("sizingTolerance", ValueType.FRACTION, PoolConfig.DEFAULT_SIZING_TOLERANCE, null,
            SettingRule.fraction(PoolConfig.MIN_SIZING_TOLERANCE, PoolConfig.MAX_SIZING_TOLERANCE,
                    "with less, one window's noise reads as a faster or slower size and the target chases it",
                    "with more, the pool would give up a quarter or more of the throughput for connections"),
            "none", "The share of the best throughput measured an adaptive pool gives up to hold fewer connections.",
            (b, v) -> b.sizingTolerance(((Number) v).doubleValue()), PoolConfig::getSizingTolerance),
    SIZING_RESERVE_TIME("sizingReserveTime", ValueType.DURATION, PoolConfig.DEFAULT_SIZING_RESERVE_TIME, "0 (off)",
            duration(true, Duration.ZERO, ""), "none",
            "How long an adaptive pool keeps the connections a throughput or saturation shrink gave up open, unlent, "
                    + "to reuse them if it grows back.",
            (b, v) -> b.sizingReserveTime((Duration) v), PoolConfig::getSizingReserveTime),
    FLEET_BUDGET("fleetBudget", ValueType.INT, 0, "0 (off)",
            count(0, ConfigValidation.MAXIMUM_POOL_SIZE_CEILING, "no database serves more connections than that"),
            "none", "Connections for the whole fleet sharing fleetName, counted on the database; needs sizing=adaptive.",
            (b, v) -> b.fleetBudget((Integer) v), PoolConfig::getFleetBudget),
    FLEET_NAME("fleetName", ValueType.TEXT, null, "ApplicationName (PostgreSQL) or program_name (MySQL), else poolName",
            SettingRule.of("be 1 to " + PoolConfig.FLEET_NAME_MAX_LENGTH + " printable ASCII characters without '/'",
                    v -> v == null || validFleetName(v.toString()),
                    "1 to " + PoolConfig.FLEET_NAME_MAX_LENGTH + " printable ASCII characters, no /"),
            "none", "The name that marks the fleet's connections on the server (as the application name).",
            (b, v) -> b.fleetName((String) v), PoolConfig::getFleetName),
    FLEET_COUNT_INTERVAL("fleetCountInterval", ValueType.DURATION, PoolConfig.DEFAULT_FLEET_COUNT_INTERVAL, null,
            duration(false, Duration.ofSeconds(1), "counting more often loads the server's activity views for no "
                    + "better share"),
            "none", "How often the pool counts the fleet's connections on the server.",
            (b, v) -> b.fleetCountInterval((Duration) v), PoolConfig::getFleetCountInterval),
    FLEET_CONSOLE_URL("fleetConsoleUrl", ValueType.TEXT, null, "none (count on the database)",
            SettingRule.of("start with jdbc:", v -> v == null || v.toString().startsWith("jdbc:"), "starts with jdbc:"),
            "none", "PgBouncer's admin console, to count the fleet there (SHOW CLIENTS) instead of on the database.",
            (b, v) -> b.fleetConsoleUrl((String) v), PoolConfig::getFleetConsoleUrl),
    FLEET_CONSOLE_USERNAME("fleetConsoleUsername", ValueType.TEXT, null, "username", SettingRule.any(), "none",
            "The admin console user (one of PgBouncer's stats_users or admin_users).",
            (b, v) -> b.fleetConsoleUsername((String) v), PoolConfig::getFleetConsoleUsername),
    FLEET_CONSOLE_PASSWORD("fleetConsolePassword", ValueType.SECRET, null, "password", SettingRule.any(), "none",
            "The admin console user's password; never logged.",
            (b, v) -> b.fleetConsolePassword((String) v), PoolConfig::getFleetConsolePassword),
    CONNECTION_TIMEOUT("connectionTimeout", ValueType.DURATION, PoolConfig.DEFAULT_CONNECTION_TIMEOUT, null,
            duration(false, Duration.ofMillis(250), "below 250ms a connect, or even one validation round trip, "
                    + "cannot complete and every borrow fails (HikariCP's floor)"),
            "same key, same default (0 is not infinite)", "The longest getConnection() waits.",
            (b, v) -> b.connectionTimeout((Duration) v), PoolConfig::getConnectionTimeout),
    IDLE_TIMEOUT("idleTimeout", ValueType.DURATION, PoolConfig.DEFAULT_IDLE_TIMEOUT, null,
            duration(true, Duration.ofSeconds(10), "shorter closes idle connections between bursts only to "
                    + "reopen them (HikariCP's floor)"),
            "same key, same default", "How long a connection above minimumIdle may sit idle.",
            (b, v) -> b.idleTimeout((Duration) v), PoolConfig::getIdleTimeout),
    MAX_LIFETIME("maxLifetime", ValueType.DURATION, PoolConfig.DEFAULT_MAX_LIFETIME, null,
            duration(true, Duration.ofSeconds(30), "shorter retires connections about as fast as they open "
                    + "(1ms opened 15,341 connections in 2s); HikariCP's floor; a plain number is milliseconds"),
            "same key, same default", "The longest a physical connection lives (less up to 2.5% jitter).",
            (b, v) -> b.maxLifetime((Duration) v), PoolConfig::getMaxLifetime),
    KEEPALIVE_TIME("keepaliveTime", ValueType.DURATION, PoolConfig.DEFAULT_KEEPALIVE_TIME, null,
            duration(true, Duration.ofSeconds(30), "shorter validates idle connections in a loop (1ms: 391 "
                    + "validations in 2s); HikariCP's floor"),
            "same key (HikariCP 7: 2 min; 5: off)", "How often an idle connection is checked.",
            (b, v) -> b.keepaliveTime((Duration) v), PoolConfig::getKeepaliveTime),
    VALIDATION_TIMEOUT("validationTimeout", ValueType.DURATION, PoolConfig.DEFAULT_VALIDATION_TIMEOUT, null,
            duration(false, Duration.ofMillis(250), "shorter fails healthy connections on an ordinary network "
                    + "round trip (HikariCP's floor)"),
            "same key, same default", "The longest one validation may take; at most connectionTimeout.",
            (b, v) -> b.validationTimeout((Duration) v), PoolConfig::getValidationTimeout),
    VALIDATION_BYPASS_WINDOW("validationBypassWindow", ValueType.DURATION,
            PoolConfig.DEFAULT_VALIDATION_BYPASS_WINDOW, null, duration(true, Duration.ZERO, ""),
            "system property com.zaxxer.hikari.aliveBypassWindowMs", "A connection used this recently is not "
                    + "validated on borrow (0: always validate).",
            (b, v) -> b.validationBypassWindow((Duration) v), PoolConfig::getValidationBypassWindow),
    LEAK_DETECTION_THRESHOLD("leakDetectionThreshold", ValueType.DURATION, Duration.ZERO, "0 (off)",
            duration(true, Duration.ZERO, ""), "same key, same default (HikariCP ignores values under 2s)",
            "Hold time after which a connection is reported as a suspected leak.",
            (b, v) -> b.leakDetectionThreshold((Duration) v), PoolConfig::getLeakDetectionThreshold),
    SHUTDOWN_TIMEOUT("shutdownTimeout", ValueType.DURATION, PoolConfig.DEFAULT_SHUTDOWN_TIMEOUT, null,
            duration(true, Duration.ZERO, ""), "none (HikariCP aborts borrowed connections at once)",
            "How long close() waits for borrowed connections before aborting them.",
            (b, v) -> b.shutdownTimeout((Duration) v), PoolConfig::getShutdownTimeout),
    INITIALIZATION_FAIL_TIMEOUT("initializationFailTimeout", ValueType.LONG, 1L, null,
            count(Long.MIN_VALUE, SettingRule.LONGEST.toMillis(), SettingRule.LONGEST_REASON),
            "same key, same default", "ms: > 0 try that long for a first connection; 0 try once; < 0 do not try.",
            (b, v) -> b.initializationFailTimeout((Long) v), PoolConfig::getInitializationFailTimeoutMillis),
    CONNECTION_TEST_QUERY("connectionTestQuery", ValueType.TEXT, null, "none (Connection.isValid)",
            SettingRule.of("be a query, or unset to use Connection.isValid",
                    v -> v == null || !v.toString().isBlank(), "a query"),
            "same key", "A query that validates a connection instead of Connection.isValid.",
            (b, v) -> b.connectionTestQuery((String) v), PoolConfig::getConnectionTestQuery),
    CONNECTION_INIT_SQL("connectionInitSql", ValueType.TEXT, null, "none", SettingRule.any(), "same key",
            "SQL run once on every new physical connection.",
            (b, v) -> b.connectionInitSql((String) v), PoolConfig::getConnectionInitSql),
    CONNECTION_RESET_SQL("connectionResetSql", ValueType.TEXT, null, "none",
            SettingRule.of("be a statement such as DISCARD ALL, or unset for none",
                    v -> v == null || !v.toString().isBlank(), "SQL"),
            "none (PgBouncer's server_reset_query)",
            "SQL run on return after a borrow that ran SQL, for session state JDBC cannot see (DISCARD ALL).",
            (b, v) -> b.connectionResetSql((String) v), PoolConfig::getConnectionResetSql),
    AUTO_COMMIT("autoCommit", ValueType.BOOLEAN, true, null, SettingRule.any(), "same key, same default",
            "Auto-commit of borrowed connections.", (b, v) -> b.autoCommit((Boolean) v), PoolConfig::isAutoCommit),
    READ_ONLY("readOnly", ValueType.BOOLEAN, false, null, SettingRule.any(), "same key, same default",
            "Whether borrowed connections are read-only.", (b, v) -> b.readOnly((Boolean) v), PoolConfig::isReadOnly),
    TRANSACTION_ISOLATION("transactionIsolation", ValueType.ISOLATION, null, "driver's default",
            SettingRule.of("be " + ValueType.ISOLATION_LEVEL_NAMES,
                    v -> v == null || ValueType.isIsolationLevel((Integer) v), "a TRANSACTION_* level"),
            "same key", "The isolation level of borrowed connections.",
            (b, v) -> b.transactionIsolation((Integer) v), PoolConfig::getTransactionIsolation),
    CATALOG("catalog", ValueType.TEXT, null, "driver's default", SettingRule.any(), "same key",
            "The default catalog.", (b, v) -> b.catalog((String) v), PoolConfig::getCatalog),
    SCHEMA("schema", ValueType.TEXT, null, "driver's default", SettingRule.any(), "same key",
            "The default schema.", (b, v) -> b.schema((String) v), PoolConfig::getSchema),
    REGISTER_MBEANS("registerMbeans", ValueType.BOOLEAN, false, null, SettingRule.any(),
            "same key (different JMX name)", "Registers the pool's MXBean.",
            (b, v) -> b.registerMbeans((Boolean) v), PoolConfig::isRegisterMbeans),
    ALLOW_POOL_SUSPENSION("allowPoolSuspension", ValueType.BOOLEAN, false, null, SettingRule.any(),
            "same key, same default", "Whether suspend() is allowed.",
            (b, v) -> b.allowPoolSuspension((Boolean) v), PoolConfig::isAllowPoolSuspension),
    CREDENTIALS_PROVIDER("credentialsProvider", ValueType.CREDENTIALS_PROVIDER, null, "none", SettingRule.any(),
            "credentialsProvider (a different interface)", "Credentials fetched for each new physical connection.",
            (b, v) -> b.credentialsProvider((CredentialsProvider) v), PoolConfig::getCredentialsProvider),
    CONNECTION_ERROR_CLASSIFIER("connectionErrorClassifier", ValueType.CLASSIFIER,
            ConnectionErrorClassifier.standard(), "ConnectionErrorClassifier.standard()",
            SettingRule.of("be set (default ConnectionErrorClassifier.standard())", Objects::nonNull, "set"),
            "exceptionOverride (a different contract)", "Tells a broken connection from an ordinary SQL error.",
            (b, v) -> b.connectionErrorClassifier((ConnectionErrorClassifier) v),
            PoolConfig::getConnectionErrorClassifier);

    private final String key;
    private final ValueType type;
    private final Object defaultValue;
    private final String defaultText;
    private final SettingRule rule;
    private final String hikari;
    private final String doc;
    private final BiConsumer<PoolConfig.Builder, Object> apply;
    private final Function<PoolConfig, Object> read;

    @SuppressWarnings("unchecked")
    Setting(String key, ValueType type, Object defaultValue, String defaultText, SettingRule rule, String hikari,
            String doc, BiConsumer<PoolConfig.Builder, Object> apply, Function<PoolConfig, ?> read) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText != null ? defaultText : type.show(defaultValue);
        this.rule = rule;
        this.hikari = hikari;
        this.doc = doc;
        this.apply = apply;
        this.read = (Function<PoolConfig, Object>) read;
    }

    /**
     * @param key a setting's key, as {@link #key()} gives it
     * @return that setting
     * @throws IllegalArgumentException if no setting has that key
     */
    public static Setting forKey(String key) {
        for (Setting setting : values()) {
            if (setting.key.equals(key)) {
                return setting;
            }
        }
        throw new IllegalArgumentException("No setting named " + key);
    }

    /** A fleet name as {@code FleetLabel} accepts it: printable ASCII without its separator, short enough. */
    private static boolean validFleetName(String name) {
        return !name.isEmpty() && name.length() <= PoolConfig.FLEET_NAME_MAX_LENGTH
                && name.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '/');
    }

    /** @return the key in properties, maps and docs (HikariCP's where HikariCP has the setting) */
    public String key() {
        return key;
    }

    /** @return the kind of value */
    public ValueType type() {
        return type;
    }

    /** @return the value a new builder starts with; {@code null} for "not set" */
    public Object defaultValue() {
        return defaultValue;
    }

    /** @return the default as the docs show it */
    public String defaultText() {
        return defaultText;
    }

    /** @return the values accepted, as the docs show them */
    public String validText() {
        return rule.valid();
    }

    /** @return what HikariCP calls it, as the docs show it */
    public String hikari() {
        return hikari;
    }

    /** @return one line saying what it does */
    public String doc() {
        return doc;
    }

    /** @return this setting's value in {@code config}, read through its getter */
    public Object valueIn(PoolConfig config) {
        return read.apply(config);
    }

    /** Parses {@code value} as a properties file or map writes it and sets it through the typed builder method. */
    void apply(PoolConfig.Builder builder, Object value) {
        apply.accept(builder, type.parse(value));
    }

    /**
     * @param floors whether floors apply (always, except for the pool's own tests at millisecond scale)
     * @return the problem with this setting's value in {@code config} ("key = value: must ..."), or {@code null}
     */
    String problem(PoolConfig config, boolean floors) {
        Object value = read.apply(config);
        String problem = (floors ? rule : rule.withoutFloor()).problem(value);
        return problem == null ? null : key + " = " + type.show(value) + ": " + problem;
    }

    /** @return the problem with {@code value} for this setting ("key = value: must ..."), or {@code null} */
    String problem(Object value) {
        String problem = rule.problem(value);
        return problem == null ? null : key + " = " + type.show(value) + ": " + problem;
    }

    /** @return whether {@code config} holds a value for this setting (not {@code null}) */
    boolean isSet(PoolConfig config) {
        return read.apply(config) != null;
    }

    /** @return the value in {@code config} as {@code toString} shows it: secrets masked, objects summarised */
    public String display(PoolConfig config) {
        Object value = read.apply(config);
        if (value == null) {
            return "null";
        }
        return switch (type) {
            case SECRET -> JdbcUrlMask.MASK;
            case PROPERTIES -> JdbcUrlMask.maskProperties((java.util.Properties) value).toString();
            case DATA_SOURCE -> value.getClass().getName();
            case CREDENTIALS_PROVIDER -> "set";
            default -> type.show(value);
        };
    }
}
