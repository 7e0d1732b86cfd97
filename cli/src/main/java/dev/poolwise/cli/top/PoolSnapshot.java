package dev.poolwise.cli.top;

import java.util.Objects;

/**
 * One pool's counts at one moment, as read over JMX. A value the pool does not publish (HikariCP has no sizing
 * mode, target, reserve, timeout or leak counters over JMX, nor a health; a Poolwise release before adaptive
 * sizing has no sizing mode or target, one before the reserve's reporting no reserve) or that could not be read
 * is {@code null}, and shows as {@code -}.
 *
 * @param name     the pool's name
 * @param kind     which library the pool belongs to
 * @param sizing   {@code static} or {@code adaptive}: whether the pool moves its target size while it runs
 * @param total    physical connections open or being opened
 * @param active   connections borrowed
 * @param idle     connections idle in the pool
 * @param reserved connections an adaptive pool holds open but does not lend ({@code sizingReserveTime})
 * @param waiting  threads waiting for a connection
 * @param target   the size the pool works to: the maximum in static sizing, the controller's current target
 *                 in adaptive sizing
 * @param max      the maximum pool size
 * @param timeouts {@code getConnection} calls that timed out since the pool started
 * @param leaks    borrows reported as suspected leaks since the pool started
 * @param health   {@code UP}, or {@code DEGRADED (reason)} / {@code DOWN (reason)}
 */
public record PoolSnapshot(String name, PoolLibrary kind, String sizing, Integer total, Integer active,
        Integer idle, Integer reserved, Integer waiting, Integer target, Integer max, Long timeouts, Long leaks,
        String health) {

    /** Checks that the pool has a name and a kind; every count may be missing. */
    public PoolSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * @return active connections as a share of the maximum, from 0 to 1 (capped at 1), or {@code null} when
     *         either is unknown or the maximum is not positive
     */
    public Double utilization() {
        if (active == null || max == null || max <= 0) {
            return null;
        }
        return Math.min(1.0, Math.max(0.0, active / (double) max));
    }
}
