package dev.poolwise.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.fake.FakeDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Invariant 6 when a borrow is handed a connection late in its wait and that connection needs validating: the
 * validation is cut to what is left of {@code connectionTimeout}, so the borrow does not take
 * {@code connectionTimeout + validationTimeout}. JDBC's {@code isValid} counts whole seconds, so the bound
 * is {@code connectionTimeout} plus at most one second.
 */
class BorrowWithinConnectionTimeoutTest {

    @Test
    void validationOnALateHandOffIsCutToTheBorrowersRemainingTime()
            throws Exception {
        FakeDatabase db = FakeDatabase.create();
        try (PoolwiseDataSource ds = new PoolwiseDataSource(PoolConfig.builder()
                .jdbcUrl(db.url())
                .poolName("rel-borrow-bound")
                .maximumPoolSize(1)
                .connectionTimeout(Duration.ofSeconds(3))
                .validationTimeout(Duration.ofSeconds(10))
                .validationBypassWindow(Duration.ZERO)
                .build())) {
            Connection held = ds.getConnection();
            long[] waiterStart = new long[1];
            CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                synchronized (waiterStart) {
                    waiterStart[0] = start;
                }
                try (Connection c = ds.getConnection()) {
                    // got one
                } catch (SQLException e) {
                    // timed out
                }
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> ds.stats().waiting() == 1);
            long start;
            synchronized (waiterStart) {
                start = waiterStart[0];
            }
            // Half of the waiter's connectionTimeout gone: a late hand-off, with time left to receive it.
            long lateMillis = 1_500 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (lateMillis > 0) {
                Thread.sleep(lateMillis);
            }
            db.hangValidation(Duration.ofSeconds(10)); // the server stops answering
            held.close();                               // handed to the waiter, which must validate it
            long waited = waiter.get(30, TimeUnit.SECONDS);
            assertThat(ds.stats().validationFailures())
                    .as("the waiter received the connection and its validation was cut short").isEqualTo(1);
            assertThat(waited).as("within connectionTimeout (3 s) + one whole isValid second + slack, "
                    + "far from connectionTimeout + validationTimeout (13 s)").isLessThan(8_000);
        } finally {
            db.stopHanging();
            db.drop();
        }
    }
}
