package dev.poolwise.internal.sizing;

import dev.poolwise.TargetSizeChange.Direction;
import dev.poolwise.TargetSizeChange.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property tests over random signal sequences, including ones no real pool produces (hold times jumping by
 * orders of magnitude, waiters with nothing completing, bounds changing every window). Seeded, so a failure
 * names its seed and replays exactly.
 */
class TargetSizeControllerPropertiesTest {

    private static final int SEQUENCES = 2_000;
    private static final int WINDOWS = 60;

    /** A random but valid window; heavy-tailed so that extremes come up often. */
    private static SizingWindow randomWindow(SplittableRandom random, long start) {
        long length = 1 + random.nextLong(5_000_000_000L);
        long completed = random.nextInt(4) == 0 ? random.nextInt(5) : random.nextLong(100_000);
        long hold = completed == 0 ? 0 : 1 + (long) Math.pow(10, random.nextDouble(3, 10));
        long acquires = random.nextLong(100_000);
        long wait = acquires == 0 ? 0 : (long) Math.pow(10, random.nextDouble(0, 10));
        return new SizingWindow(start, start + length, completed, hold, acquires, wait,
                random.nextInt(5) == 0 ? random.nextInt(50) : 0, random.nextInt(3) == 0 ? random.nextInt(500) : 0,
                random.nextInt(200), random.nextInt(200));
    }

    private static SizingParameters randomParameters(SplittableRandom random) {
        double alpha = random.nextDouble(0, 3);
        return new SizingParameters(alpha, alpha + random.nextDouble(0.1, 5), random.nextDouble(0, 0.5),
                1 + random.nextInt(8), 1 + random.nextInt(8), random.nextInt(3), 1 + random.nextInt(5),
                random.nextInt(3), 1 + random.nextInt(20), 1 + random.nextInt(50), random.nextDouble(0.01, 1),
                random.nextDouble(), random.nextDouble(0, 0.5), random.nextInt(5), 1 + random.nextInt(300),
                random.nextDouble(1.1, 4));
    }

    /**
     * Mostly {@code maximumPoolSize} above the floor; one in five a fleet ceiling anywhere, 0 and below the floor
     * included.
     */
    private static int randomCeiling(SplittableRandom random, int minimumIdle) {
        return random.nextInt(5) == 0 ? random.nextInt(12) : Math.max(1, minimumIdle) + random.nextInt(60);
    }

    @Test
    void theTargetNeverLeavesItsBoundsAndMovesInBoundedSteps() {
        for (long seed = 0; seed < SEQUENCES; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            SizingParameters parameters = randomParameters(random);
            int maxStep = Math.max(parameters.maxStepUp(), parameters.maxStepDown());
            int minimumIdle = random.nextInt(10);
            int maximum = randomCeiling(random, minimumIdle);
            TargetSizeController controller = new TargetSizeController(parameters, 1 + random.nextInt(100));
            long start = 0;
            for (int i = 0; i < WINDOWS; i++) {
                if (random.nextInt(10) == 0) { // resize, or a fleet ceiling moving
                    minimumIdle = random.nextInt(10);
                    maximum = randomCeiling(random, minimumIdle);
                }
                SizingWindow window = randomWindow(random, start);
                start = window.endNanos();
                int before = controller.target();
                SizingDecision decision = controller.decide(window, minimumIdle, maximum);
                long failingSeed = seed;
                int failingWindow = i;
                Supplier<String> context = () -> "seed " + failingSeed + ", window " + failingWindow + ": " + decision;
                int target = decision.target();

                // Plain checks with lazy messages: 120,000 decisions, and AssertJ builds its description eagerly.
                int top = Math.max(1, maximum);
                assertTrue(target <= top && target >= Math.max(1, Math.min(minimumIdle, top)), context);
                assertTrue(target == controller.target() && decision.previousTarget() == before, context);
                if (decision.reason() != Reason.BOUNDS) {
                    assertTrue(Math.abs(target - before) <= maxStep, context);
                }
                Direction direction = decision.reason().direction();
                if (direction == Direction.UP) {
                    assertTrue(target >= before, context);
                } else if (direction == Direction.DOWN) {
                    assertTrue(target < before, context);
                } else if (direction == Direction.NONE) {
                    assertTrue(target == before, context);
                }
            }
        }
    }

    @Test
    void theSameWindowsGiveTheSameDecisions() {
        for (long seed = 0; seed < 200; seed++) {
            assertThat(run(seed)).as("seed " + seed).isEqualTo(run(seed));
        }
    }

    private static List<SizingDecision> run(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TargetSizeController controller = new TargetSizeController(SizingParameters.DEFAULTS, 10);
        List<SizingDecision> decisions = new ArrayList<>();
        long start = 0;
        for (int i = 0; i < WINDOWS; i++) {
            SizingWindow window = randomWindow(random, start);
            start = window.endNanos();
            decisions.add(controller.decide(window, 2, 30));
        }
        return decisions;
    }

    @Test
    void neverGrowsWhenNobodyQueues() {
        for (long seed = 0; seed < SEQUENCES; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            TargetSizeController controller =
                    new TargetSizeController(SizingParameters.DEFAULTS, 1 + random.nextInt(30));
            long start = 0;
            for (int i = 0; i < WINDOWS; i++) {
                SizingWindow any = randomWindow(random, start);
                // No waiter, no timeout, no wait: a pool whose borrowers all get a connection at once.
                SizingWindow calm = new SizingWindow(any.startNanos(), any.endNanos(), any.completedBorrows(),
                        any.meanHoldNanos(), any.acquires(), 0, 0, 0, any.idle(), any.open());
                start = calm.endNanos();
                int before = controller.target();
                SizingDecision decision = controller.decide(calm, 1, 40);
                long failingSeed = seed;
                if (decision.reason() != Reason.PROBE_END && decision.reason() != Reason.REBASE_RESTORE) {
                    assertTrue(decision.target() <= before, () -> "seed " + failingSeed + ": " + decision);
                }
            }
        }
    }
}
