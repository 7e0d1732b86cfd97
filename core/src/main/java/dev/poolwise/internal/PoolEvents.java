package dev.poolwise.internal;

import dev.poolwise.CloseReason;
import dev.poolwise.LeakReport;
import dev.poolwise.PoolListener;
import dev.poolwise.TargetSizeChange;
import dev.poolwise.internal.sizing.SizingWindowRecorder;

import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a pool's {@link PoolListener}s what happened, one listener after another on the calling thread. A
 * listener that throws is logged and skipped; it never breaks the pool operation that raised the event, nor
 * keeps the other listeners from hearing of it.
 *
 * <p>One loop for every kind of event ({@link #fire}); the event's values travel as plain arguments, so that
 * raising one allocates nothing (borrow and return raise events on the hot path when listeners exist).
 *
 * <p>An adaptive pool also has an internal listener, its {@link SizingWindowRecorder}: acquires, returns and
 * timeouts are added to the open sizing window before the listeners hear of them (adders only: no lock, no
 * allocation). With listeners every borrow is timed and recorded with weight 1. Without, the pool times only a
 * sample of the borrows served at once (see {@code Pool.sizingSampleMask}) and records each with the weight of
 * the borrows it stands for ({@link #sizingAcquired}, {@link #returned(long, int)}), so that adaptive sizing adds
 * about one clock read per sixteen cycles to the borrow path instead of three per cycle.
 */
final class PoolEvents {

    private static final Logger LOG = LoggerFactory.getLogger(PoolEvents.class);

    private enum Kind {
        CREATED, CONNECT_FAILED, CLOSED, ACQUIRED, RETURNED, ACQUIRE_TIMEOUT, SUSPECTED_LEAK, LEAK_RETURNED,
        VALIDATION_FAILED, TARGET_SIZE_CHANGED, POOL_CLOSED
    }

    private final String poolName;
    private final PoolListener[] listeners;
    /** The adaptive pool's sizing window, or {@code null} in static sizing. */
    private final SizingWindowRecorder sizingWindow;
    /** Whether any {@link PoolListener} listens. Final, so the hot path reads one field. */
    private final boolean any;

    PoolEvents(String poolName, PoolListener[] listeners) {
        this(poolName, listeners, null);
    }

    /**
     * @param sizingWindow the adaptive pool's recorder, fed on every acquire, return and timeout; {@code null}
     *                     in static sizing
     */
    PoolEvents(String poolName, PoolListener[] listeners, SizingWindowRecorder sizingWindow) {
        this.poolName = poolName;
        this.listeners = listeners.clone();
        this.sizingWindow = sizingWindow;
        this.any = this.listeners.length > 0;
    }

    /**
     * @return whether any {@link PoolListener} listens: then every borrow and return is timed, and callers
     *         otherwise skip measuring what nobody will hear
     */
    boolean any() {
        return any;
    }

    /** @return whether an adaptive pool's sizing window is fed (possibly from a sample of the borrows) */
    boolean sizing() {
        return sizingWindow != null;
    }

    /**
     * A sampled borrow served at once, for the sizing window only (listeners, when there are any, hear of every
     * borrow through {@link #acquired}).
     *
     * @param weight how many borrows it stands for
     */
    void sizingAcquired(int weight) {
        sizingWindow.acquired(0, weight);
    }

    void created(long connectionId, long createNanos) {
        fire(Kind.CREATED, connectionId, createNanos, null);
    }

    void connectFailed(SQLException failure) {
        fire(Kind.CONNECT_FAILED, 0, 0, failure);
    }

    void closed(long connectionId, CloseReason reason) {
        fire(Kind.CLOSED, connectionId, 0, reason);
    }

    /** @param waitNanos how long the borrower waited ({@code System.nanoTime} differences) */
    void acquired(long waitNanos) {
        if (sizingWindow != null) {
            sizingWindow.acquired(waitNanos);
        }
        if (any) {
            fire(Kind.ACQUIRED, 0, waitNanos, null);
        }
    }

    /**
     * @param holdNanos    how long the connection was held (differences of the pool's {@link Clock})
     * @param sizingWeight how many borrows this one stands for in the sizing window: 1 when every borrow is
     *                     timed, the sampling interval for a sampled one, 0 for a borrow the window did not
     *                     sample (or in static sizing)
     */
    void returned(long holdNanos, int sizingWeight) {
        if (sizingWindow != null && sizingWeight > 0) {
            sizingWindow.returned(holdNanos, sizingWeight);
        }
        if (any) {
            fire(Kind.RETURNED, 0, holdNanos, null);
        }
    }

    void acquireTimeout(long waitNanos) {
        if (sizingWindow != null) {
            sizingWindow.timedOut();
        }
        fire(Kind.ACQUIRE_TIMEOUT, 0, waitNanos, null);
    }

    void suspectedLeak(LeakReport report) {
        fire(Kind.SUSPECTED_LEAK, 0, 0, report);
    }

    void leakReturned(long connectionId, long heldNanos) {
        fire(Kind.LEAK_RETURNED, connectionId, heldNanos, null);
    }

    void validationFailed(long connectionId) {
        fire(Kind.VALIDATION_FAILED, connectionId, 0, null);
    }

    /** Called on the housekeeper thread by the adaptive control loop, once per change of target. */
    void targetSizeChanged(TargetSizeChange change) {
        fire(Kind.TARGET_SIZE_CHANGED, 0, 0, change);
    }

    void poolClosed() {
        fire(Kind.POOL_CLOSED, 0, 0, null);
    }

    private void fire(Kind kind, long connectionId, long nanos, Object detail) {
        for (PoolListener listener : listeners) {
            try {
                deliver(listener, kind, connectionId, nanos, detail);
            } catch (RuntimeException e) {
                LOG.warn("{} - listener {} threw {} on {}; ignored", poolName, listener.getClass().getName(),
                        JdbcUrlMask.mask(e.toString()), kind);
            }
        }
    }

    private void deliver(PoolListener listener, Kind kind, long connectionId, long nanos, Object detail) {
        switch (kind) {
            case CREATED -> listener.onConnectionCreated(poolName, connectionId, nanos);
            case CONNECT_FAILED -> listener.onConnectFailed(poolName, (SQLException) detail);
            case CLOSED -> listener.onConnectionClosed(poolName, connectionId, (CloseReason) detail);
            case ACQUIRED -> listener.onAcquired(poolName, nanos);
            case RETURNED -> listener.onReturned(poolName, nanos);
            case ACQUIRE_TIMEOUT -> listener.onAcquireTimeout(poolName, nanos);
            case SUSPECTED_LEAK -> listener.onSuspectedLeak((LeakReport) detail);
            case LEAK_RETURNED -> listener.onLeakReturned(poolName, connectionId, nanos);
            case VALIDATION_FAILED -> listener.onValidationFailed(poolName, connectionId);
            case TARGET_SIZE_CHANGED -> listener.onTargetSizeChanged((TargetSizeChange) detail);
            case POOL_CLOSED -> listener.onPoolClosed(poolName);
            default -> throw new IllegalStateException("unknown event " + kind);
        }
    }
}
