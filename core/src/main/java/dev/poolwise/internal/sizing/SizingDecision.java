package dev.poolwise.internal.sizing;

import dev.poolwise.TargetSizeChange;
import dev.poolwise.TargetSizeChange.Reason;

import java.time.Duration;
import java.util.Locale;
import java.util.SortedMap;

/**
 * One step of the control loop: the target it leaves, why, and the figures it decided on. A decision that
 * changes the target becomes a public {@link TargetSizeChange} ({@link #toChange}), whose {@link Reason} it
 * uses.
 *
 * @param previousTarget  the target before this window
 * @param target          the target from now on; within [{@code floor}, {@code ceiling}]
 * @param floor           the lower bound applied: {@code max(1, min(minimumIdle, ceiling))}
 * @param ceiling         the upper bound applied: {@code maximumPoolSize} or a lower fleet ceiling, at least 1
 * @param reason          why
 * @param throughput      completed borrows per second in the window
 * @param meanHoldNanos   mean hold time in the window
 * @param baselineHoldNanos the no-load hold time the controller compares with (0 while unknown)
 * @param queuedInDatabase Vegas's estimate of connections whose work waits inside the database
 * @param meanInUse       connections in use on average (Little's law)
 * @param waiters         threads waiting at the window's end
 * @param meanWaitNanos   mean borrow wait in the window
 * @param measuredThroughput the throughput memory's figures (borrows per second by size, comparable sizes only)
 *                        on a change; empty on a hold
 */
public record SizingDecision(
        int previousTarget,
        int target,
        int floor,
        int ceiling,
        Reason reason,
        double throughput,
        long meanHoldNanos,
        long baselineHoldNanos,
        double queuedInDatabase,
        double meanInUse,
        int waiters,
        long meanWaitNanos,
        SortedMap<Integer, Double> measuredThroughput) {

    /** @return whether this decision changed the target */
    public boolean changed() {
        return target != previousTarget;
    }

    /**
     * @param poolName the pool's name
     * @return this decision as the public event listeners receive
     */
    public TargetSizeChange toChange(String poolName) {
        return new TargetSizeChange(poolName, previousTarget, target, floor, ceiling, reason, throughput,
                Duration.ofNanos(meanHoldNanos), Duration.ofNanos(baselineHoldNanos), queuedInDatabase, meanInUse,
                waiters, Duration.ofNanos(meanWaitNanos), measuredThroughput);
    }

    /**
     * A one-line account for the TRACE log of holds, e.g. {@code target 8 -> 8 (HOLD_STEADY: ...)}; a change is
     * logged as its {@link TargetSizeChange}, which adds the measured figures.
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "target %d -> %d in [%d, %d] (%s: throughput=%.1f/s, hold=%.3fms, baselineHold=%.3fms,"
                        + " queuedInDatabase=%.2f, inUse=%.2f, waiters=%d, wait=%.3fms)",
                previousTarget, target, floor, ceiling, reason, throughput, meanHoldNanos / 1e6,
                baselineHoldNanos / 1e6, queuedInDatabase, meanInUse, waiters, meanWaitNanos / 1e6);
    }
}
