package dev.poolwise.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link System#nanoTime()} as of the last tick of a JVM-wide clock thread, for the borrow fast path.
 *
 * <p><b>Why.</b> On virtual machines whose clock source the guest cannot read directly, {@code System.nanoTime()}
 * costs about 25 ns (measured on the 2-core VM in docs/benchmarks.md), a third of a whole borrow-and-return.
 * A borrow served at once needs a time only for two checks that tolerate a few milliseconds (the lifetime
 * check, which the per-connection retirement task backs up, and the validation bypass window, 500 ms by
 * default) and to stamp the borrow. Reading a field that a thread refreshes every {@link #TICK_NANOS} costs
 * one plain load instead.
 *
 * <p><b>Bounds.</b> {@link #nanoTime()} is never later than the real time, and while the clock thread keeps
 * its schedule it is at most {@link #MAX_LAG_NANOS} earlier. Callers use it on the safe side: a stamp taken
 * from it (a borrow time) is a lower bound, so a connection looks idle slightly longer than it was; a check
 * adds {@code MAX_LAG_NANOS} (an upper bound of the real time), so a lifetime ends and a validation comes up
 * to that much early, never late. If the clock thread is kept off the CPU longer than that (the host starves
 * it), the upper bound can be exceeded by the length of the stall: a connection may then skip a validation
 * it was due, which the pool tolerates (a validation never guarantees the next statement works either).
 *
 * <p><b>Cost when idle.</b> The thread runs only while someone reads the clock: after {@link #IDLE_TICKS}
 * ticks in which no reader came, it marks itself stopped and parks; the next reader reads the real clock
 * once and wakes it. It holds nothing of any pool (closed pools stay collectable), is a daemon, and has no
 * context class loader.
 *
 * <p><b>Memory effects.</b> {@code nanos} and {@code running} are volatile. A reader reads {@code nanos}
 * before {@code running}: if it then sees the thread running, the value was written at most one tick before
 * the thread could have stopped. Readers note that they came by writing {@code demanded} only when it differs
 * from the value they read, so at most a write per tick crosses cores, not one per borrow.
 */
final class CoarseClock {

    /** How often the clock thread refreshes the time. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How far behind the real time {@link #nanoTime()} can be while the clock thread keeps its schedule. */
    static final long MAX_LAG_NANOS = 2 * TICK_NANOS;
    /** Ticks without a reader after which the clock thread parks (about a second). */
    static final int IDLE_TICKS = 100;

    private static volatile long nanos;
    private static volatile long demanded;
    private static volatile boolean running;
    /** Set once the thread could not be started (a runtime that forbids it): every read is then a real one. */
    private static volatile boolean unavailable;
    private static Thread ticker; // guarded by CoarseClock.class

    private CoarseClock() {
    }

    /**
     * @return {@code System.nanoTime()} as of the last tick: never later than the real time, at most
     *         {@link #MAX_LAG_NANOS} earlier while the clock thread keeps its schedule
     */
    static long nanoTime() {
        long t = nanos;
        if (!running) {
            return wake();
        }
        if (demanded != t) {
            demanded = t;
        }
        return t;
    }

    /** The clock thread is parked or not started: read the real clock, and start or wake the thread. */
    private static long wake() {
        long now = System.nanoTime();
        if (!unavailable) {
            synchronized (CoarseClock.class) {
                if (!running) {
                    nanos = now;
                    demanded = now;
                    running = true;
                    if (ticker == null) {
                        start();
                    } else {
                        LockSupport.unpark(ticker);
                    }
                }
            }
        }
        return now;
    }

    private static void start() {
        try {
            Thread thread = new Thread(null, CoarseClock::tick, "poolwise-clock", 0, false);
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            thread.start();
            ticker = thread;
        } catch (RuntimeException | Error e) {
            // SecurityException, OutOfMemoryError ("unable to create native thread"): fall back on the real clock.
            running = false;
            unavailable = true;
        }
    }

    /** The clock thread: refreshes {@code nanos} every tick while readers come, parks when none do. */
    private static void tick() {
        int idle = 0;
        while (true) {
            long previous = nanos;
            LockSupport.parkNanos(TICK_NANOS);
            nanos = System.nanoTime();
            idle = demanded == previous ? 0 : idle + 1;
            if (idle >= IDLE_TICKS) {
                idle = 0;
                synchronized (CoarseClock.class) {
                    running = false;
                }
                // A reader that saw running == true before the write above used a value at most a tick old.
                // wake() sets running before it unparks, so a wake-up between these lines is not lost.
                while (!running) {
                    LockSupport.park(CoarseClock.class);
                }
            }
        }
    }
}
