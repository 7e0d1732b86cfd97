package dev.poolwise.internal.sizing;

/**
 * Where adaptive sizing reads the time: a monotonic nanosecond counter with {@link System#nanoTime()}'s
 * contract (only differences mean anything). A functional interface, so that the pool's own clock adapts as a
 * method reference ({@code clock::nanoTime}) and tests pass a counter they advance by hand.
 */
@FunctionalInterface
public interface SizingClock {

    /** The system's monotonic clock. */
    SizingClock SYSTEM = System::nanoTime;

    /** @return the current reading, in nanoseconds, of a clock that never goes backwards */
    long nanoTime();
}
