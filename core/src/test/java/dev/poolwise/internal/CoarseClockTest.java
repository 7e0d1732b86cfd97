package dev.poolwise.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The coarse clock's one property the borrow path's safety rests on, that it is never ahead of the real clock
 * (checks add {@link CoarseClock#MAX_LAG_NANOS} to err early), and that it holds on across its idle stop.
 */
class CoarseClockTest {

    @Test
    void neverReadsLaterThanTheRealClock() {
        for (int i = 0; i < 200_000; i++) {
            long coarse = CoarseClock.nanoTime();
            long real = System.nanoTime();
            if (coarse - real > 0) {
                throw new AssertionError("coarse " + coarse + " is ahead of the real clock " + real);
            }
        }
    }

    @Test
    void movesForwardWhileRead() throws InterruptedException {
        long first = CoarseClock.nanoTime();
        long deadline = System.nanoTime() + 10_000_000_000L;
        long later = first;
        // No timing assertion: only that it eventually moves, within a generous bound.
        while (later == first && System.nanoTime() - deadline < 0) {
            Thread.sleep(1);
            later = CoarseClock.nanoTime();
        }
        assertThat(later).as("the clock thread refreshed the time").isGreaterThan(first);
    }
}
