package dev.poolwise.internal.jdbc;

import java.sql.PreparedStatement;

/**
 * The {@link PreparedStatement} a pooled connection hands out. Adds the {@code PreparedStatement} methods to
 * {@link StatementHandle}, with the same rules: driver exceptions go through
 * {@link StatementOwner#onSqlException}, executions call {@link StatementOwner#beforeExecute} first, result
 * sets come back wrapped, and a closed handle is dead. It has no behaviour of its own: the delegation is
 * generated ({@link DelegatingPreparedStatement}), the rest is {@link StatementHandle}'s.
 *
 * <p>Threading: used by one thread at a time (the borrower), like the statement it wraps.
 */
public class PreparedStatementHandle extends DelegatingPreparedStatement {

    /**
     * @param owner the connection handle creating this statement
     * @param raw   the driver's prepared statement
     */
    public PreparedStatementHandle(StatementOwner owner, PreparedStatement raw) {
        super(owner, raw);
    }
}
