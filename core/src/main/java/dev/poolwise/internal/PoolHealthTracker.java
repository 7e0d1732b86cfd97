package dev.poolwise.internal;

import dev.poolwise.CloseReason;
import dev.poolwise.LeakReport;
import dev.poolwise.PoolHealth;
import dev.poolwise.PoolStats;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Judges a pool's health for readiness checks from what the pool already records: connect failures, borrow
 * timeouts, saturation seen across calls, suspected leaks. Cheap: it opens no connection.
 */
final class PoolHealthTracker {


    /** When the last borrow timed out ({@code 0}: never); written by a timed-out borrow. */
    volatile long lastTimeoutNanos;
    /** When the health check first saw the pool saturated with waiters ({@code 0}: not saturated). */
    volatile long saturatedSinceNanos;
    static final long HEALTH_SATURATION_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final long HEALTH_TIMEOUT_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** How long connects must keep failing, with nothing idle, before a pool with borrowed connections is DOWN. */
    static final long HEALTH_CONNECT_FAILING_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Pool pool;

    PoolHealthTracker(Pool pool) {
        this.pool = pool;
    }

    /**
     * DOWN when no physical connection is open and the last connect failed; DEGRADED when every connection
     * is in use with threads waiting on this and earlier calls at least 5 s apart, when a borrow timed out in
     * the last 60 s, when connections are suspected of leaking, or when a pool with a fleet budget cannot
     * count its fleet (it then keeps to its static ceiling); UP otherwise.
     *
     * @return the pool's health now
     */
    /** Notes a borrow that timed out, at {@code now} on the pool's clock. */
    void timedOut(long now) {
        lastTimeoutNanos = now == 0 ? 1 : now;
    }

    PoolHealth health() {
        long now = pool.clock.nanoTime();
        SQLException failure = pool.lastConnectFailure;
        int total = pool.slots.get();
        if (pool.closed) {
            return new PoolHealth(PoolHealth.Status.DOWN, "the pool is pool.closed", null);
        }
        if (failure != null && total == 0) {
            return new PoolHealth(PoolHealth.Status.DOWN, "cannot connect: " + MaskedFailure.message(failure), failure);
        }
        long failingSince = pool.failingSinceNanos;
        if (failure != null && failingSince != 0 && now - failingSince >= HEALTH_CONNECT_FAILING_NANOS
                && pool.bag.count(PooledConnection.IDLE) == 0) {
            // Connections still borrowed (a long transaction, a leak) do not make a pool that has failed to
            // connect for seconds and has nothing idle to hand out any less unable to serve a new borrower.
            return new PoolHealth(PoolHealth.Status.DOWN, "cannot connect for "
                    + TimeUnit.NANOSECONDS.toSeconds(now - failingSince) + " s, nothing idle (" + total
                    + " connection(s) still borrowed): " + MaskedFailure.message(failure), failure);
        }
        int waiting = pool.bag.waiters();
        // Against the working limit: an adaptive pool holding at its target (the database's knee, or its fleet
        // share) with threads waiting is as saturated as a static one at its maximum.
        int limit = pool.targetSize();
        boolean saturated = waiting > 0 && pool.bag.count(PooledConnection.IDLE) == 0 && total >= limit;
        if (!saturated) {
            saturatedSinceNanos = 0;
        } else if (saturatedSinceNanos == 0) {
            saturatedSinceNanos = now == 0 ? 1 : now;
        } else if (now - saturatedSinceNanos >= HEALTH_SATURATION_NANOS) {
            return new PoolHealth(PoolHealth.Status.DEGRADED, "saturated: all " + total + " connections in use"
                    + (pool.adaptiveSizing != null ? " (adaptive target " + limit + " of maximumPoolSize "
                    + pool.maximumPoolSize + ")" : "") + " and " + waiting + " threads waiting for "
                    + TimeUnit.NANOSECONDS.toSeconds(now - saturatedSinceNanos) + " s", null);
        }
        long lastTimeout = lastTimeoutNanos;
        if (lastTimeout != 0 && now - lastTimeout < HEALTH_TIMEOUT_WINDOW_NANOS) {
            return new PoolHealth(PoolHealth.Status.DEGRADED, "a borrow timed out "
                    + TimeUnit.NANOSECONDS.toSeconds(now - lastTimeout) + " s ago (" + pool.timeouts.sum()
                    + " pool.timeouts since start)", null);
        }
        int leaking = 0;
        for (PooledConnection connection : pool.bag.snapshot()) {
            if (connection.isInUse() && connection.leakReported) {
                leaking++;
            }
        }
        if (leaking > 0) {
            return new PoolHealth(PoolHealth.Status.DEGRADED, leaking + " connection(s) suspected of leaking; see "
                    + "suspectedLeaks()", null);
        }
        String fleetProblem = pool.fleet.problem();
        if (fleetProblem != null) {
            // The pool serves, but the fleet's budget is not being kept: the pool keeps to its own
            // maximumPoolSize, and the fleet's sum may pass the budget. Last, so that a worse reason shows first.
            return new PoolHealth(PoolHealth.Status.DEGRADED, "fleet budget of " + pool.config.getFleetBudget()
                    + " not kept, since the fleet cannot be counted; keeping to maximumPoolSize " + pool.maximumPoolSize
                    + " meanwhile: " + fleetProblem, null);
        }
        return new PoolHealth(PoolHealth.Status.UP, "ok", null);
    }

