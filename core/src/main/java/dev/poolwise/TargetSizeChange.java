package dev.poolwise;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One change of an adaptive pool's target size ({@link SizingMode#ADAPTIVE}): the target before and after,
 * why, and the figures from the control window the decision was made on.
 *
 * @param poolName         the pool's name
 * @param previousTarget   the target before the change
 * @param target           the target from now on, within [{@code floor}, {@code ceiling}]
 * @param floor            the lower bound applied: {@code minimumIdle} (at least 1, at most the ceiling)
 * @param ceiling          the upper bound applied: {@code maximumPoolSize}, or this instance's share of the fleet
 *                         budget when that is lower
 * @param reason           why the target moved
 * @param throughput       completed borrows per second in the window
 * @param meanHold         the mean time a borrower held a connection in the window
 * @param baselineHold     the no-load hold time the controller compares with ({@link Duration#ZERO} while unknown)
 * @param queuedInDatabase the estimate of connections whose work waits inside the database
 * @param meanInUse        connections in use on average in the window (throughput times mean hold)
 * @param waiters          threads waiting in {@code getConnection} at the end of the window
 * @param meanWait         the mean time a borrower waited for a connection in the window
 * @param measuredThroughput what the controller remembers each size completing, in borrows per second while
 *                         borrowers queued, since the workload last changed: the figures behind
 *                         {@link Reason#GROW_THROUGHPUT}, {@link Reason#SHRINK_NO_GAIN} and
 *                         {@link Reason#SHRINK_EXPLORE}, and behind the growth it refused. By size, ascending;
 *                         only sizes comparable with the best (not measured cold, before it); each scaled by
 *                         how far the machine sped up or slowed down since it was measured (docs/adaptive.md,
 *                         "The machine's drift"); unmodifiable, empty when nothing has been measured yet
 */
public record TargetSizeChange(
        String poolName,
        int previousTarget,
        int target,
        int floor,
        int ceiling,
        Reason reason,
        double throughput,
        Duration meanHold,
        Duration baselineHold,
        double queuedInDatabase,
        double meanInUse,
        int waiters,
        Duration meanWait,
        SortedMap<Integer, Double> measuredThroughput) {

    /**
     * Checks the references and keeps an unmodifiable copy of the measured figures; the figures are whatever the
     * window measured.
     */
    public TargetSizeChange {
        Objects.requireNonNull(poolName, "poolName");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(meanHold, "meanHold");
        Objects.requireNonNull(baselineHold, "baselineHold");
        Objects.requireNonNull(meanWait, "meanWait");
        Objects.requireNonNull(measuredThroughput, "measuredThroughput");
        measuredThroughput = measuredThroughput.isEmpty() ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(measuredThroughput));
    }

    /**
     * A change without the throughput memory's figures, as the events of earlier versions were made (and as a
     * listener's test may make one).
     *
     * @param poolName         the pool's name
     * @param previousTarget   the target before the change
     * @param target           the target from now on
     * @param floor            the lower bound applied
     * @param ceiling          the upper bound applied
     * @param reason           why the target moved
     * @param throughput       completed borrows per second in the window
     * @param meanHold         the window's mean hold time
     * @param baselineHold     the no-load hold time
     * @param queuedInDatabase the estimate of connections whose work waits inside the database
     * @param meanInUse        connections in use on average in the window
     * @param waiters          threads waiting at the end of the window
     * @param meanWait         the window's mean wait
     */
    public TargetSizeChange(String poolName, int previousTarget, int target, int floor, int ceiling, Reason reason,
                            double throughput, Duration meanHold, Duration baselineHold, double queuedInDatabase,
                            double meanInUse, int waiters, Duration meanWait) {
        this(poolName, previousTarget, target, floor, ceiling, reason, throughput, meanHold, baselineHold,
                queuedInDatabase, meanInUse, waiters, meanWait, Collections.emptySortedMap());
    }

    /** Why the target moved, or why it stayed. Listeners see only the reasons that move it. */
    public enum Reason {
        /** Borrowers queued while hold time stayed flat: more connections will be used, not queued. */
        GROW_QUEUEING(Direction.UP),
        /** Borrowers queued, but too few borrows completed to judge hold time: one connection more, as AIMD. */
        GROW_QUEUEING_UNMEASURED(Direction.UP),
        /** Hold time rose over its no-load baseline by more than {@code beta} connections' worth. */
        SHRINK_SATURATED(Direction.DOWN),
        /** Connections sat idle beyond the headroom for several windows in a row. */
        SHRINK_IDLE(Direction.DOWN),
        /**
         * Borrowers queue and the baseline is not known to be a no-load hold time (a pool that started large
         * under load, or whose workload turned lighter): one step down to see whether hold time falls with it.
         */
        SHRINK_PROBE(Direction.DOWN),
        /**
         * A probe step did not lower hold time, in the mean of the two windows after it: the pool is below the
         * knee; the step is undone.
         */
        PROBE_END(Direction.UP),
        /**
         * A saturation shrink did not lower hold time, in the mean of the two windows after it: the queries got
         * slower; baseline re-learnt, shrink undone. Re-learnt with more than one connection in use, the baseline
         * counts as a no-load one only once more connections complete clearly more; until then the pool probes
         * down ({@link #SHRINK_PROBE}) to check it.
         */
        REBASE_RESTORE(Direction.UP),
        /** The bounds changed (resize, a fleet ceiling) and the target was moved inside them. */
        BOUNDS(Direction.EITHER),
        /** The last change is still settling; this window's figures mix two sizes. */
        HOLD_SETTLING(Direction.NONE),
        /** Borrowers queue, but hold time already shows queueing in the database: more would not help. */
        HOLD_NEAR_KNEE(Direction.NONE),
        /** Would grow, but the target is at its ceiling. */
        HOLD_AT_CEILING(Direction.NONE),
        /** Would shrink, but the target is at its floor. */
        HOLD_AT_FLOOR(Direction.NONE),
        /** Spare connections seen, not yet for long enough to shrink. */
        HOLD_IDLE_PENDING(Direction.NONE),
        /** Nothing calls for a change. */
        HOLD_STEADY(Direction.NONE),
        // Added after the first release: appended, so that the earlier constants keep their ordinals.
        /**
         * A smaller size was measured to complete as many borrows per second while borrowers queued: more
         * connections raised hold time without raising throughput. Towards the smallest size within three
         * quarters of {@code throughputTolerance} (7.5%) of the best measured, the best taken less half its standard
         * error where windows are noisy.
         */
        SHRINK_NO_GAIN(Direction.DOWN),
        /**
         * A larger size was measured to complete clearly more borrows per second while borrowers queued than
         * the current one does now (more than one and a half times {@code throughputTolerance}, 15%, for the size
         * to keep; the margin of the next size up for a size just explored): back towards it. Also back towards
         * a best size known only from the window that told the workload changed, when the sizes measured below it
         * since complete more the larger they are: to measure it again. And up to the best size for a second look,
         * when the pool has rested a few windows below the size to keep on the word of a best figure from fewer
         * than four windows (the best of several single noisy windows tends to be a lucky one).
         */
        GROW_THROUGHPUT(Direction.UP),
        /**
         * Borrowers queue and hold time rose, but the sizes just above have not been measured since the
         * workload last changed: one step up to measure whether more connections complete more borrows. Hold
         * time can rise over a plateau of a few connections (a shared client machine, for one) with more
         * throughput further up; each size is measured once per workload, not far past the best.
         */
        GROW_PROBE(Direction.UP),
        /**
         * The current size completes as much as any measured, and the sizes just below it have not been
         * measured since the workload last changed (or only one far below, measured slower): one connection down
         * to measure the next one. The hill climb's step down, as {@code GROW_PROBE} is its step up; a shrink of
         * several connections would pass over the best size (on a row lock, from 5 to 1, past 2). A size that
         * turns out clearly slower is left again at once ({@code GROW_THROUGHPUT}).
         */
        SHRINK_EXPLORE(Direction.DOWN),
        /**
         * Hold time calls for a move, but the size it would move to was measured to complete clearly fewer
         * borrows per second (or, going up, no more) while borrowers queued: the target stays.
         */
        HOLD_THROUGHPUT_GUARD(Direction.NONE),
        /**
         * This window's throughput is off from what the same size was measured to complete by
         * {@code workloadChangeFactor} (1.5x) or more: not acted on. If three in a row are, the workload changed
         * and every size is measured afresh; if not, the odd ones never count.
         */
        HOLD_WORKLOAD_CHECK(Direction.NONE),
        /**
         * The first window after a saturation shrink or a probe step did not show hold time falling: a second
         * window is waited for before the baseline is re-learnt ({@code REBASE_RESTORE}) or the probe ended
         * ({@code PROBE_END}) on the mean of the two, so that one slow window (a row lock's wait varies by a
         * quarter from window to window) cannot make it.
         */
        HOLD_REBASE_CHECK(Direction.NONE);

        private final Direction direction;

        Reason(Direction direction) {
            this.direction = direction;
        }

        /** @return which way a decision with this reason may move the target */
        public Direction direction() {
            return direction;
        }
    }

    /** Which way a reason may move the target. */
    public enum Direction {
        /** Only up. */
        UP,
        /** Only down. */
        DOWN,
        /** Either way (bounds). */
        EITHER,
        /** Not at all. */
        NONE
    }

    /**
     * A one-line account, as the DEBUG log shows it, e.g. {@code target 8 -> 10 (GROW_QUEUEING: ...,
     * measured=2:1510/s 4:2960/s 8:3020/s)}.
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%s - target %d -> %d in [%d, %d] (%s: throughput=%.1f/s, hold=%.3fms, baselineHold=%.3fms,"
                        + " queuedInDatabase=%.2f, inUse=%.2f, waiters=%d, wait=%.3fms%s)",
                poolName, previousTarget, target, floor, ceiling, reason, throughput, meanHold.toNanos() / 1e6,
                baselineHold.toNanos() / 1e6, queuedInDatabase, meanInUse, waiters, meanWait.toNanos() / 1e6,
                measuredSuffix(measuredThroughput));
    }

    /** {@code ", measured=1:950/s 2:1800/s"}, or nothing when there are no figures. */
    private static String measuredSuffix(Map<Integer, Double> measured) {
        if (measured.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(", measured=");
        measured.forEach((size, perSecond) -> text.append(size).append(':')
                .append(Math.round(perSecond)).append("/s "));
        text.setLength(text.length() - 1);
        return text.toString();
    }
}
