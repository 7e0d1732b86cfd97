package dev.poolwise.internal;

import dev.poolwise.CloseReason;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's periodic upkeep, run on the housekeeper thread: closes doomed idle connections, retires idle
 * ones above {@code minimumIdle} after {@code idleTimeout}, checks idle ones every {@code keepaliveTime},
 * shrinks a pool that was resized down or whose adaptive target fell (to {@code Pool.targetSize()}), and asks the
 * opener to refill to {@code minimumIdle}. The adaptive control loop ({@link SizingControlLoop}) is a task of its
 * own on the same thread, every {@code sizingWindow}.
 *
 * <p>It only ever acts on a connection it moved {@code IDLE -> RESERVED} itself, so it never races a
 * borrower for the same connection (invariant 1).
 */
final class Housekeeper {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeper.class);
    private static final long MAX_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Pool pool;

    Housekeeper(Pool pool) {
        this.pool = pool;
    }

    /**
     * Often enough that an idle timeout or keepalive is acted on within a quarter of its length; at most
     * every 30 s as HikariCP, at least every 50 ms.
     */
    long periodNanos() {
        long period = MAX_PERIOD_NANOS;
        if (pool.idleTimeoutNanos > 0) {
            period = Math.min(period, pool.idleTimeoutNanos / 4);
        }
        if (pool.keepaliveNanos > 0) {
            period = Math.min(period, pool.keepaliveNanos / 4);
        }
        return Math.max(MIN_PERIOD_NANOS, period);
    }

    void run() {
        try {
            if (pool.isClosed()) {
                return;
            }
            closeDoomedIdle();
            retireIdleAboveMinimum();
            pool.sizing.shrinkIdle();
            keepAlive();
            pool.opener.requestFillIfNeeded();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; log and carry on instead.
            LOG.warn("{} - housekeeping failed: {}", pool.name, e.toString(), e);
        }
    }

    /**
     * Closes idle connections that are doomed, or past their lifetime, and dooms borrowed ones past their
     * lifetime so they close on return (the retirement task scheduled for each connection normally gets there
     * first; this catches one that ran late or not at all).
     */
    private void closeDoomedIdle() {
        long now = pool.clock.nanoTime();
        for (PooledConnection connection : pool.connections()) {
            if (pool.maxLifetimeNanos > 0 && now - connection.retireAtNanos >= 0) {
                connection.doom(CloseReason.LIFETIME); // a borrowed one closes on return
            }
            CloseReason doomed = connection.doomed;
            if (doomed != null && connection.tryReserve()) {
                pool.closer.closeConnection(connection, doomed);
            }
        }
    }

    /** Idle timeout: close the longest-idle connections first, never going below {@code minimumIdle}. */
    private void retireIdleAboveMinimum() {
        if (pool.idleTimeoutNanos <= 0) {
            return;
        }
        long now = pool.clock.nanoTime();
        List<PooledConnection> idle = pool.idleConnections();
        for (PooledConnection connection : idle) {
            noteUse(connection, now);
        }
        idle.sort(Comparator.comparingLong(c -> c.idleSinceNanos));
        int surplus = idle.size() - pool.minimumIdle();
        for (PooledConnection connection : idle) {
            if (surplus <= 0) {
                return;
            }
            if (now - connection.idleSinceNanos >= pool.idleTimeoutNanos
                    && connection.tryReserve()) {
                // Look again now that we own it: it may have been borrowed and returned since the first look.
                noteUse(connection, now);
                if (now - connection.idleSinceNanos >= pool.idleTimeoutNanos) {
                    pool.closer.closeConnection(connection, CloseReason.IDLE);
                    surplus--;
                } else {
                    pool.unreserve(connection);
                }
            }
        }
    }

    /**
     * Keepalive: an idle connection not known to work for {@code keepaliveTime} is validated, so that a
     * firewall or proxy that drops quiet connections is found out here, not by a borrower.
     */
    private void keepAlive() {
        if (pool.keepaliveNanos <= 0) {
            return;
        }
        for (PooledConnection connection : pool.idleConnections()) {
            long now = pool.clock.nanoTime();
            if (now - connection.lastAliveNanos < pool.keepaliveNanos
                    || !connection.tryReserve()) {
                continue;
            }
            if (now - connection.lastAliveNanos < pool.keepaliveNanos) {
                pool.unreserve(connection); // used since the first read: nothing to check
            } else if (pool.validator.isAlive(connection)) {
                pool.unreserve(connection);
            } else {
                pool.validator.validationFailed(connection);
            }
        }
    }

    /**
     * The return path reads no clock, so idle time is measured here: a connection borrowed since the last
     * look counts as idle from now. An idle close therefore comes up to one period after {@code idleTimeout},
     * never before.
     */
    private static void noteUse(PooledConnection connection, long now) {
        long borrowed = connection.lastBorrowedNanos;
        if (borrowed != connection.observedBorrowNanos) {
            connection.observedBorrowNanos = borrowed;
            connection.idleSinceNanos = now;
        }
    }
}
