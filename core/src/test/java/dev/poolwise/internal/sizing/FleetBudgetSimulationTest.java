package dev.poolwise.internal.sizing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded simulations of whole fleets of {@link FleetBudget}s on one injected clock: each instance counts on its
 * own jittered cadence and acts on its ceilings at every sizing step, while its demand wanders at random (a
 * controller that grows, shrinks and grows again between counts). The fleet's sum is checked after every
 * action. {@link FleetShareTest} pins the share rule on one count; this pins how ceilings are used between
 * counts, where a pool that gave connections back, or that sat on a grant, could otherwise take room a peer
 * has counted as free since.
 */
class FleetBudgetSimulationTest {

    private static final long STEP = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long INTERVAL = TimeUnit.SECONDS.toNanos(1);

    /** @return the most connections the fleet held at any moment of the run */
    private static int simulate(long seed, int instances, int budget, int maximum, int steps) {
        Random random = new Random(seed);
        long[] now = {1_000};
        int[] open = new int[instances];
        int[] demand = new int[instances];
        List<FleetBudget> budgets = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            open[i] = 1;
            demand[i] = 1 + random.nextInt(maximum);
            int self = i;
            FleetCounter counter = fleet -> {
                Map<String, Integer> byInstance = new HashMap<>();
                for (int j = 0; j < instances; j++) {
                    if (open[j] > 0) {
                        byInstance.put("i" + j, open[j]);
                    }
                }
                return new FleetCountResult.Counted(new FleetCount(FleetCount.Basis.BY_LABEL, byInstance, 0));
            };
            Random jitter = new Random(seed * 31 + i);
            budgets.add(new FleetBudget("sim" + i, new FleetLabel("sim", "i" + i), new FleetShare(budget, 1), counter,
                    INTERVAL, () -> now[0],
                    interval -> interval * 4 / 5 + (long) (jitter.nextDouble() * interval * 2 / 5), () -> open[self]));
        }
        int most = sum(open);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            order.add(i);
        }
        for (int step = 0; step < steps; step++) {
            now[0] += STEP;
            Collections.shuffle(order, random);
            for (int i : order) {
                if (random.nextInt(4) == 0) {
                    demand[i] = Math.max(1, Math.min(maximum, demand[i] + random.nextInt(9) - 4));
                }
                int ceiling = budgets.get(i).ceiling(maximum, open[i]);
                int target = Math.min(demand[i], ceiling);
                open[i] = target < open[i] ? target : Math.min(target, open[i] + 4);
                most = Math.max(most, sum(open));
            }
        }
        return most;
    }

    private static int sum(int[] values) {
        int sum = 0;
        for (int value : values) {
            sum += value;
        }
        return sum;
    }

    @Test
    void fourInstancesWithWanderingDemandNeverHoldMoreThanABudgetOfTwenty() {
        for (long seed = 1; seed <= 300; seed++) {
            assertThat(simulate(seed, 4, 20, 10, 300)).as("seed " + seed).isLessThanOrEqualTo(20);
        }
    }

    @Test
    void fleetsOfOtherShapesNeverHoldMoreThanTheirBudget() {
        Random shapes = new Random(42);
        for (int run = 0; run < 200; run++) {
            int instances = 2 + shapes.nextInt(7);
            int budget = instances + shapes.nextInt(60);
            int maximum = 1 + shapes.nextInt(20);
            assertThat(simulate(1000 + run, instances, budget, maximum, 200))
                    .as("run %d: %d instances, budget %d, maximum %d", run, instances, budget, maximum)
                    .isLessThanOrEqualTo(budget);
        }
    }
}
