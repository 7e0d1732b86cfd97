package dev.poolwise.cli.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * The oracle's runs ({@link AdaptiveRunner#oracle}): each phase's best static size run through the same phases as the
 * adaptive pool, once right before it and once right after it (A-B-A). The adaptive pool is judged against both runs
 * together, over the same seconds of each phase ({@link PhaseJudgement}).
 *
 * <p>Why two. This shared machine's speed drifts by a third within minutes, and a single oracle run after the adaptive
 * pool carries that drift into the verdict: in tune run 65 the adaptive pool kept 8 connections in {@code read}, the
 * very size the oracle ran, and read 77% of the oracle's throughput, because the oracle's seconds came two minutes
 * later on a faster machine (the sweep, before both, had the same size at 93%). With a run on each side, a steady
 * drift moves the yardstick by as much as it moves the adaptive pool, and the two runs' difference is printed, so a
 * verdict made on a drifting machine says so.
 *
 * @param runs the runs, in the order they ran: before the adaptive pool, then after it; empty when the oracle did not
 *             run. Every run has the same phases, of the same length.
 */
public record OracleRuns(List<AdaptiveTrace> runs) {

    /**
     * Copies the runs and checks that they ran the same phases.
     *
     * @param runs the runs, in the order they ran
     * @throws IllegalArgumentException when two runs ran different phases, or phases of different lengths
     */
    public OracleRuns {
        runs = List.copyOf(runs);
        AdaptiveTrace first = runs.isEmpty() ? null : runs.get(0);
        for (AdaptiveTrace run : runs) {
            if (!run.phases().equals(first.phases()) || run.secondsPerPhase() != first.secondsPerPhase()) {
                throw new IllegalArgumentException("the oracle's runs ran " + first.phases() + " for "
                        + first.secondsPerPhase() + " s each and " + run.phases() + " for " + run.secondsPerPhase()
                        + " s each; every run must run the same phases");
            }
        }
    }

    /** @return no oracle: {@code --no-oracle}, a phase without a clean static size, or a stopped run */
    public static OracleRuns none() {
        return new OracleRuns(List.of());
    }

    /** @return whether the oracle ran at least once */
    public boolean ran() {
        return !runs.isEmpty();
    }

    /** @return the first run, for what every run shares (phases, sizes) */
    public AdaptiveTrace first() {
        if (runs.isEmpty()) {
            throw new IllegalStateException("the oracle did not run");
        }
        return runs.get(0);
    }

    /**
     * Each second's units of work completed, averaged over the runs that have that second (the yardstick the
     * throughput bar uses, second by second, for the chart); every other field is the first run's.
     *
     * @return one entry per second of the longest run; empty when the oracle did not run
     */
    public List<AdaptiveTrace.Second> meanSeconds() {
        int longest = runs.stream().mapToInt(r -> r.seconds().size()).max().orElse(0);
        List<AdaptiveTrace.Second> mean = new ArrayList<>(longest);
        for (int i = 0; i < longest; i++) {
            long completed = 0;
            int counted = 0;
            AdaptiveTrace.Second shape = null;
            for (AdaptiveTrace run : runs) {
                if (i < run.seconds().size()) {
                    AdaptiveTrace.Second s = run.seconds().get(i);
                    shape = shape == null ? s : shape;
                    completed += s.completed();
                    counted++;
                }
            }
            mean.add(new AdaptiveTrace.Second(shape.second(), shape.phase(), shape.target(), shape.open(),
                    shape.active(), shape.waiting(), Math.round((double) completed / counted), shape.failures(),
                    shape.databaseOpen()));
        }
        return mean;
    }
}
