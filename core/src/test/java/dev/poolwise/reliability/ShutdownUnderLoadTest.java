package dev.poolwise.reliability;

import dev.poolwise.CloseReason;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.fake.FakeConnection;
import dev.poolwise.fake.FakeDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.poolwise.reliability.Sql.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 6, scenario 11: {@code close()} while 16 threads are inside transactions, on the fake driver. Half
 * of them finish within the shutdown timeout and return their connection (closed normally); the other half
 * hold on past it and have their connection aborted. No thread stays blocked, {@code close()} returns within
 * the shutdown timeout plus slack, every physical connection is closed exactly once, and a later borrow fails
 * at once saying the pool is closed.
 */
class ShutdownUnderLoadTest {

    private static final int THREADS = 16;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(1);

    private final FakeDatabase db = FakeDatabase.create();

    @AfterEach
    void dropDatabase() {
        db.drop();
    }

    /** What one worker saw. */
    private record Outcome(FakeConnection physical, boolean heldPastTimeout, SQLException commitFailure) {
    }

    @Test
    void inFlightConnectionsAreReturnedOrAbortedWithinTheShutdownTimeoutAndLaterBorrowsFailAtOnce()
            throws Exception {
        PoolwiseDataSource ds = new PoolwiseDataSource(PoolConfig.builder()
                .jdbcUrl(db.url())
                .poolName("rel-shutdown")
                .maximumPoolSize(THREADS)
                .connectionTimeout(Duration.ofSeconds(5))
                .shutdownTimeout(SHUTDOWN_TIMEOUT)
                .build());
        CountDownLatch inTransaction = new CountDownLatch(THREADS);
        CountDownLatch closing = new CountDownLatch(1);
        ExecutorService workers = Executors.newFixedThreadPool(THREADS);
        List<Future<Outcome>> outcomes = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            boolean holdPastTimeout = t % 2 == 1;
            outcomes.add(workers.submit(() -> {
                Connection c = ds.getConnection();
                FakeConnection physical = c.unwrap(FakeConnection.class);
                c.setAutoCommit(false);
                execute(c, "update t set x = 1");
                inTransaction.countDown();
                closing.await();
                Thread.sleep(holdPastTimeout ? SHUTDOWN_TIMEOUT.toMillis() + 1_000 : 200);
                SQLException commitFailure = null;
                try {
                    c.commit();
                } catch (SQLException e) {
                    commitFailure = e;
                } finally {
                    c.close();
                }
                return new Outcome(physical, holdPastTimeout, commitFailure);
            }));
        }
        assertThat(inTransaction.await(10, TimeUnit.SECONDS)).as("16 threads inside transactions").isTrue();

        long start = System.nanoTime();
        closing.countDown();
        ds.close();
        long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("shutdown under load: close() returned after %d ms (shutdownTimeout %d ms)%n",
                closeMillis, SHUTDOWN_TIMEOUT.toMillis());
        assertThat(closeMillis).as("close() returns within shutdownTimeout + slack")
                .isBetween(SHUTDOWN_TIMEOUT.toMillis() - 100, SHUTDOWN_TIMEOUT.toMillis() + 2_000);

        long borrowStart = System.nanoTime();
        assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("pool is closed");
        assertThat(System.nanoTime() - borrowStart).as("a borrow after close fails at once")
                .isLessThan(TimeUnit.MILLISECONDS.toNanos(500));

        workers.shutdown();
        assertThat(workers.awaitTermination(5, TimeUnit.SECONDS)).as("no worker stays blocked").isTrue();
        for (Future<Outcome> future : outcomes) {
            Outcome outcome = future.get();
            if (outcome.heldPastTimeout()) {
                assertThat(outcome.physical().aborted()).as("held past the timeout: aborted").isTrue();
                assertThat((Throwable) outcome.commitFailure()).as("its commit after the abort fails").isNotNull();
            } else {
                assertThat((Throwable) outcome.commitFailure()).as("returned in time: its commit worked").isNull();
                assertThat(outcome.physical().aborted()).isFalse();
            }
        }
        assertThat(ds.stats().closed(CloseReason.ABORTED)).isEqualTo(THREADS / 2);
        assertThat(db.openNow()).isZero();
        assertThat(db.doubleCloses()).isZero();
        assertThat(db.connections()).allSatisfy(c -> assertThat(c.closeCount())
                .as("connection %d closed or aborted exactly once", c.id()).isEqualTo(1));
        assertThat(ds.stats().total()).isZero();
    }

    @Test
        void threadsWaitingForAConnectionWhenThePoolClosesAreReleasedPromptly() throws Exception {
            PoolwiseDataSource ds = new PoolwiseDataSource(PoolConfig.builder()
                    .jdbcUrl(db.url())
                    .poolName("rel-shutdown-waiters")
                    .maximumPoolSize(2)
                    .connectionTimeout(Duration.ofSeconds(10))
                    .shutdownTimeout(Duration.ofMillis(500))
                    .build());
            Connection first = ds.getConnection();
            Connection second = ds.getConnection();
            ExecutorService waiters = Executors.newFixedThreadPool(4);
            List<Future<Long>> waits = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                waits.add(waiters.submit(() -> {
                    long start = System.nanoTime();
                    assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }));
            }
            Thread.sleep(300);
            long closeStart = System.nanoTime();
            ds.close();
            first.close();
            second.close();
            waiters.shutdown();
            for (Future<Long> wait : waits) {
                assertThat(wait.get(15, TimeUnit.SECONDS)).as("a waiter is released when the pool closes, not at "
                        + "the end of its 10 s connectionTimeout").isLessThan(3_000);
            }
        }
}
