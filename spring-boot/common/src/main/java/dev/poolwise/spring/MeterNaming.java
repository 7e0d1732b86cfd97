package dev.poolwise.spring;

/**
 * The names the Poolwise meters are published under when Micrometer is present
 * ({@code spring.datasource.poolwise.metrics-naming}). Mirrors {@code dev.poolwise.micrometer.MetricNaming} so
 * that the properties class loads without Micrometer on the classpath.
 */
public enum MeterNaming {
    /** OpenTelemetry's {@code db.client.connection.*} names; the default. */
    OPENTELEMETRY,
    /** HikariCP's {@code hikaricp.connections.*} names, for dashboards and alerts written for HikariCP. */
    HIKARICP
}
