package dev.poolwise.internal.sizing;

/**
 * The tuning of {@link TargetSizeController}. The defaults ({@link #DEFAULTS}) are what the scenario tests
 * pin; every field says what it trades off.
 *
 * @param alpha                   Vegas's lower threshold, in connections: when the connections queued inside
 *                                the database (see {@link TargetSizeController}) are fewer than this, hold time
 *                                counts as flat and the pool may grow. Default 1.
 * @param beta                    Vegas's upper threshold, in connections: above it the database is saturated
 *                                and the pool shrinks. Between {@code alpha} and {@code beta} nothing moves
 *                                (the hysteresis band). Default 2: the pool settles within about two
 *                                connections above the database's knee.
 * @param holdTolerance           hold time up to this fraction above the baseline counts as the baseline
 *                                (Gradient2's {@code rttTolerance}, applied inside Vegas's estimate): window
 *                                means vary by a few per cent for reasons that are not queueing (GC pauses, the
 *                                mix of queries), and a minimum of noisy means sits low. Without it that noise
 *                                reads as {@code inUse x noise} connections queued, enough to stop a large pool
 *                                growing. Default 0.05; the price is a knee estimate that many connections high
 *                                ({@code holdTolerance x cores}).
 * @param maxStepUp               the most connections one decision adds. Default 4.
 * @param maxStepDown             the most connections one decision removes. Default 4.
 * @param settleWindows           windows after a change that are measured but not acted on: their figures mix
 *                                the old size and the new (connections still opening or draining). Default 1.
 * @param idleWindowsBeforeShrink consecutive windows with spare connections and no queueing before an idle
 *                                shrink. Default 3: a short lull does not cost connections a burst needs.
 * @param idleHeadroom            spare connections kept above the measured need (Little's law) when
 *                                shrinking for idleness. Default 1.
 * @param probeAfterWindows       windows of queueing with a baseline never measured below the current load
 *                                before probing downwards
 *                                (see {@link dev.poolwise.TargetSizeChange.Reason#SHRINK_PROBE}). Default 10.
 * @param minSamples              completed borrows a window needs before its mean hold time is trusted.
 *                                Default 10.
 * @param queueWaitFraction       a mean borrow wait above this fraction of the no-load hold time counts as
 *                                queueing even when no thread waits at the window's end. Default 0.1.
 * @param rebaseFraction          after a saturation shrink from {@code c} to {@code c'} connections, hold time
 *                                should fall by about {@code 1 - c'/c} if the database was queueing (less when
 *                                borrowers also hold connections outside the database). If it fell by less than
 *                                this fraction of that, the rise was the queries themselves getting slower: the
 *                                baseline is re-learnt and the shrink undone. Default 0.25.
 * @param throughputTolerance     how close two sizes' measured throughputs (borrows completed per second while
 *                                borrowers queued, see {@link TargetSizeController}) must be to count as the
 *                                same: a size this much below the best one measured counts as slower, the
 *                                controller keeps the smallest size within three quarters of this fraction of
 *                                the best (the figures' own error takes the rest), and moves up to a larger one
 *                                only when the current size is more than one and a half times this fraction below
 *                                the best (the gap is the hysteresis). Default
 *                                0.1: tune's 500 ms windows at one size varied by 10-30% on the shared machine,
 *                                and 5% made the size to keep flip between neighbours.
 * @param probeUpSteps            how far above the best size measured the controller still measures larger sizes
 *                                while borrowers queue, in steps of {@code maxStepUp}, even when hold time says
 *                                the database is saturated: on a shared machine hold time can rise over a
 *                                plateau of a few connections before throughput climbs further up (docs/adaptive.md,
 *                                "Figures from tune"). Each size is measured once per workload; 0 turns
 *                                probing up off. Default 3 (12 connections with the default step).
 * @param capacityMemoryWindows   how many windows a size's measured throughput is remembered after it was last
 *                                measured, so that a slowly changing workload is measured afresh. Default 240
 *                                (4 minutes at the default 1 s window).
 * @param workloadChangeFactor    a size's throughput moving by this factor or more against what was remembered
 *                                for it, in three measured windows in a row, means the workload changed (a new
 *                                mix of queries, the database resized or loaded): every remembered throughput
 *                                is forgotten. The first two such windows are not acted on. Default 1.5: a knee that
 *                                moves from 4 to 6 connections or more changes a pool at 6 by that much, and the
 *                                window-to-window noise tune saw at one size stayed within it.
 */
