package dev.poolwise.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;

/**
 * Parses and formats the durations of configuration files: {@code 500ms}, {@code 30s}, {@code 10m},
 * {@code 1h}, {@code 2d}, ISO-8601 ({@code PT30S}), or plain milliseconds as HikariCP takes them.
 *
 * <p>Both directions are exact and cannot overflow: text is read as a decimal (no {@code double} rounding, no
 * silent saturation), and a value too large for a {@link Duration} is rejected here rather than failing later
 * with an {@link ArithmeticException} that names no setting. Whether a duration is in range for its setting is
 * the settings table's business ({@link Setting}).
 */
public final class DurationText {

    static final String ACCEPTED = "must be a duration such as 500ms, 30s, 10m, 1h, or plain milliseconds";

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal MILLIS_PER_SECOND = BigDecimal.valueOf(1_000L);
    private static final BigDecimal MAX_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final long[] UNIT_MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    private static final String[] UNIT_NAMES = {"d", "h", "m", "s"};

    private DurationText() {
    }

    /**
     * @param value a {@link Duration}, a {@link Number} of milliseconds, or text as described above
     * @return the duration
     * @throws IllegalArgumentException naming the accepted forms when the value is none of them, or saying it is
     *                                  too large for any duration
     */
    public static Duration parse(Object value) {
        if (value instanceof Duration duration) {
            return duration;
        }
        try {
            if (value instanceof Number number) {
                return ofMillis(new BigDecimal(number.toString()));
            }
            String text = value == null ? "" : value.toString().trim().toLowerCase(Locale.ROOT);
            if (text.startsWith("p")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            int split = text.startsWith("-") ? 1 : 0;
            while (split < text.length() && (Character.isDigit(text.charAt(split)) || text.charAt(split) == '.')) {
                split++;
            }
            BigDecimal amount = new BigDecimal(text.substring(0, split));
            switch (text.substring(split).trim()) {
                case "", "ms" -> {
                    return ofMillis(amount);
                }
                case "s" -> {
                    return ofSeconds(amount);
                }
                case "m", "min" -> {
                    return ofSeconds(amount.multiply(BigDecimal.valueOf(60)));
                }
                case "h" -> {
                    return ofSeconds(amount.multiply(BigDecimal.valueOf(3_600)));
                }
                case "d" -> {
                    return ofSeconds(amount.multiply(BigDecimal.valueOf(86_400)));
                }
                default -> throw new NumberFormatException(text);
            }
        } catch (TooLarge e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (RuntimeException e) {
            // NumberFormatException, DateTimeParseException (ISO text or an ISO value beyond Duration's range)
            throw new IllegalArgumentException(ACCEPTED, e);
        }
    }

    private static Duration ofMillis(BigDecimal millis) {
        return ofSeconds(millis.divide(MILLIS_PER_SECOND));
    }

    /** Exact to the nanosecond (finer fractions round half up); rejects what no {@link Duration} can hold. */
    private static Duration ofSeconds(BigDecimal seconds) {
        BigDecimal nanos = seconds.multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.HALF_UP);
        BigDecimal[] split = nanos.divideAndRemainder(NANOS_PER_SECOND);
        if (split[0].abs().compareTo(MAX_SECONDS) >= 0) {
            throw new TooLarge();
        }
        return Duration.ofSeconds(split[0].longValueExact(), split[1].longValueExact());
    }

    /** A value beyond what a {@link Duration} holds (some 292 billion years). */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("is too large for a duration; " + ACCEPTED, null, false, false);
        }
    }

    /**
     * Never overflows, whatever the duration (unlike {@link Duration#toMillis()}).
     *
     * @param duration a duration, or {@code null}
     * @return it in the largest whole unit: {@code 2d}, {@code 30s}, {@code 10m}, {@code 250ms}; a fraction of a
     *         millisecond as a decimal ({@code 0.000001ms} for one nanosecond); {@code null} for {@code null}
     */
    public static String format(Duration duration) {
        if (duration == null) {
            return "null";
        }
        BigDecimal millis = new BigDecimal(duration.getSeconds()).multiply(MILLIS_PER_SECOND)
                .add(BigDecimal.valueOf(duration.getNano(), 6));
        if (millis.signum() != 0) {
            for (int i = 0; i < UNIT_MILLIS.length; i++) {
                BigDecimal[] split = millis.divideAndRemainder(BigDecimal.valueOf(UNIT_MILLIS[i]));
                if (split[1].signum() == 0) {
                    return split[0].toBigInteger() + UNIT_NAMES[i];
                }
            }
        }
        return millis.stripTrailingZeros().toPlainString() + "ms";
    }
}
