package dev.poolwise.hibernate;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.connections.spi.DatabaseConnectionInfo;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What Hibernate prints in its start-up "Database info" line, read from the pool's configuration and, for what
 * the configuration leaves to the driver, from one borrowed connection.
 *
 * <p>Hibernate 7 added methods to {@link DatabaseConnectionInfo} ({@code getSchema}, {@code getCatalog},
 * {@code getJdbcFetchSize}, {@code hasSchema}, {@code hasCatalog}). This class is compiled against 6.6's
 * interface and declares those methods too, with 7's signatures: on 7 they implement the interface's new methods,
 * on 6.6 they are plain methods nobody calls. The JVM matches interface methods by name and descriptor, so the
 * one class file serves both.
 */
final class PoolConnectionInfo implements DatabaseConnectionInfo {

    /** What Hibernate itself prints for a value it does not know. */
    private static final String UNKNOWN = "undefined/unknown";

    private final String jdbcUrl;
    private final String driver;
    private final DatabaseVersion dialectVersion;
    private final String dialectName;
    private final String catalog;
    private final String schema;
    private final String autoCommit;
    private final String isolation;
    private final String poolName;
    private final int minimumIdle;
    private final int maximumPoolSize;

    private PoolConnectionInfo(PoolConfig config, String driver, Dialect dialect, String catalog, String schema,
                               String isolation) {
        // Masked: a password in the URL never reaches Hibernate's log.
        this.jdbcUrl = config.getJdbcUrl() == null ? null : config.getMaskedJdbcUrl();
        this.driver = driver;
        this.dialectVersion = dialect == null ? null : dialect.getVersion();
        this.dialectName = dialect == null ? null : dialect.getClass().getName();
        this.catalog = catalog;
        this.schema = schema;
        this.autoCommit = Boolean.toString(config.isAutoCommit());
        this.isolation = isolation;
        this.poolName = config.getPoolName();
        this.minimumIdle = config.getMinimumIdle();
        this.maximumPoolSize = config.getMaximumPoolSize();
    }

    /**
     * @param pool    the pool
     * @param dialect Hibernate's dialect, or {@code null}
     * @return the pool's connection info; what a borrowed connection cannot tell stays unknown
     */
    static PoolConnectionInfo of(PoolwiseDataSource pool, Dialect dialect) {
        PoolConfig config = pool.getConfig();
        String driver = config.getDriverClassName();
        String catalog = config.getCatalog();
        String schema = config.getSchema();
        String isolation = config.getTransactionIsolation() == null ? null
                : isolationName(config.getTransactionIsolation());
        try (Connection connection = pool.getConnection()) {
            if (driver == null) {
                driver = connection.getMetaData().getDriverName();
            }
            if (catalog == null) {
                catalog = connection.getCatalog();
            }
            if (schema == null) {
                schema = connection.getSchema();
            }
            if (isolation == null) {
                isolation = isolationName(connection.getTransactionIsolation());
            }
        } catch (SQLException | RuntimeException | AbstractMethodError e) {
            // Only a log line depends on it: leave what could not be read unknown rather than fail the start.
        }
        return new PoolConnectionInfo(config, driver, dialect, catalog, schema, isolation);
    }

    @Override
    public String getJdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String getJdbcDriver() {
        return driver;
    }

    @Override
    public DatabaseVersion getDialectVersion() {
        return dialectVersion;
    }

    @Override
    public String getAutoCommitMode() {
        return autoCommit;
    }

    @Override
    public String getIsolationLevel() {
        return isolation;
    }

    @Override
    public Integer getPoolMinSize() {
        return minimumIdle;
    }

    @Override
    public Integer getPoolMaxSize() {
        return maximumPoolSize;
    }

    /** @return the default schema; implements Hibernate 7's method of that name */
    public String getSchema() {
        return schema;
    }

    /** @return the default catalog; implements Hibernate 7's method of that name */
    public String getCatalog() {
        return catalog;
    }

    /** @return {@code null}: the pool does not set a fetch size; implements Hibernate 7's method */
    public Integer getJdbcFetchSize() {
        return null;
    }

    /** @return whether a default schema is known; implements Hibernate 7's method */
    public boolean hasSchema() {
        return schema != null;
    }

    /** @return whether a default catalog is known; implements Hibernate 7's method */
    public boolean hasCatalog() {
        return catalog != null;
    }

    @Override
    public String toInfoString() {
        return "\tDatabase JDBC URL [" + shown(jdbcUrl) + "]"
                + "\n\tDatabase driver: " + shown(driver)
                + "\n\tDatabase dialect: " + shown(dialectName)
                + "\n\tDatabase version: " + (dialectVersion == null ? UNKNOWN : dialectVersion.toString())
                + "\n\tDefault catalog/schema: " + shown(catalog) + "/" + shown(schema)
                + "\n\tAutocommit mode: " + autoCommit
                + "\n\tIsolation level: " + shown(isolation)
                + "\n\tPool: Poolwise " + poolName
                + "\n\tMinimum pool size: " + minimumIdle
                + "\n\tMaximum pool size: " + maximumPoolSize;
    }

    @Override
    public String toString() {
        return toInfoString();
    }

    private static String shown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }

    private static String isolationName(int level) {
        return switch (level) {
            case Connection.TRANSACTION_NONE -> "NONE";
            case Connection.TRANSACTION_READ_UNCOMMITTED -> "READ_UNCOMMITTED";
            case Connection.TRANSACTION_READ_COMMITTED -> "READ_COMMITTED";
            case Connection.TRANSACTION_REPEATABLE_READ -> "REPEATABLE_READ";
            case Connection.TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
            default -> Integer.toString(level);
        };
    }
}
