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
                .connectionTimeout(Duration.ofSeconds(1))
                .validationTimeout(Duration.ofSeconds(5))
                .validationBypassWindow(Duration.ZERO)
                .build())) {
            Connection held = ds.getConnection();
            CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
                long start = System.nanoTime();
                try (Connection c = ds.getConnection()) {
                    // got one
                } catch (SQLException e) {
                    // timed out
                }
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            });
            Thread.sleep(900);
            db.hangValidation(Duration.ofSeconds(5)); // the server stops answering
            held.close();                              // handed to the waiter, which must validate it
            long waited = waiter.get(10, TimeUnit.SECONDS);
            assertThat(waited).as("within connectionTimeout (1 s) + one whole isValid second + slack, "
                    + "not connectionTimeout + validationTimeout (6 s)").isLessThan(3_000);
        } finally {
            db.drop();
        }
    }
}
