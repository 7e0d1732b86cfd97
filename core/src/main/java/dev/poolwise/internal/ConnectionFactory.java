package dev.poolwise.internal;

import dev.poolwise.Credentials;
import dev.poolwise.PoolConfig;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Opens physical connections the way the configuration says: through a driver and a JDBC URL, a driver
 * {@code DataSource} class configured by bean properties, or a ready {@code DataSource}; with credentials from
 * the configuration or its {@code credentialsProvider}; then runs {@code connectionInitSql} and applies the
 * pool's default state. Never called on the borrow path.
 */
final class ConnectionFactory {

    private final PoolConfig config;
    private final String url;
    private final Driver driver;
    private final DataSource dataSource;
    private final Properties driverProperties;
    /** The driver's own connect timeout properties, applied where the user has not set them. */
    private final Properties connectTimeouts;
    /** The fleet labels each new connection carries, or {@code null} without a {@code fleetBudget}. */
    private final FleetConnectionLabels fleetLabels;

    ConnectionFactory(PoolConfig config) {
        this.config = config;
        this.driverProperties = config.getDataSourceProperties();
        this.fleetLabels = FleetConnectionLabels.of(config);
        this.url = fleetLabels == null ? config.getJdbcUrl() : fleetLabels.connectUrl(config.getJdbcUrl());
        if (config.getDataSource() != null) {
            this.driver = null;
            this.dataSource = config.getDataSource();
        } else if (config.getDataSourceClassName() != null) {
            this.driver = null;
            this.dataSource = instantiateDataSource(config.getDataSourceClassName(), driverProperties);
        } else {
            this.driver = findDriver(config.getDriverClassName(), url);
            this.dataSource = null;
        }
        // Bound each connect attempt by connectionTimeout, so that an unreachable or silent host cannot hold
        // the opener thread (and with it every later connect) for ever. Passed to the driver as its own
        // property, never through DriverManager.setLoginTimeout: that one is JVM-wide (every pool and every
        // other DriverManager user in the process would change with it), and pgjdbc ignores it anyway since
        // its own loginTimeout defaults to 0.
        long connectMillis = Math.max(1000, config.getConnectionTimeout().toMillis());
        this.connectTimeouts = connectTimeoutProperties(url, connectMillis);
        if (dataSource != null) {
            try {
                dataSource.setLoginTimeout((int) Math.min(Integer.MAX_VALUE, (connectMillis + 999) / 1000));
            } catch (SQLException | RuntimeException ignored) {
                // Not every DataSource supports a login timeout; the borrower's wait is bounded anyway.
            }
        }
    }

