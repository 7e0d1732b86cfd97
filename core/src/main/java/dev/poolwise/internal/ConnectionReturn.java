package dev.poolwise.internal;

import dev.poolwise.CloseReason;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The return path: a connection whose handle was closed goes back to the bag (to a waiter first), or is
 * closed when it must not be reused. Reads no clock unless listeners, leak detection or adaptive sizing's
 * sample (a borrow it timed) need the hold time.
 */
final class ConnectionReturn {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionReturn.class);

    private final Pool pool;

    ConnectionReturn(Pool pool) {
        this.pool = pool;
    }

    /**
     * Takes back a connection whose handle was closed and whose state the handle has reset. Decides whether it
     * goes back to the bag or is closed (doomed, retired, pool shrunk or closed, unpooled mode).
     *
     * <p>The validation bypass window is measured from the start of the connection's last borrow (when it
     * was last known to work), not from this return: the plain return path then reads no clock (one clock
     * read per borrow-and-return in all), and a connection held longer than the window is validated on its
     * next borrow, which errs on the side of checking.
     *
     * @param connection a connection the caller holds {@code IN_USE}
     */
    void release(PooledConnection connection) {
        long borrowed = connection.borrowedNanos;
        int sizingWeight = connection.sizingWeight;
        if (pool.events.any() || sizingWeight > 0 || pool.tracksActivity) {
            noteReturn(connection, borrowed, pool.clock.nanoTime(), sizingWeight);
            // Reset here, on the rare timed return, rather than on every borrow: a borrow that is not timed
            // leaves the 0 this return writes, so the common borrow writes one field less.
            connection.sizingWeight = 0;
        }
        connection.lastAliveNanos = borrowed;
        if (pool.tracksActivity) {
            // Written before the state goes back to IDLE, so a leak scan that sees the next borrow's IN_USE
            // sees this value or the next borrower's, never the previous borrow's time.
            connection.borrowedNanos = Pool.NOT_BORROWED;
        }
        CloseReason reason = connection.doomed;
        if (reason == null) {
            if (pool.closed) {
                reason = CloseReason.SHUTDOWN;
            } else if (pool.unpooled) {
                reason = CloseReason.UNPOOLED;
            } else if (pool.sizing.keptConnections() > pool.targetSize()) {
                // Above the target (the common return reads only this comparison's counters): into an adaptive
                // pool's reserve, which owns it from here, or closed if the pool still lends more than its target.
                if (pool.reserve.hold(connection)) {
                    return;
                }
                if (pool.sizing.lendableConnections() > pool.targetSize()) {
                    reason = CloseReason.RESIZED;
                }
            }
        }
        if (reason != null) {
            pool.closer.closeConnection(connection, reason);
        } else {
            pool.bag.requite(connection);
        }
    }

    /** Listener, sizing and leak bookkeeping for a return, when any is on. */
    private void noteReturn(PooledConnection connection, long borrowed, long now, int sizingWeight) {
        if (pool.events.any() || sizingWeight > 0) {
            pool.events.returned(now - borrowed, sizingWeight);
        }
        if (!pool.tracksActivity) {
            return;
        }
        if (connection.leakReported) {
            long heldNanos = now - borrowed;
            LOG.info("{} - connection {} reported as a suspected leak came back after {} ms", pool.name,
                    connection.id, TimeUnit.NANOSECONDS.toMillis(heldNanos));
            pool.events.leakReturned(connection.id, heldNanos);
            connection.leakReported = false;
        }
        connection.borrowThread = null;
        connection.borrowSite = null;
    }

}
