package dev.poolwise.internal.jdbc;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link StatementOwner} for the wrapper tests: records what the wrappers tell it, and stands in for the
 * connection handle with a sentinel {@link Connection} that supports nothing but {@code toString}.
 */
final class RecordingOwner implements StatementOwner {

    final Connection handle = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                if (method.getName().equals("toString")) {
                    return "ConnectionHandle(sentinel)";
                }
                throw new UnsupportedOperationException(method.getName());
            });

    final List<SQLException> sqlExceptions = new ArrayList<>();
    final List<StatementHandle> untracked = new ArrayList<>();
    int executions;

    /** When set, {@link #checkOpen()} throws it, as a closed connection handle would. */
    SQLException closedError;

    @Override
    public Connection handle() {
        return handle;
    }

    @Override
    public SQLException onSqlException(SQLException error) {
        sqlExceptions.add(error);
        return error;
    }

    @Override
    public void beforeExecute() {
        executions++;
    }

    @Override
    public void untrack(StatementHandle statement) {
        untracked.add(statement);
    }

    @Override
    public void checkOpen() throws SQLException {
        if (closedError != null) {
            throw closedError;
        }
    }

    /** Makes the owner behave like a closed connection handle. */
    SQLException close() {
        closedError = new SQLException("Connection is closed", "08003");
        return closedError;
    }
}
