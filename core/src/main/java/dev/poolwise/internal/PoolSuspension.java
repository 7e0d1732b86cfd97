package dev.poolwise.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code suspend()}/{@code resume()}: holds new borrows while suspended, safe under concurrent calls (JMX
 * operations may overlap).
 *
 * <p>The current suspension is one latch, {@code null} when not suspended. It is set by CAS from {@code null}
 * (so concurrent {@code suspend()} calls share one latch) and taken by {@code getAndSet(null)} in
 * {@link #resume()} and {@link #releaseAll()}, which count it down: every waiter parks on the one latch there
 * is, so the resume or close that ends the suspension releases all of them.
 */
final class PoolSuspension {

    private final AtomicReference<CountDownLatch> latch = new AtomicReference<>();

    /** @return whether this call suspended the pool ({@code false}: it already was) */
    boolean suspend() {
        return latch.compareAndSet(null, new CountDownLatch(1));
    }

    /** @return whether this call ended a suspension */
    boolean resume() {
        return releaseAll();
    }

    /** Ends the suspension, if any, releasing every waiter; for resume and close. */
    boolean releaseAll() {
        CountDownLatch current = latch.getAndSet(null);
        if (current == null) {
            return false;
        }
        current.countDown();
        return true;
    }

    boolean isSuspended() {
        return latch.get() != null;
    }

    /**
     * Waits while suspended, until {@code deadlineNanos} ({@code System.nanoTime}) at most.
     *
     * @return {@code true} when not (or no longer) suspended; {@code false} when the deadline passed first
     */
    boolean awaitResume(long deadlineNanos) throws InterruptedException {
        CountDownLatch current;
        while ((current = latch.get()) != null) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0 || !current.await(remaining, TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }
}
