package dev.poolwise.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.poolwise.cli.common.LatencyHistogram;
import org.junit.jupiter.api.Test;

/** The oracle's runs before and after the adaptive pool, on hand-made traces. */
class OracleRunsTest {

    @Test
    void refusesRunsThroughOtherPhasesOrOfOtherLengths() {
        AdaptiveTrace read = trace(List.of("read"), 4, 100, 100, 100, 100);

        assertThatThrownBy(() -> new OracleRuns(List.of(read, trace(List.of("hot-row"), 4, 1, 1, 1, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the oracle's runs ran [read] for 4 s each and [hot-row] for 4 s each; every run must"
                        + " run the same phases");
        assertThatThrownBy(() -> new OracleRuns(List.of(read, trace(List.of("read"), 3, 1, 1, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[read] for 3 s each");
    }

    @Test
    void meanSecondsAverageEachSecondOverTheRunsThatHaveIt() {
        AdaptiveTrace before = trace(List.of("read"), 4, 100, 200, 300, 400);
        // Stopped after three seconds.
        AdaptiveTrace after = new AdaptiveTrace(4, Duration.ofMillis(500), 0.1, Duration.ofSeconds(4), Duration.ZERO,
                List.of("read"), before.seconds().subList(0, 3).stream().map(s -> withCompleted(s, 3 * s.completed()))
                .toList(), before.latencies().subList(0, 3), List.of(), null);

        List<AdaptiveTrace.Second> mean = new OracleRuns(List.of(before, after)).meanSeconds();

        assertThat(mean).extracting(AdaptiveTrace.Second::completed).containsExactly(200L, 400L, 600L, 400L);
        assertThat(mean).extracting(AdaptiveTrace.Second::target).containsOnly(4);
        assertThat(OracleRuns.none().meanSeconds()).isEmpty();
        assertThat(OracleRuns.none().ran()).isFalse();
        assertThatThrownBy(() -> OracleRuns.none().first()).isInstanceOf(IllegalStateException.class);
    }

    private static AdaptiveTrace.Second withCompleted(AdaptiveTrace.Second s, long completed) {
        return new AdaptiveTrace.Second(s.second(), s.phase(), s.target(), s.open(), s.active(), s.waiting(),
                completed, s.failures(), s.databaseOpen());
    }

    /** One phase at 4 connections, completing {@code completed[i]} units in second {@code i}. */
    private static AdaptiveTrace trace(List<String> phases, int secondsPerPhase, long... completed) {
        List<AdaptiveTrace.Second> seconds = new ArrayList<>();
        List<LatencyHistogram> latencies = new ArrayList<>();
        for (int i = 0; i < completed.length; i++) {
            seconds.add(new AdaptiveTrace.Second(i, 0, 4, 4, 4, 0, completed[i], 0, 4));
            latencies.add(new LatencyHistogram());
        }
        return new AdaptiveTrace(4, Duration.ofMillis(500), 0.1, Duration.ofSeconds(secondsPerPhase), Duration.ZERO,
                phases, seconds, latencies, List.of(), null);
    }
}
