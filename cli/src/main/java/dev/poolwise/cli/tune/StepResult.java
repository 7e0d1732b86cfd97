package dev.poolwise.cli.tune;

/**
 * What one step of a sweep measured: one pool at one size, under the same workload and clients as every
 * other step. Durations are in milliseconds; counts cover the measured window only, not the warm-up.
 *
 * @param pool         the pool measured, e.g. {@code poolwise}
 * @param size         the pool's size (maximum = minimum)
 * @param phase        {@code coarse} for the first sweep, {@code refine} for the sizes added around the best
 * @param transactions units of work completed in the window
 * @param failures     units of work that failed in the window (a failed borrow counts)
 * @param firstFailure the first failure's message, or {@code null}
 * @param seconds      the measured window's length
 * @param throughput   completed units of work per second
 * @param spread       how steady the throughput was within the window: the coefficient of variation (standard
 *                     deviation ÷ mean) of the rates in its half-second slices; 0.05 is steady, 0.3 noisy; 0
 *                     when the window was too short to slice
 * @param latency      each unit of work as a client sees it, from asking for a connection to giving it back
 * @param poolWait     the time in {@code getConnection}
 * @param holdMeanMs   the mean time a connection was held (in hand, until returned)
 * @param activity     the pool's connections as the database saw them during the window
 */
public record StepResult(String pool, int size, String phase, long transactions, long failures, String firstFailure,
                         double seconds, double throughput, double spread, Percentiles latency, Percentiles poolWait,
                         double holdMeanMs, DatabaseActivity activity) {

    /** The phase of the first, coarse sweep. */
    public static final String COARSE = "coarse";
    /** The phase of the sizes added around the best of the coarse sweep. */
    public static final String REFINE = "refine";

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

    /** @return whether the step measured anything usable: some work done and none failed */
    public boolean isClean() {
        return transactions > 0 && failures == 0;
    }
}
