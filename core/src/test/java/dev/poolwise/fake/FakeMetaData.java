package dev.poolwise.fake;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Fake {@link DatabaseMetaData} and {@link ResultSetMetaData}, built as {@link Proxy} instances because both
 * interfaces are long and the pool needs only a few answers. {@link #forConnection} answers {@code getURL},
 * {@code getUserName}, {@code getConnection}, product "FakeDB" 1.0, driver "Poolwise FakeDriver" 1.0, JDBC 4.3,
 * {@code supportsTransactions}, {@code supportsSavepoints}, every isolation level, and default isolation
 * READ_COMMITTED; any other method returns false, 0, "" or an empty {@link FakeResultSet}.
 */
final class FakeMetaData {

    private FakeMetaData() {
    }

    /** The metadata {@link FakeConnection#getMetaData()} returns. */
    static DatabaseMetaData forConnection(FakeConnection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "getURL":
                    return connection.database().url();
                case "getUserName":
                    return connection.user();
                case "getConnection":
                    return connection;
                case "getDatabaseProductName":
                    return "FakeDB";
                case "getDatabaseProductVersion":
                case "getDriverVersion":
                    return "1.0";
                case "getDriverName":
                    return "Poolwise FakeDriver";
                case "getDatabaseMajorVersion":
                case "getDriverMajorVersion":
                    return 1;
                case "getJDBCMajorVersion":
                    return 4;
                case "getJDBCMinorVersion":
                    return 3;
                case "getDefaultTransactionIsolation":
                    return Connection.TRANSACTION_READ_COMMITTED;
                case "supportsTransactions":
                case "supportsSavepoints":
                case "supportsTransactionIsolationLevel":
                    return true;
                case "getIdentifierQuoteString":
                    return "\"";
                default:
                    return common(proxy, method, args, "FakeDatabaseMetaData[" + connection + "]");
            }
        };
        return (DatabaseMetaData) Proxy.newProxyInstance(FakeMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, handler);
    }

    /** Metadata for the columns of a {@link FakeResultSet}. */
    static ResultSetMetaData forColumns(List<String> labels, int[] types) {
        InvocationHandler handler = (proxy, method, args) -> {
            switch (method.getName()) {
                case "getColumnCount":
                    return labels.size();
                case "getColumnLabel":
                case "getColumnName":
                    return labels.get(column(args, labels.size()));
                case "getColumnType":
                    return types[column(args, labels.size())];
                case "getColumnTypeName":
                    return types[column(args, labels.size())] == Types.INTEGER ? "int4" : "text";
                case "getColumnClassName":
                    return types[column(args, labels.size())] == Types.INTEGER ? "java.lang.Integer"
                            : "java.lang.String";
                case "isNullable":
                    return ResultSetMetaData.columnNullableUnknown;
                default:
                    return common(proxy, method, args, "FakeResultSetMetaData" + labels);
            }
        };
        return (ResultSetMetaData) Proxy.newProxyInstance(FakeMetaData.class.getClassLoader(),
                new Class<?>[] {ResultSetMetaData.class}, handler);
    }

    private static int column(Object[] args, int count) throws SQLException {
        int column = (Integer) args[0];
        if (column < 1 || column > count) {
            throw new SQLException("column index " + column + " out of range 1.." + count, "07009");
        }
        return column - 1;
    }

    /** Object methods, Wrapper methods, and a neutral default for everything else. */
    private static Object common(Object proxy, Method method, Object[] args, String description)
            throws SQLException {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return description;
            case "isWrapperFor":
                return ((Class<?>) args[0]).isInstance(proxy);
            case "unwrap":
                if (((Class<?>) args[0]).isInstance(proxy)) {
                    return proxy;
                }
                throw new SQLException(description + " does not wrap " + ((Class<?>) args[0]).getName());
            default:
                break;
        }
        Class<?> type = method.getReturnType();
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == String.class) {
            return "";
        }
        if (type == ResultSet.class) {
            return FakeResultSet.empty(null);
        }
        return null;
    }
}
