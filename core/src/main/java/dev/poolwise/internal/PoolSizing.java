package dev.poolwise.internal;

import dev.poolwise.CloseReason;

import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live resizing ({@code maximumPoolSize}, {@code minimumIdle}), shrinking included: idle connections above
 * the new maximum close now, borrowed ones as they come back (see {@code Pool.release}). The same shrink serves
 * the adaptive target: the limit both compare with is {@code Pool.targetSize()}, the maximum in static sizing.
 *
 * <p>In adaptive sizing a resize only moves the bounds: the target is capped at the new maximum at once (by
 * {@code Pool.targetSize()}), and the control loop moves it inside the new bounds at its next step, on the
 * housekeeper thread ({@code BOUNDS}), so a resize never touches the controller from another thread.
 */
final class PoolSizing {

    private static final Logger LOG = LoggerFactory.getLogger(PoolSizing.class);

    private final Pool pool;

    PoolSizing(Pool pool) {
        this.pool = pool;
    }

    void resize(int newMaximum, int newMinimumIdle) {
        ConfigValidation.requireValidSizes(newMaximum, newMinimumIdle); // the same rule as build()
        int oldMaximum = pool.maximumPoolSize;
        pool.maximumPoolSize = newMaximum;
        pool.minimumIdle = pool.unpooled ? 0 : newMinimumIdle;
        LOG.info("{} - resized: maximumPoolSize {} -> {}, minimumIdle -> {}{}", pool.name, oldMaximum, newMaximum,
                pool.minimumIdle, pool.adaptiveSizing == null ? ""
                        : " (the adaptive target moves inside the new bounds at the next sizing step)");
        pool.reserve.stopHolding(newMaximum); // a resize closes above the new sizes, as in static sizing
        shrinkIdle();
        pool.opener.requestFill();
    }

    /**
     * Closes idle connections, longest idle first, while the pool lends more than its working limit
     * ({@code Pool.targetSize()}) allows, or holds them in its reserve when the last change of target was one the
     * pool may undo ({@link ConnectionReserve#hold}).
     */
    void shrinkIdle() {
        if (lendableConnections() <= pool.targetSize()) {
            return; // the common case: nothing to close, no snapshot to take
        }
        List<PooledConnection> idle = pool.idleConnections();
        idle.sort(Comparator.comparingLong(c -> c.idleSinceNanos));
        for (PooledConnection connection : idle) {
            if (lendableConnections() <= pool.targetSize()) {
                return;
            }
            if (connection.tryReserve() && !pool.reserve.hold(connection)) {
                if (lendableConnections() > pool.targetSize()) {
                    pool.closer.closeConnection(connection, CloseReason.RESIZED);
                } else {
                    pool.unreserve(connection); // others were held or closed meanwhile
                }
            }
        }
    }

    /**
     * Connections the pool keeps and lends: {@link #keptConnections()} less those held in the reserve. Reads the
     * reserve's count last: an entry is counted before it is queued and uncounted after it is handed on, so a
     * race errs on the side of lending one fewer for a moment.
     */
    int lendableConnections() {
        int kept = keptConnections();
        return kept - pool.reserve.count();
    }

    /**
     * Connections open or opening that the pool means to keep: not already on their way to close. Reads
     * {@code closing} before {@code slots}, the reverse of the order a finished close lowers them in
     * ({@code ConnectionCloser.closePhysical}), so that a race errs on the side of keeping a connection.
     */
    int keptConnections() {
        int closing = pool.closing.get();
        return pool.slots.get() - closing;
    }
}
