package dev.poolwise.advisor;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as deployment files and recommendations write them: a whole number with a unit ({@code 500ms},
 * {@code 30s}, {@code 10m}, {@code 8h}) or ISO-8601 ({@code PT30S}). A bare number is refused, since seconds and
 * milliseconds are both plausible.
 */
public final class HumanDuration {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d)");

    private HumanDuration() {
    }

    /**
     * @param field the field being read, for the error message
     * @param text  the duration, e.g. {@code 40ms}
     * @return the duration
     * @throws InvalidDeploymentException when {@code text} is not a duration with a unit, or is negative
     */
    public static Duration parse(String field, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = WITH_UNIT.matcher(value);
        if (matcher.matches()) {
            double amount = Double.parseDouble(matcher.group(1));
            double millis = switch (matcher.group(2)) {
                case "ms" -> amount;
                case "s" -> amount * 1_000;
                case "m", "min" -> amount * 60_000;
                case "h" -> amount * 3_600_000;
                default -> amount * 86_400_000;
            };
            return Duration.ofNanos(Math.round(millis * 1_000_000));
        }
        if (value.startsWith("p")) {
            try {
                Duration parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
                if (!parsed.isNegative()) {
                    return parsed;
                }
            } catch (RuntimeException e) {
                // fall through to the message below
            }
        }
        throw new InvalidDeploymentException(field, text,
                "must be a duration with a unit, e.g. 500ms, 30s, 10m or 8h");
    }

    /**
     * @param duration a duration
     * @return the shortest exact text for it: {@code 4m}, {@code 27m}, {@code 90s}, {@code 250ms}, {@code 0}
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
