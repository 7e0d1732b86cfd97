package dev.poolwise;

import dev.poolwise.TargetSizeChange.Reason;

import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The public event's measured figures: kept as they were, shown in the log line, absent from older callers. */
class TargetSizeChangeTest {

    private static TargetSizeChange change(SortedMap<Integer, Double> measured) {
        return new TargetSizeChange("orders", 5, 4, 1, 32, Reason.SHRINK_EXPLORE, 3391.0, Duration.ofMillis(19),
                Duration.ofMillis(9), 2.1, 4.9, 60, Duration.ofMillis(18), measured);
    }

    @Test
    void theLogLineListsTheMeasuredThroughputBySize() {
        SortedMap<Integer, Double> measured = new TreeMap<>();
        measured.put(5, 3390.4);
        measured.put(1, 1740.0);

        assertThat(change(measured).toString())
                .startsWith("orders - target 5 -> 4 in [1, 32] (SHRINK_EXPLORE: throughput=3391.0/s")
                .endsWith(", wait=18.000ms, measured=1:1740/s 5:3390/s)");
    }

    @Test
    void keepsACopyThatNobodyCanChange() {
        SortedMap<Integer, Double> measured = new TreeMap<>();
        measured.put(2, 3740.0);
        TargetSizeChange change = change(measured);

        measured.put(3, 3330.0);

        assertThat(change.measuredThroughput()).containsOnlyKeys(2);
        assertThatThrownBy(() -> change.measuredThroughput().put(4, 1.0))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theConstructorWithoutFiguresLeavesThemEmptyAndTheLogLineAsBefore() {
        TargetSizeChange change = new TargetSizeChange("orders", 2, 6, 1, 8, Reason.GROW_QUEUEING, 89.1,
                Duration.ofMillis(22), Duration.ofMillis(22), 0, 2.02, 4, Duration.ofMillis(47));

        assertThat(change.measuredThroughput()).isEmpty();
        assertThat(change.toString()).endsWith("waiters=4, wait=47.000ms)").doesNotContain("measured");
    }
}
