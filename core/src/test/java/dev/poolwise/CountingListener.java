package dev.poolwise;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the pool itself reports through {@link PoolListener}: a tally kept by the pool, independent of
 * the tallies a test's threads keep, so that stress tests can compare the two (and the database's own counts)
 * instead of checking sums that hold by construction.
 */
public final class CountingListener implements PoolListener {

    /** Borrows the pool handed out ({@code onAcquired}). */
    public final LongAdder acquired = new LongAdder();
    /** Connections given back ({@code onReturned}). */
    public final LongAdder returned = new LongAdder();
    /** Borrows that timed out ({@code onAcquireTimeout}). */
    public final LongAdder timeouts = new LongAdder();

    @Override
    public void onAcquired(String poolName, long waitNanos) {
        acquired.increment();
    }

    @Override
    public void onReturned(String poolName, long holdNanos) {
        returned.increment();
    }

    @Override
    public void onAcquireTimeout(String poolName, long waitNanos) {
        timeouts.increment();
    }
}
