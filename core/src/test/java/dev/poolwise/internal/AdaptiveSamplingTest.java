package dev.poolwise.internal;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolListener;
import dev.poolwise.SizingMode;
import dev.poolwise.fake.FakeDatabase;
import dev.poolwise.internal.sizing.SizingWindow;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adaptive sizing on the system clock without listeners times only a sample of the borrows served at once
 * (every {@code sizingSampleMask + 1}-th of each connection, the mask set by the control loop from how busy the
 * last window was) and records each as standing for that many: the window's counts stay whole-window estimates
 * while the other cycles read no clock. With a listener every borrow is timed and recorded once.
 */
class AdaptiveSamplingTest {

    private static final AtomicInteger NUMBER = new AtomicInteger();

    private final FakeDatabase db = FakeDatabase.create();
    private final List<Pool> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(Pool::close);
        db.drop();
    }

    private PoolConfig.Builder config() {
        return PoolConfig.builder()
                .jdbcUrl(db.url())
                .poolName("sampling-" + NUMBER.incrementAndGet())
                .sizing(SizingMode.ADAPTIVE)
                .sizingWindow(Duration.ofHours(1)) // the test closes the window itself
                .maximumPoolSize(1)
                .minimumIdle(1)
                .keepaliveTime(Duration.ZERO)
                .registerMbeans(false);
    }

    private Pool open(PoolConfig.Builder builder) {
        Pool pool = new Pool(builder.build()); // the system clock: the sampling applies
        pools.add(pool);
        return pool;
    }

    private static void cycles(Pool pool, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            try (Connection c = pool.borrow()) {
                c.isReadOnly();
            }
        }
    }

    @Test
    void theSampleLeavesAboutTwoHundredFiftySixTimedBorrowsPerWindow() {
        assertThat(SizingControlLoop.sampleMask(100, true)).as("a slow pool times every borrow").isZero();
        assertThat(SizingControlLoop.sampleMask(511, true)).isZero();
        assertThat(SizingControlLoop.sampleMask(512, true)).as("one in two").isEqualTo(1);
        assertThat(SizingControlLoop.sampleMask(10_000, true)).as("one in 32: 312 timed").isEqualTo(31);
        assertThat(SizingControlLoop.sampleMask(5_000_000, true)).as("never sparser than one in 1,024")
                .isEqualTo(SizingControlLoop.MAX_SAMPLE_MASK);
        assertThat(SizingControlLoop.sampleMask(5_000_000, false)).as("a test clock records every borrow").isZero();
    }

    @Test
    void aFreshAdaptivePoolTimesEveryBorrowUntilItsFirstWindow() {
        assertThat(open(config()).sizingSampleMask).isZero();
    }

    @Test
    void withoutListenersEverySixteenthHitIsTimedAndStandsForSixteen() throws Exception {
        Pool pool = open(config());
        pool.sizingSampleMask = 15; // as the loop sets it after a window of 4,096 to 8,191 borrows
        pool.adaptiveSizing.recorder.close(0, 0, 1); // start a clean window

        cycles(pool, 48);

        SizingWindow window = pool.adaptiveSizing.recorder.close(0, 1, 1);
        assertThat(window.completedBorrows()).as("three samples, sixteen borrows each").isEqualTo(48);
        assertThat(window.acquires()).isEqualTo(48);
        assertThat(window.meanHoldNanos()).as("the sampled holds were timed on the real clock").isPositive();
        assertThat(window.meanWaitNanos()).as("hits wait for nothing").isZero();

        cycles(pool, 15);
        assertThat(pool.adaptiveSizing.recorder.close(0, 1, 1).completedBorrows())
                .as("fifteen more hits hold no sample: nothing timed, nothing recorded").isZero();
    }

    @Test
    void withAListenerEveryBorrowIsTimedAndRecordedOnce() throws Exception {
        AtomicInteger heard = new AtomicInteger();
        Pool pool = open(config().listener(new PoolListener() {
            @Override
            public void onReturned(String poolName, long holdNanos) {
                heard.incrementAndGet();
            }
        }));
        pool.adaptiveSizing.recorder.close(0, 0, 1);

        cycles(pool, 21);

        assertThat(pool.adaptiveSizing.recorder.close(0, 1, 1).completedBorrows()).isEqualTo(21);
        assertThat(heard).hasValue(21);
    }

    @Test
    void aStaticPoolRecordsNothing() throws Exception {
        Pool pool = open(config().sizing(SizingMode.STATIC));
        assertThat(pool.sizingSampleMask).isEqualTo(-1);
        assertThat(pool.adaptiveSizing).isNull();
        cycles(pool, 3);
    }
}
