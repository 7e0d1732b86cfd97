package dev.poolwise.internal;

/**
 * The pool's time source for everything measured on a connection: lifetime, idle time, keepalive, the
 * validation bypass window, leak thresholds, health windows and hold times. Tests in this package inject a
 * manual clock to drive that logic without sleeping. Real waits (a borrower's {@code connectionTimeout}, the
 * shutdown deadline, backoff sleeps) stay on {@link System#nanoTime()}: a manual clock would never let them end.
 */
@FunctionalInterface
interface Clock {

    /** The JVM's monotonic clock. */
    Clock SYSTEM = System::nanoTime;

    /** @return a monotonic time in nanoseconds, comparable only with other values of the same clock */
    long nanoTime();
}
