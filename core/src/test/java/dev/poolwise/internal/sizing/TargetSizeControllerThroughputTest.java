package dev.poolwise.internal.sizing;

import dev.poolwise.TargetSizeChange.Reason;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller against curves of throughput by pool size like those {@code poolwise tune} measured on the
 * shared 2-core machine (docs/adaptive.md, "Figures from tune"), in a closed loop of 64 clients and 500 ms
 * windows as tune's adaptive run: hold time rises with the connections wherever throughput does not, so Vegas
 * alone reads every plateau as a saturated database. Each test scripts the windows; no clock, no sleeps.
 */
class TargetSizeControllerThroughputTest {

    private static final long WINDOW_MILLIS = 500;
    private static final int CLIENTS = 64;
    private static final int CEILING = 32;

    /** {@code read}: 1 to 9 connections complete the same, 10 and more twice as much, and a little less past 20. */
    private static final IntToDoubleFunction READ = size -> size < 10 ? 20_000 : size <= 20 ? 40_000 : 37_000;

    /** {@code hot-row}: every transaction takes one row's lock, so one connection completes the most. */
    private static final IntToDoubleFunction HOT_ROW = size -> size == 1 ? 3_000 : Math.max(900, 2_100 - 60 * size);

    private static List<Integer> targets(List<SizingDecision> decisions) {
        return decisions.stream().map(SizingDecision::target).toList();
    }

    private static long changes(List<SizingDecision> decisions) {
        return decisions.stream().filter(SizingDecision::changed).count();
    }

    @Test
    void climbsPastAHoldTimePlateauToTheSizeThatCompletesTwiceAsMuch() {
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, READ);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);

        List<SizingDecision> decisions = workload.drive(controller, 120, WINDOW_MILLIS, CEILING);

        assertThat(decisions.stream().map(SizingDecision::reason)).contains(Reason.GROW_PROBE);
        assertThat(targets(decisions.subList(40, 120))).as("from 20 s on: past the plateau, within 20% of 10-12")
                .allSatisfy(target -> assertThat(target).isBetween(10, 14));
        assertThat(changes(decisions.subList(40, 120))).as("and still").isZero();
    }

    @Test
    void refusesSaturationShrinksBackOntoThePlateauItMeasured() {
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, READ);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);

        List<SizingDecision> steady = workload.drive(controller, 120, WINDOW_MILLIS, CEILING).subList(60, 120);

        assertThat(steady).as("hold time is 6x its 1-connection baseline, yet fewer connections complete half")
                .allSatisfy(decision -> {
                    assertThat(decision.queuedInDatabase()).isGreaterThan(SizingParameters.DEFAULTS.beta());
                    assertThat(decision.reason()).isEqualTo(Reason.HOLD_THROUGHPUT_GUARD);
                });
    }

    @Test
    void remembersWhatTheConnectionsOpenCompletedWhileThePoolStillOpensTowardsItsTarget() {
        // Connections open slowly (one a window), so a raised target is reached a second or two later: the
        // throughput of a window belongs to the connections the pool had, not to the target it was heading for.
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, READ).opensPerWindow(1);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);

        List<SizingDecision> decisions = workload.drive(controller, 160, WINDOW_MILLIS, CEILING);

        assertThat(targets(decisions.subList(80, 160))).as("from 40 s on: past the plateau")
                .allSatisfy(target -> assertThat(target).isBetween(10, 14));
        assertThat(changes(decisions.subList(80, 160))).as("and still").isZero();
    }

    @Test
    void aRowLockWorkloadSettlesAtOneConnectionAndStaysThere() {
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, HOT_ROW);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);

        List<SizingDecision> decisions = workload.drive(controller, 120, WINDOW_MILLIS, CEILING);

        assertThat(targets(decisions.subList(20, 120))).as("from 10 s on").allSatisfy(t -> assertThat(t).isEqualTo(1));
    }

    @Test
    void followsAReadPhaseIntoAHotRowPhaseWithinThirtySeconds() {
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, READ);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);
        workload.drive(controller, 120, WINDOW_MILLIS, CEILING);
        assertThat(controller.target()).isBetween(10, 14);

        workload.curve(HOT_ROW);
        List<SizingDecision> hotRow = workload.drive(controller, 120, WINDOW_MILLIS, CEILING);

        assertThat(targets(hotRow.subList(60, 120))).as("30 s after the change: at the lock's best size, and still")
                .allSatisfy(t -> assertThat(t).isEqualTo(1));
    }

    @Test
    void staysOnTheUpperPlateauWithFewChangesUnderTenPercentThroughputNoise() {
        for (long seed = 0; seed < 5; seed++) {
            ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, READ).noise(0.10, seed);
            TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);

            List<SizingDecision> decisions = workload.drive(controller, 240, WINDOW_MILLIS, CEILING);

            List<SizingDecision> steady = decisions.subList(60, 240);
            assertThat(targets(steady)).as("seed %d: from 30 s on, on the upper plateau (10 to 20 complete the same)",
                    seed).allSatisfy(t -> assertThat(t).isBetween(10, 20));
            assertThat(changes(steady)).as("seed %d: changes in the last 90 s", seed).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void oneOddWindowNeitherForgetsNorMovesTheTarget() {
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, READ);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);
        workload.drive(controller, 80, WINDOW_MILLIS, CEILING);
        int settled = controller.target();

        workload.curve(size -> READ.applyAsDouble(size) / 4); // a 400 ms pause inside one window
        SizingDecision odd = workload.drive(controller, 1, WINDOW_MILLIS, CEILING).get(0);
        workload.curve(READ);
        List<SizingDecision> after = workload.drive(controller, 40, WINDOW_MILLIS, CEILING);

        assertThat(odd.reason()).isEqualTo(Reason.HOLD_WORKLOAD_CHECK);
        assertThat(targets(after)).allSatisfy(t -> assertThat(t).isEqualTo(settled));
    }

    @Test
    void reachesTheRowLocksBestSizeWithinTenSecondsOfTheChange() {
        // After read, hot-row completes a tenth as much at every size, and hold time is 10 to 40 times read's
        // baseline: the stale baseline walks the target down while the memory is being forgotten.
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, READ);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);
        workload.drive(controller, 120, WINDOW_MILLIS, CEILING);

        workload.curve(HOT_ROW);
        List<SizingDecision> hotRow = workload.drive(controller, 20, WINDOW_MILLIS, CEILING);

        assertThat(targets(hotRow)).as("at the lock's best size within 10 s").contains(1);
    }
}
