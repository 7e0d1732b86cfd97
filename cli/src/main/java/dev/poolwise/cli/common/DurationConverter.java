package dev.poolwise.cli.common;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration option as Poolwise writes durations everywhere: a whole number with a unit, {@code 500ms},
 * {@code 30s}, {@code 10m}, {@code 1h}, or ISO-8601 ({@code PT30S}). A bare number is refused rather than
 * guessed at, since seconds and milliseconds are both plausible on a command line.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    @Override
    public Duration convert(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = WITH_UNIT.matcher(value);
        if (matcher.matches()) {
            long amount;
            try {
                amount = Long.parseLong(matcher.group(1));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is too large; give a duration such as 30s or 10m");
            }
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        if (value.startsWith("pt") || value.startsWith("p")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                // fall through to the message below
            }
        }
        if (value.matches("\\d+")) {
            throw new TypeConversionException("'" + text + "' has no unit; write " + text + "s for seconds or "
                    + text + "ms for milliseconds");
        }
        throw new TypeConversionException("'" + text + "' is not a duration; write a whole number with a unit: "
                + "500ms, 30s, 10m or 1h");
    }

    /**
     * Writes a duration as this converter reads it: in the largest unit that keeps it whole.
     *
     * @param duration a duration of whole milliseconds
     * @return e.g. {@code 2h}, {@code 10m}, {@code 30s}, {@code 500ms}
     */
    public static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        } else if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        } else if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
