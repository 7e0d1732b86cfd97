package dev.poolwise.internal.jdbc;

import dev.poolwise.CloseReason;
import dev.poolwise.internal.PooledConnection;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * What {@code getConnection()} returns: a thin front on a pooled physical connection, valid for one borrow.
 *
 * <p>It records what the borrower changes (dirty bits), so that on {@link #close()} the connection is reset
 * to the pool's defaults touching only those (invariant 5); it passes every driver error to the pool's
 * classifier (invariant 7); it hands out statement and metadata wrappers, never the driver's objects; and
 * once closed it is dead: every method but {@code close}, {@code isClosed}, {@code isValid} (false, as JDBC
 * requires) and {@code abort} (a no-op) throws {@link SQLException} (invariant 4).
 *
 * <p>Threading: a handle belongs to the borrowing thread. {@code connection} is a plain field: it is set
 * when the handle is made and cleared by {@code close()}, both on that thread.
 */
public final class ConnectionHandle implements Connection, StatementOwner {

    private static final String CLOSED_STATE = "08003";

    private PooledConnection connection;
    private final Connection raw;

    /**
     * @param connection a pooled connection the caller has just borrowed ({@code IN_USE})
     */
    public ConnectionHandle(PooledConnection connection) {
        this.connection = connection;
        this.raw = connection.raw();
    }

    // ------------------------------------------------------------------ StatementOwner

    @Override
    public Connection handle() {
        return this;
    }

    @Override
    public SQLException onSqlException(SQLException error) {
        PooledConnection current = connection;
        if (current != null && current.pool().isFatal(error)) {
            current.doom(CloseReason.BROKEN);
        }
        return error;
    }

    @Override
    public void beforeExecute() {
        PooledConnection current = connection;
        if (current != null) {
            current.transactionDirty = true;
            if (current.tracksActivity()) {
                current.lastStatementNanos = System.nanoTime();
            }
        }
    }

    @Override
    public void untrack(StatementHandle statement) {
        PooledConnection current = connection;
        if (current == null) {
            return;
        }
        // Statements are usually closed in reverse order of creation: search from the end.
        ArrayList<StatementHandle> open = current.openStatements;
        for (int i = open.size() - 1; i >= 0; i--) {
            if (open.get(i) == statement) {
                open.remove(i);
                return;
            }
        }
    }

    @Override
    public void checkOpen() throws SQLException {
        if (connection == null) {
            throw closed();
        }
    }

    private PooledConnection live() throws SQLException {
        PooledConnection current = connection;
        if (current == null) {
            throw closed();
        }
        return current;
    }

    private static SQLException closed() {
        return new SQLException("Connection is closed: it was returned to the pool; borrow a new one", CLOSED_STATE);
    }

    private <T extends StatementHandle> T track(PooledConnection current, T statement) {
        current.openStatements.add(statement);
        return statement;
    }

    // ------------------------------------------------------------------ close and return

    /**
     * Returns the connection to the pool: closes the statements it handed out, rolls back an open
     * transaction, restores what the borrower changed, clears warnings. If any of that fails, the physical
     * connection is closed rather than reused. Calling it again does nothing.
     */
    @Override
    public void close() throws SQLException {
        PooledConnection current = connection;
        if (current == null) {
            return;
        }
        connection = null;
        ArrayList<StatementHandle> open = current.openStatements;
        for (int i = open.size() - 1; i >= 0; i--) {
            SQLException failure = open.get(i).closeByOwner();
            if (failure != null && current.pool().isFatal(failure)) {
                current.doom(CloseReason.BROKEN);
            }
        }
        open.clear();
        if (current.doomedReason() == null) {
            try {
                reset(current);
            } catch (SQLException e) {
                current.doom(current.pool().isFatal(e) ? CloseReason.BROKEN : CloseReason.RESET_FAILED);
            } catch (RuntimeException e) {
                current.doom(CloseReason.RESET_FAILED);
            }
        }
        current.pool().release(current);
    }

    /** Invariant 5: back to the defaults, touching only what the borrower changed. */
    private void reset(PooledConnection current) throws SQLException {
        PooledConnection.DefaultState defaults = current.defaults();
        if (current.transactionDirty && !current.autoCommit) {
            raw.rollback();
        }
        int dirty = current.dirtyBits;
        if (dirty != 0) {
            if ((dirty & PooledConnection.DIRTY_AUTO_COMMIT) != 0 && current.autoCommit != defaults.autoCommit) {
                raw.setAutoCommit(defaults.autoCommit);
            }
            if ((dirty & PooledConnection.DIRTY_ISOLATION) != 0 && current.isolation != defaults.isolation) {
                raw.setTransactionIsolation(defaults.isolation);
            }
            if ((dirty & PooledConnection.DIRTY_READ_ONLY) != 0 && current.readOnly != defaults.readOnly) {
                raw.setReadOnly(defaults.readOnly);
            }
            if ((dirty & PooledConnection.DIRTY_CATALOG) != 0 && !java.util.Objects.equals(current.catalog, defaults.catalog)
                    && defaults.catalog != null) {
                raw.setCatalog(defaults.catalog);
            }
            if ((dirty & PooledConnection.DIRTY_SCHEMA) != 0 && !java.util.Objects.equals(current.schema, defaults.schema)
                    && defaults.schema != null) {
                raw.setSchema(defaults.schema);
            }
            if ((dirty & PooledConnection.DIRTY_NETWORK_TIMEOUT) != 0 && current.networkTimeout != defaults.networkTimeout
                    && defaults.networkTimeout >= 0) {
                raw.setNetworkTimeout(dev.poolwise.internal.Pool.DIRECT_EXECUTOR, defaults.networkTimeout);
            }
        }
        raw.clearWarnings();
        if (dirty != 0) {
            current.resetTracking();
        } else {
            current.transactionDirty = false;
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        return connection == null;
    }

    /**
     * Asks the pool to close this physical connection when it is returned, instead of reusing it.
     */
    public void evict() {
        PooledConnection current = connection;
        if (current != null) {
            current.doom(CloseReason.EVICTED);
        }
    }

    /**
     * @return the pooled connection behind this handle, or {@code null} once closed
     */
    public PooledConnection pooledConnection() {
        return connection;
    }

    // ------------------------------------------------------------------ statements

    @Override
    public Statement createStatement() throws SQLException {
        PooledConnection current = live();
        try {
            return track(current, new StatementHandle(this, raw.createStatement()));
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        PooledConnection current = live();
        try {
            return track(current, new StatementHandle(this, raw.createStatement(resultSetType, resultSetConcurrency)));
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        PooledConnection current = live();
        try {
            return track(current, new StatementHandle(this,
                    raw.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability)));
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        PooledConnection current = live();
        try {
            return track(current, new PreparedStatementHandle(this, raw.prepareStatement(sql)));
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        PooledConnection current = live();
        try {
            return track(current, new PreparedStatementHandle(this,
                    raw.prepareStatement(sql, resultSetType, resultSetConcurrency)));
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        PooledConnection current = live();
        try {
            return track(current, new PreparedStatementHandle(this,
                    raw.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability)));
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        PooledConnection current = live();
        try {
            return track(current, new PreparedStatementHandle(this, raw.prepareStatement(sql, autoGeneratedKeys)));
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        PooledConnection current = live();
        try {
            return track(current, new PreparedStatementHandle(this, raw.prepareStatement(sql, columnIndexes)));
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        PooledConnection current = live();
        try {
            return track(current, new PreparedStatementHandle(this, raw.prepareStatement(sql, columnNames)));
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        PooledConnection current = live();
        try {
            return track(current, new CallableStatementHandle(this, raw.prepareCall(sql)));
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        PooledConnection current = live();
        try {
            return track(current, new CallableStatementHandle(this,
                    raw.prepareCall(sql, resultSetType, resultSetConcurrency)));
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
                                         int resultSetHoldability) throws SQLException {
        PooledConnection current = live();
        try {
            return track(current, new CallableStatementHandle(this,
                    raw.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability)));
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        live();
        try {
            return new DatabaseMetaDataHandle(this, raw.getMetaData());
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    // ------------------------------------------------------------------ state the pool resets

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        PooledConnection current = live();
        try {
            raw.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
        if (autoCommit && !current.autoCommit) {
            // Turning auto-commit on commits the open transaction (JDBC 4.3, Connection.setAutoCommit).
            current.transactionDirty = false;
        }
        current.autoCommit = autoCommit;
        current.dirtyBits |= PooledConnection.DIRTY_AUTO_COMMIT;
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        live();
        try {
            return raw.getAutoCommit();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public void commit() throws SQLException {
        PooledConnection current = live();
        try {
            raw.commit();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
        current.transactionDirty = false;
    }

    @Override
    public void rollback() throws SQLException {
        PooledConnection current = live();
        try {
            raw.rollback();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
        current.transactionDirty = false;
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        live();
        try {
            raw.rollback(savepoint);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        PooledConnection current = live();
        try {
            raw.setReadOnly(readOnly);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
        current.readOnly = readOnly;
        current.dirtyBits |= PooledConnection.DIRTY_READ_ONLY;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        live();
        try {
            return raw.isReadOnly();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        PooledConnection current = live();
        try {
            raw.setCatalog(catalog);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
        current.catalog = catalog;
        current.dirtyBits |= PooledConnection.DIRTY_CATALOG;
    }

    @Override
    public String getCatalog() throws SQLException {
        live();
        try {
            return raw.getCatalog();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        PooledConnection current = live();
        try {
            raw.setTransactionIsolation(level);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
        current.isolation = level;
        current.dirtyBits |= PooledConnection.DIRTY_ISOLATION;
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        live();
        try {
            return raw.getTransactionIsolation();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        PooledConnection current = live();
        try {
            raw.setSchema(schema);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
        current.schema = schema;
        current.dirtyBits |= PooledConnection.DIRTY_SCHEMA;
    }

    @Override
    public String getSchema() throws SQLException {
        live();
        try {
            return raw.getSchema();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        PooledConnection current = live();
        try {
            raw.setNetworkTimeout(executor, milliseconds);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
        current.networkTimeout = milliseconds;
        current.dirtyBits |= PooledConnection.DIRTY_NETWORK_TIMEOUT;
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        live();
        try {
            return raw.getNetworkTimeout();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    // ------------------------------------------------------------------ plain delegation

    @Override
    public String nativeSQL(String sql) throws SQLException {
        live();
        try {
            return raw.nativeSQL(sql);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        live();
        try {
            return raw.getWarnings();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public void clearWarnings() throws SQLException {
        live();
        try {
            raw.clearWarnings();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        live();
        try {
            return raw.getTypeMap();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        live();
        try {
            raw.setTypeMap(map);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        live();
        try {
            raw.setHoldability(holdability);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public int getHoldability() throws SQLException {
        live();
        try {
            return raw.getHoldability();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        PooledConnection current = live();
        try {
            Savepoint savepoint = raw.setSavepoint();
            current.transactionDirty = true;
            return savepoint;
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        PooledConnection current = live();
        try {
            Savepoint savepoint = raw.setSavepoint(name);
            current.transactionDirty = true;
            return savepoint;
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        live();
        try {
            raw.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public Clob createClob() throws SQLException {
        live();
        try {
            return raw.createClob();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public Blob createBlob() throws SQLException {
        live();
        try {
            return raw.createBlob();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public NClob createNClob() throws SQLException {
        live();
        try {
            return raw.createNClob();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        live();
        try {
            return raw.createSQLXML();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        live();
        try {
            return raw.createArrayOf(typeName, elements);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        live();
        try {
            return raw.createStruct(typeName, attributes);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    /**
     * {@inheritDoc}
     * <p>Returns {@code false} once the handle is closed, as JDBC requires, instead of throwing.
     */
    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (connection == null) {
            return false;
        }
        try {
            return raw.isValid(timeout);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (connection == null) {
            throw new SQLClientInfoException("Connection is closed: it was returned to the pool", CLOSED_STATE, 0, Map.of());
        }
        raw.setClientInfo(name, value);
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        if (connection == null) {
            throw new SQLClientInfoException("Connection is closed: it was returned to the pool", CLOSED_STATE, 0, Map.of());
        }
        raw.setClientInfo(properties);
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        live();
        try {
            return raw.getClientInfo(name);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        live();
        try {
            return raw.getClientInfo();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    /**
     * Aborts the physical connection: the driver closes it at once, and the pool closes it instead of reusing
     * it. A no-op once the handle is closed.
     */
    @Override
    public void abort(Executor executor) throws SQLException {
        PooledConnection current = connection;
        if (current == null) {
            return;
        }
        current.doom(CloseReason.BROKEN);
        try {
            raw.abort(executor);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        live();
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (iface.isInstance(raw)) {
            return iface.cast(raw);
        }
        try {
            return raw.unwrap(iface);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        live();
        if (iface.isInstance(this) || iface.isInstance(raw)) {
            return true;
        }
        try {
            return raw.isWrapperFor(iface);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public String toString() {
        PooledConnection current = connection;
        return "ConnectionHandle[" + (current == null ? "closed" : current.pool().name() + " #" + current.id()) + "]";
    }
}
