package dev.poolwise.internal.sizing;

import dev.poolwise.TargetSizeChange.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

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

    /**
     * {@code read} as tune run 10 measured it on a faster machine (docs/adaptive.md, "Runs 8 to 12"): a rise to a
     * peak at 6, then a slow decline.
     */
    private static final IntToDoubleFunction RUN_10_READ = size -> switch (size) {
        case 1 -> 6_770;
        case 2 -> 16_950;
        case 3 -> 18_880;
        case 4 -> 22_140;
        case 5 -> 23_000;
        case 6 -> 23_780;
        case 7 -> 22_500;
        default -> Math.max(19_000, 21_600 - 100 * (size - 8));
    };

    /** {@code hot-row} in tune run 10: 2 connections complete the most, 3 and 4 nearly as much, 1 half. */
    private static final IntToDoubleFunction RUN_10_HOT_ROW = size -> switch (size) {
        case 1 -> 1_740;
        case 2 -> 3_740;
        case 3 -> 3_330;
        case 4 -> 3_390;
        default -> Math.max(1_800, 3_390 - 130 * (size - 4));
    };

    /**
     * {@code hot-row} as tune's run 7 measured it on the quiet machine: 1 connection 2,312/s and 2 connections
     * 2,495/s, so the row lock makes 2 at most a little better than 1; more connections steadily less.
     */
    private static final IntToDoubleFunction RUN_7_HOT_ROW = size -> switch (size) {
        case 1 -> 2_310;
        case 2 -> 2_500;
        case 3 -> 2_350;
        default -> Math.max(900, 2_200 - 70 * (size - 4));
    };

    private static List<Integer> targets(List<SizingDecision> decisions) {
        return decisions.stream().map(SizingDecision::target).toList();
    }

    /**
     * A minute of the workload's current curve (the controller settles on it), then the workload changes to
     * {@code next}.
     *
     * @return the decisions of the {@code windows} windows after the change
     */
    private static List<SizingDecision> afterAMinuteThen(ClosedLoopWorkload workload, TargetSizeController controller,
            IntToDoubleFunction next, int windows) {
        workload.drive(controller, 120, WINDOW_MILLIS, CEILING);
        workload.curve(next);
        return workload.drive(controller, windows, WINDOW_MILLIS, CEILING);
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
    void eachChangeCarriesTheThroughputItRemembersForTheSizesItCompares() {
        // Run 10's read then hot row, without noise: the figures a change reports are the curve's at each size
        // (the controller measures whole windows at the connections open), and a hold reports none.
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, RUN_10_READ);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);
        List<SizingDecision> hotRow = afterAMinuteThen(workload, controller, RUN_10_HOT_ROW, 120);

        List<SizingDecision> byMemory = hotRow.stream().filter(SizingDecision::changed)
                .filter(d -> d.reason() == Reason.GROW_THROUGHPUT || d.reason() == Reason.SHRINK_NO_GAIN
                        || d.reason() == Reason.SHRINK_EXPLORE)
                .toList();
        assertThat(byMemory).as("changes the throughput memory made on the hot row: %s", hotRow).isNotEmpty();
        for (SizingDecision decision : byMemory) {
            assertThat(decision.measuredThroughput()).as("%s", decision).isNotEmpty();
            decision.measuredThroughput().forEach((size, perSecond) -> assertThat(perSecond)
                    .as("%s: size %d", decision, size)
                    .isCloseTo(RUN_10_HOT_ROW.applyAsDouble(size), withPercentage(1)));
            if (decision.reason() == Reason.GROW_THROUGHPUT) {
                assertThat(decision.measuredThroughput().tailMap(decision.target()).values())
                        .as("%s: it moved up to a size it measured faster", decision)
                        .anySatisfy(perSecond -> assertThat(perSecond).isGreaterThan(decision.throughput()));
            }
        }
        assertThat(hotRow).filteredOn(decision -> !decision.changed())
                .allSatisfy(hold -> assertThat(hold.measuredThroughput()).isEmpty());
    }

    @Test
    void findsTheRowLocksBestSizeBetweenTwoMeasuredOnesInsteadOfHoldingAboveIt() {
        // Run 10: after read, Vegas's shrink of 4 from 5 lands on 1, which completes half, so the guard held 5
        // and 2 to 4 were never measured. The sizes between are explored one connection at a time.
        for (long seed = 0; seed < 6; seed++) {
            ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, RUN_10_READ).noise(0.10, seed);
            TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);
            List<SizingDecision> hotRow = afterAMinuteThen(workload, controller, RUN_10_HOT_ROW, 120);

            List<Integer> steady = targets(hotRow.subList(60, 120));
            assertThat(steady).as("seed %d: 30 s after the change, between 2 and 4 (within 10%% of 2's best); all: %s",
                    seed, targets(hotRow)).allSatisfy(t -> assertThat(t).isBetween(2, 4));
            assertThat(changes(hotRow.subList(60, 120))).as("seed %d: changes in the last 30 s", seed)
                    .isLessThanOrEqualTo(2);
        }
    }

    @Test
    void doesNotFlapBetweenTwoSizesTheRowLockMakesNearlyAlikeUnderTwentyFivePercentNoise() {
        // Run 7: one noisy window at 1 pulled 1's mean more than 10% below 2's, so Vegas grew (to 5, past 2); one
        // window there brought 1 back within 10%, so the memory shrank to 1: up to 18 changes in 100 s. Growth
        // onto a measured size now needs it clearly faster (20% from 1 to 2), and goes no further than the best.
        for (long seed = 0; seed < 8; seed++) {
            ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, RUN_7_HOT_ROW).noise(0.25, seed);
            TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);

            List<SizingDecision> decisions = workload.drive(controller, 240, WINDOW_MILLIS, CEILING);

            List<SizingDecision> steady = decisions.subList(40, 240);
            assertThat(changes(steady)).as("seed %d: changes in the last 100 s: %s", seed, targets(steady))
                    .isLessThanOrEqualTo(3);
            assertThat(targets(steady)).as("seed %d: from 20 s on, at the lock's best sizes", seed)
                    .allSatisfy(t -> assertThat(t).isBetween(1, 3));
        }
    }

    @Test
    void keepsTheRowLocksBestSizeWhenTheNextSmallerCompletesEightPerCentLess() {
        // Run 7's hot row after read: 1 connection completes 92.4% of 2's. Inside the whole tolerance (10%), the
        // pool kept 1 and so aimed at the edge of issue 12's bar (90% of the best static size), with nothing left
        // for the figures' own error; the size to keep is now within three quarters of it.
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, READ);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);

        List<SizingDecision> hotRow = afterAMinuteThen(workload, controller, RUN_7_HOT_ROW, 240);

        assertThat(targets(hotRow.subList(60, 240))).as("from 30 s after the change: %s", targets(hotRow))
                .allSatisfy(t -> assertThat(t).isEqualTo(2));
    }

    @Test
    void growsBackTowardsTheSizeToKeepAfterASlowSpellMadeTheSizesItWalkedThroughLookSlower() {
        // Tune run 39's read: throughput rises past its plateau all the way to 32 connections. The pool climbs
        // to 32 while warming up, and the machine slows by 15% for 7 s as it walks back down, so the sizes it
        // passes read slower than they are and the walk goes below the size to keep. With growth back only
        // from 20% below the best measured, it rested at 14, at 87% of the best size's throughput.
        IntToDoubleFunction run39Read = ClosedLoopWorkload.through(new double[][] {
                {1, 8_200}, {2, 26_700}, {4, 30_900}, {8, 34_800}, {16, 42_300}, {32, 47_000}});
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, run39Read).warmsUp(20, 0.8);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);
        List<SizingDecision> decisions = workload.drive(controller, 120, WINDOW_MILLIS, CEILING,
                window -> window >= 16 && window < 30 ? 0.85 : 1);

        assertThat(decisions.stream().map(SizingDecision::reason)).contains(Reason.GROW_THROUGHPUT);
        double share = decisions.subList(40, 120).stream()
                .mapToDouble(d -> run39Read.applyAsDouble(d.target()) / 47_000).average().orElseThrow();
        assertThat(share).as("from 20 s on, the share of 32's throughput: %s", targets(decisions))
                .isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void secondLookAtABestKnownFromOneWindowWhenRestingBelowTheSizeToKeep() {
        // Tune run 20's read from 1 connection, warming up, without noise. Vegas walks the pool down from 25 to 5
        // (hold time rises with the connections on a plateau), GROW_THROUGHPUT takes it back to 9, and 9 completes
        // 85.7% of the best figure, 32's one window from the climb: inside the hysteresis between the size to keep
        // (92.5%) and growth back (85%), where it rested for the phase at 82% of the best size's throughput. After 4 s
        // there the pool goes to look at the best again; the memory then keeps a size within the band.
        IntToDoubleFunction run20Read = ClosedLoopWorkload.through(new double[][] {
                {1, 13_075}, {2, 22_516}, {4, 30_108}, {8, 35_256}, {16, 37_673}, {24, 43_034}, {28, 40_001},
                {32, 43_344}});
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, run20Read).warmsUp(20, 0.8);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);
        List<SizingDecision> decisions = workload.drive(controller, 240, WINDOW_MILLIS, CEILING);

        assertThat(decisions.stream().filter(d -> d.reason() == Reason.GROW_THROUGHPUT && d.previousTarget() >= 9)
                .map(SizingDecision::target)).as("the steps up to the best: %s", targets(decisions)).contains(32);
        double share = decisions.subList(40, 240).stream()
                .mapToDouble(d -> run20Read.applyAsDouble(d.target()) / 43_344).average().orElseThrow();
        assertThat(share).as("from 20 s on, the share of the best size's throughput: %s", targets(decisions))
                .isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void theToleranceTradesThroughputForConnectionsOnACurveThatRisesSlowlyToTheCeiling() {
        // 8 connections and more complete 1% more with each connection added, up to 32 (24% more than 8): no knee
        // below the ceiling, as tune's read on the 2-core machine. The size to keep is the smallest within three
        // quarters of the tolerance of 32's throughput: 28 at 5%, 23 at 10%, 19 at 15%.
        IntToDoubleFunction risingSlowly = size -> size < 8 ? 2_500 * size : 20_000 * (1 + 0.01 * (size - 8));
        double[] tolerances = {0.05, 0.10, 0.15};
        int[][] expected = {{27, 29}, {22, 24}, {18, 20}};
        for (int i = 0; i < tolerances.length; i++) {
            ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, risingSlowly);
            TargetSizeController controller =
                    new TargetSizeController(SizingParameters.DEFAULTS.withThroughputTolerance(tolerances[i]), 1);

            List<SizingDecision> steady = workload.drive(controller, 120, WINDOW_MILLIS, CEILING).subList(60, 120);

            double share = steady.stream().mapToDouble(d -> risingSlowly.applyAsDouble(d.target())).average()
                    .orElseThrow() / risingSlowly.applyAsDouble(CEILING);
            int[] keeps = expected[i];
            assertThat(targets(steady)).as("tolerance %.2f: the last 30 s", tolerances[i])
                    .allSatisfy(t -> assertThat(t).isBetween(keeps[0], keeps[1]));
            assertThat(share).as("tolerance %.2f: share of 32's throughput", tolerances[i])
                    .isGreaterThanOrEqualTo(1 - 0.75 * tolerances[i] - 0.01);
        }
    }

    @Test
    void probesOnUpWhileTheLargestSizeItMeasuredIsTheBest() {
        // Tune run 19's read: 8 to 21 connections complete within 5% of each other, and 24 to 32 a fifth more (the
        // clients' side of a 2-core machine). The climb from 1 reaches the plateau at 9, and GROW_PROBE measured
        // only 12 connections past the size to keep: 21, the best measured so far, was as far as it went, and the
        // pool came down to 6, under two thirds of 32's throughput. Reaching from the best size measured, it goes
        // on while the curve rises.
        IntToDoubleFunction run19Read = ClosedLoopWorkload.through(new double[][] {
                {1, 13_200}, {2, 22_100}, {4, 30_900}, {8, 35_400}, {21, 37_000}, {24, 47_100}, {28, 45_000},
                {32, 53_500}});
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, run19Read);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);
        List<SizingDecision> decisions = workload.drive(controller, 120, WINDOW_MILLIS, CEILING);

        assertThat(decisions.stream().filter(d -> d.reason() == Reason.GROW_PROBE).map(SizingDecision::target))
                .as("sizes probed: %s", targets(decisions)).contains(25, 29);
        double share = decisions.subList(40, 120).stream()
                .mapToDouble(d -> run19Read.applyAsDouble(d.target()) / 53_500).average().orElseThrow();
        assertThat(share).as("from 20 s on, the share of 32's throughput: %s", targets(decisions))
                .isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void goesBackToMeasureTheSizeAWorkloadCheckFoundItAtWhenTheSizesBelowRiseTowardsIt() {
        // Tune run 59's read: the machine runs half as fast again from 8 to 20 s while the pool climbs. Vegas's
        // baseline, taken in the fast seconds, reads every size as queued once they end; the workload check
        // forgets every size at 13, Vegas shrinks to 9 and 6, and the memory knows 13 only from the check's window.
        // 6 completes 13.6% less, inside GROW_THROUGHPUT's hysteresis, and with 9 measured no probe went up:
        // the pool rested at 6 for the rest of the phase, at 73% of 32's throughput.
        IntToDoubleFunction run42Read = ClosedLoopWorkload.through(new double[][] {
                {1, 8_600}, {2, 27_500}, {4, 29_900}, {8, 34_700}, {16, 39_200}, {32, 45_000}});
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, run42Read).warmsUp(20, 0.8);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);
        List<SizingDecision> decisions = workload.drive(controller, 240, WINDOW_MILLIS, CEILING,
                window -> window >= 16 && window < 40 ? 1.5 : 1);

        // Two rules take it back up now: this one (back to 13, which the check found it at; ThroughputMemoryTest
        // pins when it applies) and, when the pool comes to rest below the size to keep during the spell, a second
        // look at the best size (secondLookAtABest..., above), which here goes first. The outcome is the one the
        // case is about: no rest at 6 or 9 after the spell.
        assertThat(targets(decisions.subList(60, 240))).as("from 30 s on, never below the size the check found: %s",
                targets(decisions)).allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(13));
        double share = decisions.subList(60, 240).stream()
                .mapToDouble(d -> run42Read.applyAsDouble(d.target()) / 45_000).average().orElseThrow();
        assertThat(share).as("from 30 s on, the share of 32's throughput: %s", targets(decisions))
                .isGreaterThanOrEqualTo(0.9);
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
        List<SizingDecision> hotRow = afterAMinuteThen(workload, controller, HOT_ROW, 20);

        assertThat(targets(hotRow)).as("at the lock's best size within 10 s").contains(1);
    }

    @Test
    void oneSlowWindowAfterASaturationShrinkDoesNotMakeARowLocksWaitTheBaseline() {
        // Tune run 24 (docs/adaptive.md): read left the pool at 20, where a row lock completes about as much as at
        // 16. The first SHRINK_SATURATED (20 -> 16) was followed by a window that completed a quarter less than
        // the one before (a row lock's rate varies by that much from window to window), so hold time did not
        // fall; on that one window's word the lock-inflated hold became the baseline and the shrink was undone.
        IntToDoubleFunction risesToTwenty = size -> 2_000.0 * Math.min(size, 20);
        IntToDoubleFunction lock = size -> size == 1 ? 3_500 : size <= 4 ? 4_800 : 4_400;
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, risesToTwenty);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 20);
        workload.drive(controller, 40, WINDOW_MILLIS, 20);
        assertThat(controller.target()).isEqualTo(20);

        List<SizingDecision> hotRow = new ArrayList<>();
        int slowWindow = -1;
        for (int i = 0; i < 120; i++) {
            workload.curve(i == slowWindow ? size -> 0.75 * lock.applyAsDouble(size) : lock);
            SizingDecision decision = workload.drive(controller, 1, WINDOW_MILLIS, CEILING).get(0);
            hotRow.add(decision);
            if (slowWindow < 0 && decision.reason() == Reason.SHRINK_SATURATED) {
                slowWindow = i + 2; // the first window after the settle window: the one the check reads
            }
        }

        assertThat(slowWindow).as("a saturation shrink within the first minute: %s", hotRow).isBetween(2, 60);
        assertThat(hotRow.get(slowWindow).reason()).as("the slow window alone decides nothing")
                .isEqualTo(Reason.HOLD_REBASE_CHECK);
        assertThat(hotRow).as("never re-learnt from the lock's wait")
                .noneMatch(d -> d.reason() == Reason.REBASE_RESTORE);
        assertThat(targets(hotRow.subList(60, 120))).as("30 s after the change, at the lock's best sizes; all: %s",
                targets(hotRow)).allSatisfy(t -> assertThat(t).isBetween(2, 4));
    }

    @Test
    void aMachineThatSlowsDoesNotSendThePoolBackUpToASizeMeasuredWhileItWasFast() {
        // Tune run 27 (docs/adaptive.md): a curve flat past its knee; the pool measured 17 in its first seconds,
        // walked down to the knee, and then the whole machine slowed by about 40% over some ten seconds. The
        // knee's own mean followed the machine down window by window (each within the workload-change factor of
        // it), and 17's figure, from the faster seconds, read as a third more: GROW_THROUGHPUT five times, back
        // to 17, which then completed what the knee did.
        IntToDoubleFunction flat = size -> size < 6 ? 4_000.0 * size : 24_000;
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, flat);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);
        List<SizingDecision> fast = workload.drive(controller, 60, WINDOW_MILLIS, CEILING);
        assertThat(controller.target()).as("settled near the knee while fast: %s", targets(fast)).isBetween(6, 8);

        List<SizingDecision> slowing = workload.drive(controller, 100, WINDOW_MILLIS, CEILING,
                window -> 1 - 0.4 * Math.min(window + 1, 12) / 12);

        assertThat(targets(slowing)).as("never back up past the knee's neighbours; all: %s", targets(slowing))
                .allSatisfy(t -> assertThat(t).isBetween(5, 8));
        assertThat(changes(slowing)).as("changes while and after the machine slowed: %s",
                slowing.stream().map(d -> d.target() + " " + d.reason()).toList()).isLessThanOrEqualTo(4);
        assertThat(targets(slowing.subList(20, 100))).as("from 10 s on, at the knee and still")
                .allSatisfy(t -> assertThat(t).isBetween(6, 8)).containsOnly(slowing.get(20).target());
    }
}
