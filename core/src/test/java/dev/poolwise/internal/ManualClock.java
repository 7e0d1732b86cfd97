package dev.poolwise.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Clock} that moves only when the test says so, or when the pool waits on it: {@link #sleep} records the
 * wait and advances the clock by it, so backoff sequences are exact and take no real time. A sleep also yields the
 * thread for a millisecond of real time, so that a loop backing off against a database that keeps failing does
 * not spin a core while the test looks on.
 */
final class ManualClock implements Clock {

    /** Not 0, and far from overflow: the pool treats 0 as "never" in a few places. */
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final List<Long> sleeps = new CopyOnWriteArrayList<>();
    private volatile Runnable afterSleep = () -> { };

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
        sleeps.add(nanos);
        now.addAndGet(nanos);
        afterSleep.run();
        Thread.sleep(1);
    }

    void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    /** @return every wait the pool asked of this clock, in nanoseconds, in order */
    List<Long> sleeps() {
        return List.copyOf(sleeps);
    }

    /** @param action run (on the sleeping thread) after each {@link #sleep} has advanced the clock */
    void afterEachSleep(Runnable action) {
        this.afterSleep = action;
    }
}
