package dev.poolwise.internal;

import dev.poolwise.CloseReason;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolHealth;
import dev.poolwise.PoolListener;
import dev.poolwise.PoolMode;
import dev.poolwise.SizingMode;
import dev.poolwise.TargetSizeChange;
import dev.poolwise.TargetSizeChange.Reason;
import dev.poolwise.fake.FakeDatabase;
import dev.poolwise.internal.sizing.SizingParameters;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Adaptive sizing wired into the pool, driven step by step: the scheduled control step is an hour away, so
 * each test runs {@link SizingControlLoop#step()} itself on a {@link ManualClock} and reads what the pool did.
 * Only the opener and closer threads run on their own; their results are awaited, never slept for.
 */
class AdaptiveSizingTest {

    private static final AtomicInteger NUMBER = new AtomicInteger();
    private static final Duration WINDOW = Duration.ofSeconds(1);
    /** The {@code sizingReserveTime} of the reserve's tests (off by default). */
    private static final Duration RESERVE_TIME = Duration.ofSeconds(5);

    private final FakeDatabase db = FakeDatabase.create();
    private final ManualClock clock = new ManualClock();
    private final List<Pool> pools = new ArrayList<>();
    private final List<TargetSizeChange> changes = new CopyOnWriteArrayList<>();
    private final ExecutorService borrowers = Executors.newCachedThreadPool();

    @AfterEach
    void closePools() throws InterruptedException {
        pools.forEach(Pool::close);
        borrowers.shutdownNow();
        borrowers.awaitTermination(10, TimeUnit.SECONDS);
        db.drop();
    }

    private PoolConfig.Builder config() {
        return PoolConfig.builder()
                .jdbcUrl(db.url())
                .poolName("adaptive-" + NUMBER.incrementAndGet())
                .sizing(SizingMode.ADAPTIVE)
                .sizingWindow(Duration.ofHours(1)) // the test runs the steps
                .maximumPoolSize(10)
                .connectionTimeout(Duration.ofSeconds(20))
                .idleTimeout(Duration.ofMinutes(10))
                .maxLifetime(Duration.ofMinutes(30))
                .keepaliveTime(Duration.ZERO)
                .registerMbeans(false)
                .listener(new PoolListener() {
                    @Override
                    public void onTargetSizeChanged(TargetSizeChange change) {
                        changes.add(change);
                    }
                });
    }

    private Pool open(PoolConfig.Builder builder) {
        Pool pool = new Pool(builder.build(), clock);
        pools.add(pool);
        return pool;
    }

    private void step(Pool pool) {
        clock.advance(WINDOW);
        pool.adaptiveSizing.step();
    }

    /** A pool whose target starts at 5 with 5 idle connections open, then may go down to 1. */
    private Pool poolAtFiveIdle() {
        return poolAtFiveIdle(config());
    }

    private Pool poolAtFiveIdle(PoolConfig.Builder builder) {
        Pool pool = open(builder.minimumIdle(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.idleCount() == 5);
        pool.resize(10, 1);
        assertThat(pool.targetSize()).isEqualTo(5);
        return pool;
    }

    @Test
    void startsAtItsFloorAndGrowsWhenBorrowersQueue() throws Exception {
        Pool pool = open(config());
        assertThat(pool.targetSize()).as("an adaptive pool starts at max(1, minimumIdle)").isEqualTo(1);
        Connection held = pool.borrow();
        Future<Boolean> queued = borrowers.submit(() -> {
            try (Connection c = pool.borrow()) {
                return c.isValid(1);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.waiters() == 1);
        assertThat(pool.total()).as("the opener never opens past the target").isEqualTo(1);

        step(pool);

        assertThat(pool.targetSize()).isEqualTo(2);
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.poolName()).isEqualTo(pool.name);
            assertThat(change.previousTarget()).isEqualTo(1);
            assertThat(change.target()).isEqualTo(2);
            assertThat(change.floor()).isEqualTo(1);
            assertThat(change.ceiling()).isEqualTo(10);
            assertThat(change.reason()).isEqualTo(Reason.GROW_QUEUEING_UNMEASURED);
            assertThat(change.waiters()).isEqualTo(1);
        });
        assertThat(queued.get(10, TimeUnit.SECONDS)).as("the queued borrower got the connection the growth allowed")
                .isTrue();
        assertThat(pool.stats().targetSize()).isEqualTo(2);
        held.close();
    }

    @Test
    void shrinksWhenConnectionsSitIdleAndClosesTheIdleOnesAboveTheTarget() {
        Pool pool = poolAtFiveIdle();
        step(pool);
        step(pool);
        assertThat(pool.targetSize()).as("two idle windows: not yet").isEqualTo(5);
        step(pool);
        assertThat(pool.targetSize()).as("the third idle window shrinks by half the spare").isLessThan(5);
        int target = pool.targetSize();
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.reason()).isEqualTo(Reason.SHRINK_IDLE);
            assertThat(change.previousTarget()).isEqualTo(5);
            assertThat(change.target()).isEqualTo(target);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.total() == target);
        assertThat(pool.stats().closed(CloseReason.RESIZED)).isEqualTo(5 - target);
    }

    @Test
    void theEventCarriesTheMeasuredHoldTimeThroughputAndBaseline() throws Exception {
        Pool pool = open(config());
        for (int i = 0; i < 20; i++) { // 20 borrows held 10 ms each on the pool's clock
            try (Connection c = pool.borrow()) {
                clock.advance(Duration.ofMillis(10));
            }
        }
        Connection held = pool.borrow();
        Future<Boolean> queued = borrowers.submit(() -> {
            try (Connection c = pool.borrow()) {
                return c.isValid(1);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.waiters() == 1);
        clock.advance(Duration.ofMillis(800)); // the window is 1 s long: 200 ms of borrows, 800 ms more

        pool.adaptiveSizing.step();

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.reason()).as("enough borrows to trust the hold time").isEqualTo(Reason.GROW_QUEUEING);
            assertThat(change.previousTarget()).isEqualTo(1);
            assertThat(change.target()).isEqualTo(2);
            assertThat(change.meanHold()).isEqualTo(Duration.ofMillis(10));
            assertThat(change.baselineHold()).as("the first trusted window sets the baseline")
                    .isEqualTo(Duration.ofMillis(10));
            assertThat(change.throughput()).as("20 completed borrows in a 1 s window").isEqualTo(20.0);
            assertThat(change.meanInUse()).as("Little's law: 20/s x 10 ms").isCloseTo(0.2, within(1e-9));
            assertThat(change.queuedInDatabase()).isZero();
            assertThat(change.waiters()).isEqualTo(1);
        });
        assertThat(queued.get(10, TimeUnit.SECONDS)).isTrue();
        held.close();
    }

    @Test
    void aSaturationShrinkClosesBorrowedConnectionsAboveTheTargetOnlyWhenTheyComeBack() throws Exception {
        Pool pool = poolAtFiveIdle(config().sizingReserveTime(Duration.ZERO)); // no reserve: close at once
        // Window 1: five borrowers at a time, 10 ms each: the no-load hold time.
        for (int round = 0; round < 10; round++) {
            returnAll(borrowFive(pool), Duration.ofMillis(10));
        }
        pool.adaptiveSizing.step();
        assertThat(changes).as("hold time at its baseline: no change").isEmpty();
        // Window 2: the same five borrowers, each hold ten times as long: the database queues.
        for (int round = 0; round < 5; round++) {
            returnAll(borrowFive(pool), Duration.ofMillis(100));
        }
        List<Connection> held = borrowFive(pool);
        clock.advance(Duration.ofMillis(100));
        pool.adaptiveSizing.step();

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.reason()).isEqualTo(Reason.SHRINK_SATURATED);
            assertThat(change.baselineHold()).isEqualTo(Duration.ofMillis(10));
            assertThat(change.meanHold()).isEqualTo(Duration.ofMillis(100));
            assertThat(change.queuedInDatabase()).isGreaterThan(2.0);
        });
        int target = pool.targetSize();
        assertThat(target).isLessThan(5);
        assertThat(pool.stats().closed(CloseReason.RESIZED)).as("never closed under its borrower").isZero();
        for (Connection c : held) {
            assertThat(c.isValid(1)).isTrue();
            c.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.total() == target);
        assertThat(pool.stats().closed(CloseReason.RESIZED)).isEqualTo(5 - target);
        assertThat(pool.idleCount()).isEqualTo(target);
    }

    /**
     * A pool at five connections that a saturation shrink took below five while all five were borrowed, and whose
     * borrowers then gave them back: the ones above the target are in its reserve.
     */
    private Pool poolHoldingConnectionsAfterASaturationShrink() throws Exception {
        return poolHoldingConnectionsAfterASaturationShrink(config());
    }

    private Pool poolHoldingConnectionsAfterASaturationShrink(PoolConfig.Builder config) throws Exception {
        Pool pool = poolAtFiveIdle(config.sizingReserveTime(RESERVE_TIME));
        for (int round = 0; round < 10; round++) {
            returnAll(borrowFive(pool), Duration.ofMillis(10)); // the no-load hold time
        }
        pool.adaptiveSizing.step();
        for (int round = 0; round < 5; round++) {
            returnAll(borrowFive(pool), Duration.ofMillis(100)); // ten times as long: the database queues
        }
        List<Connection> held = borrowFive(pool);
        clock.advance(Duration.ofMillis(100));
        pool.adaptiveSizing.step();
        assertThat(changes).singleElement().extracting(TargetSizeChange::reason).isEqualTo(Reason.SHRINK_SATURATED);
        for (Connection c : held) {
            c.close();
        }
        return pool;
    }

    @Test
    void aSaturationShrinkHoldsTheConnectionsItGaveUpOpenButUnlent() throws Exception {
        Pool pool = poolHoldingConnectionsAfterASaturationShrink();
        int target = pool.targetSize();
        assertThat(target).isLessThan(5);

        assertThat(pool.reserve.count()).as("held in the reserve").isEqualTo(5 - target);
        assertThat(pool.total()).as("still open").isEqualTo(5);
        assertThat(pool.idleCount()).as("lendable").isEqualTo(target);
        assertThat(pool.stats().active()).as("held, not borrowed").isZero();
        assertThat(pool.stats().closed(CloseReason.RESIZED)).isZero();
        assertThat(pool.stats().reserved()).as("PoolStats.reserved").isEqualTo(5 - target);
        assertThat(pool.stats().toString()).contains("reserved=" + (5 - target));
        assertThat(pool.counts()).as("the timeout message's counts").contains("reserved=" + (5 - target));
        // Borrowers get the target's connections and no more: the held ones are not lent.
        List<Connection> lent = new ArrayList<>();
        for (int i = 0; i < target; i++) {
            lent.add(pool.borrow());
        }
        Future<Connection> queued = borrowers.submit(() -> pool.borrow());
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.waiters() == 1);
        assertThat(pool.total()).as("nothing opened for the waiter beyond the target").isEqualTo(5);
        lent.get(0).close();
        queued.get(10, TimeUnit.SECONDS).close();
        for (Connection c : lent.subList(1, lent.size())) {
            c.close();
        }
        assertThat(pool.reserve.count()).isEqualTo(5 - target);
    }

    @Test
    void aRiseLendsTheHeldConnectionsBackInsteadOfOpeningNewOnes() throws Exception {
        Pool pool = poolHoldingConnectionsAfterASaturationShrink();
        int target = pool.targetSize();
        long created = pool.created.sum();
        // The same hold time with fewer connections: the rise was the queries, not queueing. The controller
        // undoes its shrink (REBASE_RESTORE) after the settling window and two windows that confirm it.
        for (int window = 0; window < 6 && changes.size() == 1; window++) {
            for (int round = 0; round < 10; round++) {
                List<Connection> borrowed = new ArrayList<>();
                for (int i = 0; i < target; i++) {
                    borrowed.add(pool.borrow());
                }
                returnAll(borrowed, Duration.ofMillis(100));
            }
            pool.adaptiveSizing.step();
        }
        assertThat(changes).hasSize(2);
        assertThat(changes.get(1)).satisfies(change -> {
            assertThat(change.reason()).isEqualTo(Reason.REBASE_RESTORE);
            assertThat(change.target()).isEqualTo(5);
        });
        assertThat(pool.reserve.count()).as("all lent back").isZero();
        assertThat(pool.idleCount()).isEqualTo(5);
        assertThat(pool.created.sum()).as("no connection opened for the rise").isEqualTo(created);
        assertThat(pool.stats().closed(CloseReason.RESIZED)).isZero();
    }

    @Test
    void heldConnectionsCloseAfterSizingReserveTime() throws Exception {
        Pool pool = poolHoldingConnectionsAfterASaturationShrink();
        int target = pool.targetSize();
        clock.advance(RESERVE_TIME.minusMillis(1));
        pool.adaptiveSizing.step();
        assertThat(pool.reserve.count()).as("not yet").isEqualTo(5 - target);

        step(pool);

        assertThat(pool.reserve.count()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.total() == target);
        assertThat(pool.stats().closed(CloseReason.RESIZED)).isEqualTo(5 - target);
        assertThat(pool.idleCount()).isEqualTo(target);
        assertThat(pool.stats().reserved()).isZero();
        assertThat(pool.stats().toString()).doesNotContain("reserved");
    }

    @Test
    void aResizeAnEvictionAndACeilingBelowTheOpenConnectionsCloseTheHeldOnesAtOnce() throws Exception {
        Pool resized = poolHoldingConnectionsAfterASaturationShrink();
        int target = resized.targetSize();
        resized.resize(10, 1);
        assertThat(resized.reserve.count()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> resized.total() == target);
        assertThat(resized.stats().closed(CloseReason.RESIZED)).isEqualTo(5 - target);

        changes.clear();
        Pool evicted = poolHoldingConnectionsAfterASaturationShrink();
        evicted.evictIdle();
        assertThat(evicted.reserve.count()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> evicted.stats().closed(CloseReason.EVICTED) == 5);

        changes.clear();
        Pool capped = poolHoldingConnectionsAfterASaturationShrink();
        int cappedTarget = capped.targetSize();
        capped.reserve.expire(4); // what a step does when a fleet ceiling of 4 comes with 5 open
        assertThat(capped.reserve.count()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> capped.total() == cappedTarget);
    }

    @Test
    void anIdleShrinkClosesAtOnceAndStopsHolding() throws Exception {
        Pool pool = poolHoldingConnectionsAfterASaturationShrink();
        int target = pool.targetSize();
        pool.sizingTarget = 1; // as a step deciding SHRINK_IDLE down to 1 publishes it, then acts on it
        pool.adaptiveSizing.actOn(target, 1, Reason.SHRINK_IDLE, 10);
        assertThat(pool.reserve.count()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.total() == 1);
        assertThat(pool.stats().closed(CloseReason.RESIZED)).isEqualTo(4);
    }

    @Test
    void shutdownClosesTheHeldConnectionsWithoutWaitingForThem() throws Exception {
        Pool pool = poolHoldingConnectionsAfterASaturationShrink();
        pool.close();
        assertThat(pool.reserve.count()).isZero();
        assertThat(pool.total()).isZero();
        assertThat(pool.stats().closed(CloseReason.SHUTDOWN)).isEqualTo(5);
        assertThat(pool.stats().closed(CloseReason.ABORTED)).isZero();
    }

    private List<Connection> borrowFive(Pool pool) throws Exception {
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            held.add(pool.borrow());
        }
        return held;
    }

    private void returnAll(List<Connection> held, Duration after) throws Exception {
        clock.advance(after);
        for (Connection c : held) {
            c.close();
        }
    }

    @Test
    void theTargetNeverLeavesItsBoundsAndFollowsAResizeAtTheNextStep() {
        Pool pool = poolAtFiveIdle();
        pool.resize(3, 1);
        assertThat(pool.targetSize()).as("a lower maximum caps the target at once").isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.total() == 3);
        step(pool);
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.reason()).isEqualTo(Reason.BOUNDS);
            assertThat(change.previousTarget()).isEqualTo(5);
            assertThat(change.target()).isEqualTo(3);
            assertThat(change.ceiling()).isEqualTo(3);
        });

        pool.resize(10, 8);
        step(pool);
        assertThat(changes.get(changes.size() - 1)).satisfies(change -> {
            assertThat(change.reason()).isEqualTo(Reason.BOUNDS);
            assertThat(change.target()).isEqualTo(8);
            assertThat(change.floor()).isEqualTo(8);
            assertThat(change.ceiling()).isEqualTo(10);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.idleCount() == 8);
        for (int i = 0; i < 10; i++) {
            step(pool); // idle: but the floor is 8
            assertThat(pool.targetSize()).isBetween(8, 10);
        }
        assertThat(pool.targetSize()).isEqualTo(8);
        assertThat(changes).allSatisfy(change ->
                assertThat(change.target()).isBetween(change.floor(), change.ceiling()));
    }

    @Test
    void windowsThatSawASuspensionAreDiscardedSoASuspendedPoolIsNotShrunkForIdleness() {
        Pool pool = open(config().minimumIdle(5).allowPoolSuspension(true));
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.idleCount() == 5);
        pool.resize(10, 1);
        pool.suspend();
        for (int i = 0; i < 5; i++) {
            step(pool);
        }
        assertThat(changes).as("suspended: no decision").isEmpty();
        assertThat(pool.total()).isEqualTo(5);
        pool.resume();
        step(pool); // this window began suspended: discarded too
        step(pool);
        step(pool);
        assertThat(changes).as("two idle windows counted since the resume, not seven").isEmpty();
        step(pool);
        assertThat(changes).singleElement().extracting(TargetSizeChange::reason).isEqualTo(Reason.SHRINK_IDLE);
    }

    @Test
    void aSuspensionThatBeganAndEndedWithinOneWindowStillDiscardsIt() {
        Pool pool = open(config().minimumIdle(5).allowPoolSuspension(true));
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.idleCount() == 5);
        pool.resize(10, 1);
        step(pool);
        step(pool);
        pool.suspend();
        pool.resume();
        step(pool);
        assertThat(changes).as("the third idle window saw a suspension: not counted").isEmpty();
        step(pool);
        assertThat(changes).singleElement().extracting(TargetSizeChange::reason).isEqualTo(Reason.SHRINK_IDLE);
    }

    @Test
    void aListenerThatThrowsNeitherStopsTheLoopNorKeepsTheOtherListenersFromHearing() {
        AtomicInteger thrown = new AtomicInteger();
        Pool pool = open(config().minimumIdle(5).listener(new PoolListener() {
            @Override
            public void onTargetSizeChanged(TargetSizeChange change) {
                thrown.incrementAndGet();
                throw new IllegalStateException("listener bug");
            }
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.idleCount() == 5);
        pool.resize(10, 1);
        for (int i = 0; i < 12 && changes.size() < 2; i++) {
            step(pool);
        }
        assertThat(changes).as("two idle shrinks, one after the other").hasSize(2)
                .allSatisfy(change -> assertThat(change.reason()).isEqualTo(Reason.SHRINK_IDLE));
        assertThat(thrown).hasValue(2);
        assertThat(pool.targetSize()).isEqualTo(changes.get(1).target());
    }

    @Test
    void healthJudgesSaturationAgainstTheTargetAndTheTimeoutCountsNameIt() throws Exception {
        Pool pool = open(config());
        Connection held = pool.borrow();
        Future<Boolean> queued = borrowers.submit(() -> {
            try (Connection c = pool.borrow()) {
                return c.isValid(1);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.waiters() == 1);
        assertThat(pool.health().status()).as("saturation first seen").isEqualTo(PoolHealth.Status.UP);
        clock.advance(Duration.ofSeconds(6));
        PoolHealth health = pool.health();
        assertThat(health.status()).as("1 of a maximum of 10 open, but that is the whole target")
                .isEqualTo(PoolHealth.Status.DEGRADED);
        assertThat(health.reason()).contains("saturated", "adaptive target 1 of maximumPoolSize 10");
        assertThat(pool.counts()).endsWith(", target=1)");
        held.close();
        assertThat(queued.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void jmxReportsTheTargetAndTheSizingMode() throws Exception {
        Pool pool = open(config().registerMbeans(true));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.poolwise:type=Pool,name=" + pool.name);
        assertThat(server.getAttribute(name, "TargetSize")).isEqualTo(1);
        assertThat(server.getAttribute(name, "Sizing")).isEqualTo("adaptive");
        pool.resize(10, 3);
        step(pool);
        assertThat(server.getAttribute(name, "TargetSize")).as("moved to the new floor").isEqualTo(3);
    }

    @Test
    void jmxReportsTheReservedConnections() throws Exception {
        Pool pool = poolHoldingConnectionsAfterASaturationShrink(config().registerMbeans(true));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.poolwise:type=Pool,name=" + pool.name);
        int held = 5 - pool.targetSize();
        assertThat(held).isPositive();
        assertThat(server.getAttribute(name, "ReservedConnections")).isEqualTo(held);
        assertThat(server.getAttribute(name, "IdleConnections")).as("held ones are not idle")
                .isEqualTo(pool.targetSize());
        pool.resize(10, 1); // a resize closes the reserve at once
        assertThat(server.getAttribute(name, "ReservedConnections")).isEqualTo(0);
    }

    @Test
    void unpooledModeHasNothingToSize() {
        Pool pool = open(config().mode(PoolMode.UNPOOLED));
        assertThat(pool.adaptiveSizing).isNull();
        assertThat(pool.targetSize()).isEqualTo(10);
        assertThat(pool.stats().targetSize()).isEqualTo(10);
    }

    @Test
    void theControllerJudgesThroughputWithThePoolsSizingTolerance() {
        assertThat(open(config()).adaptiveSizing.controller.parameters().throughputTolerance())
                .as("default").isEqualTo(PoolConfig.DEFAULT_SIZING_TOLERANCE);
        Pool pool = open(config().sizingTolerance(0.05));
        assertThat(pool.adaptiveSizing.controller.parameters().throughputTolerance()).isEqualTo(0.05);
        assertThat(pool.adaptiveSizing.controller.parameters().withThroughputTolerance(0.1))
                .as("nothing else differs from the defaults").isEqualTo(SizingParameters.DEFAULTS);
    }

    @Test
    void onlyAnAdaptivePoolMeasuresBorrowsWhenNobodyListens() {
        PoolConfig.Builder bare = PoolConfig.builder().jdbcUrl(db.url()).maximumPoolSize(3).registerMbeans(false);
        Pool staticPool = open(bare.poolName("static-" + NUMBER.incrementAndGet()));
        Pool adaptivePool = open(bare.poolName("adaptive-" + NUMBER.incrementAndGet()).sizing(SizingMode.ADAPTIVE));
        assertThat(staticPool.events().any()).as("static, no listener: borrow and return read no extra clock")
                .isFalse();
        assertThat(staticPool.events().sizing()).isFalse();
        assertThat(adaptivePool.events().any()).as("adaptive, no listener: no listener to time every borrow for")
                .isFalse();
        assertThat(adaptivePool.events().sizing()).as("adaptive: the sizing window is fed").isTrue();
        assertThat(adaptivePool.sizingSampleMask).as("on this test's manual clock every borrow is recorded")
                .isZero();
    }

    @Test
    void staticSizingKeepsTheMaximumAsItsLimitAndHasNoLoop() {
        Pool pool = open(config().sizing(SizingMode.STATIC).minimumIdle(2));
        assertThat(pool.adaptiveSizing).isNull();
        assertThat(pool.targetSize()).isEqualTo(10);
        assertThat(pool.stats().targetSize()).isEqualTo(10);
        pool.resize(7, 2);
        assertThat(pool.targetSize()).isEqualTo(7);
        assertThat(changes).isEmpty();
    }
}
