package dev.poolwise.spring;

import dev.poolwise.PoolHealth;
import dev.poolwise.PoolStats;
import dev.poolwise.PoolwiseDataSource;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pool's {@link PoolwiseDataSource#health() health()} in the shape of an actuator health response: the status
 * code ({@code UP}, {@code DEGRADED} or {@code DOWN}) and details (the reason, the sizing mode, the pool's counts
 * and its target size: the maximum in static sizing, the controller's current target in adaptive sizing). The health
 * indicator of each Boot generation wraps it in its own {@code Health} type.
 *
 * @param status  {@code UP}, {@code DEGRADED} or {@code DOWN}
 * @param details what the actuator shows beside the status
 */
public record PoolHealthReport(String status, Map<String, Object> details) {

    /** Boot's status code for a pool that serves, but badly; the actuator maps unknown codes to HTTP 200. */
    public static final String DEGRADED = "DEGRADED";

    /**
     * @param dataSource the pool; reading its health opens no connection and does not start it
     * @return its health now
     */
    public static PoolHealthReport of(PoolwiseDataSource dataSource) {
        PoolHealth health = dataSource.health();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pool", dataSource.getPoolName());
        details.put("reason", health.reason());
        details.put("sizing", dataSource.getSizing());
        if (dataSource.isStarted() && !dataSource.isClosed()) {
            PoolStats stats = dataSource.stats();
            details.put("total", stats.total());
            details.put("active", stats.active());
            details.put("idle", stats.idle());
            details.put("reserved", stats.reserved());
            details.put("waiting", stats.waiting());
            details.put("targetSize", stats.targetSize());
            details.put("maximumPoolSize", stats.maximumPoolSize());
        }
        if (health.lastError() != null) {
            details.put("lastError", health.lastError().getMessage());
        }
        return new PoolHealthReport(health.status().name(), details);
    }
}
