package dev.poolwise.cli.tune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sweep: every coarse size, then the refinement sizes ({@link SweepPlan#refinement}) around the coarse
 * recommendation of the first pool. With more than one pool (Poolwise and HikariCP) each size is run through
 * every pool before the next size, so that a database that drifts during the run (caches warming, a noisy
 * neighbour) shifts both pools' figures alike rather than favouring whichever ran first.
 */
public final class SizeSweep {

    private final StepRunner runner;
    private final List<MeasuredPool> pools;
    private final List<Integer> coarse;
    private final int refinementLimit;

    /**
     * @param runner          runs each step
     * @param pools           the pools to measure; the first one's results decide the refinement
     * @param coarse          the coarse sizes, smallest first
     * @param refinementLimit the most sizes to add after the coarse sweep (0 for none)
     */
    public SizeSweep(StepRunner runner, List<MeasuredPool> pools, List<Integer> coarse, int refinementLimit) {
        this.runner = runner;
        this.pools = List.copyOf(pools);
        this.coarse = List.copyOf(coarse);
        this.refinementLimit = refinementLimit;
    }

    /** @return how many steps the sweep expects to run, refinement included at its most */
    public int plannedSteps() {
        return (coarse.size() + refinementLimit) * pools.size();
    }

    /**
     * Runs the sweep until it ends or the runner is stopped.
     *
     * @param listener told of each step
     * @return each pool's finished steps, smallest size first; a stopped step is left out
     * @throws InterruptedException when the calling thread is interrupted
     */
    public Map<MeasuredPool, List<StepResult>> run(Listener listener) throws InterruptedException {
        Map<MeasuredPool, List<StepResult>> results = new EnumMap<>(MeasuredPool.class);
        pools.forEach(pool -> results.put(pool, new ArrayList<>()));
        int[] planned = {plannedSteps()};
        int[] index = {0};
        runSizes(coarse, StepResult.COARSE, results, listener, planned, index);
        if (!runner.isStopped() && refinementLimit > 0) {
            List<StepResult> first = results.get(pools.get(0));
            Optional<RecommendationRule.Choice> choice = RecommendationRule.choose(first);
            List<Integer> refine = choice.isEmpty() ? List.of()
                    : SweepPlan.refinement(first.stream().map(StepResult::size).toList(), choice.get().size(),
                    refinementLimit);
            planned[0] = (coarse.size() + refine.size()) * pools.size();
            runSizes(refine, StepResult.REFINE, results, listener, planned, index);
        }
        results.values().forEach(steps -> steps.sort(Comparator.comparingInt(StepResult::size)));
        return results;
    }

    private void runSizes(List<Integer> sizes, String phase, Map<MeasuredPool, List<StepResult>> results,
                          Listener listener, int[] planned, int[] index) throws InterruptedException {
        for (int size : sizes) {
            for (MeasuredPool pool : pools) {
                if (runner.isStopped()) {
                    return;
                }
                index[0]++;
                int step = index[0];
                listener.stepStarted(step, planned[0], pool, size, phase);
                Optional<StepResult> result = runner.run(pool, size, phase,
                        (fraction, completed) -> listener.stepProgress(step, planned[0], fraction, completed));
                if (result.isEmpty()) {
                    return;
                }
                results.get(pool).add(result.get());
                listener.stepFinished(step, planned[0], result.get());
            }
        }
    }

    /** Told of the sweep's steps, on the sweep's thread. */
    public interface Listener {
        /**
         * @param step    the step's number, from 1
         * @param planned the steps planned in all (may shrink once the refinement is known)
         * @param pool    the pool
         * @param size    its size
         * @param phase   coarse or refine
         */
        void stepStarted(int step, int planned, MeasuredPool pool, int size, String phase);

        /**
         * @param step      the step's number
         * @param planned   the steps planned in all
         * @param fraction  the part of this step done
         * @param completed units of work completed so far in this step
         */
        void stepProgress(int step, int planned, double fraction, long completed);

        /**
         * @param step    the step's number
         * @param planned the steps planned in all
         * @param result  what it measured
         */
        void stepFinished(int step, int planned, StepResult result);
    }
}
