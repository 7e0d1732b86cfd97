package dev.poolwise.internal;

import java.time.Duration;
import java.util.Locale;

/**
 * Parses and formats the durations of configuration files: {@code 500ms}, {@code 30s}, {@code 10m},
 * {@code 1h}, {@code 2d}, ISO-8601 ({@code PT30S}), or plain milliseconds as HikariCP takes them.
 */
public final class DurationText {

    private DurationText() {
    }

    /**
     * @param value a {@link Duration}, a {@link Number} of milliseconds, or text as described above
     * @return the duration
     * @throws IllegalArgumentException naming the accepted forms when the value is none of them
     */
    public static Duration parse(Object value) {
        if (value instanceof Duration duration) {
            return duration;
        }
        if (value instanceof Number number) {
            return Duration.ofMillis(number.longValue());
        }
        String text = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("pt") || text.startsWith("p")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            int split = 0;
            if (text.startsWith("-")) {
                split = 1;
            }
            while (split < text.length() && (Character.isDigit(text.charAt(split)) || text.charAt(split) == '.')) {
                split++;
            }
            String number = text.substring(0, split);
            String unit = text.substring(split).trim();
            if (number.isEmpty() || number.equals("-")) {
                throw new NumberFormatException(text);
            }
            double amount = Double.parseDouble(number);
            double millis;
            switch (unit) {
                case "":
                case "ms":
                    millis = amount;
                    break;
                case "s":
                    millis = amount * 1_000;
                    break;
                case "m":
                case "min":
                    millis = amount * 60_000;
                    break;
                case "h":
                    millis = amount * 3_600_000;
                    break;
                case "d":
                    millis = amount * 86_400_000;
                    break;
                default:
                    throw new NumberFormatException(text);
            }
            return Duration.ofNanos(Math.round(millis * 1_000_000));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "must be a duration such as 500ms, 30s, 10m, 1h, or plain milliseconds", e);
        }
    }

    /**
     * @param duration a duration
     * @return it in the largest whole unit: {@code 30s}, {@code 10m}, {@code 250ms}
     */
    public static String format(Duration duration) {
        if (duration == null) {
            return "null";
        }
        long millis = duration.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis != 0 && millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
