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
 * Adaptive sizing on the system clock without listeners times only every sixteenth borrow of each connection
 * served at once, and records it as standing for sixteen: the window's counts stay whole-window estimates
 * while fifteen cycles in sixteen read no clock. With a listener every borrow is timed and recorded once.
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
    void withoutListenersEverySixteenthHitIsTimedAndStandsForSixteen() throws Exception {
        Pool pool = open(config());
        assertThat(pool.sizingSampleMask).isEqualTo(15);
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
