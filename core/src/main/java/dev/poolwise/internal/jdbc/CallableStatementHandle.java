package dev.poolwise.internal.jdbc;

import java.sql.CallableStatement;

/**
 * The {@link CallableStatement} a pooled connection hands out. Adds the {@code CallableStatement} methods to
 * {@link PreparedStatementHandle}, with the same rules: driver exceptions go through
 * {@link StatementOwner#onSqlException}, and a closed handle is dead. OUT parameter values (including
 * {@code Array}, {@code Blob}, {@code Ref} and the like) are returned as the driver made them. The delegation
 * is generated ({@link DelegatingCallableStatement}).
 *
 * <p>Threading: used by one thread at a time (the borrower), like the statement it wraps.
 */
public class CallableStatementHandle extends DelegatingCallableStatement {

    /**
     * @param owner the connection handle creating this statement
     * @param raw   the driver's callable statement
     */
    public CallableStatementHandle(StatementOwner owner, CallableStatement raw) {
        super(owner, raw);
    }
}
