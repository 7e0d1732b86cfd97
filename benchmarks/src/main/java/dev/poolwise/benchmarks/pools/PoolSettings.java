package dev.poolwise.benchmarks.pools;

import java.time.Duration;
import javax.sql.DataSource;

/**
 * The settings every pool under benchmark is started with, so that the pools differ only in how they pool.
 *
 * <p>Each pool opens and keeps {@code size} connections (its maximum and its minimum idle are both {@code size}),
 * waits at most {@link #CONNECTION_TIMEOUT} for a connection, hands out connections in auto-commit mode, and has
 * leak detection, statement caching and JMX registration off. What each pool validates on borrow is its own
 * production default and is documented on its factory and in {@code docs/benchmarks.md}.
 *
 * @param poolName the name the pool gets where it takes one; shows up only in its thread names and logs
 * @param size the maximum pool size and the minimum idle count
 * @param database where physical connections come from; a pool that takes only a driver and a URL is given
 *     {@link dev.poolwise.benchmarks.noop.NoopDriver#URL_PREFIX} instead, which opens the same connections
 */
public record PoolSettings(String poolName, int size, DataSource database) {

    /** How long a borrower waits for a connection before the pool gives up: HikariCP's default, 30 s. */
    public static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code size} is not positive
     */
    public PoolSettings {
        if (size < 1) {
            throw new IllegalArgumentException("A pool under benchmark needs at least one connection, not " + size);
        }
    }
}
