package dev.poolwise;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code suspend()}/{@code resume()} under concurrent calls (JMX operations may overlap): however the calls
 * interleave, the final {@code resume()} or {@code close()} releases every waiter, and a suspended borrow
 * still gives up after {@code connectionTimeout}.
 */
class SuspendResumeTest extends PoolTestSupport {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void aSuspendedBorrowGivesUpAfterConnectionTimeout() {
        PoolwiseDataSource pool = open(config().allowPoolSuspension(true).connectionTimeout(ms(300)));
        pool.suspend();
        assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(pool::getConnection)
                .isInstanceOf(SQLTransientConnectionException.class)
                .hasMessageContaining("suspended"));
        assertThat(pool.stats().acquireTimeouts()).isEqualTo(1);
    }

    @Test
    void closeReleasesSuspendedWaiters() throws Exception {
        PoolwiseDataSource pool = open(config().allowPoolSuspension(true).connectionTimeout(Duration.ofSeconds(60)));
        pool.suspend();
        pool.suspend();
        CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> borrowOutcome(pool));
        awaitWaiting(waiter);
        pool.close();
        assertThat(waiter.get(BOUND.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(SQLException.class).hasMessageContaining("closed");
    }

    /**
     * Two suspends racing each other and a borrower, then one resume: the borrower must get a connection. The
     * interleaving that stranded borrowers (a waiter parked on the first suspend's latch while the second
     * suspend replaced it) is a narrow window, so the race is run many times.
     */
    @Test
    void concurrentSuspendsThenOneResumeReleaseEveryWaiter() throws Exception {
        PoolwiseDataSource pool = open(config().allowPoolSuspension(true).connectionTimeout(Duration.ofSeconds(10)));
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 300; round++) {
                CyclicBarrier start = new CyclicBarrier(4);
                List<Future<?>> suspends = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    suspends.add(threads.submit(() -> {
                        start.await();
                        pool.suspend();
                        return null;
                    }));
                }
                List<Future<Throwable>> borrowers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    borrowers.add(threads.submit(() -> {
                        start.await();
                        return borrowOutcome(pool);
                    }));
                }
                for (Future<?> suspend : suspends) {
                    suspend.get(BOUND.toSeconds(), TimeUnit.SECONDS);
                }
                pool.resume();
                for (Future<Throwable> borrower : borrowers) {
                    assertThat(borrower.get(BOUND.toSeconds(), TimeUnit.SECONDS))
                            .as("round %d: the borrower got a connection after the resume", round).isNull();
                }
                assertThat(pool.stats().acquireTimeouts()).as("round %d", round).isZero();
            }
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    /** @return {@code null} when a connection was borrowed and given back, else what the borrow threw */
    private static Throwable borrowOutcome(PoolwiseDataSource pool) {
        try (Connection c = pool.getConnection()) {
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    private void awaitWaiting(CompletableFuture<?> waiter) throws InterruptedException {
        // The waiter is parked in a suspended borrow: it cannot finish until close() releases it.
        Thread.sleep(100); // gives it time to reach the wait; the assertion below does not depend on it
        assertThat(waiter).isNotDone();
    }
}
