package dev.poolwise;

import java.util.Map;

/**
 * A consistent-enough snapshot of a pool's counts and counters. Gauges (total, active, idle, reserved, waiting) are
 * read one after the other without a lock, so under load they may disagree by one or two; counters only grow.
 *
 * <p>{@code total} is more than {@code active + idle + reserved} by the connections being opened, validated by
 * the housekeeper or closed at the moment of the snapshot.
 *
 * @param poolName           the pool's name
 * @param total              physical connections open or being opened
 * @param active             connections currently borrowed
 * @param idle               connections in the pool, ready to be borrowed
 * @param reserved           connections an adaptive pool holds open but does not lend, after a change of its
 *                           target down that it may undo ({@code sizingReserveTime}); a rise of the target lends
 *                           them back before it opens new ones. Always 0 in static sizing and when
 *                           {@code sizingReserveTime} is 0
 * @param waiting            threads waiting in {@code getConnection}
 * @param maximumPoolSize    the current maximum (it changes with {@code resize})
 * @param minimumIdle        the current minimum idle target
 * @param targetSize         the size the pool works to: {@code maximumPoolSize} in static sizing; in adaptive
 *                           sizing the controller's current target, between {@code minimumIdle} and
 *                           {@code maximumPoolSize} (or the fleet ceiling when that is lower)
 * @param connectionsCreated physical connections opened successfully since the pool started
 * @param connectionsClosed  physical connections closed since start, by reason
 * @param connectFailures    failed attempts to open a physical connection
 * @param acquireTimeouts    {@code getConnection} calls that timed out
 * @param validationFailures connections that failed validation on borrow or keepalive
 * @param suspectedLeaks     connections reported as suspected leaks
 */
public record PoolStats(
        String poolName,
        int total,
        int active,
        int idle,
        int reserved,
        int waiting,
        int maximumPoolSize,
        int minimumIdle,
        int targetSize,
        long connectionsCreated,
        Map<CloseReason, Long> connectionsClosed,
        long connectFailures,
        long acquireTimeouts,
        long validationFailures,
        long suspectedLeaks) {

    /** Copies the closed-by-reason map, so that a snapshot never changes. */
    public PoolStats {
        connectionsClosed = Map.copyOf(connectionsClosed);
    }

    /**
     * @return all physical connections closed since start, whatever the reason
     */
    public long totalClosed() {
        long sum = 0;
        for (long n : connectionsClosed.values()) {
            sum += n;
        }
        return sum;
    }

    /**
     * @param reason a close reason
     * @return connections closed for that reason since start
     */
    public long closed(CloseReason reason) {
        return connectionsClosed.getOrDefault(reason, 0L);
    }

    /**
     * A one-line summary in the shape HikariCP users know, e.g.
     * {@code orders (total=10, active=3, idle=7, waiting=0, ...)}; the target is shown when it differs from the
     * maximum (an adaptive pool below its ceiling), the reserved connections when there are any.
     */
    @Override
    public String toString() {
        return poolName + " (total=" + total + ", active=" + active + ", idle=" + idle
                + (reserved > 0 ? ", reserved=" + reserved : "") + ", waiting=" + waiting
                + ", max=" + maximumPoolSize + ", minIdle=" + minimumIdle
                + (targetSize != maximumPoolSize ? ", target=" + targetSize : "") + ", created=" + connectionsCreated
                + ", closed=" + totalClosed() + ", timeouts=" + acquireTimeouts + ", leaks=" + suspectedLeaks + ")";
    }
}
