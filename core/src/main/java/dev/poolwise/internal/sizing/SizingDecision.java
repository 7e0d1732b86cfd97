package dev.poolwise.internal.sizing;

import java.util.Locale;

/**
 * One step of the control loop: the target it leaves, why, and the figures it decided on. What a
 * {@code PoolListener} event, the DEBUG log line and the target-size gauge will carry once the controller is
 * wired into the pool.
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
        long meanWaitNanos) {

    /** Why the target moved or stayed. */
    public enum Reason {
        /** Borrowers queued while hold time stayed flat: more connections will be used, not queued. */
        GROW_QUEUEING(Direction.UP),
        /** Borrowers queued, but too few borrows completed to judge hold time: one connection more, as AIMD. */
        GROW_QUEUEING_UNMEASURED(Direction.UP),
        /** Hold time rose over its no-load baseline by more than {@code beta} connections' worth. */
        SHRINK_SATURATED(Direction.DOWN),
        /** Connections sat idle beyond the headroom for {@code idleWindowsBeforeShrink} windows. */
        SHRINK_IDLE(Direction.DOWN),
        /**
         * The baseline was never measured below the current load while borrowers queue (a pool that started
         * large under load): one step down to see whether hold time falls with it.
         */
        SHRINK_PROBE(Direction.DOWN),
        /** A probe step did not lower hold time: the pool is below the knee; the step is undone. */
        PROBE_END(Direction.UP),
        /** A saturation shrink did not lower hold time: the queries got slower; baseline re-learnt, shrink undone. */
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
        HOLD_STEADY(Direction.NONE);

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

    /** @return whether this decision changed the target */
    public boolean changed() {
        return target != previousTarget;
    }

    /** A one-line account for the DEBUG log, e.g. {@code target 8 -> 10 (GROW_QUEUEING: ...)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "target %d -> %d in [%d, %d] (%s: throughput=%.1f/s, hold=%.3fms, baselineHold=%.3fms,"
                        + " queuedInDatabase=%.2f, inUse=%.2f, waiters=%d, wait=%.3fms)",
                previousTarget, target, floor, ceiling, reason, throughput, meanHoldNanos / 1e6,
                baselineHoldNanos / 1e6, queuedInDatabase, meanInUse, waiters, meanWaitNanos / 1e6);
    }
}
