package dev.poolwise.internal.jdbc;

import dev.poolwise.CloseReason;
import dev.poolwise.internal.PooledConnection;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code getConnection()} returns: a thin front on a pooled physical connection, valid for one borrow.
 *
 * <p>It records what the borrower changes (dirty bits, in {@link SessionTrackingConnection}), so that on
 * {@link #close()} the connection is reset to the pool's defaults touching only those (invariant 5,
 * {@link SessionReset}); the pure delegation is generated ({@link DelegatingConnection}); it passes every driver error to the pool's
 * classifier (invariant 7); it hands out statement and metadata wrappers, never the driver's objects; and
 * once closed it is dead: every method but {@code close}, {@code isClosed}, {@code isValid} (false, as JDBC
 * requires) and {@code abort} (a no-op) throws {@link SQLException} (invariant 4).
 *
 * <p>Threading: a handle belongs to the borrowing thread, but an application may still close it from two
 * threads at once. {@code connection} is set when the handle is made and cleared exactly once, by the
 * compare-and-set in {@link #close()}: only the thread that wins it resets and returns the connection, so a
 * second close is a no-op and never a second return (two returns would hand the physical connection to two
 * borrowers, breaking invariant 1). Other methods read the field plainly: JDBC objects are used by one thread
 * at a time, and a stale non-null read there can only reach a connection this handle's thread still owns.
 */
public final class ConnectionHandle extends SessionTrackingConnection implements StatementOwner {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandle.class);
    private static final VarHandle CONNECTION;

    static {
        try {
            CONNECTION = MethodHandles.lookup().findVarHandle(ConnectionHandle.class, "connection",
                    PooledConnection.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The borrowed connection; {@code null} once closed. Cleared only by the CAS in {@link #close()}. */
    private PooledConnection connection;

    /**
     * Starts a request on the connection (JDBC 4.3 {@code beginRequest}, which drivers use to scope request
     * state; skipped where the driver keeps {@code java.sql.Connection}'s no-op default, see
     * {@link DriverTraits}). If the driver fails it, the connection is doomed: the borrower still gets it,
     * and it is closed instead of reused when the handle is closed.
     *
     * @param connection a pooled connection the caller has just borrowed ({@code IN_USE})
     */
    public ConnectionHandle(PooledConnection connection) {
        super(connection.raw());
        this.connection = connection;
        if (!connection.driverTraits.callsRequestHooks()) {
            return; // the driver keeps JDBC's no-op default (DriverTraits)
        }
        try {
            raw.beginRequest();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("{} - beginRequest() failed on connection {}; it will be closed on return: {}",
                    connection.pool().name(), connection.id(), e.toString());
            connection.doom(CloseReason.RESET_FAILED);
        }
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
            current.dirtyBits |= SessionChange.SQL.bit;
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

    @Override
    final PooledConnection live() throws SQLException {
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
     * connection is closed rather than reused. Whatever fails, the connection goes back to the pool (the
     * release is in a {@code finally}), so no exception can cost the pool a slot. Calling it again, from any
     * thread, does nothing.
     */
    @Override
    public void close() throws SQLException {
        PooledConnection current = connection;
        if (current == null || !CONNECTION.compareAndSet(this, current, null)) {
            return; // closed already, or another thread's close won: that one returns the connection
        }
        try {
            closeStatements(current);
            if (current.doomedReason() == null) {
                SessionReset.reset(current, raw);
            }
        } catch (SQLException e) {
            current.doom(current.pool().isFatal(e) ? CloseReason.BROKEN : CloseReason.RESET_FAILED);
            LOG.debug("{} - reset of connection {} failed; closing it: {}", current.pool().name(), current.id(),
                    e.toString());
        } catch (RuntimeException e) {
            current.doom(CloseReason.RESET_FAILED);
            LOG.warn("{} - the driver threw {} while connection {} was returned; closing it", current.pool().name(),
                    e.toString(), current.id());
        } catch (Error e) {
            current.doom(CloseReason.RESET_FAILED);
            throw e;
        } finally {
            current.pool().release(current);
        }
    }

    /**
     * Closes the statements the borrower left open. A driver failure dooms the connection when it is fatal
     * (an SQLException the classifier says so) or unexpected (an unchecked exception: a driver bug leaves its
     * state unknown); the remaining statements are closed in any case.
     */
    private static void closeStatements(PooledConnection current) {
        ArrayList<StatementHandle> open = current.openStatements;
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                SQLException failure = open.get(i).closeByOwner();
                if (failure != null && current.pool().isFatal(failure)) {
                    current.doom(CloseReason.BROKEN);
                }
            } catch (RuntimeException e) {
                current.doom(CloseReason.RESET_FAILED);
                LOG.warn("{} - the driver threw {} from Statement.close() on connection {}; closing the connection",
                        current.pool().name(), e.toString(), current.id());
            }
        }
        open.clear();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return (PooledConnection) CONNECTION.getAcquire(this) == null;
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
        PooledConnection current = live();
        // Metadata methods run queries: under auto-commit off they open a transaction (and, under REPEATABLE
        // READ, a snapshot) that the return must end.
        current.transactionDirty = true;
        current.dirtyBits |= SessionChange.SQL.bit;
        try {
            return new DatabaseMetaDataHandle(this, raw.getMetaData());
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
        PooledConnection current = live();
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        // The borrower reaches past the handle: whatever it does there, the handle cannot see.
        current.transactionDirty = true;
        current.dirtyBits |= SessionChange.SQL.bit;
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
