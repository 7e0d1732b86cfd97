package dev.poolwise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolwise.fake.FakeConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Many threads borrow, hold and return at random while the fake driver injects connect failures and fatal
 * SQLStates, with lifetimes short enough that connections are retired and replaced during the run. After a
 * fixed number of operations it checks the invariants by counting: no connection ever had two borrowers,
 * the total never passed the maximum, and after {@code close()} every physical connection opened was closed
 * exactly once. Operations are counted three ways that do not depend on each other: by the worker threads,
 * by the pool (its listener events and stats) and by the database (the executes that reached it), so a lost
 * or duplicated borrow, return or statement shows up as a mismatch.
 */
class PoolStressTest extends PoolTestSupport {

    private static final int THREADS = 32;
    private static final int OPERATIONS_PER_THREAD = 1_500;
    private static final int MAXIMUM = 8;

    @Test
    void invariantsHoldUnderRandomLoadWithInjectedFaults() throws Exception {
        db.connectFailureRate(0.10);
        db.executeFailureRate(0.02, "08006");
        CountingListener poolCounts = new CountingListener();
        PoolwiseDataSource pool = open(config()
                .listener(poolCounts)
                .maximumPoolSize(MAXIMUM)
                .minimumIdle(2)
                .idleTimeout(ms(300))
                .maxLifetime(ms(700))
                .validationBypassWindow(ms(5))
                .connectionTimeout(Duration.ofSeconds(5))
                .initializationFailTimeout(-1));

        Set<FakeConnection> held = ConcurrentHashMap.newKeySet();
        AtomicInteger twoBorrowers = new AtomicInteger();
        AtomicInteger peakTotal = new AtomicInteger();
        LongAdder succeeded = new LongAdder();
        LongAdder borrowed = new LongAdder();
        LongAdder executesAttempted = new LongAdder();
        LongAdder statementFailures = new LongAdder();
        LongAdder timeouts = new LongAdder();
        LongAdder resizes = new LongAdder();
        CountDownLatch go = new CountDownLatch(1);

        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            work.add(threads.submit(() -> {
                go.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
                    if (random.nextInt(2_000) == 0) {
                        // Live resizing during the run, shrinking included.
                        int size = 2 + random.nextInt(MAXIMUM - 1);
                        pool.resize(size, Math.min(2, size));
                        resizes.increment();
                    }
                    Connection c;
                    try {
                        c = pool.getConnection();
                    } catch (SQLTransientConnectionException e) {
                        timeouts.increment();
                        continue;
                    }
                    borrowed.increment();
                    FakeConnection raw = physical(c);
                    if (!held.add(raw)) {
                        twoBorrowers.incrementAndGet();
                    }
                    peakTotal.accumulateAndGet(db.openNow(), Math::max);
                    try (PreparedStatement s = c.prepareStatement("update t set x = ?")) {
                        s.setInt(1, i);
                        executesAttempted.increment();
                        s.executeUpdate();
                        if (random.nextInt(4) == 0) {
                            LockSupport.parkNanos(random.nextInt(200_000));
                        }
                        succeeded.increment();
                    } catch (SQLException e) {
                        statementFailures.increment();
                    } finally {
                        held.remove(raw);
                        c.close();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : work) {
            f.get(5, TimeUnit.MINUTES);
        }
        threads.shutdown();
        pool.resize(MAXIMUM, 2);

        PoolStats before = pool.stats();
        pool.close();
        PoolStats after = pool.stats();

        // Every operation accounted for, three independent ways: the threads' tallies, the pool's own
        // (listener events, stats) and the database's.
        assertThat(poolCounts.acquired.sum()).as("borrows: the pool's count vs the threads'")
                .isEqualTo(borrowed.sum());
        assertThat(poolCounts.returned.sum()).as("returns: the pool's count vs the threads' borrows")
                .isEqualTo(borrowed.sum());
        assertThat(poolCounts.timeouts.sum()).as("timeouts: the pool's events vs the threads'")
                .isEqualTo(timeouts.sum()).isEqualTo(after.acquireTimeouts());
        assertThat(db.executes()).as("statements: the database's count vs the threads'")
                .isEqualTo(executesAttempted.sum());
        assertThat(borrowed.sum()).as("borrows were made").isPositive();
        assertThat(twoBorrowers).as("a physical connection had two borrowers at once").hasValue(0);
        assertThat(db.concurrentUseViolations()).as(db.firstConcurrentUse()).isZero();
        assertThat(db.maxConcurrentOpen()).as("open physical connections never exceed the maximum")
                .isLessThanOrEqualTo(MAXIMUM);
        assertThat(peakTotal.get()).isLessThanOrEqualTo(MAXIMUM);
        assertThat(before.active()).isZero();
        assertThat(statementFailures.sum()).as("fatal SQLStates were injected").isPositive();
        assertThat(after.closed(CloseReason.BROKEN)).isPositive();
        assertThat(after.connectFailures()).as("connect failures were injected").isPositive();
        assertThat(timeouts.sum()).as("no borrower should starve for 5 s with 8 connections").isZero();

        // After close(): every physical connection opened was closed exactly once.
        assertThat(db.openNow()).isZero();
        assertThat(db.doubleCloses()).isZero();
        assertThat(db.connections()).allSatisfy(c -> assertThat(c.closeCount()).isEqualTo(1));
        assertThat(after.connectionsCreated()).isEqualTo(db.opened());
        assertThat(after.totalClosed()).isEqualTo(db.opened());
        assertThat(after.total()).isZero();
    }
}
