package dev.poolwise.internal;

import dev.poolwise.CloseReason;
import dev.poolwise.PoolConfig;
import dev.poolwise.SizingMode;
import dev.poolwise.TargetSizeChange.Reason;
import dev.poolwise.fake.FakeDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reserve ({@code sizingReserveTime}) under races: borrowers return connections above a target that a driver
 * thread, standing in for the control step, moves up and down as fast as it can, with shrinks that hold and
 * shrinks that close, fleet ceilings below the connections open, resizes and evictions, while the housekeeper
 * runs its own shrink on its schedule and held connections expire after 2 ms. After a fixed number of
 * operations it counts: no connection had two users, never more open than the maximum, every slot is a
 * connection in the bag once the closes are done (none lost, none doubled), every held connection was lent back
 * or closed, and after {@code close()} each physical connection was closed exactly once.
 */
class ConnectionReserveStressTest {

    private static final int THREADS = 16;
    private static final int OPERATIONS_PER_THREAD = 2_000;
    private static final int MAXIMUM = 8;
    private static final Reason[] DOWN = {Reason.SHRINK_NO_GAIN, Reason.SHRINK_SATURATED, Reason.SHRINK_EXPLORE,
            Reason.SHRINK_PROBE, Reason.SHRINK_IDLE, Reason.BOUNDS};

    private final FakeDatabase db = FakeDatabase.create();

    @AfterEach
    void dropDatabase() {
        db.drop();
    }

    @Test
    void noConnectionIsLostDoubledOrSharedWhileTheTargetMovesAndTheReserveHoldsAndLends() throws Exception {
        Pool pool = new Pool(PoolConfig.builder()
                .jdbcUrl(db.url())
                .poolName("reserve-stress")
                .sizing(SizingMode.ADAPTIVE)
                .sizingWindow(Duration.ofHours(1)) // the driver thread below stands in for the step
                .sizingReserveTime(Duration.ofMillis(2))
                .maximumPoolSize(MAXIMUM)
                .minimumIdle(1)
                .validationBypassWindow(Duration.ofMillis(5))
                .connectionTimeout(Duration.ofSeconds(20))
                .registerMbeans(false)
                .build());
        LongAdder borrowed = new LongAdder();
        LongAdder timeouts = new LongAdder();
        LongAdder moves = new LongAdder();
        LongAdder lentBackTotal = new LongAdder();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch go = new CountDownLatch(1);

        ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            work.add(threads.submit(() -> {
                go.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
                    Connection c;
                    try {
                        c = pool.borrow();
                    } catch (SQLTransientConnectionException e) {
                        timeouts.increment();
                        continue;
                    }
                    borrowed.increment();
                    try (PreparedStatement s = c.prepareStatement("update t set x = ?")) {
                        s.setInt(1, i);
                        s.executeUpdate();
                        LockSupport.parkNanos(random.nextInt(200_000)); // up to 0.2 ms of work
                    } finally {
                        c.close();
                    }
                }
                return null;
            }));
        }
        Future<?> driver = threads.submit(() -> {
            go.await();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!done.get()) {
                int previous = pool.sizingTarget;
                int target = 1 + random.nextInt(MAXIMUM);
                int ceiling = random.nextInt(10) == 0 ? 1 + random.nextInt(MAXIMUM) : MAXIMUM;
                // What a step does: publish the target, expire the reserve against the ceiling, act on a change.
                pool.sizingTarget = target;
                pool.reserve.expire(ceiling);
                if (target != previous) {
                    Reason reason = target > previous ? Reason.GROW_THROUGHPUT : DOWN[random.nextInt(DOWN.length)];
                    int before = pool.reserve.count();
                    pool.adaptiveSizing.actOn(previous, target, reason, ceiling);
                    if (target > previous) {
                        lentBackTotal.add(Math.max(0, before - pool.reserve.count()));
                    }
                    moves.increment();
                }
                switch (random.nextInt(200)) {
                    case 0 -> pool.resize(MAXIMUM, 1);
                    case 1 -> pool.evictIdle();
                    default -> { }
                }
                LockSupport.parkNanos(random.nextInt(300_000));
            }
            return null;
        });
        go.countDown();
        for (Future<?> f : work) {
            f.get(5, TimeUnit.MINUTES);
        }
        done.set(true);
        driver.get(1, TimeUnit.MINUTES);
        threads.shutdown();

        // Quiet now: every slot must be a connection in the bag, idle or held, once the closes are done.
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.closing.get() == 0);
        assertThat(pool.slots.get()).as("slots against connections in the bag").isEqualTo(pool.bag.size());
        assertThat(pool.bag.count(PooledConnection.IDLE) + pool.reserve.count())
                .as("every connection idle or held, none lost in between").isEqualTo(pool.bag.size());
        assertThat(pool.bag.count(PooledConnection.RESERVED)).as("RESERVED only while held")
                .isEqualTo(pool.reserve.count());
        assertThat(borrowed.sum()).isEqualTo((long) THREADS * OPERATIONS_PER_THREAD - timeouts.sum());
        assertThat(timeouts.sum()).as("no borrower waited 20 s").isZero();
        assertThat(moves.sum()).as("the driver moved the target").isGreaterThan(100);
        assertThat(lentBackTotal.sum()).as("rises lent held connections back").isPositive();
        assertThat(pool.stats().closed(CloseReason.RESIZED)).as("shrinks closed connections too").isPositive();
        assertThat(db.concurrentUseViolations()).as(db.firstConcurrentUse()).isZero();
        assertThat(db.maxConcurrentOpen()).as("never more open than the maximum").isLessThanOrEqualTo(MAXIMUM);

        pool.close();
        assertThat(pool.reserve.count()).isZero();
        assertThat(db.openNow()).isZero();
        assertThat(db.doubleCloses()).isZero();
        assertThat(db.connections()).allSatisfy(c -> assertThat(c.closeCount()).isEqualTo(1));
        assertThat(pool.stats().connectionsCreated()).isEqualTo(db.opened());
        assertThat(pool.stats().totalClosed()).isEqualTo(db.opened());
    }
}
