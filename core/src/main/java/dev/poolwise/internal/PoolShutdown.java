package dev.poolwise.internal;

import dev.poolwise.CloseReason;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a pool (invariant 9): no new borrows; idle connections close now; borrowed ones close on return, or
 * are aborted once {@code shutdownTimeout} has passed. Everything shares one deadline, so that
 * {@code close()} returns within {@code shutdownTimeout} (plus the time the driver takes to close or abort
 * the connections still open then), even when a thread of the pool is stuck in a driver call.
 */
final class PoolShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(PoolShutdown.class);

    private final Pool pool;

    PoolShutdown(Pool pool) {
        this.pool = pool;
    }

    /** Run once, by the caller that set {@code Pool.closed}. */
    void run() {
        pool.suspension.releaseAll(); // suspended borrowers wake, see closed, and fail at once
        long deadline = System.nanoTime() + pool.config.getShutdownTimeout().toNanos();
        LOG.info("{} - shutting down {}", pool.name, pool.counts());
        pool.openerExecutor.shutdownNow();
        pool.bag.close();
        pool.reserve.release(CloseReason.SHUTDOWN);
        pool.closer.closeAllIdleNow(CloseReason.SHUTDOWN);
        while (pool.bag.size() > 0 && System.nanoTime() - deadline < 0) {
            pool.reserve.release(CloseReason.SHUTDOWN); // one held by a return racing close(): it sees closed next
            pool.closer.closeAllIdleNow(CloseReason.SHUTDOWN);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (PooledConnection connection : pool.bag.snapshot()) {
            if (connection.isInUse()) {
                LOG.warn("{} - connection {} still borrowed after shutdownTimeout ({}); aborting it", pool.name,
                        connection.id, DurationText.format(pool.config.getShutdownTimeout()));
            }
            pool.closer.closeConnection(connection, connection.isIdle() ? CloseReason.SHUTDOWN : CloseReason.ABORTED);
        }
        stopThreads(deadline);
        if (pool.mbean != null) {
            pool.mbean.unregister();
        }
        pool.events.poolClosed();
        LOG.info("{} - shut down", pool.name);
    }

    /**
     * Stops the opener and housekeeper threads, waiting for them until {@code deadline} at most: a thread
     * stuck in a driver call (a connect into a silent network) is left to finish on its own; it is a daemon
     * and whatever it opens is closed because the pool is closed.
     */
    void stopThreads(long deadline) {
        pool.openerExecutor.shutdownNow();
        pool.housekeeper.shutdown();
        try {
            if (!pool.housekeeper.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                pool.housekeeper.shutdownNow();
            }
            pool.openerExecutor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
