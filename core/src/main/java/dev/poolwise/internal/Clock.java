package dev.poolwise.internal;

import java.util.concurrent.TimeUnit;

/**
 * The pool's time source for everything measured on a connection: lifetime, idle time, keepalive, the
 * validation bypass window, leak thresholds, health windows and hold times. Tests in this package inject a
 * manual clock to drive that logic without sleeping. The opener's backoff between failed connects (and the
 * {@code initializationFailTimeout} deadline it counts against) runs on this clock too, through {@link #sleep}:
 * a manual clock advances itself there. Waits that another thread ends (a borrower's {@code connectionTimeout},
 * the shutdown deadline) stay on {@link System#nanoTime()}: a manual clock would never let them end.
 */
@FunctionalInterface
interface Clock {

    /** The JVM's monotonic clock. */
    Clock SYSTEM = System::nanoTime;

    /** @return a monotonic time in nanoseconds, comparable only with other values of the same clock */
    long nanoTime();

    /**
     * Waits {@code nanos} on this clock: the opener's backoff between failed connects. The system clock sleeps
     * the thread; a test clock advances itself instead, so backoff runs without real waiting.
     *
     * @param nanos how long to wait, at least 0
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    default void sleep(long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(nanos);
    }
}
