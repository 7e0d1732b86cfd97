package dev.poolwise.internal;

import dev.poolwise.CloseReason;
import dev.poolwise.internal.jdbc.ConnectionHandle;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * The borrow path: a connection from this thread's recent ones, the shared list or the fair hand-off queue,
 * checked (lifetime, validation past the bypass window) and stamped, within {@code connectionTimeout}
 * (invariant 6). The counterpart of {@link ConnectionReturn}; both read the pool's shared state.
 */
final class ConnectionBorrow {

    private final Pool pool;
    /**
     * Whether a borrow served at once may take {@link #borrowAtOnce}: nobody listens (so nothing is timed), the
     * clock is the system's, leak detection is off and the bypass window is longer than the coarse clock's
     * lag. All four are fixed for the pool's life.
     */
    private final boolean atOnceOnCoarseClock;

    ConnectionBorrow(Pool pool) {
        this.pool = pool;
        this.atOnceOnCoarseClock = !pool.events.any() && pool.clock == Clock.SYSTEM && !pool.tracksActivity
                && pool.bypassNanos > CoarseClock.MAX_LAG_NANOS;
    }

    /**
     * Borrows a connection (invariant 6: returns one or throws within {@code connectionTimeout}).
     *
     * <p><b>What is timed.</b> A borrow served at once (from this thread's recent connections or the shared
     * list) reads no clock: the lifetime check, the validation bypass window and the borrow time (which the
     * return path reuses, so a plain return reads no clock either) take the {@link CoarseClock}, a field a
     * clock thread refreshes every 10 ms, on the safe side (checks come early, never late). When the borrow is
     * timed (below), with a test clock, leak detection on or a bypass window of 20 ms or less (0: validate every
     * borrow), the real clock is read instead. The start of the
     * borrow is read only when the fast path misses and the borrower has to wait, since only a wait has a
     * {@code connectionTimeout} to keep; and when listeners are registered, which are told how long the
     * borrow took. An adaptive pool without listeners also times a sample of the borrows served at once
     * ({@code Pool.sizingSampleMask}).
     *
     * @return a handle on a validated connection
     * @throws SQLException on timeout (naming the pool, its counts and the last connect failure), when the
     *                      pool is closed, or when interrupted (the interrupt status is kept)
     */
    Connection borrow() throws SQLException {
        if (!atOnceOnCoarseClock || pool.closed || pool.suspension.isSuspended()) {
            return borrow(null, false);
        }
        return borrowAtOnce(pool.bag.tryBorrow()); // on a miss, counted as a waiter until awaitHandOff
    }

    /**
     * The common case, kept small so that the JIT compiles it early and inlines it into the caller: a
     * connection from {@code tryBorrow} that needs no check beyond the coarse clock's, stamped and handed out.
     * Anything else (a miss, a doomed or expiring connection, one due for validation, a sampled borrow of an
     * adaptive pool, a close meanwhile) goes on in {@link #borrow(PooledConnection, boolean)} with the
     * connection in hand, which decides exactly as if it had taken it itself.
     */
    private Connection borrowAtOnce(PooledConnection connection) throws SQLException {
        if (connection == null || connection.doomed != null) {
            return borrow(connection, true);
        }
        long now = CoarseClock.nanoTime();
        long latest = now + CoarseClock.MAX_LAG_NANOS; // an upper bound of the time: checks err on the early side
        if (lifetimeOver(connection, latest) || latest - connection.lastAliveNanos > pool.bypassNanos
                || pool.closed) {
            return borrow(connection, true);
        }
        int sampleMask = pool.sizingSampleMask; // -1 exactly when the pool is static: one load decides both
        if (sampleMask >= 0) {
            if (((connection.sizingBorrows + 1) & sampleMask) == 0) {
                return borrow(connection, true); // this one is timed for the sizing window, which counts it there
            }
            connection.sizingBorrows++; // sizingWeight is 0 here: the last return reset it
        }
        connection.borrowedNanos = now;
        connection.lastBorrowedNanos = now;
        return new ConnectionHandle(connection);
    }

