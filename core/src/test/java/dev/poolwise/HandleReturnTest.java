package dev.poolwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolwise.fake.FakeConnection;

import java.sql.Connection;
import java.time.Duration;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The return path of a connection handle (issue 11): it can neither lose a slot (an unchecked exception while
 * closing statements or resetting must still give the connection back) nor return one twice (two threads
 * closing the same handle must not hand one physical connection to two borrowers).
 */
class HandleReturnTest extends PoolTestSupport {

    @Test
    void runtimeExceptionFromStatementCloseDoesNotLoseTheSlot() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).minimumIdle(0));
        FakeConnection first;
        Connection c = pool.getConnection();
        first = physical(c);
        c.createStatement(); // left open: the handle closes it on return
        db.failNextStatementCloses(1, new IllegalStateException("driver bug in Statement.close()"));
        try {
            c.close();
        } catch (SQLException | RuntimeException tolerated) {
            // Whether close() reports the driver's failure is secondary; the slot must come back.
        }
        assertThat(c.isClosed()).as("the handle is dead after close()").isTrue();
        assertThat(pool.stats().active()).as("no connection stays active after its handle closed").isZero();
        try (Connection again = pool.getConnection()) {
            assertThat(again.isValid(1)).isTrue();
            assertThat(physical(again)).as("a connection whose driver threw while closing is not reused")
                    .isNotSameAs(first);
        }
        // The pool closes physical connections on its housekeeping thread.
        await("the suspect physical connection to be closed").atMost(Duration.ofSeconds(10)).until(first::isClosed);
    }

    @Test
    void errorFromStatementCloseIsRethrownAfterTheSlotIsFreed() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).minimumIdle(0));
        Connection c = pool.getConnection();
        FakeConnection first = physical(c);
        c.createStatement();
        db.failNextStatementCloses(1, new AbstractMethodError("old driver"));
        assertThatThrownBy(c::close).isInstanceOf(AbstractMethodError.class);
        assertThat(pool.stats().active()).as("the slot was freed before the Error propagated").isZero();
        try (Connection again = pool.getConnection()) {
            assertThat(physical(again)).isNotSameAs(first);
        }
    }

    @Test
    void runtimeExceptionFromStatementCloseOfUnpooledConnectionStillClosesIt() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).minimumIdle(0).mode(PoolMode.UNPOOLED));
        Connection c = pool.getConnection();
        FakeConnection raw = physical(c);
        c.createStatement();
        db.failNextStatementCloses(1, new IllegalStateException("driver bug in Statement.close()"));
        try {
            c.close();
        } catch (SQLException | RuntimeException tolerated) {
            // See above.
        }
        await("the unpooled connection to be closed").atMost(Duration.ofSeconds(10)).until(raw::isClosed);
        assertThat(pool.stats().total()).isZero();
    }

    /**
     * A pool of one: the main thread holds the connection, a waiter queues for it, and two threads close the
     * main thread's handle at the same moment. Exactly one close may return the connection, to the waiter. A
     * second return would put it back in the pool while the waiter holds it, and the main thread's next
     * borrow would get the same physical connection: a double hand-out, counted here.
     */
    @Test
    void concurrentCloseOfOneHandleNeverHandsOutAConnectionTwice() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).minimumIdle(0));
        ExecutorService threads = Executors.newFixedThreadPool(3);
        int iterations = 2_000;
        int doubleHandOuts = 0;
        int completed = 0;
        try {
            for (int i = 0; i < iterations && doubleHandOuts == 0; i++) {
                Connection shared = pool.getConnection();
                CountDownLatch waiterHolds = new CountDownLatch(1);
                CountDownLatch waiterMayReturn = new CountDownLatch(1);
                AtomicReference<FakeConnection> waiterGot = new AtomicReference<>();
                Future<?> waiter = threads.submit(() -> {
                    try (Connection mine = pool.getConnection()) {
                        waiterGot.set(physical(mine));
                        waiterHolds.countDown();
                        waiterMayReturn.await(10, TimeUnit.SECONDS);
                    }
                    return null;
                });
                while (pool.stats().waiting() < 1) {
                    Thread.onSpinWait();
                }
                // The closers meet at a spin barrier of their own (the main thread parks meanwhile), so that
                // on a machine with two cores both are running when they call close().
                AtomicInteger arrived = new AtomicInteger();
                List<Future<?>> closers = new ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    closers.add(threads.submit(() -> {
                        arrived.incrementAndGet();
                        while (arrived.get() < 2) {
                            Thread.onSpinWait();
                        }
                        shared.close();
                        return null;
                    }));
                }
                for (Future<?> f : closers) {
                    f.get(10, TimeUnit.SECONDS);
                }
                assertThat(waiterHolds.await(10, TimeUnit.SECONDS)).as("the waiter got the returned connection")
                        .isTrue();
                if (pool.stats().idle() > 0) {
                    // Only a second return can leave an idle connection while the pool's one is held.
                    try (Connection second = pool.getConnection()) {
                        if (physical(second) == waiterGot.get()) {
                            doubleHandOuts++;
                        }
                    }
                }
                waiterMayReturn.countDown();
                waiter.get(10, TimeUnit.SECONDS);
                completed++;
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(doubleHandOuts).as("physical connection handed to two borrowers at once (iteration %d of %d)",
                completed + 1, iterations).isZero();
        assertThat(completed).isEqualTo(iterations);
        assertThat(pool.stats().total()).as("still one physical connection").isEqualTo(1);
    }

    @Test
    void secondCloseOfAHandleIsANoOp() throws Exception {
        PoolwiseDataSource pool = open(config().maximumPoolSize(1).minimumIdle(0).connectionTimeout(ms(250)));
        Connection c = pool.getConnection();
        FakeConnection raw = physical(c);
        c.close();
        c.close();
        try (Connection a = pool.getConnection()) {
            assertThat(physical(a)).isSameAs(raw);
            assertThatThrownBy(pool::getConnection).as("the one connection is not handed out a second time")
                    .isInstanceOf(SQLException.class);
        }
        assertThat(pool.stats().total()).isEqualTo(1);
    }
}
