package dev.poolwise.internal.sizing;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The window recorder on a clock the test moves by hand: no sleeps. */
class SizingWindowRecorderTest {

    /** A clock that stands still until the test moves it. */
    private static final class ManualClock implements SizingClock {
        long now = 5_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }

        void advanceMillis(long millis) {
            now += TimeUnit.MILLISECONDS.toNanos(millis);
        }
    }

    @Test
    void aWindowCarriesTheMeansOfWhatWasRecordedAndTheStateAtItsEnd() {
        ManualClock clock = new ManualClock();
        SizingWindowRecorder recorder = new SizingWindowRecorder(clock);
        recorder.acquired(1_000_000);
        recorder.acquired(3_000_000);
        recorder.returned(10_000_000);
        recorder.returned(20_000_000);
        recorder.returned(30_000_000);
        recorder.timedOut();
        clock.advanceMillis(1_000);

        SizingWindow window = recorder.close(2, 1, 8, 3);

        assertThat(window.lengthNanos()).isEqualTo(1_000_000_000L);
        assertThat(window.completedBorrows()).isEqualTo(3);
        assertThat(window.meanHoldNanos()).isEqualTo(20_000_000L);
        assertThat(window.acquires()).isEqualTo(2);
        assertThat(window.meanWaitNanos()).isEqualTo(2_000_000L);
        assertThat(window.timeouts()).isEqualTo(1);
        assertThat(window.waiters()).isEqualTo(2);
        assertThat(window.idle()).isEqualTo(1);
        assertThat(window.open()).isEqualTo(8);
        assertThat(window.opened()).isEqualTo(3);
        assertThat(recorder.close(0, 0, 8).opened()).as("none said: none opened").isZero();
    }

    @Test
    void theNextWindowStartsEmptyWhereTheLastEnded() {
        ManualClock clock = new ManualClock();
        SizingWindowRecorder recorder = new SizingWindowRecorder(clock);
        recorder.returned(10_000_000);
        clock.advanceMillis(500);
        SizingWindow first = recorder.close(0, 4, 4);
        clock.advanceMillis(250);

        SizingWindow second = recorder.close(0, 4, 4);

        assertThat(second.startNanos()).isEqualTo(first.endNanos());
        assertThat(second.lengthNanos()).isEqualTo(250_000_000L);
        assertThat(second.completedBorrows()).isZero();
        assertThat(second.meanHoldNanos()).isZero();
        assertThat(second.meanWaitNanos()).isZero();
    }

    @Test
    void aClockThatDidNotMoveStillGivesAValidWindow() {
        ManualClock clock = new ManualClock();
        SizingWindowRecorder recorder = new SizingWindowRecorder(clock);

        SizingWindow window = recorder.close(0, 0, 0);

        assertThat(window.lengthNanos()).isEqualTo(1);
    }
}
