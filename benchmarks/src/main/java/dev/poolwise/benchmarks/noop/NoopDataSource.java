package dev.poolwise.benchmarks.noop;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * An unpooled {@link DataSource} whose every {@link #getConnection()} opens a new {@link NoopConnection}: the
 * "database" that the pools under benchmark draw their physical connections from.
 *
 * <p>Each physical connection is a distinct object, because pools track them by identity; opening one happens
 * only while a pool fills, so the allocation is not part of any measured borrow. The public no-argument
 * constructor is for pools, such as Agroal, that are given the class and instantiate it themselves.
 */
public final class NoopDataSource implements DataSource {

    private volatile int loginTimeoutSeconds;

    /** Creates a data source; it has no settings. */
    public NoopDataSource() {
    }

    @Override
    public Connection getConnection() {
        return new NoopConnection();
    }

    @Override
    public Connection getConnection(String username, String password) {
        return new NoopConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Nothing is ever logged.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("NoopDataSource does not log through java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("NoopDataSource does not wrap a " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
