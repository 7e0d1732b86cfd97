package dev.poolwise.cli.tune;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.poolwise.PoolConfig;

/**
 * The database a tune runs on, and the schema of its own that it creates there: on PostgreSQL a schema
 * {@code poolwise_tune_<random>}, on MySQL and MariaDB a database of that name. Every table tune makes lives
 * in it, and every pool it opens is pointed at it, so that tune never touches the user's tables. Holds the
 * credentials; {@link #toString()} never shows the password.
 */
public final class TuneDatabase {

    /** The application name the pools' connections carry, so that the server's activity view can pick them out. */
    public static final String APPLICATION_NAME = "poolwise-tune";

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final Dialect dialect;
    private final boolean embedded;
    private final String schema;
    private final String maskedUrl;
    private final AtomicBoolean created = new AtomicBoolean();
    private final AtomicBoolean dropped = new AtomicBoolean();
    private volatile boolean userTablesVisible;

    /**
     * @param jdbcUrl  the database's JDBC URL
     * @param username the user, or {@code null} for the driver's default
     * @param password the password, or {@code null}
     * @param embedded whether this is the embedded PostgreSQL tune started for the run
     */
    public TuneDatabase(String jdbcUrl, String username, String password, boolean embedded) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.dialect = Dialect.fromUrl(jdbcUrl);
        this.embedded = embedded;
        this.schema = "poolwise_tune_" + randomSuffix();
        this.maskedUrl = PoolConfig.builder().jdbcUrl(jdbcUrl).build().getMaskedJdbcUrl();
    }

    private static String randomSuffix() {
        SecureRandom random = new SecureRandom();
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            suffix.append((char) ('a' + random.nextInt(26)));
        }
        return suffix.toString();
    }

    /** @return the engine family */
    public Dialect dialect() {
        return dialect;
    }

    /** @return whether this is the embedded PostgreSQL started for the run */
    public boolean isEmbedded() {
        return embedded;
    }

    /** @return the schema (PostgreSQL) or database (MySQL family) tune's tables live in */
    public String schema() {
        return schema;
    }

    /** @return the JDBC URL with any password in it masked, safe to print */
    public String maskedUrl() {
        return maskedUrl;
    }

    /** @return the user, or {@code null} */
    public String username() {
        return username;
    }

    /**
     * Lets the user's own statements ({@code --sql}) see the tables of the URL's default schema as well as
     * tune's, which stay first on the PostgreSQL search path. Call before opening pools.
     */
    public void showUserTables() {
        userTablesVisible = true;
    }

    /**
     * Opens a connection outside any pool, for setting up, loading and watching.
     *
     * @param inSchema whether the connection should work in tune's schema (false for the monitor and for
     *                 creating and dropping the schema itself)
     * @return a new physical connection; the caller closes it
     * @throws SQLException when the database refuses it
     */
    public Connection connect(boolean inSchema) throws SQLException {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        if (!dialect.isMysqlFamily()) {
            properties.setProperty("ApplicationName", APPLICATION_NAME + "-setup");
            if (inSchema) {
                properties.setProperty("currentSchema", schema);
            }
        }
        Connection connection = DriverManager.getConnection(jdbcUrl, properties);
        if (inSchema && dialect.isMysqlFamily()) {
            connection.setCatalog(schema);
        }
        return connection;
    }

    /**
     * Points a Poolwise pool at tune's schema and names its connections.
     *
     * @param builder the pool's configuration, to which the URL, credentials and schema are added
     * @return the builder
     */
    public PoolConfig.Builder configure(PoolConfig.Builder builder) {
        builder.jdbcUrl(jdbcUrl).username(username).password(password);
        if (dialect.isMysqlFamily()) {
            builder.catalog(schema);
        } else {
            builder.dataSourceProperty("currentSchema", searchPath());
            builder.dataSourceProperty("ApplicationName", APPLICATION_NAME);
        }
        return builder;
    }

    /**
     * Points a HikariCP pool at tune's schema and names its connections.
     *
     * @param config HikariCP's configuration
     */
    public void configure(com.zaxxer.hikari.HikariConfig config) {
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(username);
        config.setPassword(password);
        if (dialect.isMysqlFamily()) {
            config.setCatalog(schema);
        } else {
            config.addDataSourceProperty("currentSchema", searchPath());
            config.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
        }
    }

    private String searchPath() {
        return userTablesVisible ? schema + ",public" : schema;
    }

    /** @return the parameter of {@link Dialect#activityQuery()} that selects the pools' connections */
    public String activityFilter() {
        return dialect.isMysqlFamily() ? schema : APPLICATION_NAME;
    }

    /**
     * Creates tune's schema. Fails rather than reusing one: the name is random, so one that exists is not ours.
     *
     * @throws SQLException when it cannot be created, with what to check
     */
    public void createSchema() throws SQLException {
        try (Connection connection = connect(false); Statement statement = connection.createStatement()) {
            statement.execute(dialect.createSchemaSql(schema));
            created.set(true);
        } catch (SQLException e) {
            throw new SQLException("Cannot create " + (dialect.isMysqlFamily() ? "database " : "schema ") + schema
                    + " for tune's tables (" + e.getMessage().strip() + "); the user needs the right to create "
                    + (dialect.isMysqlFamily() ? "databases" : "schemas (CREATE on the database)"),
                    e.getSQLState(), e);
        }
    }

    /**
     * Drops tune's schema and its tables, if this object created it; at most once, from any thread.
     *
     * @throws SQLException when the drop fails (the message names the schema to drop by hand)
     */
    public void dropSchema() throws SQLException {
        if (!created.get() || !dropped.compareAndSet(false, true)) {
            return;
        }
        try (Connection connection = connect(false); Statement statement = connection.createStatement()) {
            statement.execute(dialect.dropSchemaSql(schema));
        } catch (SQLException e) {
            throw new SQLException("Cannot drop " + schema + " (" + e.getMessage().strip() + "); drop it by hand: "
                    + dialect.dropSchemaSql(schema), e.getSQLState(), e);
        }
    }

    /**
     * Reads what the advisor and the report need from the server.
     *
     * @return the server's version and connection limits
     * @throws SQLException when they cannot be read
     */
    public ServerFacts readFacts() throws SQLException {
        try (Connection connection = connect(false); Statement statement = connection.createStatement()) {
            String product = connection.getMetaData().getDatabaseProductName();
            String version = connection.getMetaData().getDatabaseProductVersion();
            int maxConnections = single(statement, dialect.maxConnectionsQuery());
            int reserved = single(statement, dialect.reservedConnectionsQuery());
            String engine = dialect.engineName();
            if (dialect.isMysqlFamily()) {
                // The MariaDB driver speaks to MySQL too: say what the server is.
                engine = version.toLowerCase(Locale.ROOT).contains("mariadb") ? "MariaDB" : product;
            }
            return new ServerFacts(engine, version, maxConnections, reserved);
        }
    }

    private static int single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** @return whether the URL names this machine (localhost), so that its cores are the database's */
    public boolean isOnThisMachine() {
        int start = jdbcUrl.indexOf("//");
        if (start < 0) {
            return false;
        }
        String rest = jdbcUrl.substring(start + 2);
        int end = rest.length();
        for (char stop : new char[] {'/', '?', ','}) {
            int at = rest.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        String host = rest.substring(0, end);
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            host = host.substring(at + 1);
        }
        if (host.startsWith("[")) {
            host = host.substring(1, Math.max(1, host.indexOf(']')));
        } else if (host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1") || host.isEmpty();
    }

    /**
     * @return where tune runs, safe to print
     */
    public String describe() {
        return (embedded ? "embedded PostgreSQL at " : "") + maskedUrl
                + (username != null && !embedded ? " as " + username : "");
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * What tune read from the server.
     *
     * @param engine         the server's engine for people, e.g. {@code PostgreSQL}, {@code MariaDB}
     * @param version        the server's version string
     * @param maxConnections its {@code max_connections}
     * @param reserved       slots ordinary users cannot use ({@code superuser_reserved_connections})
     */
    public record ServerFacts(String engine, String version, int maxConnections, int reserved) {
    }
}
