package dev.poolwise.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a statement, result set or metadata wrapper needs from the connection handle that created it.
 * Implemented by {@link ConnectionHandle}; a small interface so that the wrappers can be tested on their own.
 *
 * <p>Threading: JDBC objects are used by one thread at a time (the borrower), so implementations need no
 * synchronisation for calls made through a live handle.
 */
public interface StatementOwner {

    /**
     * @return the pooled {@link Connection} handle to return from {@code getConnection()}; never the driver's
     */
    Connection handle();

    /**
     * Called with every {@link SQLException} the driver throws through a wrapper, before it is rethrown.
     * Classifies it and, when fatal, marks the physical connection broken so it is closed on return.
     *
     * @param error what the driver threw
     * @return the same exception, for {@code throw owner.onSqlException(e)}
     */
    SQLException onSqlException(SQLException error);

    /**
     * Called before each statement execution ({@code execute*}, {@code executeQuery}, {@code executeUpdate},
     * {@code executeBatch}, {@code executeLargeUpdate}, {@code executeLargeBatch}) and before each write
     * through an updatable result set ({@code insertRow}, {@code updateRow}, {@code deleteRow}): records the
     * time of the last statement, that a transaction may be open and that SQL ran.
     */
    void beforeExecute();

    /**
     * Called when a statement wrapper is closed by the application, so that the handle stops tracking it.
     *
     * @param statement the wrapper being closed
     */
    void untrack(StatementHandle statement);

    /**
     * @throws SQLException if the connection handle has been closed (invariant 4: a closed handle is dead)
     */
    void checkOpen() throws SQLException;
}
