package dev.poolwise.cli.tune;

import java.util.List;
import java.util.Map;

/**
 * What {@code tune --adaptive} added to a run: the static sweep of each phase, the adaptive pool's trace, the
 * oracle's runs (the best static sizes run through the same phases right before and right after it), and the
 * adaptive pool's verdict per phase. Without {@code --phases} there is one phase, the sweep's own workload, and its sweep
 * is the run's main one.
 *
 * @param sweeps   each phase's static sweep, in phase order; the first is also the run's main sweep
 * @param trace    the adaptive pool's run, or {@code null} when it was stopped before it ended
 * @param oracle   the oracle's runs ({@link OracleRuns}: their target is each phase's static size);
 *                 {@link OracleRuns#none()} when it did not run ({@code --no-oracle}, a phase without a clean
 *                 static size, or stopped)
 * @param verdicts the adaptive pool judged in each phase (empty without a trace)
 */
public record AdaptiveResults(List<PhaseSweep> sweeps, AdaptiveTrace trace, OracleRuns oracle,
                              List<PhaseJudgement.PhaseVerdict> verdicts) {

    /**
     * Copies the lists.
     *
     * @param sweeps   the phases' sweeps
     * @param trace    the adaptive run, or {@code null}
     * @param oracle   the oracle's runs; {@code null} counts as none
     * @param verdicts the verdicts
     */
    public AdaptiveResults {
        sweeps = List.copyOf(sweeps);
        oracle = oracle == null ? OracleRuns.none() : oracle;
        verdicts = List.copyOf(verdicts);
    }

    /**
     * One phase's static sweep.
     *
     * @param workload the phase's workload
     * @param steps    each pool's measured sizes, smallest first
     * @param choices  each pool's choice by {@link RecommendationRule}, where it had clean steps
     */
    public record PhaseSweep(String workload, Map<MeasuredPool, List<SizeResult>> steps,
                             Map<MeasuredPool, RecommendationRule.Choice> choices) {
        /**
         * Copies the maps.
         *
         * @param workload the workload
         * @param steps    the sizes
         * @param choices  the choices
         */
        public PhaseSweep {
            steps = Map.copyOf(steps);
            choices = Map.copyOf(choices);
        }

        /** @return Poolwise's choice in this phase, or {@code null} when no size ran cleanly */
        public RecommendationRule.Choice poolwiseChoice() {
            return choices.get(MeasuredPool.POOLWISE);
        }
    }
}
