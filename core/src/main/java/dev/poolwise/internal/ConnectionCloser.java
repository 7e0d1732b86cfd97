package dev.poolwise.internal;

import dev.poolwise.CloseReason;

import java.sql.SQLException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes physical connections (invariant 3: exactly once, by the caller that wins
 * {@link PooledConnection#claimClose()}). The driver's {@code close()} runs on the housekeeper thread so that a
 * borrower never waits on it; the slot is given back only after it returns (invariant 2).
 */
final class ConnectionCloser {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCloser.class);

    private final Pool pool;

    ConnectionCloser(Pool pool) {
        this.pool = pool;
    }

    /**
     * Closes a physical connection the caller owns ({@code IN_USE} or {@code RESERVED}) or that the pool is
     * shutting down. The driver's {@code close()} runs on the housekeeper thread so that a borrower never
     * waits on it; the slot is given back only after it returns (invariant 2).
     */
    void closeConnection(PooledConnection connection, CloseReason reason) {
        if (!connection.claimClose()) {
            return;
        }
        connection.markRemoved();
        pool.closing.incrementAndGet();
        pool.bag.remove(connection);
        ScheduledFuture<?> retirement = connection.retirement;
        if (retirement != null) {
            retirement.cancel(false);
        }
        Runnable close = () -> closePhysical(connection, reason);
        if (pool.closed) {
            close.run();
            return;
        }
        try {
            pool.housekeeper.execute(close);
        } catch (RejectedExecutionException e) {
            close.run();
        }
    }

    void closePhysical(PooledConnection connection, CloseReason reason) {
        try {
            if (reason == CloseReason.ABORTED) {
                connection.raw.abort(Pool.DIRECT_EXECUTOR);
            } else {
                connection.raw.close();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("{} - pool.closing connection {} ({}) failed: {}", pool.name, connection.id, reason,
                    JdbcUrlMask.mask(e.toString()));
        } finally {
            // Slots first, then closing: PoolSizing.keptConnections() reads them in the opposite order, so a
            // reader racing this close can only undercount the connections kept (and keep one a moment
            // longer), never overcount them (and close one too many: a pool left below its target).
            pool.slots.decrementAndGet();
            pool.closing.decrementAndGet();
            pool.closedByReason.incrementAndGet(reason.ordinal());
            pool.events.closed(connection.id, reason);
            pool.opener.requestFillIfNeeded();
        }
    }

    void closeAllIdleNow(CloseReason reason) {
        for (PooledConnection connection : pool.bag.snapshot()) {
            if (connection.tryReserve()) {
                closeConnection(connection, reason);
            }
        }
    }
}