public record SizingParameters(
        double alpha,
        double beta,
        double holdTolerance,
        int maxStepUp,
        int maxStepDown,
        int settleWindows,
        int idleWindowsBeforeShrink,
        int idleHeadroom,
        int probeAfterWindows,
        int minSamples,
        double queueWaitFraction,
        double rebaseFraction,
        double throughputTolerance,
        int probeUpSteps,
        int capacityMemoryWindows,
        double workloadChangeFactor) {

    /** The defaults documented on each field. */
    public static final SizingParameters DEFAULTS =
            new SizingParameters(1.0, 2.0, 0.05, 4, 4, 1, 3, 1, 10, 10, 0.1, 0.25, 0.1, 3, 240, 1.5);

    /** Rejects parameters that would make the controller unstable or meaningless, naming the value. */
    public SizingParameters {
        if (!(alpha >= 0) || !(beta > alpha)) {
            throw new IllegalArgumentException("sizing needs 0 <= alpha < beta (connections queued in the database),"
                    + " got alpha=" + alpha + ", beta=" + beta);
        }
        if (!(holdTolerance >= 0 && holdTolerance < 1)) {
            throw new IllegalArgumentException("sizing holdTolerance must be in [0, 1), got " + holdTolerance);
        }
        requireAtLeast("maxStepUp", maxStepUp, 1);
        requireAtLeast("maxStepDown", maxStepDown, 1);
        requireAtLeast("settleWindows", settleWindows, 0);
        requireAtLeast("idleWindowsBeforeShrink", idleWindowsBeforeShrink, 1);
        requireAtLeast("idleHeadroom", idleHeadroom, 0);
        requireAtLeast("probeAfterWindows", probeAfterWindows, 1);
        requireAtLeast("minSamples", minSamples, 1);
        if (!(queueWaitFraction > 0)) {
            throw new IllegalArgumentException("sizing queueWaitFraction must be > 0, got " + queueWaitFraction);
        }
        if (!(rebaseFraction >= 0 && rebaseFraction <= 1)) {
            throw new IllegalArgumentException("sizing rebaseFraction must be in [0, 1], got " + rebaseFraction);
        }
        if (!(throughputTolerance >= 0 && throughputTolerance < 0.5)) {
            throw new IllegalArgumentException("sizing throughputTolerance must be in [0, 0.5), got "
                    + throughputTolerance);
        }
        requireAtLeast("probeUpSteps", probeUpSteps, 0);
        requireAtLeast("capacityMemoryWindows", capacityMemoryWindows, 1);
        if (!(workloadChangeFactor > 1)) {
            throw new IllegalArgumentException("sizing workloadChangeFactor must be > 1, got " + workloadChangeFactor);
        }
    }

    /**
     * @param tolerance the {@code throughputTolerance} to use
     * @return these parameters with that tolerance ({@code sizingTolerance}, the one parameter a pool's
     *         configuration sets)
     */
    public SizingParameters withThroughputTolerance(double tolerance) {
        return new SizingParameters(alpha, beta, holdTolerance, maxStepUp, maxStepDown, settleWindows,
                idleWindowsBeforeShrink, idleHeadroom, probeAfterWindows, minSamples, queueWaitFraction,
                rebaseFraction, tolerance, probeUpSteps, capacityMemoryWindows, workloadChangeFactor);
    }

    private static void requireAtLeast(String name, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException("sizing " + name + " must be >= " + least + ", got " + value);
        }
    }
}
