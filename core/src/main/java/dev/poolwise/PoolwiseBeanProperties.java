package dev.poolwise;

import dev.poolwise.internal.ConfigReader;
import dev.poolwise.internal.DurationText;
import dev.poolwise.internal.Setting;

import java.sql.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The HikariCP-style JavaBean properties of {@link PoolwiseDataSource}, one getter and setter per setting, for
 * frameworks that configure a data source by property name: Spring Boot binds {@code spring.datasource.*} onto
 * them, its {@code DataSourceBuilder} reads them back for {@code derivedFrom}, and {@code /actuator/configprops}
 * calls every getter. Their Javadoc points to the {@link PoolConfig.Builder} setter that documents each setting.
 *
 * <p>Why a separate class: as {@code HikariDataSource} extends {@code HikariConfig}, the bean properties are a
 * base class and the pool's behaviour (start, borrow, close, admin operations) is its subclass, so each can be
 * read on its own. {@link PoolwiseDataSource} is the only subclass (the constructor is package-private). It keeps
 * the {@code poolName} property, whose getter may pin the generated name (see
 * {@link PoolwiseDataSource#getConfig()}), the {@code DataSource} interface's {@code loginTimeout}, and
 * {@code configure(Properties)} and {@code addListener}, which are not properties.
 *
 * <p>Setters work until the pool starts and throw {@link IllegalStateException} afterwards. Getters never start
 * the pool and never open a connection: before the start they answer what was set, or the default (the pending
 * builder's values); afterwards what the running pool uses. Both go through the two hooks below, which
 * {@link PoolwiseDataSource} implements under its start lock.
 */
public abstract class PoolwiseBeanProperties {

    /** Package-private: {@link PoolwiseDataSource} is the only subclass. */
    PoolwiseBeanProperties() {
    }

    /**
     * Applies one change to the pending builder, whose values the getters read until the pool starts.
     *
     * @throws IllegalStateException once the pool has started, or while it starts
     */
    abstract void set(Consumer<PoolConfig.Builder> change);

    /**
     * @return the running pool's value of {@code setting}, or before the start the value set or the default;
     *         {@code null} when the setting has none. Never starts the pool.
     */
    abstract Object settingValue(Setting setting);

    /** Sets a setting from its text form, parsed and checked as a properties file's value is. */
    private void setParsed(String key, String text) {
        Properties one = new Properties();
        one.setProperty(key, text);
        set(b -> ConfigReader.apply(one, b));
    }

    /** @return {@link #settingValue(Setting)} as the setting's type, which the builder's typed setters ensure */
    @SuppressWarnings("unchecked")
    private <T> T value(Setting setting) {
        return (T) settingValue(setting);
    }

    private long millis(Setting setting) {
        return this.<Duration>value(setting).toMillis();
    }

    /** @param jdbcUrl see {@link PoolConfig.Builder#jdbcUrl(String)} */
    public void setJdbcUrl(String jdbcUrl) {
        set(b -> b.jdbcUrl(jdbcUrl));
    }

    /** @return the JDBC URL as set (with any password in it), or {@code null} */
    public String getJdbcUrl() {
        return value(Setting.JDBC_URL);
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
        return value(Setting.USERNAME);
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
        return value(Setting.PASSWORD);
    }

    /** @param driverClassName see {@link PoolConfig.Builder#driverClassName(String)} */
    public void setDriverClassName(String driverClassName) {
        set(b -> b.driverClassName(driverClassName));
    }

    /** @return the driver class name, or {@code null} (the driver is found from the URL) */
    public String getDriverClassName() {
        return value(Setting.DRIVER_CLASS_NAME);
    }

    /** @param dataSourceClassName see {@link PoolConfig.Builder#dataSourceClassName(String)} */
    public void setDataSourceClassName(String dataSourceClassName) {
        set(b -> b.dataSourceClassName(dataSourceClassName));
    }

    /** @return the driver's DataSource class name, or {@code null} */
    public String getDataSourceClassName() {
        return value(Setting.DATA_SOURCE_CLASS_NAME);
    }

    /** @param dataSource see {@link PoolConfig.Builder#dataSource(DataSource)} */
    public void setDataSource(DataSource dataSource) {
        set(b -> b.dataSource(dataSource));
    }

    /** @return the DataSource the pool takes its connections from, or {@code null} */
    public DataSource getDataSource() {
        return value(Setting.DATA_SOURCE);
    }

    /** @param properties see {@link PoolConfig.Builder#dataSourceProperties(Properties)} */
    public void setDataSourceProperties(Properties properties) {
        set(b -> b.dataSourceProperties(properties));
    }

    /**
     * @param name  a driver property
     * @param value its value
     */
    public void addDataSourceProperty(String name, Object value) {
        set(b -> b.dataSourceProperty(name, value));
    }

    /** @return a copy of the driver properties (empty when none are set) */
    public Properties getDataSourceProperties() {
        Properties properties = value(Setting.DATA_SOURCE_PROPERTIES);
        return properties != null ? properties : new Properties();
    }

    /** @param maximumPoolSize see {@link PoolConfig.Builder#maximumPoolSize(int)} */
    public void setMaximumPoolSize(int maximumPoolSize) {
        set(b -> b.maximumPoolSize(maximumPoolSize));
    }

    /** @return {@code maximumPoolSize} as configured (default 10; after a resize, see {@code stats()}) */
    public int getMaximumPoolSize() {
        return value(Setting.MAXIMUM_POOL_SIZE);
    }

    /** @param minimumIdle see {@link PoolConfig.Builder#minimumIdle(Integer)} */
    public void setMinimumIdle(int minimumIdle) {
        set(b -> b.minimumIdle(minimumIdle));
    }

    /** @return {@code minimumIdle} as configured (default: {@code maximumPoolSize}) */
    public int getMinimumIdle() {
        Integer minimumIdle = value(Setting.MINIMUM_IDLE);
        return minimumIdle != null ? minimumIdle : getMaximumPoolSize();
    }

    /** @param millis {@code connectionTimeout} in milliseconds, as HikariCP */
    public void setConnectionTimeout(long millis) {
        set(b -> b.connectionTimeout(Duration.ofMillis(millis)));
    }

    /** @return {@code connectionTimeout} in milliseconds (default 30000) */
    public long getConnectionTimeout() {
        return millis(Setting.CONNECTION_TIMEOUT);
    }

    /** @param millis {@code idleTimeout} in milliseconds, as HikariCP */
    public void setIdleTimeout(long millis) {
        set(b -> b.idleTimeout(Duration.ofMillis(millis)));
    }

    /** @return {@code idleTimeout} in milliseconds (default 600000) */
    public long getIdleTimeout() {
        return millis(Setting.IDLE_TIMEOUT);
    }

    /** @param millis {@code maxLifetime} in milliseconds, as HikariCP */
    public void setMaxLifetime(long millis) {
        set(b -> b.maxLifetime(Duration.ofMillis(millis)));
    }

    /** @return {@code maxLifetime} in milliseconds (default 1800000) */
    public long getMaxLifetime() {
        return millis(Setting.MAX_LIFETIME);
    }

    /** @param millis {@code keepaliveTime} in milliseconds, as HikariCP */
    public void setKeepaliveTime(long millis) {
        set(b -> b.keepaliveTime(Duration.ofMillis(millis)));
    }

    /** @return {@code keepaliveTime} in milliseconds (default 120000) */
    public long getKeepaliveTime() {
        return millis(Setting.KEEPALIVE_TIME);
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
        return millis(Setting.VALIDATION_TIMEOUT);
    }

    /** @param millis {@code leakDetectionThreshold} in milliseconds, as HikariCP (0 = off) */
    public void setLeakDetectionThreshold(long millis) {
        set(b -> b.leakDetectionThreshold(Duration.ofMillis(millis)));
    }

    /** @return {@code leakDetectionThreshold} in milliseconds (default 0: off) */
    public long getLeakDetectionThreshold() {
        return millis(Setting.LEAK_DETECTION_THRESHOLD);
    }

    /** @param millis {@code initializationFailTimeout} in milliseconds, as HikariCP */
    public void setInitializationFailTimeout(long millis) {
        set(b -> b.initializationFailTimeout(millis));
    }

    /** @return {@code initializationFailTimeout} in milliseconds (default 1) */
    public long getInitializationFailTimeout() {
        return value(Setting.INITIALIZATION_FAIL_TIMEOUT);
    }

    /** @param query see {@link PoolConfig.Builder#connectionTestQuery(String)} */
    public void setConnectionTestQuery(String query) {
        set(b -> b.connectionTestQuery(query));
    }

    /** @return the validation query, or {@code null} ({@code Connection.isValid} is used) */
    public String getConnectionTestQuery() {
        return value(Setting.CONNECTION_TEST_QUERY);
    }

    /** @param sql see {@link PoolConfig.Builder#connectionInitSql(String)} */
    public void setConnectionInitSql(String sql) {
        set(b -> b.connectionInitSql(sql));
    }

    /** @return the SQL run on each new connection, or {@code null} */
    public String getConnectionInitSql() {
        return value(Setting.CONNECTION_INIT_SQL);
    }

    /** @param sql see {@link PoolConfig.Builder#connectionResetSql(String)} */
    public void setConnectionResetSql(String sql) {
        set(b -> b.connectionResetSql(sql));
    }

    /** @return the SQL run on return after a borrow that ran SQL, or {@code null} for none */
    public String getConnectionResetSql() {
        return value(Setting.CONNECTION_RESET_SQL);
    }

    /** @param autoCommit see {@link PoolConfig.Builder#autoCommit(boolean)} */
    public void setAutoCommit(boolean autoCommit) {
        set(b -> b.autoCommit(autoCommit));
    }

    /** @return the connections' default auto-commit (default true) */
    public boolean isAutoCommit() {
        return value(Setting.AUTO_COMMIT);
    }

    /** @param readOnly see {@link PoolConfig.Builder#readOnly(boolean)} */
    public void setReadOnly(boolean readOnly) {
        set(b -> b.readOnly(readOnly));
    }

    /** @return the connections' default read-only flag (default false) */
    public boolean isReadOnly() {
        return value(Setting.READ_ONLY);
    }

    /**
     * @param isolation {@code TRANSACTION_READ_COMMITTED} and the like, as HikariCP takes it
     * @throws PoolConfigException when it names no isolation level
     */
    public void setTransactionIsolation(String isolation) {
        setParsed("transactionIsolation", isolation);
    }

    /**
     * @return the default isolation as set (e.g. {@code TRANSACTION_READ_COMMITTED}), or {@code null} for the
     *         driver's default
     */
    public String getTransactionIsolation() {
        Integer level = value(Setting.TRANSACTION_ISOLATION);
        return level == null ? null : isolationName(level);
    }

    private static String isolationName(int level) {
        return switch (level) {
            case Connection.TRANSACTION_NONE -> "TRANSACTION_NONE";
            case Connection.TRANSACTION_READ_UNCOMMITTED -> "TRANSACTION_READ_UNCOMMITTED";
            case Connection.TRANSACTION_READ_COMMITTED -> "TRANSACTION_READ_COMMITTED";
            case Connection.TRANSACTION_REPEATABLE_READ -> "TRANSACTION_REPEATABLE_READ";
            case Connection.TRANSACTION_SERIALIZABLE -> "TRANSACTION_SERIALIZABLE";
            default -> Integer.toString(level);
        };
    }

    /** @param catalog see {@link PoolConfig.Builder#catalog(String)} */
    public void setCatalog(String catalog) {
        set(b -> b.catalog(catalog));
    }

    /** @return the connections' default catalog, or {@code null} */
    public String getCatalog() {
        return value(Setting.CATALOG);
    }

    /** @param schema see {@link PoolConfig.Builder#schema(String)} */
    public void setSchema(String schema) {
        set(b -> b.schema(schema));
    }

    /** @return the connections' default schema, or {@code null} */
    public String getSchema() {
        return value(Setting.SCHEMA);
    }

    /** @param register see {@link PoolConfig.Builder#registerMbeans(boolean)} */
    public void setRegisterMbeans(boolean register) {
        set(b -> b.registerMbeans(register));
    }

    /** @return whether the pool registers its MXBean (default false) */
    public boolean isRegisterMbeans() {
        return value(Setting.REGISTER_MBEANS);
    }

    /** @param allow see {@link PoolConfig.Builder#allowPoolSuspension(boolean)} */
    public void setAllowPoolSuspension(boolean allow) {
        set(b -> b.allowPoolSuspension(allow));
    }

    /** @return whether {@link PoolwiseDataSource#suspend()} is allowed (default false) */
    public boolean isAllowPoolSuspension() {
        return value(Setting.ALLOW_POOL_SUSPENSION);
    }

    /** @param mode {@code pooled} or {@code unpooled} */
    public void setMode(String mode) {
        setParsed("mode", mode);
    }

    /** @return {@code pooled} (the default) or {@code unpooled} */
    public String getMode() {
        return String.valueOf(settingValue(Setting.MODE)).toLowerCase(Locale.ROOT);
    }

    /** @param sizing {@code static} (the default) or {@code adaptive}; see {@link PoolConfig.Builder#sizing} */
    public void setSizing(String sizing) {
        setParsed("sizing", sizing);
    }

    /** @return {@code static} (the default) or {@code adaptive} */
    public String getSizing() {
        return String.valueOf(settingValue(Setting.SIZING)).toLowerCase(Locale.ROOT);
    }

    /** @param millis {@code sizingWindow} in milliseconds; see {@link PoolConfig.Builder#sizingWindow} */
    public void setSizingWindow(long millis) {
        set(b -> b.sizingWindow(Duration.ofMillis(millis)));
    }

    /** @return {@code sizingWindow} in milliseconds (default 1000) */
    public long getSizingWindow() {
        return millis(Setting.SIZING_WINDOW);
    }

    /** @param tolerance see {@link PoolConfig.Builder#sizingTolerance(double)} */
    public void setSizingTolerance(double tolerance) {
        set(b -> b.sizingTolerance(tolerance));
    }

    /** @return {@code sizingTolerance} (default 0.1) */
    public double getSizingTolerance() {
        return value(Setting.SIZING_TOLERANCE);
    }

    /** @param millis {@code sizingReserveTime} in milliseconds; see {@link PoolConfig.Builder#sizingReserveTime} */
    public void setSizingReserveTime(long millis) {
        set(b -> b.sizingReserveTime(Duration.ofMillis(millis)));
    }

    /** @return {@code sizingReserveTime} in milliseconds (default 0: off) */
    public long getSizingReserveTime() {
        return millis(Setting.SIZING_RESERVE_TIME);
    }

    /** @param budget see {@link PoolConfig.Builder#fleetBudget(int)} */
    public void setFleetBudget(int budget) {
        set(b -> b.fleetBudget(budget));
    }

    /** @return {@code fleetBudget} (default 0: none) */
    public int getFleetBudget() {
        return value(Setting.FLEET_BUDGET);
    }

    /** @param name see {@link PoolConfig.Builder#fleetName(String)} */
    public void setFleetName(String name) {
        set(b -> b.fleetName(name));
    }

    /** @return {@code fleetName} as set, or {@code null} for the default */
    public String getFleetName() {
        return value(Setting.FLEET_NAME);
    }

    /** @param millis {@code fleetCountInterval} in milliseconds; see {@link PoolConfig.Builder#fleetCountInterval} */
    public void setFleetCountInterval(long millis) {
        set(b -> b.fleetCountInterval(Duration.ofMillis(millis)));
    }

    /** @return {@code fleetCountInterval} in milliseconds (default 5000) */
    public long getFleetCountInterval() {
        return millis(Setting.FLEET_COUNT_INTERVAL);
    }

    /** @param url see {@link PoolConfig.Builder#fleetConsoleUrl(String)} */
    public void setFleetConsoleUrl(String url) {
        set(b -> b.fleetConsoleUrl(url));
    }

    /** @return PgBouncer's console URL as set (like {@link #getJdbcUrl()}), or {@code null} */
    public String getFleetConsoleUrl() {
        return value(Setting.FLEET_CONSOLE_URL);
    }

    /** @param username see {@link PoolConfig.Builder#fleetConsoleUsername(String)} */
    public void setFleetConsoleUsername(String username) {
        set(b -> b.fleetConsoleUsername(username));
    }

    /** @return the console user, or {@code null} for {@code username} */
    public String getFleetConsoleUsername() {
        return value(Setting.FLEET_CONSOLE_USERNAME);
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
        return DurationText.format(value(Setting.VALIDATION_BYPASS_WINDOW));
    }

    /** @param millis {@code shutdownTimeout} in milliseconds */
    public void setShutdownTimeout(long millis) {
        set(b -> b.shutdownTimeout(Duration.ofMillis(millis)));
    }

    /** @return {@code shutdownTimeout} in milliseconds (default 10000) */
    public long getShutdownTimeout() {
        return millis(Setting.SHUTDOWN_TIMEOUT);
    }

    /** @param provider see {@link PoolConfig.Builder#credentialsProvider(CredentialsProvider)} */
    public void setCredentialsProvider(CredentialsProvider provider) {
        set(b -> b.credentialsProvider(provider));
    }

    /** @return the credentials provider, or {@code null} */
    public CredentialsProvider getCredentialsProvider() {
        return value(Setting.CREDENTIALS_PROVIDER);
    }
}
