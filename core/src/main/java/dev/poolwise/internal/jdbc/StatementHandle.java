package dev.poolwise.internal.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@link Statement} a pooled connection hands out: delegates every call to the driver's statement, and adds
 * what the pool needs around it.
 *
 * <ul>
 *   <li>Every {@link SQLException} from the driver goes through {@link StatementOwner#onSqlException} before it
 *       is rethrown, so that a fatal error marks the physical connection broken.</li>
 *   <li>Every {@code execute*} method calls {@link StatementOwner#beforeExecute} first.</li>
 *   <li>{@link #getConnection()} returns the connection handle, never the driver's connection, so that the
 *       application cannot reach (and close, or keep using) the physical connection.</li>
 *   <li>Result sets come back as {@link ResultSetHandle}s that point back at this wrapper.</li>
 *   <li>A closed handle is dead: once closed, by the application or by its connection handle
 *       ({@link #closeByOwner()}), every method but {@code close()} and {@code isClosed()} throws
 *       {@link SQLException} with SQLState {@code 08003}.</li>
 * </ul>
 *
 * <p>Threading: like every JDBC object, a statement is used by one thread at a time (the borrower), so the state
 * here is in plain fields. The exception is {@link #cancel()}, which JDBC allows from another thread: it reads
 * {@code closed} without synchronisation, so a cancel racing with close may reach the driver's statement just
 * after it was closed and get the driver's own error.
 *
 * <p>Overhead per call is one field check and a try/catch; nothing is allocated except the result set
 * wrappers. Subclasses ({@link PreparedStatementHandle}, {@link CallableStatementHandle}) keep their own typed
 * reference to the same driver object to avoid a cast per call.
 */
public class StatementHandle extends DelegatingStatement {

    /** SQLState for "connection does not exist", used for every use of a dead wrapper. */
    static final String SQLSTATE_CLOSED = "08003";

    /**
     * Set once, by {@link #close()} or {@link #closeByOwner()}; never cleared. Read by this statement's
     * {@link ResultSetHandle}s, which are dead once their statement is.
     */
    boolean closed;

    /**
     * The wrapper last handed out by {@link #wrap}, so that asking again for the same driver result set (say
     * {@code getResultSet()} after {@code execute()}) returns the same wrapper. It is not needed for closing:
     * closing the driver's statement closes its result sets, and a result set wrapper checks its statement's
     * {@code closed} flag on every call.
     */
    private ResultSetHandle currentResultSet;

    /**
     * @param owner the connection handle creating this statement
     * @param raw   the driver's statement
     */
    public StatementHandle(StatementOwner owner, Statement raw) {
        super(owner, raw);
    }

    /**
     * Closes the driver's statement (and with it, per JDBC, its result sets) and tells the connection handle to
     * stop tracking this one. Idempotent. The handle is dead even if the driver's close fails.
     */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            raw.close();
        } catch (SQLException e) {
            throw owner.onSqlException(e);
        } finally {
            owner.untrack(this);
        }
    }

    /**
     * Closes this statement on behalf of its connection handle, which is being closed and is clearing its list
     * of open statements: unlike {@link #close()}, does not call {@link StatementOwner#untrack}, and returns the
     * driver's exception, if any, instead of throwing it (the owner decides whether to report or classify it).
     *
     * @return the {@link SQLException} the driver threw while closing, or {@code null}
     */
    public SQLException closeByOwner() {
        if (closed) {
            return null;
        }
        closed = true;
        try {
            raw.close();
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    /**
     * @return true once this handle was closed, by the application or by its connection, or when the driver
     *         closed its statement on its own (as after {@link #closeOnCompletion()})
     */
    @Override
    public boolean isClosed() throws SQLException {
        if (closed) {
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
     * @throws SQLException with SQLState {@code 08003} if this statement is closed
     */
    @Override
    final void checkOpen() throws SQLException {
        if (closed) {
            throw closedException();
        }
    }

    // Kept out of checkOpen() so that the guard stays small enough to inline.
    private static SQLException closedException() {
        return new SQLException("Statement is closed (by close() or by closing its connection); create a new"
                + " statement from an open connection", SQLSTATE_CLOSED);
    }

    /**
     * @return the pooled connection handle that created this statement, never the driver's connection
     */
    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return owner.handle();
    }

    /**
     * Wraps a driver result set produced by this statement, reusing the current wrapper when the driver hands
     * back the same object.
     *
     * @param rawResultSet what the driver returned; may be null
     * @return its wrapper, or null when the driver returned null
     */
    @Override
    final ResultSet wrap(ResultSet rawResultSet) {
        if (rawResultSet == null) {
            return null;
        }
        ResultSetHandle current = currentResultSet;
        // A wrapper the application closed is dead; if a driver recycles its result set object, wrap it anew.
        if (current == null || current.raw != rawResultSet || current.closed) {
            current = new ResultSetHandle(this, owner, rawResultSet);
            currentResultSet = current;
        }
        return current;
    }

    /**
     * Returns this handle if it implements {@code iface}, else the driver's statement if it does, else whatever
     * the driver's {@code unwrap} returns (for drivers that wrap their own objects).
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
        return getClass().getSimpleName() + "[" + raw + "]";
    }
}
