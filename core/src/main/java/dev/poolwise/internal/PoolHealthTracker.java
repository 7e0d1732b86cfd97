package dev.poolwise.internal;

import dev.poolwise.PoolHealth;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * Judges a pool's health for readiness checks from what the pool already records: connect failures, borrow
 * timeouts, saturation seen across calls, suspected leaks. Cheap: it opens no connection.
 */
final class PoolHealthTracker {


    private final Pool pool;

    PoolHealthTracker(Pool pool) {
        this.pool = pool;
    }

    /**
     * DOWN when no physical connection is open and the last connect failed; DEGRADED when every connection
     * is in use with threads waiting on this and earlier calls at least 5 s apart, when a borrow timed out in
     * the last 60 s, or when connections are suspected of leaking; UP otherwise.
     *
     * @return the pool's health now
     */
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
        if (failure != null && failingSince != 0 && now - failingSince >= Pool.HEALTH_CONNECT_FAILING_NANOS
                && pool.bag.count(PooledConnection.IDLE) == 0) {
            // Connections still borrowed (a long transaction, a leak) do not make a pool that has failed to
            // connect for seconds and has nothing idle to hand out any less unable to serve a new borrower.
            return new PoolHealth(PoolHealth.Status.DOWN, "cannot connect for "
                    + TimeUnit.NANOSECONDS.toSeconds(now - failingSince) + " s, nothing idle (" + total
                    + " connection(s) still borrowed): " + MaskedFailure.message(failure), failure);
        }
        int waiting = pool.bag.waiters();
        boolean saturated = waiting > 0 && pool.bag.count(PooledConnection.IDLE) == 0 && total >= pool.maximumPoolSize;
        if (!saturated) {
            pool.saturatedSinceNanos = 0;
        } else if (pool.saturatedSinceNanos == 0) {
            pool.saturatedSinceNanos = now == 0 ? 1 : now;
        } else if (now - pool.saturatedSinceNanos >= Pool.HEALTH_SATURATION_NANOS) {
            return new PoolHealth(PoolHealth.Status.DEGRADED, "saturated: all " + total + " connections in use and "
                    + waiting + " threads waiting for " + TimeUnit.NANOSECONDS.toSeconds(now - pool.saturatedSinceNanos)
                    + " s", null);
        }
        long lastTimeout = pool.lastTimeoutNanos;
        if (lastTimeout != 0 && now - lastTimeout < Pool.HEALTH_TIMEOUT_WINDOW_NANOS) {
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
        return new PoolHealth(PoolHealth.Status.UP, "ok", null);
    }
}
