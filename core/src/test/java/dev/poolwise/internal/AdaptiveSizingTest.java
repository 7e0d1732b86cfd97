package dev.poolwise.internal;

import dev.poolwise.CloseReason;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolListener;
import dev.poolwise.PoolMode;
import dev.poolwise.SizingMode;
import dev.poolwise.TargetSizeChange;
import dev.poolwise.TargetSizeChange.Reason;
import dev.poolwise.fake.FakeDatabase;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Adaptive sizing wired into the pool, driven step by step: the scheduled control step is an hour away, so
 * each test runs {@link SizingControlLoop#step()} itself on a {@link ManualClock} and reads what the pool did.
 * Only the opener and closer threads run on their own; their results are awaited, never slept for.
 */
class AdaptiveSizingTest {

    private static final AtomicInteger NUMBER = new AtomicInteger();
    private static final Duration WINDOW = Duration.ofSeconds(1);

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
        Pool pool = open(config().minimumIdle(5));
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
