package dev.poolwise.micrometer;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A driver-less {@link DataSource} for metrics tests: its connections are proxies that answer every JDBC call
 * with a neutral value. {@link #failValidation} makes {@code isValid} answer false, to drive validation
 * failures; {@link #failConnects} makes opening a connection fail. Core's fault-injecting fake driver is not
 * published as a test jar, hence this one.
 */
final class FakeDataSource implements DataSource {

    /** When true, {@code Connection.isValid} answers false. */
    final AtomicBoolean failValidation = new AtomicBoolean();
    /** When true, {@code getConnection} fails as a database that refuses connections would. */
    final AtomicBoolean failConnects = new AtomicBoolean();
    /** Physical connections opened so far. */
    final AtomicInteger opened = new AtomicInteger();

    @Override
    public Connection getConnection() throws SQLException {
        if (failConnects.get()) {
            throw new SQLException("Connection refused (fake)", "08001");
        }
        opened.incrementAndGet();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                new ConnectionBehaviour());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }

    /** One physical connection: open until closed, auto-commit on, READ COMMITTED. */
    private final class ConnectionBehaviour implements InvocationHandler {
        private boolean closed;

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            return switch (method.getName()) {
                case "close", "abort" -> {
                    closed = true;
                    yield null;
                }
                case "isClosed" -> closed;
                case "isValid" -> !closed && !failValidation.get();
                case "getAutoCommit" -> true;
                case "getTransactionIsolation" -> Connection.TRANSACTION_READ_COMMITTED;
                case "createStatement" -> Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {Statement.class}, (p, m, a) -> neutral(m.getReturnType()));
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                case "toString" -> "FakeConnection@" + Integer.toHexString(System.identityHashCode(proxy));
                default -> neutral(method.getReturnType());
            };
        }
    }

    private static Object neutral(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }
}
