package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import dev.poolwise.cli.common.LatencyHistogram;
import org.junit.jupiter.api.Test;

class SizeResultTest {

    private static SizeResult.Measured round(String phase, long transactions, double seconds, List<Double> slices,
                                             long latencyNanos, int activeMax) {
        LatencyHistogram latency = new LatencyHistogram();
        for (long i = 0; i < transactions; i++) {
            latency.record(latencyNanos);
        }
        SizeResult.Round figures = new SizeResult.Round(phase, transactions, 0, seconds, transactions / seconds,
                latencyNanos / 1e6, slices);
        return new SizeResult.Measured(figures, latency, new LatencyHistogram(), transactions * 1_000_000L, null,
                new SizeResult.DatabaseActivity(activeMax, activeMax, activeMax / 2.0, 10));
    }

    @Test
    void takesTheRoundsTogether() {
        SizeResult size = SizeResult.of("poolwise", 8, List.of(
                round(SizeResult.COARSE, 3_000, 3, List.of(900.0, 1_000.0, 1_100.0), 2_000_000, 6),
                round(SizeResult.REMEASURE, 3_600, 3, List.of(1_100.0, 1_200.0, 1_300.0), 8_000_000, 8)));

        assertThat(size.rounds()).hasSize(2);
        assertThat(size.phase()).isEqualTo(SizeResult.COARSE);
        assertThat(size.transactions()).isEqualTo(6_600);
        assertThat(size.seconds()).isEqualTo(6);
        assertThat(size.throughput()).isEqualTo(1_100);
        // The slices' spread gives the width, around the throughput over both windows.
        ConfidenceInterval slices = ConfidenceInterval.of95(List.of(900.0, 1_000.0, 1_100.0, 1_100.0, 1_200.0,
                1_300.0));
        assertThat(size.interval().mean()).isEqualTo(1_100);
        assertThat(size.interval().halfWidth()).isCloseTo(slices.halfWidth(), within(1e-9));
        assertThat(size.interval().samples()).isEqualTo(6);
        // Histograms merged: more than half the units took 8 ms, so the median is the second round's.
        assertThat(size.latency().p50()).isCloseTo(8, within(0.3));
        assertThat(size.holdMeanMs()).isCloseTo(1, within(1e-9));
        assertThat(size.activity().activeMax()).isEqualTo(8);
        assertThat(size.activity().samples()).isEqualTo(20);
    }

    @Test
    void anIntervalNeverReachesBelowZero() {
        SizeResult size = SizeResult.of("poolwise", 2, List.of(
                round(SizeResult.COARSE, 10, 2, List.of(0.0, 10.0), 1_000_000, 2),
                round(SizeResult.COARSE, 400, 2, List.of(390.0, 410.0), 1_000_000, 2)));

        assertThat(size.interval().low()).isZero();
        assertThat(size.interval().high()).isGreaterThan(size.throughput());
    }

    @Test
    void withoutSlicesTheRoundsRatesGiveTheWidth() {
        SizeResult size = SizeResult.of("poolwise", 4, List.of(
                round(SizeResult.COARSE, 100, 1, List.of(), 1_000_000, 4),
                round(SizeResult.COARSE, 104, 1, List.of(), 1_000_000, 4)));

        assertThat(size.interval().samples()).isEqualTo(2);
        assertThat(size.interval().halfWidth()).isCloseTo(ConfidenceInterval.of95(List.of(100.0, 104.0)).halfWidth(),
                within(1e-9));
    }
}
