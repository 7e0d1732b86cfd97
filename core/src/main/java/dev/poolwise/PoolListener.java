package dev.poolwise;

import java.sql.SQLException;

/**
 * Callbacks on pool events; metrics and logging hang off it. Every method has an empty default, so a listener
 * overrides only what it needs.
 *
 * <p>Listeners run on the thread that caused the event (a borrower, the pool's connection opener or its
 * housekeeper) and must return quickly and never block: {@link #onAcquired} and {@link #onReturned} are on
 * the hot path of every borrow. A listener that throws is logged and otherwise ignored; it never breaks the
 * pool.
 */
public interface PoolListener {

    /**
     * A physical connection was opened and initialised.
     *
     * @param poolName      the pool
     * @param connectionId  the pool's id for it
     * @param createNanos   how long opening it took, in nanoseconds
     */
    default void onConnectionCreated(String poolName, long connectionId, long createNanos) {
    }

    /**
     * An attempt to open a physical connection failed.
     *
     * @param poolName the pool
     * @param failure  what the driver (or {@code connectionInitSql}) threw
     */
    default void onConnectFailed(String poolName, SQLException failure) {
    }

    /**
     * A physical connection was closed.
     *
     * @param poolName      the pool
     * @param connectionId  the pool's id for it
     * @param reason        why
     */
    default void onConnectionClosed(String poolName, long connectionId, CloseReason reason) {
    }

    /**
     * {@code getConnection} succeeded.
     *
     * @param poolName   the pool
     * @param waitNanos  how long the caller waited, in nanoseconds
     */
    default void onAcquired(String poolName, long waitNanos) {
    }

    /**
     * A borrowed connection came back to the pool.
     *
     * @param poolName   the pool
     * @param holdNanos  how long it was held, in nanoseconds
     */
    default void onReturned(String poolName, long holdNanos) {
    }

    /**
     * {@code getConnection} gave up after {@code connectionTimeout}.
     *
     * @param poolName   the pool
     * @param waitNanos  how long the caller waited, in nanoseconds
     */
    default void onAcquireTimeout(String poolName, long waitNanos) {
    }

    /**
     * A connection has been held longer than {@code leakDetectionThreshold}. Reported once per borrow.
     *
     * @param report what is known about the holder
     */
    default void onSuspectedLeak(LeakReport report) {
    }

    /**
     * A connection reported as a suspected leak came back.
     *
     * @param poolName      the pool
     * @param connectionId  the pool's id for it
     * @param heldNanos     how long it was out in total, in nanoseconds
     */
    default void onLeakReturned(String poolName, long connectionId, long heldNanos) {
    }

    /**
     * A connection failed validation (on borrow or keepalive) and was closed.
     *
     * @param poolName      the pool
     * @param connectionId  the pool's id for it
     */
    default void onValidationFailed(String poolName, long connectionId) {
    }

    /**
     * An adaptive pool ({@link SizingMode#ADAPTIVE}) changed its target size. Called on the housekeeper thread
     * once per change, never on the borrow path; a static pool never calls it.
     *
     * @param change the target before and after, the reason and the figures behind it
     */
    default void onTargetSizeChanged(TargetSizeChange change) {
    }

    /**
     * The pool has shut down: every physical connection is closed and no event follows. Metrics bindings
     * remove their meters here.
     *
     * @param poolName the pool
     */
    default void onPoolClosed(String poolName) {
    }
}
