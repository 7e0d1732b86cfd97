package dev.poolwise.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Clock} that moves only when the test says so. */
final class ManualClock implements Clock {

    /** Not 0, and far from overflow: the pool treats 0 as "never" in a few places. */
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
