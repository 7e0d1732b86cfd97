package dev.poolwise.internal;

import dev.poolwise.SizingMode;
import dev.poolwise.TargetSizeChange;
import dev.poolwise.internal.sizing.SizingDecision;
import dev.poolwise.internal.sizing.SizingParameters;
import dev.poolwise.internal.sizing.SizingWindow;
import dev.poolwise.internal.sizing.SizingWindowRecorder;
import dev.poolwise.internal.sizing.TargetSizeController;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adaptive sizing ({@link SizingMode#ADAPTIVE}) wired into a pool: every {@code sizingWindow} the housekeeper
 * thread runs {@link #step()}, which closes the window of borrow signals, asks the fleet ceiling, lets the
 * {@link TargetSizeController} decide, and acts on a changed target (event, DEBUG line, then fill or shrink).
 *
 * <p><b>What the target does.</b> {@code Pool.targetSize()} (this loop's target, never above the current
 * {@code maximumPoolSize}) is the pool's working limit: the opener never opens past it, the housekeeper's
 * shrink closes idle connections above it, and a connection coming back while more are kept than the target is
 * closed ({@code CloseReason.RESIZED}). After a shrink the pool may undo ({@link #mayUndo}) those connections are
 * held instead, open and unlent, for {@code sizingReserveTime} ({@link ConnectionReserve}); a rise lends them
 * back before the opener opens anything. Static pools have no loop; their limit is {@code maximumPoolSize}.
 *
 * <p><b>Signals and clocks.</b> The {@link #recorder} is fed by {@link PoolEvents} on acquires, returns and
 * timeouts: every one when a listener times every borrow, otherwise a weighted sample of the borrows served at
 * once plus every borrow that waited ({@code Pool.sizingSampleMask}). Hold times are differences of the pool's {@link Clock} (the borrow time and the return time are both
 * read from it); borrow waits are differences of {@link System#nanoTime()} (a borrower's wait is a real wait, see
 * {@link Clock}); the window's start and end are read from the pool's {@link Clock}. In production all three are
 * {@code System.nanoTime()}; tests inject a manual clock and run {@link #step()} themselves.
 *
 * <p><b>Threads.</b> {@link #step()} runs only on the housekeeper thread (or a test's thread, with the scheduled
 * task far in the future), so the controller, which is not thread-safe, is only ever touched by one thread.
 * {@code resize} writes {@code maximumPoolSize} and {@code minimumIdle} from any thread; the step reads them
 * once each and the controller moves the target inside the new bounds at the next step ({@code BOUNDS}). Until
 * then {@code Pool.targetSize()} caps the old target at the new maximum, so invariant 2 never waits for a step.
 * After each decision the step copies the target into {@code Pool.sizingTarget}, a volatile field that any
 * thread reads through {@code Pool.targetSize()} (the opener, the return path, JMX, metrics); {@link #target()}
 * reads the controller's own volatile field, equal to it once the step has written the copy.
 */
final class SizingControlLoop {

    private static final Logger LOG = LoggerFactory.getLogger(SizingControlLoop.class);

    private final Pool pool;
    /** The controller; touched only by the step's thread (tests read its parameters, which never change). */
    final TargetSizeController controller;
    /**
     * How many borrows a window should time, at least, when the pool samples: enough for a mean hold time the
     * controller can compare within its 5 % tolerance on ordinary workloads, few enough that a busy pool pays a
     * clock read on a small fraction of its cycles.
     */
    static final int SAMPLES_PER_WINDOW = 256;
    /** The sparsest sample: one borrow in 1,024, so that even a burst after a quiet window is seen. */
    static final int MAX_SAMPLE_MASK = 1023;

    /** The open window's signals; fed by borrowers through {@link PoolEvents}, closed here. */
    final SizingWindowRecorder recorder;
    /**
     * Whether the pool was suspended at some point of the open window: set by {@code Pool.suspend()} and by a
     * step that finds the pool suspended (the next window starts suspended). A window that saw a suspension
     * measures held-back borrowers, not demand, and is discarded.
     */
    private final AtomicBoolean suspendedInWindow = new AtomicBoolean();
    /** {@code pool.created} at the last step, so that each window knows how many connections it opened. */
    private long createdAtLastStep;
    /** The ceiling of the last decided step: what the reserve may keep open while a suspension skips steps. */
    private int lastCeiling = Integer.MAX_VALUE;

    /**
     * @param pool     the pool, whose sizes and counts each step reads
     * @param recorder the recorder {@link PoolEvents} feeds; its first window starts now
     */
    SizingControlLoop(Pool pool, SizingWindowRecorder recorder) {
        this.pool = pool;
        this.recorder = recorder;
        // Start at the floor: a new instance takes what it is seen to need rather than its whole maximum,
        // which a fleet budget could not afford before the first count.
        int floor = Math.max(1, Math.min(pool.minimumIdle, pool.maximumPoolSize));
        this.controller = new TargetSizeController(
                SizingParameters.DEFAULTS.withThroughputTolerance(pool.config.getSizingTolerance()), floor);
        this.createdAtLastStep = pool.created.sum();
    }

    /** @return the controller's target; may exceed {@code maximumPoolSize} between a resize and the next step */
    int target() {
        return controller.target();
    }

    /** Called by {@code Pool.suspend()}: the open window is discarded at the next step. */
    void noteSuspended() {
        suspendedInWindow.set(true);
    }

    /**
     * One control step: closes the window, and unless a suspension touched it, decides on it and acts on the
     * decision. Never throws: a scheduled task that throws is never run again.
     */
    void step() {
        try {
            if (pool.closed) {
                return;
            }
            long created = pool.created.sum();
            int opened = (int) Math.min(Integer.MAX_VALUE, Math.max(0, created - createdAtLastStep));
            createdAtLastStep = created;
            SizingWindow window = recorder.close(pool.waiters(), pool.idleCount(), pool.total(), opened);
            boolean suspendedNow = pool.suspension.isSuspended();
            // getAndSet(suspendedNow): a window that ends suspended marks the next one, which starts suspended.
            if (suspendedInWindow.getAndSet(suspendedNow) || suspendedNow) {
                LOG.trace("{} - sizing window discarded: the pool was suspended during it", pool.name);
                pool.reserve.expire(Math.min(pool.maximumPoolSize, lastCeiling));
                return;
            }
            pool.sizingSampleMask = sampleMask(window.completedBorrows(), pool.clock == Clock.SYSTEM);
            int maximum = pool.maximumPoolSize;
            int minimumIdle = pool.minimumIdle;
            int ceiling = Math.max(1, Math.min(maximum, pool.fleet.ceiling(maximum, window.open())));
            lastCeiling = ceiling;
            SizingDecision decision = controller.decide(window, minimumIdle, ceiling);
            pool.sizingTarget = decision.target(); // what Pool.targetSize() reads
            pool.reserve.expire(ceiling);
            if (!decision.changed()) {
                if (LOG.isTraceEnabled()) {
                    LOG.trace("{} - {}", pool.name, decision);
                }
                return;
            }
            TargetSizeChange change = decision.toChange(pool.name);
            LOG.debug("{}", change);
            pool.events.targetSizeChanged(change);
            actOn(decision.previousTarget(), decision.target(), decision.reason(), ceiling);
        } catch (RuntimeException e) {
            LOG.warn("{} - adaptive sizing step failed: {}", pool.name, JdbcUrlMask.mask(e.toString()), e);
        }
    }

    /**
     * The next window's sample (see {@code Pool.sizingSampleMask}): one borrow in the largest power of two that
     * still leaves about {@link #SAMPLES_PER_WINDOW} timed borrows, if the next window is as busy as this one.
     *
     * @param completed the borrows this window completed (an estimate when it was sampled)
     * @param systemClock whether the pool runs on the system clock; a test clock records every borrow
     * @return a power of two less one, from 0 (every borrow) to {@link #MAX_SAMPLE_MASK}
     */
    static int sampleMask(long completed, boolean systemClock) {
        if (!systemClock || completed < 2L * SAMPLES_PER_WINDOW) {
            return 0;
        }
        long interval = Long.highestOneBit(completed / SAMPLES_PER_WINDOW);
        return (int) Math.min(MAX_SAMPLE_MASK, interval - 1);
    }

    /**
     * Acts on a change of target the step has published ({@code Pool.sizingTarget}): a rise lends held connections
     * back, then asks the opener for the rest; a fall holds or closes the connections above the new target.
     * Housekeeper thread only (or a test's, standing in for it).
     */
    void actOn(int previousTarget, int target, TargetSizeChange.Reason reason, int ceiling) {
        if (target > previousTarget) {
            // Held connections first: open, warm, and no connect for the database to serve.
            int wanted = target - pool.sizing.lendableConnections();
            if (wanted > 0) {
                pool.reserve.lendBack(wanted);
            }
            pool.opener.requestFillIfNeeded(); // borrowers that queued behind the old target
        } else {
            pool.reserve.afterChange(mayUndo(reason), ceiling);
            pool.sizing.shrinkIdle(); // borrowed ones above the target are held or closed as they come back
        }
    }

    /**
     * Whether the pool may undo a shrink for this reason soon, so that the connections it gives up are worth
     * holding ({@code sizingReserveTime}): the throughput rules and Vegas's saturation shrink move down to measure
     * and come back when the smaller size completes less. An idle shrink follows demand that left, and a bounds
     * move follows a resize or a fleet ceiling, which must close at once.
     */
    static boolean mayUndo(TargetSizeChange.Reason reason) {
        return switch (reason) {
            case SHRINK_SATURATED, SHRINK_NO_GAIN, SHRINK_EXPLORE, SHRINK_PROBE -> true;
            default -> false;
        };
    }

    /** @return the window length in nanoseconds ({@code sizingWindow}) */
    static long periodNanos(Pool pool) {
        return pool.config.getSizingWindow().toNanos();
    }
}
