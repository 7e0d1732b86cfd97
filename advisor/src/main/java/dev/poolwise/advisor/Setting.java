package dev.poolwise.advisor;

import java.time.Duration;

/**
 * One recommended setting: its name in Poolwise's (and HikariCP's) vocabulary, its value, unit and reason.
 *
 * @param name   for a pool setting, the Poolwise key ({@code maximumPoolSize}); for a driver setting, the
 *               driver's parameter ({@code prepareThreshold})
 * @param value  an {@link Integer}, {@link Long}, {@link Duration}, {@link Boolean} or {@link String}
 * @param unit   {@code connections}, {@code duration}, {@code ms}, or empty
 * @param reason why the value is what it is
 */
public record Setting(String name, Object value, String unit, Reason reason) {

    /** Checks that the value is one of the supported types. */
    public Setting {
        if (!(value instanceof Integer || value instanceof Long || value instanceof Duration
                || value instanceof Boolean || value instanceof String)) {
            throw new IllegalArgumentException("setting " + name + " has a value of unsupported type "
                    + (value == null ? "null" : value.getClass().getName()));
        }
    }

    /** @return the value as Poolwise properties write it: durations as {@code 4m}, {@code 30s} */
    public String text() {
        return value instanceof Duration duration ? HumanDuration.format(duration) : String.valueOf(value);
    }

    /** @return a duration in milliseconds, any other value as it is (HikariCP's and Spring's way) */
    public Object plain() {
        return value instanceof Duration duration ? (Object) duration.toMillis() : value;
    }

    /** @return the value as a duration */
    public Duration duration() {
        return (Duration) value;
    }

    /** @return the value as a whole number */
    public int intValue() {
        return ((Number) value).intValue();
    }
}