    /** @return a snapshot of counts and counters */
    PoolStats stats() {
        Map<CloseReason, Long> closedCounts = new EnumMap<>(CloseReason.class);
        for (CloseReason reason : CloseReason.values()) {
            long n = pool.closedByReason.get(reason.ordinal());
            if (n > 0) {
                closedCounts.put(reason, n);
            }
        }
        return new PoolStats(pool.name, pool.slots.get(), pool.bag.count(PooledConnection.IN_USE),
                pool.bag.count(PooledConnection.IDLE), pool.reserve.count(), pool.bag.waiters(), pool.maximumPoolSize,
                pool.minimumIdle, pool.targetSize(), pool.created.sum(), closedCounts, pool.connectFailures.sum(),
                pool.timeouts.sum(), pool.validationFailures.sum(), pool.suspectedLeaks.sum());
    }

    /** @return reports on the connections currently suspected of leaking */
    List<LeakReport> suspectedLeakReports() {
        List<LeakReport> reports = new ArrayList<>();
        long now = pool.clock.nanoTime();
        for (PooledConnection connection : pool.bag.snapshot()) {
            if (connection.isInUse() && connection.leakReported) {
                LeakReport report = LeakDetector.report(pool, connection, now);
                if (report != null) {
                    reports.add(report);
                }
            }
        }
        return reports;
    }

    /**
     * The counts HikariCP users know from its timeout message; an adaptive pool adds its target, and the
     * connections it holds in reserve when there are any (open, neither active nor idle), named as in
     * {@link PoolStats#toString()}.
     */
    String counts() {
        int reserved = pool.reserve.count();
        return "(total=" + pool.slots.get() + ", active=" + pool.bag.count(PooledConnection.IN_USE) + ", idle="
                + pool.bag.count(PooledConnection.IDLE) + (reserved > 0 ? ", reserved=" + reserved : "")
                + ", waiting=" + pool.bag.waiters()
                + (pool.adaptiveSizing != null ? ", target=" + pool.targetSize() : "") + ")";
    }

    /**
     * Counts a borrow that timed out, tells the listeners, and builds its exception: the pool's name, how long
     * it waited, its counts, and the last connect failure (masked) as message and cause.
     */
    SQLTransientConnectionException acquireTimeout(long waitedNanos, String circumstance) {
        pool.timeouts.increment();
        timedOut(pool.clock.nanoTime());
        pool.events.acquireTimeout(waitedNanos);
        SQLException cause = pool.lastConnectFailure;
        String message = pool.name + " - connection is not available, request timed out after "
                + TimeUnit.NANOSECONDS.toMillis(waitedNanos) + "ms" + circumstance + " " + counts();
        if (cause != null) {
            message += "; last connect failure: " + MaskedFailure.message(cause);
        }
        // 08001 ("could not connect") only when connects are failing, as the last failure's own state; a pool
        // that is merely busy has no SQLState, as in HikariCP 7.1 and Agroal, so that retry logic and error
        // classifiers do not take a healthy database for an unreachable one.
        return new SQLTransientConnectionException(message, cause != null ? cause.getSQLState() : null, cause);
    }
}
