package dev.poolwise.internal.sizing;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet budget behind {@link FleetCeilingSource}: counts the fleet on the server every
 * {@code fleetCountInterval} (give or take a fifth, at random, so that a fleet started together does not count
 * in lockstep), turns each count into this pool's ceiling with {@link FleetShare}, and hands out the last
 * ceiling between counts. The count runs on the calling thread (the housekeeper) when {@link #ceiling} finds
 * one due.
 *
 * <p><b>Before the first count</b> the ceiling is what the pool has open, at least 1 (it may not grow), so a
 * pool never opens a connection for its own growth before it has seen the fleet. The pool counts once when it
 * starts, on its first connection, before it fills to {@code minimumIdle} ({@code FleetBudgetSetup}).
 *
 * <p><b>When counting fails</b> ({@link FleetCountResult.Unavailable}: a permission, a pooler in between, a
 * server that does not offer the view, an unreachable console), the ceiling falls back to the static one,
 * {@link #problem} says why (for {@code health()}), and the failure is logged at WARN once; while it keeps
 * failing, only a changed reason is logged, at DEBUG. The next count is tried at the usual cadence; the first
 * that succeeds clears the problem and says so at INFO once. A count that could not get a connection in time
 * ({@link FleetCountResult.Cause#BUSY}: every pooled connection stayed borrowed) is not a failure: the last
 * ceiling holds and the count is tried again at the next call.
 *
 * <p><b>Between counts.</b> A count grants growth ({@code ceiling - open} at the count) that peers counting
 * later cannot see until it is made, so the grant is kept short and small:
 * <ul>
 *   <li>it may be grown into for a quarter of the count interval ({@link #GRANT_FRACTION}); after that, until
 *       the next count, the ceiling is what the pool has open (it keeps what it has, and may shrink). A grant
 *       used late would take room that a peer, counting meanwhile, saw as free and took, since the pool did not
 *       look like it was growing then;</li>
 *   <li>connections the pool gives back after the count are free room that peers counting meanwhile may take,
 *       so the grant counts above the lowest the pool has been at since the count, not up to the count's
 *       ceiling (the adaptive controller may shrink and grow again within one interval).</li>
 * </ul>
 * Either rule alone still lets a seeded simulation of four pools with wandering demand hold more than the
 * budget; with both it never does ({@code FleetBudgetSimulationTest}). A pool that wants more than its grant
 * grows at its next count.
 *
 * <p><b>Invariant.</b> {@link #ceiling} returns a value from 1 to {@code staticCeiling}.
 *
 * <p><b>Threads.</b> {@link #ceiling} is called by one thread at a time (the housekeeper; the pool's
 * constructor once, before the housekeeper starts); it holds a lock anyway, for the rare overlap with a
 * test or a resize. A {@link ReentrantLock}, not {@code synchronized}: a count runs a query under it, and a
 * virtual thread waiting on a monitor across I/O would pin its carrier on the JDKs before 24. {@link #problem} is
 * read by any thread and is volatile.
 */
public final class FleetBudget implements FleetCeilingSource {

    private static final Logger LOG = LoggerFactory.getLogger(FleetBudget.class);
    /** A count's room may be grown into for this fraction of the count interval. */
    static final int GRANT_FRACTION = 4;

    /** Guards the counting state below; see "Threads" above. */
    private final ReentrantLock lock = new ReentrantLock();
    private final String poolName;
    private final FleetLabel label;
    private final FleetShare share;
    private final FleetCounter counter;
    private final long intervalNanos;
    private final SizingClock clock;
    /** Given the interval, the delay until the next count (the interval with jitter). */
    private final LongUnaryOperator nextDelay;
    /** The pool's connections open now, not opening: what a count surely sees of this pool. */
    private final IntSupplier established;

    // Written under this object's lock, by the counting thread.
    private boolean counted;
    private boolean countDue = true;
    private long nextCountNanos;
    /** The last ceiling a count gave, before the static ceiling bounds it; meaningful once {@link #counted}. */
    private FleetCeiling last;
    /** This pool's connections open or opening at the last successful count, and the fewest since. */
    private int openAtCount;
    private int lowestOpenSinceCount;
    /** Until when the last count's room may be grown into; after it the pool keeps what it has. */
    private long grantEndsNanos;
    /** Whether the last count failed, so the static ceiling applies until one succeeds. */
    private boolean fallingBack;

    private volatile String problem;

    /**
     * @param poolName      for the log
     * @param label         this pool's label, whose instance id the counts are read for
     * @param share         the budget and its share rule
     * @param counter       where the fleet is counted; must not throw
     * @param intervalNanos {@code fleetCountInterval}, positive
     * @param clock         the time source; tests pass a hand-advanced one
     * @param nextDelay     the delay until the next count, given the interval ({@link #jittered} in production)
     * @param established   this pool's open connections (not counting connects under way)
     */
    public FleetBudget(String poolName, FleetLabel label, FleetShare share, FleetCounter counter, long intervalNanos,
            SizingClock clock, LongUnaryOperator nextDelay, IntSupplier established) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("fleetCountInterval must be positive, got " + intervalNanos + " ns");
        }
        this.poolName = Objects.requireNonNull(poolName, "poolName");
        this.label = Objects.requireNonNull(label, "label");
        this.share = Objects.requireNonNull(share, "share");
        this.counter = Objects.requireNonNull(counter, "counter");
        this.intervalNanos = intervalNanos;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nextDelay = Objects.requireNonNull(nextDelay, "nextDelay");
        this.established = Objects.requireNonNull(established, "established");
    }

    /**
     * @param intervalNanos the count interval
     * @return a delay from 0.8 to 1.2 times the interval, at random
     */
    public static long jittered(long intervalNanos) {
        long fifth = intervalNanos / 5;
        return intervalNanos - fifth + (fifth <= 0 ? 0 : ThreadLocalRandom.current().nextLong(2 * fifth + 1));
    }

    @Override
    public int ceiling(int staticCeiling, int ownOpen) {
        lock.lock();
        try {
            return ceilingLocked(staticCeiling, ownOpen);
        } finally {
            lock.unlock();
        }
    }

    private int ceilingLocked(int staticCeiling, int ownOpen) {
        int bound = Math.max(1, staticCeiling);
        long now = clock.nanoTime();
        if (countDue || now - nextCountNanos >= 0) {
            count(bound, ownOpen, now);
        }
        if (fallingBack) {
            return bound;
        }
        if (!counted) {
            // Pessimistic until the fleet has been seen: keep what it has, grow by nothing.
            return Math.max(1, Math.min(bound, ownOpen));
        }
        // Connections given back since the count may be taken by peers counting meanwhile: the count's room is
        // growth above the lowest this pool has been at since, not permission to take them back as well.
        lowestOpenSinceCount = Math.min(lowestOpenSinceCount, ownOpen);
        int room = Math.max(0, last.ceiling() - openAtCount);
        int ceiling = Math.min(last.ceiling(), lowestOpenSinceCount + room);
        if (now - grantEndsNanos >= 0) {
            // The grant has lapsed: peers have counted since, without seeing growth this pool had not made.
            ceiling = Math.min(ceiling, ownOpen);
        }
        return Math.max(1, Math.min(bound, ceiling));
    }

    /** Counts now and records the outcome; called with the lock held. */
    private void count(int staticCeiling, int ownOpen, long now) {
        int before = established.getAsInt();
        FleetCountResult result = counter.count(label);
        if (result instanceof FleetCountResult.Counted countedResult) {
            FleetCeiling ceiling = share.ceiling(countedResult.count(), label.instance(), before, ownOpen,
                    staticCeiling);
            if (last == null || last.ceiling() != ceiling.ceiling() || last.reason() != ceiling.reason()) {
                LOG.debug("{} - {}", poolName, ceiling);
            }
            last = ceiling;
            openAtCount = ownOpen;
            lowestOpenSinceCount = ownOpen;
            // From the end of the count: the server's view is as of the query, which may come after a wait for a
            // pooled connection or a console connect; a grant measured from before would lapse on a slow count.
            grantEndsNanos = clock.nanoTime() + Math.max(1, intervalNanos / GRANT_FRACTION);
            counted = true;
            fallingBack = false;
            String was = problem;
            problem = null;
            if (was != null) {
                LOG.info("{} - the fleet '{}' can be counted again; keeping to its share of the budget of {}"
                        + " ({})", poolName, label.application(), share.budget(), ceiling);
            }
            schedule(now);
            return;
        }
        FleetCountResult.Unavailable unavailable = (FleetCountResult.Unavailable) result;
        if (unavailable.cause() == FleetCountResult.Cause.BUSY) {
            // Not a failure: every pooled connection stayed borrowed. The last ceiling holds; try at the next call.
            LOG.debug("{} - fleet count postponed: {}", poolName, unavailable.message());
            countDue = true;
            return;
        }
        String reason = unavailable.cause() + ": " + unavailable.message();
        String was = problem;
        problem = reason;
        fallingBack = true;
        if (was == null) {
            LOG.warn("{} - cannot count the fleet '{}' for its budget of {} connections, so the pool keeps to its"
                    + " own maximumPoolSize until a count succeeds (retried every {} ms): {}", poolName,
                    label.application(), share.budget(), intervalNanos / 1_000_000, reason);
        } else if (!was.equals(reason)) {
            LOG.debug("{} - still cannot count the fleet: {}", poolName, reason);
        }
        schedule(now);
    }

    private void schedule(long now) {
        countDue = false;
        nextCountNanos = now + Math.max(1, nextDelay.applyAsLong(intervalNanos));
    }

    @Override
    public String problem() {
        return problem;
    }

    /** @return the figures of the last successful count, or {@code null} before one; for logs and tests */
    public FleetCeiling lastCount() {
        lock.lock();
        try {
            return last;
        } finally {
            lock.unlock();
        }
    }

    /** @return this pool's label */
    public FleetLabel label() {
        return label;
    }

    @Override
    public String toString() {
        return "FleetBudget[" + label + ", budget=" + share.budget() + "]";
    }
}
