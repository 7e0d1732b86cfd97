package dev.poolwise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolwise.fake.FakeConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * An adaptive pool under random load with its control loop on its own schedule (short windows) while other
 * threads resize it: the loop and {@code resize} race for real. After a fixed number of operations it checks
 * by counting: no connection had two borrowers, the database never saw more than the largest maximum open,
 * every target the loop chose was inside the bounds it reported, every borrow and return was seen by the
 * pool, and after {@code close()} every physical connection opened was closed exactly once.
 */
class AdaptiveSizingStressTest extends PoolTestSupport {

    private static final int THREADS = 16;
    private static final int OPERATIONS_PER_THREAD = 1_000;
    private static final int MAXIMUM = 8;

    @Test
    void invariantsHoldWhileTheControlLoopAndResizesMoveTheLimit() throws Exception {
        CountingListener poolCounts = new CountingListener();
        List<TargetSizeChange> changes = new CopyOnWriteArrayList<>();
        PoolwiseDataSource pool = open(config()
                .listener(poolCounts)
                .listener(new PoolListener() {
                    @Override
                    public void onTargetSizeChanged(TargetSizeChange change) {
                        changes.add(change);
                    }
                })
                .sizing(SizingMode.ADAPTIVE)
                .sizingWindow(ms(100))
                .maximumPoolSize(MAXIMUM)
                .validationBypassWindow(ms(5))
                .connectionTimeout(Duration.ofSeconds(10)));

        Set<FakeConnection> held = ConcurrentHashMap.newKeySet();
        AtomicInteger twoBorrowers = new AtomicInteger();
        LongAdder borrowed = new LongAdder();
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
                    if (random.nextInt(1_000) == 0) {
                        int size = 2 + random.nextInt(MAXIMUM - 1);
                        pool.resize(size, 1 + random.nextInt(2));
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
                    try (PreparedStatement s = c.prepareStatement("update t set x = ?")) {
                        s.setInt(1, i);
                        s.executeUpdate();
                        LockSupport.parkNanos(random.nextInt(1_000_000)); // up to 1 ms of work
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

        PoolStats before = pool.stats();
        pool.close();
        PoolStats after = pool.stats();

        assertThat(borrowed.sum()).isPositive();
        assertThat(poolCounts.acquired.sum()).as("borrows: the pool's count vs the threads'").isEqualTo(borrowed.sum());
        assertThat(poolCounts.returned.sum()).as("returns: the pool's count vs the threads'").isEqualTo(borrowed.sum());
        assertThat(timeouts.sum()).as("no borrower waited 10 s").isZero();
        assertThat(twoBorrowers).as("a physical connection had two borrowers at once").hasValue(0);
        assertThat(db.concurrentUseViolations()).as(db.firstConcurrentUse()).isZero();
        assertThat(db.maxConcurrentOpen()).as("open physical connections never exceed the largest maximum")
                .isLessThanOrEqualTo(MAXIMUM);
        assertThat(before.active()).isZero();
        assertThat(before.total()).isLessThanOrEqualTo(before.maximumPoolSize());
        assertThat(changes).as("the control loop moved the target during the run").isNotEmpty()
                .allSatisfy(change -> {
                    assertThat(change.target()).isBetween(change.floor(), change.ceiling());
                    assertThat(change.ceiling()).isBetween(1, MAXIMUM);
                    assertThat(change.target()).isNotEqualTo(change.previousTarget());
                });

        assertThat(db.openNow()).isZero();
        assertThat(db.doubleCloses()).isZero();
        assertThat(db.connections()).allSatisfy(c -> assertThat(c.closeCount()).isEqualTo(1));
        assertThat(after.connectionsCreated()).isEqualTo(db.opened());
        assertThat(after.totalClosed()).isEqualTo(db.opened());
    }
}
