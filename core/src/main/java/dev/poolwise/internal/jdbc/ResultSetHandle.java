package dev.poolwise.internal.jdbc;

import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@link ResultSet} a pooled connection hands out, from a statement wrapper or from
 * {@link DatabaseMetaDataHandle}. Delegates every call to the driver's result set; driver exceptions go through
 * {@link StatementOwner#onSqlException}, and {@link #getStatement()} returns the statement wrapper, never the
 * driver's statement.
 *
 * <p>A result set is dead once it is closed, or once the statement wrapper that produced it is closed (closing
 * the driver's statement closed the driver's result set too, so the statement need not keep a list). A result
 * set from database metadata has no statement; it is dead once its connection handle is closed, so every call
 * on it first asks {@link StatementOwner#checkOpen()}. Values such as {@code Array}, {@code Blob} or
 * {@code getObject} results are returned as the driver made them.
 *
 * <p>Threading: used by one thread at a time (the borrower), so the state here is in plain fields.
 */
public class ResultSetHandle extends DelegatingResultSet {

    /** The statement wrapper that produced this result set; null for database metadata result sets. */
    private final StatementHandle statement;


    /** Set once by {@link #close()}; never cleared. */
    boolean closed;

    /**
     * @param statement the statement wrapper that produced this result set, or null for a metadata result set
     * @param owner     the connection handle of that statement (or of the metadata)
     * @param raw       the driver's result set
     */
    public ResultSetHandle(StatementHandle statement, StatementOwner owner, ResultSet raw) {
        super(owner, raw);
        this.statement = statement;
    }

    /**
     * Closes the driver's result set. Idempotent. When the statement or connection is already closed, the
     * driver's result set is left alone: it was closed with its statement, or its connection went back to the
     * pool and may now belong to another borrower.
     */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        if (parentClosed()) {
            return;
        }
        try {
            raw.close();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    /**
     * @return true once this result set, its statement or (for metadata) its connection handle is closed, or
     *         when the driver closed it (as when its statement was executed again)
     */
    @Override
    public boolean isClosed() throws SQLException {
        if (closed || parentClosed()) {
            return true;
        }
        try {
            return raw.isClosed();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        }
    }

    /**
     * The guard at the top of every method but {@code close()} and {@code isClosed()}.
     *
     * @throws SQLException with SQLState {@code 08003} if this result set or its statement is closed, or the
     *                      connection handle's error if a metadata result set outlived its connection
     */
    @Override
    final void checkOpen() throws SQLException {
        // One test on the hot path; the cases are told apart only when something is wrong, or for metadata.
        if (closed || statement == null || statement.closed) {
            checkOpenSlowPath();
        }
    }

    private void checkOpenSlowPath() throws SQLException {
        if (closed) {
            throw new SQLException("ResultSet is closed; it cannot be used after close()",
                    StatementHandle.SQLSTATE_CLOSED);
        }
        if (statement == null) {
            owner.checkOpen();
            return;
        }
        throw new SQLException("ResultSet is closed because its Statement was closed (by close() or by closing"
                + " its connection)", StatementHandle.SQLSTATE_CLOSED);
    }

    /** For close() and isClosed(), which must not throw when the parent is gone. */
    private boolean parentClosed() {
        if (statement != null) {
            return statement.closed;
        }
        try {
            owner.checkOpen();
            return false;
        } catch (SQLException e) {
            return true;
        }
    }

    /**
     * @return the statement wrapper that produced this result set, or null for a database metadata result set
     */
    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    /**
     * Returns this handle if it implements {@code iface}, else the driver's result set if it does, else whatever
     * the driver's {@code unwrap} returns.
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        checkOpen();
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
        checkOpen();
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
        return "ResultSetHandle[" + raw + "]";
    }
}
