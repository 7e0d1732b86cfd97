package dev.poolwise.internal.sizing;

import java.util.concurrent.atomic.LongAdder;

/**
 * Collects one {@link SizingWindow} at a time from the pool's events: borrowers record their wait and hold
 * times (from the listener callbacks the pool already fires, with the figures it already measured), and the
 * housekeeper closes the window at each control step.
 *
 * <p><b>Threads.</b> {@link #acquired}, {@link #returned} and {@link #timedOut} are called by any borrower
 * and only add to {@link LongAdder}s: no lock, no allocation, no clock read on the borrow path.
 * {@link #close} is called by one thread (the housekeeper) and reads the clock. The adders of one kind (a
 * count and its sum) are reset one after the other, not atomically together, so a borrow that lands between
 * the two resets counts in one window and its time in the next. That is benign: both windows' means move by
 * one sample's share, and the next window's count catches up.
 */
public final class SizingWindowRecorder {

    private final SizingClock clock;
    private final LongAdder acquires = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder holdNanos = new LongAdder();
    private final LongAdder timeouts = new LongAdder();

    /** When the open window began; written and read only by the closing thread. */
    private long windowStart;

    /** @param clock where the window's start and end are read; the first window starts now */
    public SizingWindowRecorder(SizingClock clock) {
        this.clock = clock;
        this.windowStart = clock.nanoTime();
    }

    /** @param waitNanos how long a borrower waited for the connection it got */
    public void acquired(long waitNanos) {
        acquired(waitNanos, 1);
    }

    /**
     * A borrow that stands for {@code weight} borrows: the pool may time only a sample of the borrows served at
     * once, every {@code weight}-th of each connection's, which are alike in what is measured here; the sums
     * then estimate the whole window's.
     *
     * @param waitNanos how long the borrower waited for the connection it got
     * @param weight    how many borrows it stands for, at least 1
     */
    public void acquired(long waitNanos, int weight) {
        acquires.add(weight);
        this.waitNanos.add(waitNanos * weight);
    }

    /** @param holdNanos how long a connection that came back was held */
    public void returned(long holdNanos) {
        returned(holdNanos, 1);
    }

    /**
     * @param holdNanos how long a connection that came back was held
     * @param weight    how many returns it stands for, at least 1 (see {@link #acquired(long, int)})
     */
    public void returned(long holdNanos, int weight) {
        completed.add(weight);
        this.holdNanos.add(holdNanos * weight);
    }

    /** A borrower gave up after {@code connectionTimeout}. */
    public void timedOut() {
        timeouts.increment();
    }

    /**
     * Ends the open window, starts the next, and returns what the ended one saw. A window shorter than a
     * nanosecond (two closes on a clock that did not move) is stretched to one, so that it stays valid.
     *
     * @param waiters threads waiting in {@code getConnection} now
     * @param idle    connections idle now
     * @param open    physical connections open or being opened now
     */
    public SizingWindow close(int waiters, int idle, int open) {
        return close(waiters, idle, open, 0);
    }

    /**
     * As {@link #close(int, int, int)}, with the connections opened during the window.
     *
     * @param waiters threads waiting in {@code getConnection} now
     * @param idle    connections idle now
     * @param open    physical connections open or being opened now
     * @param opened  connections the pool finished opening since the last close
     */
    public SizingWindow close(int waiters, int idle, int open, int opened) {
        long end = clock.nanoTime();
        long start = windowStart;
        if (end - start <= 0) {
            end = start + 1;
        }
        windowStart = end;
        long acquireCount = acquires.sumThenReset();
        long waitSum = waitNanos.sumThenReset();
        long completedCount = completed.sumThenReset();
        long holdSum = holdNanos.sumThenReset();
        long timeoutCount = timeouts.sumThenReset();
        return new SizingWindow(start, end, completedCount, completedCount == 0 ? 0 : holdSum / completedCount,
                acquireCount, acquireCount == 0 ? 0 : waitSum / acquireCount, timeoutCount, waiters, idle, open,
                opened);
    }
}
