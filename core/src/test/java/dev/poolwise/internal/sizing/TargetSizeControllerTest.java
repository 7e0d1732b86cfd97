package dev.poolwise.internal.sizing;

import dev.poolwise.TargetSizeChange.Reason;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The controller driven by {@link SimulatedWorkload}: a database with a knee at its core count, arrivals at a
 * fixed rate, 1 s windows. Each scenario asserts where the target goes and why, within a bounded number of
 * windows; no clock and no sleeps.
 */
class TargetSizeControllerTest {

    private static final long WINDOW_MILLIS = 1_000;

    /**
     * Vegas alone: the throughput memory reaches back one window (so no other size is ever known), never
     * probes up, and never sees a workload change. Pins the hold-time rules the memory builds on.
     */
    private static final SizingParameters VEGAS_ONLY = new SizingParameters(1.0, 2.0, 0.05, 4, 4, 1, 3, 1, 10, 10,
            0.1, 0.25, 0.05, 0, 1, Double.MAX_VALUE);

    /** Runs the loop for {@code windows} windows and returns every decision. */
    private static List<SizingDecision> drive(TargetSizeController controller, SimulatedWorkload workload,
            int minimumIdle, int maximumPoolSize, int windows) {
        List<SizingDecision> decisions = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            SizingWindow window = workload.run(controller.target(), WINDOW_MILLIS);
            decisions.add(controller.decide(window, minimumIdle, maximumPoolSize));
        }
        return decisions;
    }

    private static List<Integer> targets(List<SizingDecision> decisions) {
        return decisions.stream().map(SizingDecision::target).toList();
    }

    private static List<Reason> reasons(List<SizingDecision> decisions) {
        return decisions.stream().map(SizingDecision::reason).toList();
    }

    @Test
    void settlesNearTheKneeUnderOverload() {
        // 8 cores, 10 ms per query: 800/s at most; 2,000/s arrive. The knee is at 8 connections.
        SimulatedWorkload workload = new SimulatedWorkload(8, 10, 0, 2_000);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 2);

        List<SizingDecision> decisions = drive(controller, workload, 0, 40, 60);

        assertThat(targets(decisions.subList(30, 60)))
                .as("steady state after 30 windows: at the knee (8) or within beta=2 above it")
                .allSatisfy(target -> assertThat(target).isBetween(8, 10));
        assertThat(reasons(decisions.subList(0, 30))).contains(Reason.GROW_QUEUEING);
    }

    @Test
    void growsWhileBorrowersQueueAndHoldTimeStaysFlat() {
        // 32 cores: hold time stays flat up to the ceiling of 20, and 1,500/s need 15 connections of 10 ms.
        SimulatedWorkload workload = new SimulatedWorkload(32, 10, 0, 1_500);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 2);

        List<SizingDecision> decisions = drive(controller, workload, 0, 20, 30);

        List<SizingDecision> grows = decisions.stream().filter(d -> d.reason() == Reason.GROW_QUEUEING).toList();
        assertThat(grows).isNotEmpty().allSatisfy(grow -> {
            assertThat(grow.waiters() > 0 || grow.meanWaitNanos() > 0).as("grew because borrowers queued").isTrue();
            assertThat(grow.queuedInDatabase()).as("and hold time was flat").isLessThan(1.0);
        });
        int settled = controller.target();
        assertThat(settled).as("enough for 15 connections' work, not the whole ceiling").isBetween(15, 18);
        SizingDecision last = decisions.get(decisions.size() - 1);
        assertThat(last.waiters()).as("nobody queues once it has grown").isZero();
    }

    @Test
    void shrinksWhenMoreConnectionsOnlyQueueInTheDatabase() {
        // Two quiet windows teach the no-load hold time (10 ms); then 2,000/s arrive at a pool of 40 in front
        // of an 8-core database: 32 connections' worth of work queue inside the database.
        SimulatedWorkload workload = new SimulatedWorkload(8, 10, 0, 200);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 40);
        drive(controller, workload, 0, 40, 2);
        workload.arrivalsPerSecond(2_000);

        List<SizingDecision> decisions = drive(controller, workload, 0, 40, 30);

        SizingDecision firstShrink = decisions.get(0);
        assertThat(firstShrink.reason()).isEqualTo(Reason.SHRINK_SATURATED);
        assertThat(firstShrink.queuedInDatabase()).isCloseTo(32, within(1.0));
        assertThat(firstShrink.previousTarget() - firstShrink.target()).as("bounded by maxStepDown").isEqualTo(4);
        assertThat(targets(decisions.subList(20, 30))).allSatisfy(t -> assertThat(t).isBetween(8, 10));
        assertThat(reasons(decisions)).doesNotContain(Reason.REBASE_RESTORE, Reason.SHRINK_PROBE);
    }

    @Test
    void aPoolThatStartsPastTheKneeProbesDownToIt() {
        // The first window it sees is already saturated, so its baseline (50 ms) is no no-load figure: only
        // stepping down shows hold time falling with the connections.
        SimulatedWorkload workload = new SimulatedWorkload(8, 10, 0, 2_000);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 40);

        List<SizingDecision> decisions = drive(controller, workload, 0, 40, 45);

        assertThat(reasons(decisions)).contains(Reason.SHRINK_PROBE, Reason.PROBE_END);
        assertThat(controller.baselineHoldNanos()).isCloseTo(10_000_000L, within(100_000L));
        assertThat(targets(decisions.subList(35, 45))).allSatisfy(t -> assertThat(t).isBetween(8, 10));
    }

    @Test
    void shrinksIdleConnectionsToTheNeedPlusHeadroom() {
        // 100/s of 10 ms: one connection in use on average.
        SimulatedWorkload workload = new SimulatedWorkload(8, 10, 0, 100);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 20);

        List<SizingDecision> decisions = drive(controller, workload, 2, 20, 60);

        assertThat(reasons(decisions)).contains(Reason.SHRINK_IDLE).doesNotContain(Reason.SHRINK_SATURATED);
        assertThat(controller.target()).as("need 1 + headroom 1, within one more").isBetween(2, 3);
        assertThat(targets(decisions)).allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(2));
    }

    @Test
    void aQuietPoolShrinksToItsFloorAndNoFurther() {
        SimulatedWorkload workload = new SimulatedWorkload(8, 10, 0, 0);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 10);

        List<SizingDecision> decisions = drive(controller, workload, 3, 10, 40);

        assertThat(controller.target()).isEqualTo(3);
        assertThat(decisions.get(decisions.size() - 1).reason()).isEqualTo(Reason.HOLD_AT_FLOOR);
    }

    @Test
    void followsTheKneeWhenABackgroundLoadTakesHalfTheCoresAndWhenItLeaves() {
        SimulatedWorkload workload = new SimulatedWorkload(8, 10, 0, 2_000);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 2);
        drive(controller, workload, 0, 40, 30);
        assertThat(controller.target()).isBetween(8, 10);

        workload.cores(4);
        List<SizingDecision> down = drive(controller, workload, 0, 40, 15);
        assertThat(targets(down.subList(10, 15))).as("within 10 windows of the change: near the new knee, 4")
                .allSatisfy(t -> assertThat(t).isBetween(4, 6));
        assertThat(reasons(down)).as("throughput halved at the same size: measured afresh")
                .contains(Reason.HOLD_WORKLOAD_CHECK, Reason.SHRINK_SATURATED);

        workload.cores(16);
        List<SizingDecision> up = drive(controller, workload, 0, 40, 35);
        assertThat(targets(up.subList(30, 35)))
                .as("within 30 windows: near the new knee, 16, after measuring up to 12 connections past it")
                .allSatisfy(t -> assertThat(t).isBetween(16, 18));
    }

    @Test
    void followsQueriesThatGetSlowerInsteadOfShrinkingToTheFloor() {
        // Three times slower at every concurrency: hold time triples against the old baseline, which looks like
        // saturation. Throughput falls by two thirds at the same size, so every size is measured afresh, and
        // fewer connections are measured to complete less.
        SimulatedWorkload workload = new SimulatedWorkload(8, 10, 0, 2_000);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 2);
        drive(controller, workload, 0, 40, 30);

        workload.serviceMillis(30);
        List<SizingDecision> after = drive(controller, workload, 0, 40, 30);

        assertThat(reasons(after)).contains(Reason.HOLD_WORKLOAD_CHECK);
        assertThat(targets(after)).as("one shrink too many at most, never towards the floor of 1")
                .allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(6));
        assertThat(targets(after.subList(25, 30))).as("the knee is still 8 cores")
                .allSatisfy(t -> assertThat(t).isBetween(8, 10));
        assertThat(after.subList(10, 30)).as("then below the knee only to measure the size under it, once")
                .filteredOn(decision -> decision.changed() && decision.target() < 8)
                .allSatisfy(decision -> {
                    assertThat(decision.reason()).isEqualTo(Reason.SHRINK_EXPLORE);
                    assertThat(decision.target()).isEqualTo(7);
                });
    }

    @Test
    void vegasAloneFollowsTheKneeWhenABackgroundLoadTakesHalfTheCoresAndWhenItLeaves() {
        SimulatedWorkload workload = new SimulatedWorkload(8, 10, 0, 2_000);
        TargetSizeController controller = new TargetSizeController(VEGAS_ONLY, 2);
        drive(controller, workload, 0, 40, 30);
        assertThat(controller.target()).isBetween(8, 10);

        workload.cores(4);
        List<SizingDecision> down = drive(controller, workload, 0, 40, 15);
        assertThat(targets(down.subList(10, 15))).as("within 10 windows of the change: near the new knee, 4")
                .allSatisfy(t -> assertThat(t).isBetween(4, 6));
        assertThat(reasons(down)).contains(Reason.SHRINK_SATURATED);

        workload.cores(16);
        List<SizingDecision> up = drive(controller, workload, 0, 40, 15);
        assertThat(targets(up.subList(10, 15))).as("within 10 windows: near the new knee, 16")
                .allSatisfy(t -> assertThat(t).isBetween(16, 18));
    }

    @Test
    void vegasAloneRelearnsItsBaselineWhenTheQueriesGetSlowerInsteadOfShrinkingToTheFloor() {
        // The workload turns write-heavy: each query takes three times as long, at any concurrency. Hold time
        // triples against the old baseline, which looks like saturation until a shrink fails to lower it.
        SimulatedWorkload workload = new SimulatedWorkload(8, 10, 0, 2_000);
        TargetSizeController controller = new TargetSizeController(VEGAS_ONLY, 2);
        drive(controller, workload, 0, 40, 30);

        workload.serviceMillis(30);
        List<SizingDecision> after = drive(controller, workload, 0, 40, 20);

        assertThat(reasons(after)).contains(Reason.REBASE_RESTORE);
        int rebase = reasons(after).indexOf(Reason.REBASE_RESTORE);
        assertThat(after.get(rebase - 1).reason()).as("the window before confirms nothing alone")
                .isEqualTo(Reason.HOLD_REBASE_CHECK);
        assertThat(targets(after)).as("one shrink too many at most, never towards the floor of 1")
                .allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(3));
        assertThat(targets(after.subList(12, 20))).as("the knee is still 8 cores")
                .allSatisfy(t -> assertThat(t).isBetween(8, 10));
        assertThat(controller.baselineHoldNanos()).isGreaterThanOrEqualTo(29_000_000L);
    }

    @Test
    void settlesAboveTheCoreCountWhenBorrowersAlsoWorkOutsideTheDatabase() {
        // Half of each borrow is application work: 16 connections keep 8 cores busy, and Vegas's estimate of
        // work queued in the database only counts the database's share.
        SimulatedWorkload workload = new SimulatedWorkload(8, 10, 10, 2_000);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 2);

        List<SizingDecision> decisions = drive(controller, workload, 0, 40, 60);

        assertThat(targets(decisions.subList(40, 60))).allSatisfy(t -> assertThat(t).isBetween(16, 21));
    }

    @Test
    void holdTimeNoiseOfFivePercentNeitherStarvesAPoolWithRoomNorPushesItPastTheKnee() {
        for (long seed = 0; seed < 5; seed++) {
            // 64 cores: 4,000/s of 10 ms need 40 connections and the database has room for all of them.
            SimulatedWorkload room = new SimulatedWorkload(64, 10, 0, 4_000).holdNoise(0.05, seed);
            TargetSizeController roomy = new TargetSizeController(SizingParameters.DEFAULTS, 2);
            List<SizingDecision> withRoom = drive(roomy, room, 0, 80, 80);
            assertThat(targets(withRoom.subList(40, 80))).as("seed %d", seed)
                    .allSatisfy(t -> assertThat(t).isBetween(40, 48));

            SimulatedWorkload knee = new SimulatedWorkload(8, 10, 0, 2_000).holdNoise(0.05, seed);
            TargetSizeController kneed = new TargetSizeController(SizingParameters.DEFAULTS, 2);
            List<SizingDecision> atKnee = drive(kneed, knee, 0, 80, 80);
            assertThat(targets(atKnee.subList(40, 80))).as("seed %d", seed)
                    .allSatisfy(t -> assertThat(t).isBetween(8, 10));
        }
    }

    @Test
    void staysAtTheCeilingWhileBorrowersQueueThere() {
        SimulatedWorkload workload = new SimulatedWorkload(32, 10, 0, 5_000);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 2);

        List<SizingDecision> decisions = drive(controller, workload, 0, 12, 20);

        assertThat(controller.target()).isEqualTo(12);
        assertThat(decisions.get(decisions.size() - 1).reason()).isEqualTo(Reason.HOLD_AT_CEILING);
    }

    @Test
    void movesInsideNewBoundsAtOnceWithReasonBounds() {
        SimulatedWorkload workload = new SimulatedWorkload(8, 10, 0, 2_000);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 2);
        drive(controller, workload, 0, 40, 30);

        SizingDecision lowered = controller.decide(workload.run(controller.target(), WINDOW_MILLIS), 0, 5);
        assertThat(lowered.reason()).isEqualTo(Reason.BOUNDS);
        assertThat(lowered.target()).isEqualTo(5);

        SizingDecision raisedFloor = controller.decide(workload.run(controller.target(), WINDOW_MILLIS), 7, 40);
        assertThat(raisedFloor.reason()).isEqualTo(Reason.BOUNDS);
        assertThat(raisedFloor.target()).isEqualTo(7);
    }

    @Test
    void waitsOutTheSettleWindowAfterEveryChange() {
        SimulatedWorkload workload = new SimulatedWorkload(8, 10, 0, 2_000);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 2);

        List<SizingDecision> decisions = drive(controller, workload, 0, 40, 40);

        for (int i = 0; i + 1 < decisions.size(); i++) {
            if (decisions.get(i).changed() && decisions.get(i).reason() != Reason.BOUNDS) {
                assertThat(decisions.get(i + 1).reason()).as("window after change %d", i)
                        .isEqualTo(Reason.HOLD_SETTLING);
            }
        }
    }

    @Test
    void describesItsDecisionWithTheFiguresBehindIt() {
        SimulatedWorkload workload = new SimulatedWorkload(32, 10, 0, 1_500);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 2);

        SizingDecision first = drive(controller, workload, 0, 20, 1).get(0);

        assertThat(first.toString()).startsWith("target 2 -> ").contains("GROW_QUEUEING", "waiters=", "hold=10.000ms");
    }
    @Test
    void aWindowInWhichConnectionsWereOpenedIsWaitedOutInsteadOfJudged() {
        // Borrowers queue at 4 with flat hold time: both controllers grow to 8 and wait out the settle window.
        TargetSizeController opening = new TargetSizeController(SizingParameters.DEFAULTS, 4);
        TargetSizeController quiet = new TargetSizeController(SizingParameters.DEFAULTS, 4);
        for (TargetSizeController controller : List.of(opening, quiet)) {
            assertThat(controller.decide(queueingWindow(0, 4, 0), 1, 32).reason()).isEqualTo(Reason.GROW_QUEUEING);
            assertThat(controller.decide(queueingWindow(1, 8, 0), 1, 32).reason()).isEqualTo(Reason.HOLD_SETTLING);
        }

        // The same window, but the opener finished four connections during it: not judged.
        SizingDecision afterOpening = opening.decide(queueingWindow(2, 8, 4), 1, 32);
        SizingDecision afterNone = quiet.decide(queueingWindow(2, 8, 0), 1, 32);

        assertThat(afterOpening.reason()).isEqualTo(Reason.HOLD_SETTLING);
        assertThat(afterOpening.target()).isEqualTo(8);
        assertThat(afterNone.reason()).as("judged: still queueing with flat hold time").isEqualTo(Reason.GROW_QUEUEING);
        // The next window without openings is judged as the quiet controller judged its own.
        assertThat(opening.decide(queueingWindow(3, 8, 0), 1, 32).reason()).isEqualTo(Reason.GROW_QUEUEING);
    }

    @Test
    void connectionsOpenedBeforeAnyRaiseAreThePoolsFirstFillAndDoNotHoldIt() {
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 4);

        // minimumIdle's four connections opened in the first window: no size was raised to, nothing to wait out.
        assertThat(controller.decide(queueingWindow(0, 4, 4), 1, 32).reason()).isEqualTo(Reason.GROW_QUEUEING);
    }

    @Test
    void connectionsOpenedInEveryWindowHoldTheControllerForAtMostFourWindows() {
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 4);
        controller.decide(queueingWindow(0, 4, 0), 1, 32);
        controller.decide(queueingWindow(1, 8, 0), 1, 32); // the settle window

        List<Reason> reasons = new ArrayList<>();
        for (int i = 2; i < 7; i++) {
            reasons.add(controller.decide(queueingWindow(i, 8, 1), 1, 32).reason());
        }

        // A pool that never stops opening (short lifetimes, a fleet's churn) is judged after four windows.
        assertThat(reasons).containsExactly(Reason.HOLD_SETTLING, Reason.HOLD_SETTLING, Reason.HOLD_SETTLING,
                Reason.HOLD_SETTLING, Reason.GROW_QUEUEING);
    }

    @Test
    void aWindowJudgedWhileConnectionsStillOpenAfterARaiseIsNotAMeasurementOfTheSize() {
        TargetSizeController opening = new TargetSizeController(SizingParameters.DEFAULTS, 4);
        TargetSizeController opened = new TargetSizeController(SizingParameters.DEFAULTS, 4);
        for (TargetSizeController controller : List.of(opening, opened)) {
            controller.decide(queueingWindow(0, 4, 0), 1, 32); // GROW_QUEUEING to 8
            controller.decide(queueingWindow(1, 8, 0), 1, 32); // the settle window
            for (int i = 2; i < 6; i++) {
                controller.decide(queueingWindow(i, 8, 1), 1, 32); // four windows waited out while opening
            }
        }

        // Past the wait: one pool is still opening, the other opened nothing in this window.
        SizingDecision stillOpening = opening.decide(queueingWindow(6, 8, 1), 1, 32);
        SizingDecision quiet = opened.decide(queueingWindow(6, 8, 0), 1, 32);

        // Both are judged (Vegas grows: borrowers queue with flat hold time); only the quiet window measured 8.
        assertThat(stillOpening.reason()).isEqualTo(Reason.GROW_QUEUEING);
        assertThat(quiet.reason()).isEqualTo(Reason.GROW_QUEUEING);
        assertThat(stillOpening.toChange("p").measuredThroughput()).doesNotContainKey(8);
        assertThat(quiet.toChange("p").measuredThroughput()).containsKey(8);
    }

    /**
     * Window {@code index} of 500 ms: 1,000 borrows held 1 ms each, every one waited 1 ms, 20 threads still
     * waiting at its end, {@code open} connections open and {@code opened} of them opened during it.
     */
    private static SizingWindow queueingWindow(int index, int open, int opened) {
        long start = index * 500_000_000L;
        return new SizingWindow(start, start + 500_000_000L, 1_000, 1_000_000, 1_000, 1_000_000, 0, 20, 0, open,
                opened);
    }
}
