package dev.poolwise.hibernate;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolConfigException;
import dev.poolwise.PoolwiseDataSource;
import org.hibernate.HibernateException;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.jdbc.connections.spi.DatabaseConnectionInfo;
import org.hibernate.service.UnknownUnwrapTypeException;
import org.hibernate.service.spi.Configurable;
import org.hibernate.service.spi.Stoppable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A Hibernate ORM {@link ConnectionProvider} backed by a Poolwise pool, for Hibernate 6.6 and 7.x without Spring.
 * Select it with {@code hibernate.connection.provider_class=poolwise} (or this class's name) and configure it
 * with properties:
 *
 * <ul>
 *   <li>{@code hibernate.poolwise.*}: every pool setting, in the keys {@link PoolConfig#fromProperties} reads
 *       ({@code hibernate.poolwise.maximumPoolSize=20}, {@code hibernate.poolwise.connectionTimeout=5s},
 *       {@code hibernate.poolwise.dataSource.sslmode=require} for a driver property). An unknown key fails the
 *       start with Poolwise's "did you mean" error, so a typo never passes silently.</li>
 *   <li>Hibernate's standard settings, as its own HikariCP provider maps them: {@code hibernate.connection.url},
 *       {@code .username}, {@code .password}, {@code .driver_class} (or their {@code jakarta.persistence.jdbc.*}
 *       twins), {@code hibernate.connection.autocommit}, {@code hibernate.connection.pool_size} (the maximum
 *       pool size) and {@code hibernate.connection.isolation}. A {@code hibernate.poolwise.*} key for the same
 *       setting wins.</li>
 * </ul>
 *
 * <p>The pool starts when Hibernate configures the provider, and closes when the {@code SessionFactory} closes
 * (Hibernate stops its services then). {@link #unwrap(Class) unwrap(PoolwiseDataSource.class)} gives the pool,
 * to bind its metrics or read its health.
 *
 * <p>To add what properties cannot hold (a {@code PoolListener}, such as Micrometer's timers listener, or a
 * {@code CredentialsProvider} instance), subclass it, override {@link #customize(PoolConfig.Builder)}, and
 * name the subclass in {@code hibernate.connection.provider_class}.
 */
public class PoolwiseConnectionProvider implements ConnectionProvider, Configurable, Stoppable {

    private static final long serialVersionUID = 1L;

    /** Written once by {@link #configure}, which Hibernate calls before any other method. */
    private transient volatile PoolwiseDataSource dataSource;

    /** Made by Hibernate through its public no-argument constructor. */
    public PoolwiseConnectionProvider() {
    }

    /**
     * Starts the pool from Hibernate's settings. Called by Hibernate once, before the provider is used.
     *
     * @param settings Hibernate's configuration values
     * @throws HibernateException when the settings are invalid (the message names each bad key, as written,
     *                            with what would be valid) or the pool cannot start
     */
    @Override
    public void configure(Map<String, Object> settings) {
        PoolConfig config;
        try {
            config = HibernatePoolSettings.toPoolConfig(settings, this::customize);
        } catch (PoolConfigException e) {
            throw new HibernateException("Could not configure the Poolwise connection provider: " + e.getMessage(),
                    e);
        }
        try {
            dataSource = new PoolwiseDataSource(config);
        } catch (RuntimeException e) {
            throw new HibernateException("Could not start the Poolwise pool " + config.getPoolName() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * A hook for subclasses: adjust the pool's configuration after the properties have been read and before it is
     * validated and the pool starts. Does nothing by default.
     *
     * @param builder the configuration read from {@code hibernate.poolwise.*} and the standard settings
     */
    protected void customize(PoolConfig.Builder builder) {
    }

    /**
     * @return a connection borrowed from the pool; Hibernate gives it back through {@link #closeConnection}
     * @throws SQLException when none could be had within {@code connectionTimeout}, or the pool is closed
     */
    @Override
    public Connection getConnection() throws SQLException {
        return pool().getConnection();
    }

    /**
     * Returns a connection to the pool.
     *
     * @param connection a connection from {@link #getConnection()}
     * @throws SQLException as {@link Connection#close()}
     */
    @Override
    public void closeConnection(Connection connection) throws SQLException {
        connection.close();
    }

    /**
     * @return {@code false}: as for HikariCP, Hibernate holds a connection for the length of a transaction
     *         rather than releasing it after each statement
     */
    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    /**
     * What Hibernate prints in its start-up "Database info" line: the URL (password masked), the driver, the
     * dialect and version, autocommit, isolation, and the pool's name and sizes. Borrows one connection to read
     * what the configuration leaves to the driver.
     *
     * @param dialect Hibernate's dialect
     * @return the pool's connection info
     */
    @Override
    public DatabaseConnectionInfo getDatabaseConnectionInfo(Dialect dialect) {
        return PoolConnectionInfo.of(pool(), dialect);
    }

    /**
     * @param unwrapType a type
     * @return whether {@link #unwrap} can give it: this provider, the {@link PoolwiseDataSource} (as itself or as a
     *         {@link DataSource}), or its {@link PoolConfig}
     */
    @Override
    public boolean isUnwrappableAs(Class<?> unwrapType) {
        return unwrapType.isAssignableFrom(PoolwiseConnectionProvider.class)
                || unwrapType.isAssignableFrom(PoolwiseDataSource.class)
                || unwrapType == PoolConfig.class;
    }

    /**
     * @param unwrapType this provider's class, {@link PoolwiseDataSource}, {@link DataSource} or
     *                   {@link PoolConfig}
     * @param <T>        the type
     * @return the provider, the pool, or the pool's configuration
     * @throws UnknownUnwrapTypeException for any other type
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T unwrap(Class<T> unwrapType) {
        if (unwrapType.isAssignableFrom(PoolwiseConnectionProvider.class)) {
            return (T) this;
        }
        if (unwrapType.isAssignableFrom(PoolwiseDataSource.class)) {
            return (T) pool();
        }
        if (unwrapType == PoolConfig.class) {
            return (T) pool().getConfig();
        }
        throw new UnknownUnwrapTypeException(unwrapType);
    }

    /**
     * Closes the pool: idle connections now, borrowed ones when returned or after {@code shutdownTimeout}.
     * Hibernate calls it when the {@code SessionFactory} closes. Calling it again does nothing.
     */
    @Override
    public void stop() {
        PoolwiseDataSource current = dataSource;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public String toString() {
        PoolwiseDataSource current = dataSource;
        return "PoolwiseConnectionProvider[" + (current == null ? "not configured" : current.getPoolName()) + "]";
    }

    private PoolwiseDataSource pool() {
        PoolwiseDataSource current = dataSource;
        if (current == null) {
            throw new IllegalStateException("the Poolwise connection provider has not been configured: Hibernate"
                    + " calls configure(settings) first; when you make one yourself, call it before use");
        }
        return current;
    }
}