    /**
     * The driver's own connect/login timeout properties for {@code connectionTimeout}, for the drivers whose
     * names we know; none for others (the pool still bounds every wait: borrowers wait on the bag, and the
     * first connect at start-up is awaited with a timeout, see {@code ConnectionOpener}). A key the user set,
     * in the URL or in {@code dataSourceProperties}, is left alone (see {@link #connect}).
     */
    static Properties connectTimeoutProperties(String url, long connectMillis) {
        Properties timeouts = new Properties();
        if (url == null) {
            return timeouts;
        }
        String seconds = Long.toString(Math.max(1, (connectMillis + 999) / 1000));
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:") || lower.startsWith("jdbc:pgsql:")) {
            // pgjdbc: loginTimeout (s) bounds the whole connect, startup and authentication included (its
            // default 0 waits for ever on a server that accepts and never answers); connectTimeout (s) is the
            // TCP connect alone. socketTimeout is left alone: it would bound every query for the
            // connection's whole life.
            timeouts.setProperty("loginTimeout", seconds);
            timeouts.setProperty("connectTimeout", seconds);
        } else if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
            // MariaDB Connector/J and MySQL Connector/J: connectTimeout (ms) bounds the TCP connect and the
            // handshake.
            timeouts.setProperty("connectTimeout", Long.toString(connectMillis));
        } else if (lower.startsWith("jdbc:sqlserver:")) {
            timeouts.setProperty("loginTimeout", seconds);
        } else if (lower.startsWith("jdbc:oracle:")) {
            timeouts.setProperty("oracle.net.CONNECT_TIMEOUT", Long.toString(connectMillis));
        }
        return timeouts;
    }

    /** @return the labels this pool's connections carry for its fleet budget, or {@code null} without one */
    FleetConnectionLabels fleetLabels() {
        return fleetLabels;
    }

    /** @return the driver the pool connects through, or {@code null} when it uses a {@code DataSource} */
    Driver driver() {
        return driver;
    }

    /** @return a description of where connections come from, with no secrets */
    String describe() {
        if (url != null) {
            return JdbcUrlMask.mask(url);
        }
        return dataSource.getClass().getName();
    }

    /**
     * Opens one physical connection, initialised and in the pool's default state.
     *
     * @return the open connection and the defaults it was put in
     * @throws SQLException if the driver or {@code connectionInitSql} fails; nothing is left open then
     */
    Opened open() throws SQLException {
        Connection raw = connect();
        try {
            if (raw == null) {
                throw new SQLException("The driver returned no connection for " + describe()
                        + ": it does not accept this URL; check jdbcUrl and driverClassName", "08001");
            }
            if (fleetLabels != null && dataSource != null) {
                fleetLabels.applyTo(raw);
            }
            raw.clearWarnings();
            PooledConnection.DefaultState defaults = applyDefaults(raw);
            String initSql = config.getConnectionInitSql();
            if (initSql != null) {
                try (Statement statement = raw.createStatement()) {
                    statement.execute(initSql);
                }
                if (!defaults.autoCommit) {
                    raw.commit();
                }
            }
            raw.clearWarnings();
            return new Opened(raw, defaults);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(raw);
            throw e;
        }
    }

    /** A physical connection with the defaults it was put in. */
    static final class Opened {
        final Connection raw;
        final PooledConnection.DefaultState defaults;

        Opened(Connection raw, PooledConnection.DefaultState defaults) {
            this.raw = raw;
            this.defaults = defaults;
        }
    }

    private Connection connect() throws SQLException {
        String username = config.getUsername();
        String password = config.getPassword();
        if (config.getCredentialsProvider() != null) {
            Credentials credentials = config.getCredentialsProvider().credentials();
            if (credentials == null) {
                throw new SQLException("credentialsProvider returned null; it must return Credentials", "28000");
            }
            username = credentials.username();
            password = credentials.password();
        }
        if (dataSource != null) {
            return username == null ? dataSource.getConnection() : dataSource.getConnection(username, password);
        }
        Properties properties = new Properties();
        for (String key : connectTimeouts.stringPropertyNames()) {
            if (!driverProperties.containsKey(key) && !urlSets(key)) {
                properties.setProperty(key, connectTimeouts.getProperty(key));
            }
        }
        properties.putAll(driverProperties);
        if (fleetLabels != null) {
            fleetLabels.putInto(properties);
        }
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return driver.connect(url, properties);
    }

    /** Whether the URL carries {@code key=} as a parameter (after {@code ?}, {@code &} or {@code ;}). */
    private boolean urlSets(String key) {
        String lower = url.toLowerCase(Locale.ROOT);
        String k = key.toLowerCase(Locale.ROOT) + "=";
        return lower.contains("?" + k) || lower.contains("&" + k) || lower.contains(";" + k);
    }

    private PooledConnection.DefaultState applyDefaults(Connection raw) throws SQLException {
        boolean autoCommit = config.isAutoCommit();
        if (raw.getAutoCommit() != autoCommit) {
            raw.setAutoCommit(autoCommit);
        }
        boolean readOnly = config.isReadOnly();
        if (readOnly) {
            raw.setReadOnly(true);
        }
        int isolation;
        if (config.getTransactionIsolation() != null) {
            isolation = config.getTransactionIsolation();
            raw.setTransactionIsolation(isolation);
        } else {
            isolation = raw.getTransactionIsolation();
        }
        String catalog;
        if (config.getCatalog() != null) {
            catalog = config.getCatalog();
            raw.setCatalog(catalog);
        } else {
            catalog = raw.getCatalog();
        }
        String schema;
        if (config.getSchema() != null) {
            schema = config.getSchema();
            raw.setSchema(schema);
        } else {
            schema = readSchema(raw);
        }
        int networkTimeout;
        try {
            networkTimeout = raw.getNetworkTimeout();
        } catch (SQLFeatureNotSupportedException | AbstractMethodError e) {
            networkTimeout = -1;
        }
        return new PooledConnection.DefaultState(autoCommit, readOnly, isolation, catalog, schema, networkTimeout);
    }

    private static String readSchema(Connection raw) throws SQLException {
        try {
            return raw.getSchema();
        } catch (SQLFeatureNotSupportedException | AbstractMethodError e) {
            return null;
        }
    }

    static void closeQuietly(Connection raw) {
        if (raw == null) {
            return;
        }
        try {
            raw.close();
        } catch (SQLException | RuntimeException ignored) {
            // Closing a connection that failed to initialise: nothing more to do.
        }
    }

    private static Driver findDriver(String driverClassName, String url) {
        if (driverClassName != null) {
            try {
                Class<?> type = Class.forName(driverClassName, true, ConfigReader.contextLoader());
                Object instance = type.getDeclaredConstructor().newInstance();
                if (!(instance instanceof Driver found)) {
                    throw new IllegalArgumentException("driverClassName = " + driverClassName
                            + ": the class does not implement java.sql.Driver");
                }
                return found;
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalArgumentException("driverClassName = " + driverClassName
                        + ": cannot load or instantiate it (" + e + "); is the driver jar on the classpath?", e);
            }
        }
        try {
            return DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new IllegalArgumentException(DriverHint.noDriverFor(url), e);
        }
    }

    private static DataSource instantiateDataSource(String className, Properties properties) {
        Object instance;
        try {
            Class<?> type = Class.forName(className, true, ConfigReader.contextLoader());
            instance = type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("dataSourceClassName = " + className
                    + ": cannot load or instantiate it (" + e + "); is the driver jar on the classpath?", e);
        }
        if (!(instance instanceof DataSource dataSource)) {
            throw new IllegalArgumentException("dataSourceClassName = " + className
                    + ": the class does not implement javax.sql.DataSource");
        }
        for (String name : properties.stringPropertyNames()) {
            setBeanProperty(dataSource, className, name, properties.getProperty(name));
        }
        return dataSource;
    }

    /** Sets {@code name} on the driver's DataSource through its setter, converting the text as needed. */
    private static void setBeanProperty(Object target, String className, String name, String value) {
        String setter = "set" + name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        for (Method method : target.getClass().getMethods()) {
            if (!method.getName().equals(setter) || method.getParameterCount() != 1) {
                continue;
            }
            Class<?> type = method.getParameterTypes()[0];
            try {
                Object argument;
                if (type == String.class) {
                    argument = value;
                } else if (type == int.class || type == Integer.class) {
                    argument = Integer.parseInt(value.trim());
                } else if (type == long.class || type == Long.class) {
                    argument = Long.parseLong(value.trim());
                } else if (type == boolean.class || type == Boolean.class) {
                    argument = Boolean.parseBoolean(value.trim());
                } else if (type == short.class || type == Short.class) {
                    argument = Short.parseShort(value.trim());
                } else {
                    continue;
                }
                method.invoke(target, argument);
                return;
            } catch (ReflectiveOperationException | NumberFormatException e) {
                throw new IllegalArgumentException("dataSource." + name + " = "
                        + (JdbcUrlMask.isSecretKey(name) ? JdbcUrlMask.MASK : value) + ": cannot set it on "
                        + className + " (" + e + ")", e);
            }
        }
        throw new IllegalArgumentException("dataSource." + name + ": " + className + " has no setter " + setter
                + " taking a String, number or boolean");
    }
}
