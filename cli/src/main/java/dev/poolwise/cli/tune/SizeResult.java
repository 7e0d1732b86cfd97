package dev.poolwise.cli.tune;

import java.util.ArrayList;
import java.util.List;

import dev.poolwise.cli.common.LatencyHistogram;

/**
 * What a sweep measured at one pool size, through one pool: every round at that size taken together, under
 * the same workload and clients as every other size. Durations are in milliseconds; counts cover the
 * measured windows only, not the warm-ups.
 *
 * @param pool         the pool measured, e.g. {@code poolwise}
 * @param size         the pool's size (maximum = minimum)
 * @param phase        {@code coarse} for the sizes of the first sweep, {@code refine} for those added around
 *                     its answer
 * @param rounds       each round at this size, in the order they ran
 * @param transactions units of work completed in all the windows
 * @param failures     units of work that failed in the windows (a failed borrow counts)
 * @param firstFailure the first failure's message, or {@code null}
 * @param seconds      the measured windows' total length
 * @param throughput   completed units of work per second over all the windows
 * @param interval     the 95% confidence interval of the throughput ({@link ConfidenceInterval})
 * @param spread       how steady the throughput was: the coefficient of variation (standard deviation ÷ mean)
 *                     of the rates in the windows' half-second slices; 0.05 is steady, 0.3 noisy; 0 when the
 *                     windows were too short to slice
 * @param latency      each unit of work as a client sees it, from asking for a connection to giving it back
 * @param poolWait     the time in {@code getConnection}
 * @param holdMeanMs   the mean time a connection was held (in hand, until returned)
 * @param activity     the pool's connections as the database saw them during the windows
 */
