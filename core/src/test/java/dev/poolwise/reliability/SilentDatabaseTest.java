package dev.poolwise.reliability;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolInitializationException;
import dev.poolwise.PoolwiseDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A database that accepts TCP and never answers (the {@link FaultProxy} black-holed from the start), with the
 * drivers' own defaults: pgjdbc's {@code loginTimeout} is 0 (wait for ever) and MariaDB's {@code connectTimeout}
 * is 30 s. No call may block past its own timeout: the pool passes {@code connectionTimeout} to the driver as
 * the driver's own connect/login timeout property, and holds no lock across a connect.
 *
 * <p>The bounds below are generous (a multiple of the timeout): they tell "bounded" from "hangs for ever",
 * not a fast machine from a slow one. Every wait is bounded by the test itself.
 */
class SilentDatabaseTest {

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
    /** Longest any single call may take here: far below "for ever", far above the timeouts. */
    private static final Duration BOUND = Duration.ofSeconds(15);

    private FaultProxy silent;

    @BeforeEach
    void startSilentServer() throws Exception {
        silent = new FaultProxy(1); // black-holed: it never connects to the target
        silent.blackHole();
    }

    @AfterEach
    void stopSilentServer() {
        silent.close();
    }

    private String url(String driver) {
        return switch (driver) {
            case "postgresql" -> "jdbc:postgresql://127.0.0.1:" + silent.port() + "/app";
            case "mariadb" -> "jdbc:mariadb://127.0.0.1:" + silent.port() + "/app";
            default -> throw new IllegalArgumentException(driver);
        };
    }

    private PoolConfig.Builder config(String driver) {
        return PoolConfig.builder()
                .jdbcUrl(url(driver))
                .username("app").password("secret")
                .poolName("silent-" + driver)
                .maximumPoolSize(2)
                .connectionTimeout(CONNECTION_TIMEOUT)
                .shutdownTimeout(SHUTDOWN_TIMEOUT)
                .registerMbeans(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void constructorWithDefaultInitializationFailTimeoutFailsInBoundedTime(String driver) {
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> new PoolwiseDataSource(config(driver).build()))
                .isInstanceOf(PoolInitializationException.class));
        assertThat(silent.accepted()).as("the pool did try to connect").isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void getConnectionThrowsWithinConnectionTimeoutAndCloseReturns(String driver) {
        PoolwiseDataSource ds = new PoolwiseDataSource(config(driver).initializationFailTimeout(-1)
                .build());
        try {
            assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(ds::getConnection)
                    .isInstanceOf(SQLException.class));
        } finally {
            assertTimeoutPreemptively(BOUND, ds::close, "close() returns within shutdownTimeout");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void setterConfiguredPoolStartsWithoutBlockingCloseOrOtherBorrowers(String driver) throws Exception {
        PoolwiseDataSource ds = new PoolwiseDataSource();
        ds.setJdbcUrl(url(driver));
        ds.setUsername("app");
        ds.setPassword("secret");
        ds.setPoolName("silent-setters-" + driver);
        ds.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        ds.setShutdownTimeout(SHUTDOWN_TIMEOUT.toMillis());
        ds.setRegisterMbeans(false);
        // The first getConnection starts the pool: its first connect goes into the silence.
        CompletableFuture<Connection> first = CompletableFuture.supplyAsync(() -> borrow(ds));
        CompletableFuture<Connection> second = CompletableFuture.supplyAsync(() -> borrow(ds));
        await(silentlyStarted());
        assertTimeoutPreemptively(BOUND, ds::close, "close() does not wait for a start stuck in a connect");
        for (CompletableFuture<Connection> borrow : java.util.List.of(first, second)) {
            assertThatThrownBy(() -> borrow.get(BOUND.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class)
                    .cause().hasCauseInstanceOf(SQLException.class);
        }
    }

    @Test
    void gettersDuringAStartStuckInAConnectAnswerAtOnceWithTheSettingsItStartsWith() throws Exception {
        PoolwiseDataSource ds = new PoolwiseDataSource();
        ds.setJdbcUrl(url("postgresql"));
        ds.setPoolName("silent-getters");
        ds.setMaximumPoolSize(3);
        ds.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        ds.setShutdownTimeout(SHUTDOWN_TIMEOUT.toMillis());
        CompletableFuture<Connection> first = CompletableFuture.supplyAsync(() -> borrow(ds));
        try {
            await(silentlyStarted());
            // The start has taken the settings and is stuck in its first connect; getters neither wait for it
            // nor fall back to the defaults.
            assertTimeoutPreemptively(BOUND, () -> {
                assertThat(ds.getPoolName()).isEqualTo("silent-getters");
                assertThat(ds.getMaximumPoolSize()).isEqualTo(3);
                assertThat(ds.getConnectionTimeout()).isEqualTo(CONNECTION_TIMEOUT.toMillis());
            });
            assertThat(ds.isStarted()).as("still starting").isFalse();
        } finally {
            assertTimeoutPreemptively(BOUND, ds::close);
            assertThatThrownBy(() -> first.get(BOUND.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void leavesTheJvmWideLoginTimeoutAlone(String driver) {
        int before = DriverManager.getLoginTimeout();
        PoolwiseDataSource ds = new PoolwiseDataSource(config(driver).initializationFailTimeout(-1)
                .build());
        assertTimeoutPreemptively(BOUND, ds::close);
        assertThat(DriverManager.getLoginTimeout()).as("DriverManager's JVM-wide login timeout").isEqualTo(before);
    }

    private static Connection borrow(PoolwiseDataSource ds) {
        try {
            return ds.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (bounded) until the proxy has accepted the pool's first connect. */
    private java.util.function.BooleanSupplier silentlyStarted() {
        return () -> silent.accepted() > 0;
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited too long for the first connect").isNegative();
            Thread.sleep(10);
        }
    }
}
