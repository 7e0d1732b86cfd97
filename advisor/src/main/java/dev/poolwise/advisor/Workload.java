package dev.poolwise.advisor;

import java.time.Duration;

/**
 * What is known of the workload. Every field is optional; without hold time and rate the advisor sizes from
 * threads alone.
 *
 * @param holdTimeMean       how long a unit of work holds a connection, on average
 * @param holdTimeP99        the 99th percentile of the same
 * @param unitsPerSecond     units of work per second across the whole fleet at peak
 * @param connectionsPerUnit connections one unit of work holds at once (1 unless it opens a second one)
 */
public record Workload(Duration holdTimeMean, Duration holdTimeP99, Double unitsPerSecond,
                       Integer connectionsPerUnit) {

    /** Nothing known: one connection per unit of work. */
    public static final Workload UNKNOWN = new Workload(null, null, null, null);

    /** Checks each value and that p99 is not below the mean. */
    public Workload {
        requirePositive("workload.hold_time_mean", holdTimeMean);
        requirePositive("workload.hold_time_p99", holdTimeP99);
        if (holdTimeMean != null && holdTimeP99 != null && holdTimeP99.compareTo(holdTimeMean) < 0) {
            throw new InvalidDeploymentException("workload.hold_time_p99", HumanDuration.format(holdTimeP99),
                    "must not be below workload.hold_time_mean (" + HumanDuration.format(holdTimeMean) + ")");
        }
        if (unitsPerSecond != null && !(unitsPerSecond > 0 && Double.isFinite(unitsPerSecond))) {
            throw new InvalidDeploymentException("workload.units_per_second", unitsPerSecond,
                    "must be a positive number");
        }
        if (connectionsPerUnit == null) {
            connectionsPerUnit = 1;
        }
        Database.requireAtLeast("workload.connections_per_unit", connectionsPerUnit, 1);
    }

    /** @return the hold time to size for: the p99 when known, else the mean, else {@code null} */
    public Duration sizingHoldTime() {
        return holdTimeP99 != null ? holdTimeP99 : holdTimeMean;
    }

    private static void requirePositive(String field, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new InvalidDeploymentException(field, HumanDuration.format(value),
                    "must be a positive duration, e.g. 20ms");
        }
    }
}
