package dev.poolwise.cli.dashboard;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.poolwise.micrometer.MetricNaming;

/**
 * The namings {@code poolwise dashboard --naming} offers, by the short name the command line takes.
 */
public enum DashboardNaming {

    /** OpenTelemetry's {@code db.client.connection.*} names, what {@code PoolwiseMetrics.otel()} publishes. */
    OTEL("otel", MetricNaming.OPENTELEMETRY),
    /**
     * HikariCP's {@code hikaricp.connections.*} names, what {@code PoolwiseMetrics.hikari()} and HikariCP's own
     * Micrometer tracker publish.
     */
    HIKARICP("hikaricp", MetricNaming.HIKARICP);

    private final String id;
    private final MetricNaming naming;

    DashboardNaming(String id, MetricNaming naming) {
        this.id = id;
        this.naming = naming;
    }

    /** @return the name on the command line and in file contents: {@code otel} or {@code hikaricp} */
    public String id() {
        return id;
    }

    /** @return the metric naming it stands for */
    public MetricNaming naming() {
        return naming;
    }

    /**
     * @param id {@code otel} or {@code hikaricp}, any case
     * @return that naming
     * @throws IllegalArgumentException naming the value and the valid ones when it is neither
     */
    public static DashboardNaming fromId(String id) {
        for (DashboardNaming candidate : values()) {
            if (candidate.id.equals(id == null ? null : id.strip().toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("--naming " + id + ": unknown naming; valid: " + validIds());
    }

    /**
     * @param naming a metric naming
     * @return the entry that stands for it
     */
    public static DashboardNaming of(MetricNaming naming) {
        for (DashboardNaming candidate : values()) {
            if (candidate.naming == naming) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no dashboard for the " + naming + " naming");
    }

    /** @return the valid ids, comma-separated: {@code otel, hikaricp} */
    public static String validIds() {
        return Arrays.stream(values()).map(DashboardNaming::id).collect(Collectors.joining(", "));
    }
}
