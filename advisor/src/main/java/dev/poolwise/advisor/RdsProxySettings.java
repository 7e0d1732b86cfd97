package dev.poolwise.advisor;

import java.time.Duration;

/**
 * RDS Proxy's connection pool settings, as set on the proxy's target group; each {@code null} when unknown,
 * in which case the advisor takes AWS's default and says it assumed it.
 *
 * @param maxConnectionsPercent     {@code MaxConnectionsPercent}: the proxy opens at most this percentage of the
 *                                  database's {@code max_connections} (AWS default 100)
 * @param maxIdleConnectionsPercent {@code MaxIdleConnectionsPercent}: idle database connections the proxy keeps
 *                                  open, as a percentage of {@code max_connections} (AWS default 50, or half of
 *                                  a given {@code MaxConnectionsPercent})
 * @param idleClientTimeout         {@code IdleClientTimeout}: the proxy drops a client idle this long (AWS
 *                                  default 30 min)
 * @param connectionBorrowTimeout   {@code ConnectionBorrowTimeout}: how long a client's transaction waits for a
 *                                  database connection when the proxy has opened all it may (AWS default 120 s)
 */
public record RdsProxySettings(Integer maxConnectionsPercent, Integer maxIdleConnectionsPercent,
                               Duration idleClientTimeout, Duration connectionBorrowTimeout) {

    /** Nothing known: AWS's defaults apply. */
    public static final RdsProxySettings UNKNOWN = new RdsProxySettings(null, null, null, null);

    /** Checks each value against the range AWS accepts. */
    public RdsProxySettings {
        if (maxConnectionsPercent != null && (maxConnectionsPercent < 1 || maxConnectionsPercent > 100)) {
            throw new InvalidDeploymentException("between.max_connections_percent", maxConnectionsPercent,
                    "must be from 1 to 100 (a percentage of max_connections)");
        }
        if (maxIdleConnectionsPercent != null && (maxIdleConnectionsPercent < 0
                || maxIdleConnectionsPercent > (maxConnectionsPercent != null ? maxConnectionsPercent : 100))) {
            throw new InvalidDeploymentException("between.max_idle_connections_percent", maxIdleConnectionsPercent,
                    "must be from 0 to MaxConnectionsPercent ("
                            + (maxConnectionsPercent != null ? maxConnectionsPercent : 100) + ")");
        }
        if (idleClientTimeout != null && (idleClientTimeout.isNegative() || idleClientTimeout.isZero()
                || idleClientTimeout.compareTo(Duration.ofHours(8)) > 0)) {
            throw new InvalidDeploymentException("between.idle_client_timeout", HumanDuration.format(idleClientTimeout),
                    "must be from 1s to 8h");
        }
        if (connectionBorrowTimeout != null && (connectionBorrowTimeout.isNegative()
                || connectionBorrowTimeout.compareTo(Duration.ofHours(1)) > 0)) {
            throw new InvalidDeploymentException("between.connection_borrow_timeout",
                    HumanDuration.format(connectionBorrowTimeout), "must be from 0 (no limit) to 1h");
        }
    }

    /** @return whether any setting was given */
    boolean anyGiven() {
        return maxConnectionsPercent != null || maxIdleConnectionsPercent != null || idleClientTimeout != null
                || connectionBorrowTimeout != null;
    }
}
