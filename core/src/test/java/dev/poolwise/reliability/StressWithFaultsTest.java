package dev.poolwise.reliability;

import dev.poolwise.CloseReason;
import dev.poolwise.CountingListener;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolStats;
import dev.poolwise.PoolwiseDataSource;
import dev.poolwise.TimingTestBuilders;
import dev.poolwise.fake.FakeConnection;
import dev.poolwise.fake.FakeDatabase;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6, scenario 8: random work for a fixed number of operations while the fake driver fails 5 % of
 * connects, throws a fatal SQLState ({@code 08006}) on 2 % of statements and makes one connect in ten slow
 * (5 to 50 ms). Run by 64 platform threads here and by 10,000 virtual threads in the build's
 * {@code virtual-threads} execution. Afterwards invariants 1 to 3 hold, counted: no physical connection had
 * two borrowers, the driver never saw more than the maximum open, every operation is accounted for (counted
 * independently by the tasks, by the pool's listener events and stats, and by the database), and after
 * {@code close()} every physical connection opened was closed exactly once. ({@code PoolStressTest} covers
 * 32 threads with live resizing; this one adds the thread counts and slow connects.)
 */
class StressWithFaultsTest {

    private static final int MAXIMUM = 8;

    private final FakeDatabase db = FakeDatabase.create();

    @AfterEach
    void dropDatabase() {
        db.drop();
    }

    @Test
    void sixtyFourPlatformThreadsKeepInvariantsOneToThreeUnderInjectedFaults() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(64);
        run(threads, 64, 400);
    }

    @Test
    @Tag("virtual-threads")
    @EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+; the build runs this "
            + "test in its virtual-threads execution")
    void tenThousandVirtualThreadsKeepInvariantsOneToThreeUnderInjectedFaults() throws Exception {
        // Executors.newVirtualThreadPerTaskExecutor() is JDK 21 API; this class compiles with --release 17.
        ExecutorService threads =
                (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        run(threads, 10_000, 3);
    }

    /** Runs {@code tasks} tasks of {@code operations} borrow-work-return each on {@code threads}, then checks. */
    private void run(ExecutorService threads, int tasks, int operations) throws Exception {
        db.connectFailureRate(0.05);
        db.executeFailureRate(0.02, "08006");
        CountingListener poolCounts = new CountingListener();
        PoolwiseDataSource pool = new PoolwiseDataSource(TimingTestBuilders.builder()
                .dataSource(new SometimesSlowDataSource(db.dataSource()))
                .listener(poolCounts)
                .poolName("rel-stress")
                .maximumPoolSize(MAXIMUM)
                .minimumIdle(2)
                .idleTimeout(Duration.ofMillis(300))
                .maxLifetime(Duration.ofMillis(800))
                .validationBypassWindow(Duration.ofMillis(5))
                .keepaliveTime(Duration.ZERO)
                .connectionTimeout(Duration.ofSeconds(30))
                .shutdownTimeout(Duration.ofSeconds(2))
                .initializationFailTimeout(-1)
                .build());

        Set<FakeConnection> held = ConcurrentHashMap.newKeySet();
        AtomicInteger twoBorrowers = new AtomicInteger();
        LongAdder succeeded = new LongAdder();
        LongAdder borrowed = new LongAdder();
        LongAdder executesAttempted = new LongAdder();
        LongAdder statementFailures = new LongAdder();
        LongAdder timeouts = new LongAdder();
        LongAdder unexpected = new LongAdder();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(tasks);
        long start = System.nanoTime();
        for (int t = 0; t < tasks; t++) {
            threads.execute(() -> {
                try {
                    go.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < operations; i++) {
                        Connection c;
                        try {
                            c = pool.getConnection();
                        } catch (SQLTransientConnectionException e) {
                            timeouts.increment();
                            continue;
                        }
                        borrowed.increment();
                        FakeConnection raw = c.unwrap(FakeConnection.class);
                        if (!held.add(raw)) {
                            twoBorrowers.incrementAndGet();
                        }
                        try (PreparedStatement s = c.prepareStatement("update t set x = ?")) {
                            if (random.nextBoolean()) {
                                c.setAutoCommit(false);
                            }
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
                } catch (Throwable e) {
                    unexpected.increment();
                    e.printStackTrace();
                } finally {
                    finished.countDown();
                }
            });
        }
        go.countDown();
        assertThat(finished.await(2, TimeUnit.MINUTES)).as("all tasks finished").isTrue();
        threads.shutdown();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        PoolStats before = pool.stats();
        pool.close();
        PoolStats after = pool.stats();
        System.out.printf("stress with faults: %d tasks x %d operations in %d ms; %d ok, %d statement failures, "
                        + "%d timeouts; %d connections opened, %d connect failures%n", tasks, operations, millis,
                succeeded.sum(), statementFailures.sum(), timeouts.sum(), db.opened(), after.connectFailures());

        assertThat(unexpected.sum()).as("tasks that threw something unexpected").isZero();
        // Every operation accounted for, three independent ways: the tasks' tallies, the pool's own (listener
        // events, stats) and the database's.
        assertThat(poolCounts.acquired.sum()).as("borrows: the pool's count vs the tasks'").isEqualTo(borrowed.sum());
        assertThat(poolCounts.returned.sum()).as("returns: the pool's count vs the tasks' borrows")
                .isEqualTo(borrowed.sum());
        assertThat(poolCounts.timeouts.sum()).as("timeouts: the pool's events vs the tasks'")
                .isEqualTo(timeouts.sum()).isEqualTo(after.acquireTimeouts());
        assertThat(db.executes()).as("statements: the database's count vs the tasks'")
                .isEqualTo(executesAttempted.sum());
        assertThat(borrowed.sum()).as("borrows were made").isPositive();
        // Invariant 1.
        assertThat(twoBorrowers).as("a physical connection had two borrowers at once").hasValue(0);
        assertThat(db.concurrentUseViolations()).as(db.firstConcurrentUse()).isZero();
        // Invariant 2.
        assertThat(db.maxConcurrentOpen()).as("open physical connections never exceed the maximum")
                .isLessThanOrEqualTo(MAXIMUM);
        assertThat(before.active()).isZero();
        assertThat(statementFailures.sum()).as("fatal SQLStates were injected").isPositive();
        assertThat(after.closed(CloseReason.BROKEN)).isPositive();
        assertThat(after.connectFailures()).as("connect failures were injected").isPositive();
        assertThat(timeouts.sum()).as("nobody starves for 30 s with 8 connections").isZero();
        // Invariant 3: after close(), every physical connection opened was closed exactly once.
        assertThat(db.openNow()).isZero();
        assertThat(db.doubleCloses()).isZero();
        assertThat(db.connections()).allSatisfy(c -> assertThat(c.closeCount()).isEqualTo(1));
        assertThat(after.connectionsCreated()).isEqualTo(db.opened());
        assertThat(after.totalClosed()).isEqualTo(db.opened());
        assertThat(after.total()).isZero();
    }

    /** One connect in ten takes 5 to 50 ms longer. */
    private static final class SometimesSlowDataSource implements DataSource {
        private final DataSource target;

        SometimesSlowDataSource(DataSource target) {
            this.target = target;
        }

        private static void maybeSlow() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (random.nextInt(10) == 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5 + random.nextInt(46)));
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            maybeSlow();
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            maybeSlow();
            return target.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getLogger("fake");
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return target.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return target.isWrapperFor(iface);
        }
    }
}