    /**
     * The general borrow: waits, retries after a doomed or failed connection, timing and sampling.
     *
     * @param connection what {@code tryBorrow} gave when {@code tried} ({@code null} on a miss: the caller is then
     *                   counted as a waiter), else ignored
     * @param tried      whether the caller has checked for close and suspension and called {@code tryBorrow}
     */
    private Connection borrow(PooledConnection connection, boolean tried) throws SQLException {
        if (!tried && pool.closed) {
            throw new SQLException(pool.name + " - the pool is closed; no connection can be borrowed", "08003");
        }
        boolean timed = pool.events.any();
        long start = timed ? System.nanoTime() : 0;
        try {
            if (!tried) {
                if (pool.suspension.isSuspended()) {
                    if (!timed) {
                        timed = true;
                        start = System.nanoTime();
                    }
                    awaitResume(start);
                }
                connection = pool.bag.tryBorrow(); // on a miss, counted as a waiter until awaitHandOff
            }
            // The bypass window is judged against the start of this borrow (the first clock read it makes): a
            // connection opened, returned or validated since then, while this borrower waited, is fresh.
            boolean referenced = false;
            long reference = 0;
            while (true) {
                if (connection == null) {
                    if (!timed) {
                        timed = true;
                        start = System.nanoTime();
                    }
                    if (!referenced) {
                        referenced = true;
                        reference = pool.clock.nanoTime();
                    }
                    connection = pool.bag.awaitHandOff(pool.connectionTimeoutNanos - (System.nanoTime() - start));
                    if (connection == null) {
                        break;
                    }
                }
                // A hit on the first try reads the coarse clock (a plain load, see CoarseClock): 'now' is then a
                // lower bound of the time, used to stamp the borrow, and 'latest' an upper bound, used for the
                // lifetime and bypass checks, so that both err on the early side. Otherwise the real clock: when
                // the borrow is timed (listeners or adaptive sizing measure the hold time from this stamp), with
                // leak detection (reports measure from it too), with a test clock, or with a bypass window too
                // short for the coarse clock's lag.
                // Adaptive sizing without listeners times a sample of the hits (see sizingSampleMask).
                // A static pool reads only the final 'sizing' flag here, and never touches the sizing fields.
                boolean sizing = pool.events.sizing();
                int sampleMask = sizing && !timed ? pool.sizingSampleMask : -1;
                boolean sampled = sampleMask >= 0 && (++connection.sizingBorrows & sampleMask) == 0;
                long now;
                long latest;
                if (!referenced && !timed && !sampled && pool.clock == Clock.SYSTEM && !pool.tracksActivity
                        && pool.bypassNanos > CoarseClock.MAX_LAG_NANOS) {
                    now = CoarseClock.nanoTime();
                    latest = now + CoarseClock.MAX_LAG_NANOS;
                } else {
                    now = pool.clock.nanoTime();
                    latest = now;
                }
                if (!referenced) {
                    referenced = true;
                    reference = latest;
                }
                CloseReason doomed = connection.doomed;
                if (doomed == null && lifetimeOver(connection, latest)) {
                    doomed = CloseReason.LIFETIME;
                }
                if (doomed != null || pool.closed) {
                    pool.closer.closeConnection(connection, pool.closed ? CloseReason.SHUTDOWN : doomed);
                } else if (reference - connection.lastAliveNanos > pool.bypassNanos
                        && !pool.validator.validateOnBorrow(connection, timed ? remainingMillis(start) : connectionTimeoutMillis())) {
                    pool.validator.validationFailed(connection);
                } else {
                    connection.borrowedNanos = now;
                    connection.lastBorrowedNanos = now;
                    if (pool.tracksActivity) {
                        connection.borrowThread = Thread.currentThread();
                        connection.borrowSite = new Throwable("borrowed here");
                        connection.lastStatementNanos = Pool.NOT_BORROWED;
                    }
                    if (timed) {
                        if (pool.events.any() || sizing) {
                            // 'now' is a System.nanoTime() read when the clock is the system's (timed: never coarse)
                            pool.events.acquired((pool.clock == Clock.SYSTEM ? now : System.nanoTime()) - start);
                        }
                        if (sizing) {
                            connection.sizingWeight = 1;
                        }
                    } else if (sampled) {
                        pool.events.sizingAcquired(sampleMask + 1);
                        connection.sizingWeight = sampleMask + 1;
                    } // else sizingWeight stays 0, as the last return left it (ConnectionReturn.release)
                    return new ConnectionHandle(connection);
                }
                if (pool.closed) {
                    break;
                }
                connection = pool.bag.tryBorrow(); // on a miss, counted as a waiter until awaitHandOff
            }
            if (pool.closed) {
                throw new SQLException(pool.name + " - the pool was closed while this thread waited for a connection",
                        "08003");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException(pool.name + " - interrupted after waiting " + millisSince(start)
                    + " ms for a connection " + pool.counts(), "08001", e);
        }
        throw acquireTimeout(start);
    }

    /** @return whether the connection's {@code maxLifetime} has ended by {@code latest} (an upper bound of now) */
    private boolean lifetimeOver(PooledConnection connection, long latest) {
        return pool.maxLifetimeNanos > 0 && latest - connection.retireAtNanos >= 0;
    }

    private long connectionTimeoutMillis() {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(pool.connectionTimeoutNanos));
    }

    /** What is left of the borrower's {@code connectionTimeout}, in milliseconds, at least 1. */
    private long remainingMillis(long start) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(pool.connectionTimeoutNanos - (System.nanoTime() - start)));
    }

    /** Waits out a suspension, within the borrower's {@code connectionTimeout}. */
    private void awaitResume(long start) throws InterruptedException, SQLException {
        if (!pool.suspension.awaitResume(start + pool.connectionTimeoutNanos)) {
            throw acquireTimeout(start, " while the pool was suspended");
        }
    }

    private SQLException acquireTimeout(long start) {
        return acquireTimeout(start, "");
    }

    private SQLException acquireTimeout(long start, String circumstance) {
        return pool.healthTracker.acquireTimeout(System.nanoTime() - start, circumstance);
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
