package dev.poolwise.advisor;

/**
 * One value from the provider catalog with where it comes from.
 *
 * @param value  the value as written in the catalog, e.g. {@code 104} or {@code 5m}
 * @param source the document it comes from, e.g. {@code Neon docs, connect/connection-pooling.md}
 * @param date   the source's date, e.g. {@code 2026-02}, or {@code undated}
 */
public record Fact(String value, String source, String date) {

    /** @return the value as a whole number */
    public int asInt() {
        return Integer.parseInt(value);
    }

    /** @return the value as a decimal number */
    public double asDouble() {
        return Double.parseDouble(value);
    }

    /** @return the value as a duration ({@code 5m}, {@code 8h}) */
    public java.time.Duration asDuration() {
        return HumanDuration.parse("catalog", value);
    }

    /** @return the source and date in one line, e.g. {@code Neon docs (2026-02)} */
    public String citation() {
        return source + " (" + date + ")";
    }
}
