package dev.poolwise.internal.sizing;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller when throughput rises with time, not with connections: a fresh pool under 64 clients, whose
 * JVM, client threads and database backends warm up over its first seconds, climbs from its floor and so
 * measures its small sizes first, cold. Curves and warm-up as {@code poolwise tune} measured {@code read} on the
 * quieter 2-core machine (docs/adaptive.md, "Figures from tune"). Scripted windows; no clock, no sleeps.
 */
class TargetSizeControllerWarmUpTest {

    private static final long WINDOW_MILLIS = 500;
    private static final int CLIENTS = 64;
    private static final int CEILING = 32;

    /** {@code read} on the quieter machine: 1 connection completes 10,500/s, 2 to 32 connections 14,000/s. */
    private static final IntToDoubleFunction FLAT_READ = size -> size == 1 ? 10_500 : 14_000;

    /**
     * {@code hot-row} on the quieter machine: every transaction takes one row's lock; 2 connections complete the
     * most, 3 and 4 a little less, 1 a quarter less, and more connections steadily less.
     */
    private static final IntToDoubleFunction QUIET_HOT_ROW = size -> switch (size) {
        case 1 -> 2_000;
        case 2 -> 2_650;
        case 3 -> 2_450;
        case 4 -> 2_150;
        default -> Math.max(950, 2_150 - 75 * (size - 4));
    };

    private static List<Integer> targets(List<SizingDecision> decisions) {
        return decisions.stream().map(SizingDecision::target).toList();
    }

    @Test
    void measuresTheSmallSizesAgainBeforeKeepingALargeOneMeasuredWarm() {
        // Every size completes 35% of its curve in the first window, all of it after 20 s: the climb from 1
        // reads each larger size as faster. Without measuring the smaller sizes again the pool kept 21 to 29.
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, FLAT_READ).warmsUp(40, 0.35);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);

        List<SizingDecision> decisions = workload.drive(controller, 120, WINDOW_MILLIS, CEILING);

        assertThat(targets(decisions.subList(40, 120))).as("from 20 s on: below 10, where the curve is flat")
                .allSatisfy(target -> assertThat(target).isBetween(2, 9));
        // As the warm-up ends (20 s), the queue estimate at the size kept falls below alpha, and Vegas measures
        // the next size up once (it completes no more, and the pool comes back).
        assertThat(decisions.subList(50, 120)).as("from 25 s on, still").noneMatch(SizingDecision::changed);
    }

    @Test
    void growsIntoTheSizesADescentPassedOverWhenTheRowLockMakesTwoTheBest() {
        // At the change the stale read baseline walks the target down in steps of 4 to 1, past 2 and 3; the
        // larger size measured on the way (4 or 5) is slower than 1, which must not stop Vegas measuring 2 and 3.
        for (long seed = -1; seed < 5; seed++) {
            ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, FLAT_READ).warmsUp(40, 0.35);
            if (seed >= 0) {
                workload.noise(0.10, seed);
            }
            TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);
            workload.drive(controller, 120, WINDOW_MILLIS, CEILING);

            workload.curve(QUIET_HOT_ROW);
            List<SizingDecision> hotRow = workload.drive(controller, 120, WINDOW_MILLIS, CEILING);

            assertThat(targets(hotRow.subList(20, 120))).as("seed %d: from 10 s after the change", seed)
                    .allSatisfy(target -> assertThat(target).isBetween(2, 3));
        }
    }
}
