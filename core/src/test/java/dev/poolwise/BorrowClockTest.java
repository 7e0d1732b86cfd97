package dev.poolwise;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The borrow fast path stamps its borrow from a coarse clock (up to a few milliseconds behind the real one)
 * unless the borrow is timed. What is measured for listeners (and adaptive sizing) must still be exact: a hold
 * time never longer than the interval the test itself saw between borrow and close, a wait never longer than
 * the call.
 */
class BorrowClockTest extends PoolTestSupport {

    @Test
    void holdAndWaitTimesHeardByListenersLieWithinTheCallsThatMadeThem() throws Exception {
        List<Long> holds = Collections.synchronizedList(new ArrayList<>());
        List<Long> waits = Collections.synchronizedList(new ArrayList<>());
        PoolwiseDataSource pool = open(config().maximumPoolSize(2).minimumIdle(2).listener(new PoolListener() {
            @Override
            public void onAcquired(String poolName, long waitNanos) {
                waits.add(waitNanos);
            }

            @Override
            public void onReturned(String poolName, long holdNanos) {
                holds.add(holdNanos);
            }
        }));
        for (int i = 0; i < 2_000; i++) {
            holds.clear();
            waits.clear();
            long before = System.nanoTime();
            Connection c = pool.getConnection();
            long borrowed = System.nanoTime();
            c.close();
            long after = System.nanoTime();
            assertThat(waits).singleElement().satisfies(w -> assertThat(w).isBetween(0L, borrowed - before));
            assertThat(holds).singleElement().satisfies(h -> assertThat(h).isBetween(0L, after - before));
        }
    }
}
