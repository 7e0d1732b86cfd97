package dev.poolwise.internal.sizing;

import dev.poolwise.TargetSizeChange.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller in tune's closed loop when its first baseline is measured past the knee: a pool that starts
 * large under load, or whose workload turns lighter (shorter queries, and fewer connections to saturate the
 * database). The lowest hold time then comes from a saturated size, Vegas sees no queue there, and only a probe
 * downwards shows it. The lighter workload completes the same from 6 connections up; the heavy one before it
 * saturates at 12, 16 or 24 connections (200 per second each, so each of its holds is longer than any of the
 * lighter one's). With 0 or 10% noise per window, 20 seeds: from 30 s to 2 minutes after the start or the change,
 * the pool keeps fewer connections than HikariCP's default of 10 on average, and at least 95% of the best size's
 * throughput. Before, a pool that grew a connection past such a baseline counted it as verified, and measured
 * smaller sizes blocked the probe: started at 17 it stayed at 17, and after the heavy workload it stayed at 12 to
 * 25 (11 of these 14 cases failed; docs/adaptive.md, "A baseline measured past the knee"). With 25% noise it
 * still ends above 9 in 5 to 16 seeds of 20: one window's noise reads a size below as slower, and the guard keeps
 * Vegas's shrinks off it for two minutes. Two scripted cases pin the rules that keep probes from ending early or
 * running without cause: a probe step is judged on two windows, and a baseline measured with one connection in use
 * is never probed. Last, a baseline re-learnt after a saturation shrink ({@code REBASE_RESTORE}) at a row lock's
 * phase change is probed too (tune run 42).
 */
class TargetSizeControllerBaselineTest {

    private static final int CLIENTS = 64;
    private static final int CEILING = 32;
    private static final long WINDOW_MILLIS = 500;
    private static final int SEEDS = 20;
    private static final int KNEE = 6;
    private static final IntToDoubleFunction FLAT_FROM_SIX = size -> size < KNEE ? 4_000.0 * size : 24_000;
    private static final double BEST = 24_000;

    static Stream<Arguments> starts() {
        List<Arguments> cases = new ArrayList<>();
        for (int start : new int[] {12, 17, 24, 32}) {
            for (double noise : new double[] {0, 0.10}) {
                cases.add(Arguments.of(start, noise));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> heavyKnees() {
        List<Arguments> cases = new ArrayList<>();
        for (int heavyKnee : new int[] {12, 16, 24}) {
            for (double noise : new double[] {0, 0.10}) {
                cases.add(Arguments.of(heavyKnee, noise));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "start at {0}, noise {1}")
    @MethodSource("starts")
    void aPoolThatStartsPastTheKneeUnderLoadComesDownToIt(int start, double noise) {
        int seeds = noise == 0 ? 1 : SEEDS;
        List<SizingDecision> judged = new ArrayList<>();
        for (long seed = 0; seed < seeds; seed++) {
            ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, FLAT_FROM_SIX).noise(noise, seed);
            TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, start);
            judged.addAll(workload.drive(controller, 240, WINDOW_MILLIS, CEILING).subList(60, 240));
        }
        assertKeptFewerThanTenAndTheThroughput(judged);
    }

    @ParameterizedTest(name = "heavy workload saturating at {0}, noise {1}")
    @MethodSource("heavyKnees")
    void aWorkloadThatTurnsLighterIsFollowedDownToItsKnee(int heavyKnee, double noise) {
        IntToDoubleFunction heavy = size -> 200.0 * Math.min(size, heavyKnee);
        int seeds = noise == 0 ? 1 : SEEDS;
        List<SizingDecision> judged = new ArrayList<>();
        for (long seed = 0; seed < seeds; seed++) {
            ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, heavy).noise(noise, seed);
            TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);
            workload.drive(controller, 120, WINDOW_MILLIS, CEILING);
            assertThat(controller.target()).as("settled past the lighter workload's knee first")
                    .isGreaterThanOrEqualTo(10);
            workload.curve(FLAT_FROM_SIX);
            judged.addAll(workload.drive(controller, 240, WINDOW_MILLIS, CEILING).subList(60, 240));
        }
        assertKeptFewerThanTenAndTheThroughput(judged);
    }

    @Test
    void aProbeStepWhoseFirstWindowShowsNoFallWaitsForASecondBeforeItEnds() {
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, FLAT_FROM_SIX);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 20);
        SizingDecision probe = null;
        for (int i = 0; i < 120 && probe == null; i++) {
            SizingDecision decision = workload.drive(controller, 1, WINDOW_MILLIS, CEILING).get(0);
            probe = decision.reason() == Reason.SHRINK_PROBE ? decision : null;
        }
        assertThat(probe).as("a probe from past the knee").isNotNull();
        int from = probe.previousTarget();
        int to = probe.target();
        assertThat(workload.drive(controller, 1, WINDOW_MILLIS, CEILING).get(0).reason()).as("the settle window")
                .isEqualTo(Reason.HOLD_SETTLING);

        // One window at the smaller size in which hold time did not fall (a window's noise), then one in which it
        // fell with the connections, as it does past the knee: the probe goes on, it does not end above the knee.
        long holdBefore = probe.meanHoldNanos();
        SizingDecision first = controller.decide(closedLoopWindow(1, to, holdBefore), 1, CEILING);
        SizingDecision second = controller.decide(closedLoopWindow(2, to, holdBefore * to / from), 1, CEILING);

        assertThat(first.reason()).as("after a first window without a fall").isEqualTo(Reason.HOLD_REBASE_CHECK);
        assertThat(second.reason()).as("after a second window with hold time down by %d/%d", to, from)
                .isEqualTo(Reason.SHRINK_PROBE);
        assertThat(second.target()).isLessThan(to);
    }

    @Test
    void aBaselineMeasuredWithOneConnectionInUseIsNeverProbed() {
        // A row lock: 2 connections complete what 1 does, so growth never shows the baseline to be a no-load one.
        // Measured with one connection in use, it is: nothing of the pool's queued behind anything.
        ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, size -> 2_500);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);

        List<SizingDecision> decisions = workload.drive(controller, 120, WINDOW_MILLIS, 2);

        assertThat(decisions).as("the pool went to 2 and queued there")
                .anyMatch(decision -> decision.target() == 2);
        assertThat(decisions).extracting(SizingDecision::reason).doesNotContain(Reason.SHRINK_PROBE);
    }

    /** A closed-loop window of 500 ms with {@code size} connections in use, each holding for {@code holdNanos}. */
    private static SizingWindow closedLoopWindow(int index, int size, long holdNanos) {
        long length = TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);
        long start = TimeUnit.SECONDS.toNanos(10_000) + index * length;
        long completed = size * length / holdNanos;
        return new SizingWindow(start, start + length, completed, holdNanos, completed, holdNanos, 0, CLIENTS - size,
                0, size, 0);
    }

    @Test
    void aBaselineRelearntAtARowLocksPhaseChangeIsProbedDownToTheLocksBestSizes() {
        // Tune run 42: read settles at 9 to 25 connections, then every transaction takes one row's lock. Its
        // first windows run half as fast again while the lock's queue forms, the saturation shrink is judged
        // against one of them, hold time does not fall, and the lock wait at the size reached became the
        // baseline, counted as a no-load one: Vegas saw no queue and the pool kept 11 to 25 connections for the
        // whole phase, where 2 and 3 complete the most. 4 of these 11 runs did so before.
        IntToDoubleFunction read = ClosedLoopWorkload.through(new double[][] {
                {1, 8_600}, {2, 27_500}, {4, 29_900}, {8, 34_700}, {16, 39_200}, {32, 45_000}});
        IntToDoubleFunction hotRow = ClosedLoopWorkload.through(new double[][] {
                {1, 1_920}, {2, 3_560}, {3, 3_640}, {4, 3_290}, {8, 2_910}, {16, 2_480}, {32, 2_100}});
        int rebased = 0;
        for (long seed = -1; seed < 10; seed++) {
            ClosedLoopWorkload workload = new ClosedLoopWorkload(CLIENTS, read).noise(seed < 0 ? 0 : 0.10, seed);
            TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 1);
            workload.drive(controller, 120, WINDOW_MILLIS, CEILING);

            workload.curve(hotRow);
            List<SizingDecision> hot = workload.drive(controller, 120, WINDOW_MILLIS, CEILING,
                    window -> window < 3 ? 1.5 : 1); // faster while the lock's queue forms

            if (hot.stream().anyMatch(d -> d.reason() == Reason.REBASE_RESTORE)) {
                rebased++;
            }
            double meanTarget = hot.subList(60, 120).stream().mapToInt(SizingDecision::target).average()
                    .orElseThrow();
            assertThat(meanTarget).as("seed %d: mean target from 30 s after the change: %s", seed,
                    hot.stream().map(SizingDecision::target).toList()).isLessThanOrEqualTo(4);
        }
        assertThat(rebased).as("runs that re-learnt the baseline at the change").isPositive();
    }

    private static void assertKeptFewerThanTenAndTheThroughput(List<SizingDecision> judged) {
        double meanTarget = judged.stream().mapToInt(SizingDecision::target).average().orElseThrow();
        double share = judged.stream().mapToDouble(d -> FLAT_FROM_SIX.applyAsDouble(d.target()) / BEST).average()
                .orElseThrow();
        assertThat(meanTarget).as("mean target from 30 s on (the knee is at %d)", KNEE).isLessThan(10);
        assertThat(share).as("mean share of the best size's throughput").isGreaterThanOrEqualTo(0.95);
    }
}
