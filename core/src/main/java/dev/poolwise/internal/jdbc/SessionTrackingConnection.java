package dev.poolwise.internal.jdbc;

import dev.poolwise.internal.PooledConnection;

import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.NClob;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The part of the connection handle that records what the borrower changes, so that the reset on return
 * ({@link SessionReset}) touches only that (DESIGN.md invariant 5): each setter of session state calls the
 * driver, then remembers the new value and sets its {@link SessionChange} bit on the pooled connection; the
 * first change of holdability, type map, client info or (on PostgreSQL) schema on a connection reads the
 * value it replaces, which is the pool's default since every return restores it. Commit and rollback end the
 * transaction the handle saw; savepoints and LOBs mark one open.
 *
 * <p>Threading: like the handle, used by the borrowing thread; the fields it writes on the pooled connection
 * are borrower-owned (see {@link PooledConnection}).
 */
abstract class SessionTrackingConnection extends DelegatingConnection {

    /** SQLState of every call on a closed handle. */
    static final String CLOSED_STATE = "08003";

    SessionTrackingConnection(Connection raw) {
        super(raw);
    }

    /**
     * @return the borrowed connection
     * @throws SQLException with SQLState {@code 08003} once the handle is closed
     */
    abstract PooledConnection live() throws SQLException;

    /** @return the borrowed connection, or {@code null} once the handle is closed */
    public abstract PooledConnection pooledConnection();

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
        current.dirtyBits |= SessionChange.AUTO_COMMIT.bit;
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
        current.dirtyBits |= SessionChange.READ_ONLY.bit;
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
        current.dirtyBits |= SessionChange.CATALOG.bit;
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
        current.dirtyBits |= SessionChange.ISOLATION.bit;
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        PooledConnection current = live();
        try {
            if (current.defaultSearchPath == null && !SessionChange.SCHEMA.in(current.dirtyBits)
                    && DriverTransactionState.isPostgres(raw)) {
                current.defaultSearchPath = SessionReset.readSearchPath(raw);
                current.transactionDirty = true; // a query: under auto-commit off it opened a transaction
            }
            raw.setSchema(schema);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
        current.schema = schema;
        current.dirtyBits |= SessionChange.SCHEMA.bit;
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
        current.dirtyBits |= SessionChange.NETWORK_TIMEOUT.bit;
    }

    // ------------------------------------------------------------------ more session state

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        PooledConnection current = live();
        try {
            Map<String, Class<?>> map = raw.getTypeMap();
            // The map may be the driver's own, changed in place by the caller: restore it on return.
            if (current.defaultTypeMap == null) {
                current.defaultTypeMap = map == null ? Map.of() : Map.copyOf(map);
            }
            current.dirtyBits |= SessionChange.TYPE_MAP.bit;
            return map;
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        PooledConnection current = live();
        try {
            if (current.defaultTypeMap == null) {
                Map<String, Class<?>> before = raw.getTypeMap();
                current.defaultTypeMap = before == null ? Map.of() : Map.copyOf(before);
            }
            raw.setTypeMap(map);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
        current.dirtyBits |= SessionChange.TYPE_MAP.bit;
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        PooledConnection current = live();
        try {
            if (current.defaultHoldability == 0) {
                current.defaultHoldability = raw.getHoldability();
            }
            raw.setHoldability(holdability);
        } catch (SQLException e) {
            throw onSqlException(e);
        }
        current.dirtyBits |= SessionChange.HOLDABILITY.bit;
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
    public Clob createClob() throws SQLException {
        live().transactionDirty = true; // written through the driver's object, maybe in this transaction
        try {
            return raw.createClob();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public Blob createBlob() throws SQLException {
        live().transactionDirty = true; // written through the driver's object, maybe in this transaction
        try {
            return raw.createBlob();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public NClob createNClob() throws SQLException {
        live().transactionDirty = true; // written through the driver's object, maybe in this transaction
        try {
            return raw.createNClob();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        live().transactionDirty = true; // written through the driver's object, maybe in this transaction
        try {
            return raw.createSQLXML();
        } catch (SQLException e) {
            throw onSqlException(e);
        }
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        PooledConnection current = liveForClientInfo();
        markClientInfo(current).add(name);
        raw.setClientInfo(name, value);
    }

    /** {@inheritDoc} <p>Every property the driver had, and every one given, is restored on return. */
    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        PooledConnection current = liveForClientInfo();
        Set<String> changed = markClientInfo(current);
        changed.addAll(properties.stringPropertyNames());
        changed.addAll(current.defaultClientInfo.stringPropertyNames());
        raw.setClientInfo(properties);
    }

    private PooledConnection liveForClientInfo() throws SQLClientInfoException {
        PooledConnection current = pooledConnection();
        if (current == null) {
            throw new SQLClientInfoException("Connection is closed: it was returned to the pool", CLOSED_STATE, 0, Map.of());
        }
        return current;
    }

    /**
     * Reads the driver's client info the first time it is changed on this connection (what every borrow starts
     * with), marks client info dirty and returns the set of names to restore.
     */
    private Set<String> markClientInfo(PooledConnection current) throws SQLClientInfoException {
        if (current.defaultClientInfo == null) {
            try {
                Properties before = raw.getClientInfo();
                Properties copy = new Properties();
                if (before != null) {
                    for (String name : before.stringPropertyNames()) {
                        copy.setProperty(name, before.getProperty(name));
                    }
                }
                current.defaultClientInfo = copy;
            } catch (SQLException e) {
                onSqlException(e);
                throw new SQLClientInfoException("Could not read the client info to restore it on return: "
                        + e.getMessage(), e.getSQLState(), e.getErrorCode(), Map.of(), e);
            }
        }
        if (current.changedClientInfo == null) {
            current.changedClientInfo = new HashSet<>();
        }
        current.dirtyBits |= SessionChange.CLIENT_INFO.bit;
        return current.changedClientInfo;
    }
}
