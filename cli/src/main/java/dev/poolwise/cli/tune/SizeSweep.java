package dev.poolwise.cli.tune;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * The sweep, built so that noise on a shared machine cannot decide the answer:
 * <ol>
 * <li>every coarse size, {@code rounds} times, each round in a fresh random order (so that a drift during
 *     the run, caches warming or a neighbour getting busy, spreads over all sizes instead of landing on the
 *     last ones);</li>
 * <li>then the refinement sizes ({@link SweepPlan#refinement}) around the coarse answer, the same way;</li>
 * <li>then, within a time budget, one more round at a time of the size whose throughput interval is widest
 *     among those that could change the answer (the recommended size, the size below it, the best, and the
 *     sizes tied with the best), while that interval is wider than ±{@value #NOISY_PERCENT}%.</li>
 * </ol>
 * With more than one pool (Poolwise and HikariCP) each size is run through every pool before the next, so
 * that a drifting database shifts both pools alike.
 *
 * <p>The first pool's results decide the refinement and the re-measuring.
 */
public final class SizeSweep {

    /** A size whose interval is wider than ± this many percent of its throughput is re-measured. */
    static final int NOISY_PERCENT = 5;

    private final Steps runner;
    private final List<MeasuredPool> pools;
    private final List<Integer> coarse;
    private final int refinementLimit;
    private final int rounds;
    private final Duration remeasureBudget;
    private final Random random;
    private final Map<MeasuredPool, Map<Integer, List<SizeResult.Measured>>> measured =
            new EnumMap<>(MeasuredPool.class);
    private int step;
    private int planned;

    /**
     * @param runner          runs each step
     * @param pools           the pools to measure; the first one's results decide the refinement
     * @param coarse          the coarse sizes, smallest first
     * @param refinementLimit the most sizes to add after the coarse sweep (0 for none)
     * @param rounds          rounds per size, at least 1
     * @param remeasureBudget time to spend re-measuring noisy sizes (zero for none)
     * @param seed            seeds the random order of each round, so that a run can be repeated exactly
     */
    public SizeSweep(Steps runner, List<MeasuredPool> pools, List<Integer> coarse, int refinementLimit,
                     int rounds, Duration remeasureBudget, long seed) {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds " + rounds + ": must be at least 1");
        }
        this.runner = runner;
        this.pools = List.copyOf(pools);
        this.coarse = List.copyOf(coarse);
        this.refinementLimit = refinementLimit;
        this.rounds = rounds;
        this.remeasureBudget = remeasureBudget;
        this.random = new Random(seed);
        pools.forEach(pool -> measured.put(pool, new TreeMap<>()));
    }

    /** @return how many steps the sweep expects to run at most: refinement and re-measuring included */
    public int plannedSteps() {
        return (coarse.size() + refinementLimit) * rounds * pools.size() + remeasureSteps() * pools.size();
    }

    /** @return the most re-measuring rounds the budget allows */
    private int remeasureSteps() {
        long stepNanos = runner.stepLength().toNanos() * pools.size();
        return stepNanos == 0 ? 0 : (int) (remeasureBudget.toNanos() / stepNanos);
    }

    /**
     * Runs the sweep until it ends or the runner is stopped.
     *
     * @param listener told of each step
     * @return each pool's sizes, smallest first, every round at a size taken together; a stopped step is
     *         left out
     * @throws InterruptedException when the calling thread is interrupted
     */
    public Map<MeasuredPool, List<SizeResult>> run(Listener listener) throws InterruptedException {
        planned = plannedSteps();
        step = 0;
        runRounds(coarse, SizeResult.COARSE, listener);
        if (!runner.isStopped() && refinementLimit > 0) {
            Optional<RecommendationRule.Choice> choice = RecommendationRule.choose(results(pools.get(0)));
            List<Integer> refine = choice.isEmpty() ? List.of()
                    : SweepPlan.refinement(new ArrayList<>(measured.get(pools.get(0)).keySet()), choice.get().size(),
                    refinementLimit);
            planned -= (refinementLimit - refine.size()) * rounds * pools.size();
            runRounds(refine, SizeResult.REFINE, listener);
        }
        remeasure(listener);
        Map<MeasuredPool, List<SizeResult>> all = new EnumMap<>(MeasuredPool.class);
        pools.forEach(pool -> all.put(pool, results(pool)));
        return all;
    }

    private void runRounds(List<Integer> sizes, String phase, Listener listener) throws InterruptedException {
        for (int round = 0; round < rounds; round++) {
            List<Integer> order = new ArrayList<>(sizes);
            Collections.shuffle(order, random);
            for (int size : order) {
                if (!runSize(size, phase, listener)) {
                    return;
                }
            }
        }
    }

    private void remeasure(Listener listener) throws InterruptedException {
        long deadline = System.nanoTime() + remeasureBudget.toNanos();
        long stepNanos = runner.stepLength().toNanos() * pools.size();
        int allowed = remeasureSteps();
        int done = 0;
        while (!runner.isStopped() && done < allowed && System.nanoTime() + stepNanos <= deadline) {
            Optional<Integer> noisiest = noisiestDeciding(results(pools.get(0)));
            if (noisiest.isEmpty()) {
                break;
            }
            if (!runSize(noisiest.get(), SizeResult.REMEASURE, listener)) {
                return;
            }
            done++;
        }
        planned -= (allowed - done) * pools.size();
    }

    /**
     * @param sizes one pool's results
     * @return the size to measure once more: among those that could change the answer (the recommended size,
     *         the next smaller one, the best, and the sizes tied with the best), the one whose interval is
     *         widest relative to its throughput, if wider than ±{@value #NOISY_PERCENT}%; empty when none is
     */
    static Optional<Integer> noisiestDeciding(List<SizeResult> sizes) {
        Optional<RecommendationRule.Choice> choice = RecommendationRule.choose(sizes);
        if (choice.isEmpty()) {
            return Optional.empty();
        }
        RecommendationRule.Choice c = choice.get();
        List<Integer> deciding = new ArrayList<>(c.tied());
        deciding.add(c.size());
        deciding.add(c.bestThroughputSize());
        sizes.stream().filter(SizeResult::isClean).map(SizeResult::size).filter(s -> s < c.size())
                .max(Integer::compare).ifPresent(deciding::add);
        return sizes.stream()
                .filter(s -> deciding.contains(s.size()) && s.isClean())
                .filter(s -> s.interval().relativeHalfWidth() > NOISY_PERCENT / 100.0)
                .max(Comparator.comparingDouble((SizeResult s) -> s.interval().relativeHalfWidth())
                        .thenComparing(SizeResult::size, Comparator.reverseOrder()))
                .map(SizeResult::size);
    }

    /** @return whether the sweep goes on (false once the runner is stopped) */
    private boolean runSize(int size, String phase, Listener listener) throws InterruptedException {
        for (MeasuredPool pool : pools) {
            if (runner.isStopped()) {
                return false;
            }
            step++;
            int current = step;
            listener.stepStarted(current, planned, pool, size, phase);
            Optional<SizeResult.Measured> result = runner.run(pool, size, phase,
                    (fraction, completed) -> listener.stepProgress(current, planned, fraction, completed));
            if (result.isEmpty()) {
                return false;
            }
            measured.get(pool).computeIfAbsent(size, s -> new ArrayList<>()).add(result.get());
            listener.stepFinished(current, planned, pool, size, result.get().round());
        }
        return true;
    }

    private List<SizeResult> results(MeasuredPool pool) {
        List<SizeResult> results = new ArrayList<>();
        measured.get(pool).forEach((size, list) -> results.add(SizeResult.of(pool.id(), size, list)));
        return results;
    }

    /** What runs the sweep's steps: {@link StepRunner} on a database, a stand-in in tests. */
    public interface Steps {
        /** @return the length of one step, warm-up and window */
        Duration stepLength();

        /** @return whether the run was asked to stop */
        boolean isStopped();

        /**
         * Runs one round at one size.
         *
         * @param pool     the pool
         * @param size     its size
         * @param phase    why the round runs
         * @param progress told of the step's progress
         * @return what the round measured, or empty when it was stopped
         * @throws InterruptedException when the calling thread is interrupted
         */
        Optional<SizeResult.Measured> run(MeasuredPool pool, int size, String phase, StepRunner.Progress progress)
                throws InterruptedException;
    }

    /** Told of the sweep's steps, on the sweep's thread. */
    public interface Listener {
        /**
         * @param step    the step's number, from 1
         * @param planned the steps planned in all (shrinks once the refinement and re-measuring are known)
         * @param pool    the pool
         * @param size    its size
         * @param phase   coarse, refine or remeasure
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
         * @param pool    the pool
         * @param size    its size
         * @param round   what the step measured
         */
        void stepFinished(int step, int planned, MeasuredPool pool, int size, SizeResult.Round round);
    }
}
