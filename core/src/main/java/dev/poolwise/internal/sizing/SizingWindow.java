package dev.poolwise.internal.sizing;

/**
 * What the pool saw during one control window: the input of {@link TargetSizeController#decide}. Durations are
 * in nanoseconds. Counts are of events inside the window; the last four fields are read at its end.
 *
 * @param startNanos       when the window began ({@link SizingClock} reading)
 * @param endNanos         when it ended; after {@code startNanos}
 * @param completedBorrows borrows returned during the window (the throughput the pool sees)
 * @param meanHoldNanos    mean time those borrows held their connection (0 when none completed): the
 *                         database's work time as the pool sees it, plus whatever the borrower did in between
 * @param acquires         {@code getConnection} calls that got a connection during the window
 * @param meanWaitNanos    their mean wait for it (0 when none)
 * @param timeouts         {@code getConnection} calls that timed out during the window
 * @param waiters          threads waiting in {@code getConnection} at the end of the window
 * @param idle             connections idle in the pool at the end of the window
 * @param open             physical connections open or being opened at the end of the window
 * @param opened           connections the pool finished opening during the window
 */
public record SizingWindow(
        long startNanos,
        long endNanos,
        long completedBorrows,
        long meanHoldNanos,
        long acquires,
        long meanWaitNanos,
        long timeouts,
        int waiters,
        int idle,
        int open,
        int opened) {

    /** Rejects a window no pool can have seen, so that the controller's arithmetic needs no guards. */
    public SizingWindow {
        if (endNanos - startNanos <= 0) {
            throw new IllegalArgumentException("a sizing window must end after it starts: start=" + startNanos
                    + ", end=" + endNanos);
        }
        if (completedBorrows < 0 || meanHoldNanos < 0 || acquires < 0 || meanWaitNanos < 0 || timeouts < 0
                || waiters < 0 || idle < 0 || open < 0 || opened < 0) {
            throw new IllegalArgumentException("sizing window counts and durations must be >= 0: " + this);
        }
    }

    /**
     * A window in which no connection was opened: what the scripted workloads of the controller's tests model.
     *
     * @param startNanos       when the window began
     * @param endNanos         when it ended
     * @param completedBorrows borrows returned during the window
     * @param meanHoldNanos    their mean hold time
     * @param acquires         borrows that got a connection during the window
     * @param meanWaitNanos    their mean wait
     * @param timeouts         borrows that timed out
     * @param waiters          threads waiting at the end
     * @param idle             connections idle at the end
     * @param open             connections open or being opened at the end
     */
    public SizingWindow(long startNanos, long endNanos, long completedBorrows, long meanHoldNanos, long acquires,
                        long meanWaitNanos, long timeouts, int waiters, int idle, int open) {
        this(startNanos, endNanos, completedBorrows, meanHoldNanos, acquires, meanWaitNanos, timeouts, waiters, idle,
                open, 0);
    }

    /** @return the window's length in nanoseconds */
    public long lengthNanos() {
        return endNanos - startNanos;
    }

    /** @return completed borrows per second */
    public double throughputPerSecond() {
        return completedBorrows * 1e9 / lengthNanos();
    }

    /**
     * Little's law: connections held on average during the window = throughput x mean hold time. Measured
     * from completions, so a borrow still out at the end counts in the window it comes back in.
     *
     * @return the mean number of connections in use
     */
    public double meanInUse() {
        return (double) completedBorrows * meanHoldNanos / lengthNanos();
    }

    /** @return Little's law again: the mean number of borrowers waiting during the window */
    public double meanWaiting() {
        return (double) acquires * meanWaitNanos / lengthNanos();
    }
}
