package dev.poolwise.internal.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@link DatabaseMetaData} a pooled connection hands out. Delegates every call to the driver's metadata;
 * driver exceptions go through {@link StatementOwner#onSqlException}, {@link #getConnection()} returns the
 * connection handle, and every result set comes back as a {@link ResultSetHandle} with no statement.
 *
 * <p>It has no state of its own: it is dead once its connection handle is closed, so every method first asks
 * {@link StatementOwner#checkOpen()}, except {@link #getDriverMajorVersion()} and
 * {@link #getDriverMinorVersion()}, which are declared without {@code SQLException} and only report constants
 * of the driver.
 *
 * <p>Threading: used by one thread at a time (the borrower).
 */
public class DatabaseMetaDataHandle extends DelegatingDatabaseMetaData {

    /**
     * @param owner the connection handle whose metadata this is
     * @param raw   the driver's metadata
     */
    public DatabaseMetaDataHandle(StatementOwner owner, DatabaseMetaData raw) {
        super(owner, raw);
    }

    /** Metadata has no state of its own: it is dead once its connection handle is closed. */
    @Override
    final void checkOpen() throws SQLException {
        owner.checkOpen();
    }

    /**
     * @return the pooled connection handle, never the driver's connection
     */
    @Override
    public Connection getConnection() throws SQLException {
        owner.checkOpen();
        return owner.handle();
    }

    /** Metadata result sets have no statement; they are dead once the connection handle is closed. */
    @Override
    final ResultSet wrap(ResultSet rawResultSet) {
        return rawResultSet == null ? null : new ResultSetHandle(null, owner, rawResultSet);
    }

    /**
     * Returns this handle if it implements {@code iface}, else the driver's metadata if it does, else whatever
     * the driver's {@code unwrap} returns.
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        owner.checkOpen();
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (iface.isInstance(raw)) {
            return iface.cast(raw);
        }
        try {
            return raw.unwrap(iface);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        owner.checkOpen();
        if (iface.isInstance(this) || iface.isInstance(raw)) {
            return true;
        }
        try {
            return raw.isWrapperFor(iface);
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    @Override
    public String toString() {
        return "DatabaseMetaDataHandle[" + raw + "]";
    }
}