public record SizeResult(String pool, int size, String phase, List<Round> rounds, long transactions, long failures,
                         String firstFailure, double seconds, double throughput, ConfidenceInterval interval,
                         double spread, Percentiles latency, Percentiles poolWait, double holdMeanMs,
                         DatabaseActivity activity) {

    /** The phase of the first, coarse sweep. */
    public static final String COARSE = "coarse";
    /** The phase of the sizes added around the best of the coarse sweep. */
    public static final String REFINE = "refine";
    /** The phase of a round added because a size's interval was wide. */
    public static final String REMEASURE = "remeasure";

    /**
     * Copies the rounds, so that the result stays as it was made.
     *
     * @param pool         the pool
     * @param size         its size
     * @param phase        coarse or refine
     * @param rounds       the rounds
     * @param transactions units of work completed
     * @param failures     units of work failed
     * @param firstFailure the first failure's message, or {@code null}
     * @param seconds      the windows' total length
     * @param throughput   units of work per second
     * @param interval     the throughput's 95% interval
     * @param spread       the slices' coefficient of variation
     * @param latency      latency percentiles
     * @param poolWait     pool wait percentiles
     * @param holdMeanMs   mean hold time
     * @param activity     what the database saw
     */
    public SizeResult {
        rounds = List.copyOf(rounds);
    }

    /**
     * One round at this size: one pool opened, warmed up, measured for one window and closed.
     *
     * @param phase        coarse, refine or remeasure: why the round ran
     * @param transactions units of work completed in the window
     * @param failures     units of work failed in the window
     * @param seconds      the window's length
     * @param throughput   units of work per second in the window
     * @param p99Ms        the window's p99 latency
     * @param sliceRates   the rates of the window's half-second slices, units per second
     */
    public record Round(String phase, long transactions, long failures, double seconds, double throughput,
                        double p99Ms, List<Double> sliceRates) {
        /**
         * Copies the rates.
         *
         * @param phase        why the round ran
         * @param transactions units completed
         * @param failures     units failed
         * @param seconds      the window's length
         * @param throughput   units per second
         * @param p99Ms        p99 latency
         * @param sliceRates   the slices' rates
         */
        public Round {
            sliceRates = List.copyOf(sliceRates);
        }
    }

    /**
     * One round as the step runner measured it: the round's figures and the histograms that
     * {@link #of(String, int, List)} merges across rounds.
     *
     * @param round        the round's figures
     * @param latency      its latencies
     * @param poolWait     its waits in {@code getConnection}
     * @param holdNanos    the total time connections were held
     * @param firstFailure its first failure's message, or {@code null}
     * @param activity     what the database saw during its window
     */
    public record Measured(Round round, LatencyHistogram latency, LatencyHistogram poolWait, long holdNanos,
                           String firstFailure, DatabaseActivity activity) {
    }

    /**
     * Puts a size's rounds together: counts and times summed, histograms merged, the interval from every
     * round's slices (or, when the windows were too short to slice, from the rounds' own rates).
     *
     * @param pool     the pool's id
     * @param size     the size
     * @param measured the rounds, at least one, in the order they ran
     * @return the size's result
     */
    public static SizeResult of(String pool, int size, List<Measured> measured) {
        if (measured.isEmpty()) {
            throw new IllegalArgumentException("size " + size + " has no rounds");
        }
        LatencyHistogram latency = new LatencyHistogram();
        LatencyHistogram poolWait = new LatencyHistogram();
        long transactions = 0;
        long failures = 0;
        long holdNanos = 0;
        double seconds = 0;
        String firstFailure = null;
        int openMax = 0;
        int activeMax = 0;
        double activeSum = 0;
        int samples = 0;
        List<Round> rounds = new ArrayList<>();
        List<Double> slices = new ArrayList<>();
        List<Double> roundRates = new ArrayList<>();
        for (Measured m : measured) {
            rounds.add(m.round());
            latency.add(m.latency());
            poolWait.add(m.poolWait());
            transactions += m.round().transactions();
            failures += m.round().failures();
            seconds += m.round().seconds();
            holdNanos += m.holdNanos();
            if (firstFailure == null) {
                firstFailure = m.firstFailure();
            }
            DatabaseActivity a = m.activity();
            openMax = Math.max(openMax, a.openMax());
            activeMax = Math.max(activeMax, a.activeMax());
            activeSum += a.activeMean() * a.samples();
            samples += a.samples();
            slices.addAll(m.round().sliceRates());
            roundRates.add(m.round().throughput());
        }
        double throughput = seconds > 0 ? transactions / seconds : 0;
        // The interval's width comes from the samples; it is centred on the throughput over all the windows,
        // the figure the rule compares, which differs from the slices' mean only by rounding at the edges.
        ConfidenceInterval sampled = ConfidenceInterval.of95(slices.size() >= 2 ? slices : roundRates);
        // A rate is never negative, however wide the noise makes the interval.
        ConfidenceInterval interval = new ConfidenceInterval(throughput, Math.max(0, throughput - sampled.halfWidth()),
                throughput + sampled.halfWidth(), sampled.samples());
        return new SizeResult(pool, size, rounds.get(0).phase(), rounds, transactions, failures, firstFailure,
                seconds, throughput, interval, spread(slices), percentiles(latency), percentiles(poolWait),
                transactions == 0 ? 0 : holdNanos / 1e6 / transactions,
                samples == 0 ? DatabaseActivity.NONE
                        : new DatabaseActivity(openMax, activeMax, activeSum / samples, samples));
    }

    /** @return the coefficient of variation of the rates, or 0 with fewer than two */
    static double spread(List<Double> rates) {
        if (rates.size() < 2) {
            return 0;
        }
        double mean = rates.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (mean <= 0) {
            return 0;
        }
        double variance = rates.stream().mapToDouble(r -> (r - mean) * (r - mean)).sum() / (rates.size() - 1);
        return Math.sqrt(variance) / mean;
    }

    private static Percentiles percentiles(LatencyHistogram histogram) {
        return new Percentiles(histogram.percentileNanos(50) / 1e6, histogram.percentileNanos(95) / 1e6,
                histogram.percentileNanos(99) / 1e6, histogram.maxNanos() / 1e6);
    }

    /**
     * Percentiles of a duration, in milliseconds.
     *
     * @param p50 the median
     * @param p95 the 95th percentile
     * @param p99 the 99th percentile
     * @param max the longest
     */
    public record Percentiles(double p50, double p95, double p99, double max) {
    }

    /**
     * The pool's connections as the database's own activity view showed them, sampled from a separate
     * connection about ten times a second.
     *
     * @param openMax    the most connections open at once
     * @param activeMax  the most running a statement or inside a transaction at once
     * @param activeMean the mean of the same over the samples
     * @param samples    how many samples were taken; 0 when the view could not be read
     */
    public record DatabaseActivity(int openMax, int activeMax, double activeMean, int samples) {
        /** No samples: the activity view could not be read. */
        public static final DatabaseActivity NONE = new DatabaseActivity(0, 0, 0, 0);
    }

    /** @return whether the size measured anything usable: some work done and none failed */
    public boolean isClean() {
        return transactions > 0 && failures == 0;
    }
}
