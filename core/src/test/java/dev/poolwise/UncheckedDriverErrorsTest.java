package dev.poolwise;

import dev.poolwise.fake.FakeDataSource;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Unchecked exceptions and errors from a driver must not cost the pool a slot: an {@code Error} thrown while
 * a borrow validates a connection (an old driver without {@code isValid} throws {@code AbstractMethodError})
 * fails that validation; the connection is closed and its slot given back.
 */
class UncheckedDriverErrorsTest extends PoolTestSupport {

    /** When set, every {@code Connection.isValid} throws it. */
    private final AtomicReference<Throwable> isValidThrows = new AtomicReference<>();

    @Test
    void anErrorDuringValidationOnBorrowFailsTheValidationAndDoesNotLoseTheSlot() throws Exception {
        PoolwiseDataSource pool = open(config().dataSource(validationBreakingDataSource()).jdbcUrl(null)
                .maximumPoolSize(1).connectionTimeout(ms(2_000)).validationBypassWindow(ms(0)));
        long firstId;
        try (Connection c = pool.getConnection()) {
            firstId = physical(c).id();
        }
        isValidThrows.set(new AbstractMethodError("org.example.OldConnection.isValid(I)Z"));
        // The idle connection is validated, its isValid throws the Error: that is a failed validation, the
        // connection is closed, and the borrow gets a new one (a connection opened during the borrow is not
        // validated again), all within the single slot.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (Connection c = pool.getConnection()) {
                assertThat(physical(c).id()).as("a new physical connection").isNotEqualTo(firstId);
            }
        });
        assertThat(pool.stats().validationFailures()).isEqualTo(1);
        assertThat(pool.stats().active()).isZero();
        assertThat(pool.stats().total()).isEqualTo(1);

        isValidThrows.set(null);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (Connection c = pool.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
        }, "the only slot is free again");
        assertThat(db.openNow()).isEqualTo(1);
    }

    /** Fake connections whose {@code isValid} throws what {@link #isValidThrows} holds. */
    private DataSource validationBreakingDataSource() {
        FakeDataSource fake = db.dataSource();
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return wrap(fake.getConnection());
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return wrap(fake.getConnection(username, password));
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
            public Logger getParentLogger() {
                return Logger.getLogger("fake");
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }

    private Connection wrap(Connection raw) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Throwable toThrow = isValidThrows.get();
                    if (method.getName().equals("isValid") && toThrow != null) {
                        throw toThrow;
                    }
                    try {
                        return method.invoke(raw, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
