package dev.poolwise.benchmarks.noop;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver for URLs starting {@value #URL_PREFIX} whose connections do nothing, so that a benchmark measures
 * the pool in front of it and not a database. Registered with {@link DriverManager} when loaded and through
 * {@code META-INF/services/java.sql.Driver}.
 *
 * <p>Pools that accept a {@link javax.sql.DataSource} are given a {@link NoopDataSource} instead; the driver is
 * for those that take only a driver and a URL. Either way a URL is parsed only when a physical connection is
 * opened, never on a borrow.
 */
public final class NoopDriver implements Driver {

    /** The prefix of every URL this driver accepts, for example {@code jdbc:noop:}. */
    public static final String URL_PREFIX = "jdbc:noop:";

    private static final DriverPropertyInfo[] NO_PROPERTIES = new DriverPropertyInfo[0];

    static {
        try {
            DriverManager.registerDriver(new NoopDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) {
        // The JDBC contract: return null, not throw, for a URL that belongs to another driver.
        return acceptsURL(url) ? new NoopConnection() : null;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(URL_PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return NO_PROPERTIES;
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("NoopDriver does not log through java.util.logging");
    }
}
