/**
 * Micrometer metrics for Poolwise pools. {@link dev.poolwise.micrometer.PoolwiseMetrics} picks the names
 * (OpenTelemetry's by default, HikariCP's on request) and supplies the listener that feeds the timers;
 * {@link dev.poolwise.micrometer.PoolwiseMeterBinder} publishes one pool's meters and removes them when the pool
 * closes.
 */
package dev.poolwise.micrometer;
