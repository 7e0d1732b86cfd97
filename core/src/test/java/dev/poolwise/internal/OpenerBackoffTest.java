package dev.poolwise.internal;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolInitializationException;
import dev.poolwise.fake.FakeDatabase;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The opener's backoff between failed connects, on a {@link ManualClock}: each wait is recorded exactly and takes
 * no real time, so the sequence (doubling from 20 ms, capped at 1 s for a first connection and at 5 s while only
 * filling to {@code minimumIdle}) is checked without sleeping through it.
 */
class OpenerBackoffTest {

    private static final AtomicInteger NUMBER = new AtomicInteger();
    private static final SQLException REFUSED = new SQLException("connection refused (injected)", "08001");

    private final FakeDatabase db = FakeDatabase.create();
    private final ManualClock clock = new ManualClock();
    private Pool pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
        db.drop();
    }

    private PoolConfig.Builder config() {
        return PoolConfig.builder()
                .jdbcUrl(db.url())
                .poolName("backoff-" + NUMBER.incrementAndGet())
                .maximumPoolSize(2)
                .minimumIdle(1)
                .connectionTimeout(Duration.ofSeconds(5))
                .keepaliveTime(Duration.ZERO)
                .registerMbeans(false);
    }

    private static List<Long> millis(List<Long> nanos) {
        return nanos.stream().map(TimeUnit.NANOSECONDS::toMillis).toList();
    }

    @Test
    void aFirstConnectionIsRetriedWithDoublingBackoffUntilInitializationFailTimeoutRunsOut() {
        db.failConnectsAlways(REFUSED);

        assertThatThrownBy(() -> pool = new Pool(config().initializationFailTimeout(3_000).build(), clock))
                .isInstanceOf(PoolInitializationException.class)
                .hasMessageContaining("within initializationFailTimeout (3000 ms)")
                .hasMessageContaining("connection refused (injected)");

        // 20 + 40 + ... + 640 = 1,260 ms, then capped at 1 s, then the 740 ms left of the 3 s: the deadline is
        // on the same clock as the waits, so the sequence ends exactly at the timeout.
        assertThat(millis(clock.sleeps())).containsExactly(20L, 40L, 80L, 160L, 320L, 640L, 1_000L, 740L);
        assertThat(db.connectAttempts()).as("one attempt before each wait, and one after the last").isEqualTo(9L);
    }

    @Test
    void fillingToMinimumIdleBacksOffToFiveSecondsAndStopsBackingOffOnceAConnectSucceeds() {
        db.failConnectsAlways(REFUSED);
        int failingWaits = 10;
        clock.afterEachSleep(() -> {
            if (clock.sleeps().size() == failingWaits) {
                db.stopFailingConnects();
            }
        });

        pool = new Pool(config().initializationFailTimeout(-1).build(), clock); // no first connect: the opener fills

        await().atMost(Duration.ofSeconds(30)).until(() -> pool.total() == 1);
        assertThat(millis(clock.sleeps()))
                .as("no borrower waits, so the fill to minimumIdle doubles up to 5 s and stays there")
                .containsExactly(20L, 40L, 80L, 160L, 320L, 640L, 1_280L, 2_560L, 5_000L, 5_000L);
        assertThat((Throwable) pool.lastConnectFailure()).as("the success after the waits clears the last failure").isNull();
    }
}
