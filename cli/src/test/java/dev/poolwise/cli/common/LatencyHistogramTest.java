package dev.poolwise.cli.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreWithinThreePercentOfTheTrueValue() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long micros = 1; micros <= 10_000; micros++) {
            histogram.record(micros * 1_000);
        }

        assertThat(histogram.count()).isEqualTo(10_000);
        assertThat((double) histogram.percentileNanos(50)).isCloseTo(5_000_000, within(150_000.0));
        assertThat((double) histogram.percentileNanos(99)).isCloseTo(9_900_000, within(300_000.0));
        assertThat(histogram.maxNanos()).isEqualTo(10_000_000);
        assertThat(histogram.percentileNanos(100)).isLessThanOrEqualTo(10_000_000);
    }

    @Test
    void addingAHistogramGivesWhatRecordingBothWouldHave() {
        LatencyHistogram fast = new LatencyHistogram();
        LatencyHistogram slow = new LatencyHistogram();
        LatencyHistogram both = new LatencyHistogram();
        for (long micros = 1; micros <= 1_000; micros++) {
            fast.record(micros * 1_000);
            slow.record(micros * 10_000);
            both.record(micros * 1_000);
            both.record(micros * 10_000);
        }

        fast.add(slow);

        assertThat(fast.count()).isEqualTo(2_000);
        assertThat(fast.maxNanos()).isEqualTo(10_000_000);
        for (double percentile : new double[] {1, 50, 90, 99, 100}) {
            assertThat(fast.percentileNanos(percentile)).as("p%s", percentile)
                    .isEqualTo(both.percentileNanos(percentile));
        }
        assertThat(slow.count()).as("the added histogram is left as it was").isEqualTo(1_000);
    }

    @Test
    void bucketsCoverEveryLongInOrder() {
        int previous = -1;
        for (int shift = 0; shift < 63; shift++) {
            long value = 1L << shift;
            for (long v : new long[] {value, value + value / 3, 2 * value - 1}) {
                int index = LatencyHistogram.indexOf(v);
                assertThat(index).isGreaterThanOrEqualTo(previous);
                assertThat(LatencyHistogram.lowestOf(index)).isLessThanOrEqualTo(v);
                previous = index;
            }
        }
        assertThat(LatencyHistogram.indexOf(Long.MAX_VALUE)).isGreaterThan(previous - 1);
    }

    @Test
    void emptyHistogramReportsZero() {
        assertThat(new LatencyHistogram().percentileNanos(99)).isZero();
    }
}
