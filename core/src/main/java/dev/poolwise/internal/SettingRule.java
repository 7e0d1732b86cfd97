package dev.poolwise.internal;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * What values one setting accepts, as a check ({@link #problem}) and as text for the docs ({@link #valid}).
 * Bounds carry their reason, which the error message repeats when the bound is what the value broke.
 */
public interface SettingRule {

    /** The longest any duration setting may be. */
    Duration LONGEST = Duration.ofDays(24);
    /** Why {@link #LONGEST}. */
    String LONGEST_REASON = "longer is no sensible pool setting, and every duration must fit the int "
            + "milliseconds of JDBC's timeouts (Connection.setNetworkTimeout)";

    /**
     * @param value the typed value (may be {@code null})
     * @return what is wrong ("must be ...; reason"), or {@code null} when the value is valid
     */
    String problem(Object value);

    /** @return what is valid, for the docs table: {@code 0 (off) or 30s to 24d} */
    String valid();

    /** @return this rule without its floor, if it has one (for the pool's own timing tests only) */
    default SettingRule withoutFloor() {
        return this;
    }

    /** Anything goes (text, flags, objects). */
    static SettingRule any() {
        return of("any", value -> true, "any");
    }

    /**
     * @param mustBe  the error's text after "must" ("be pooled or unpooled")
     * @param isValid the check
     * @param valid   the docs' text
     */
    static SettingRule of(String mustBe, Predicate<Object> isValid, String valid) {
        return new SettingRule() {
            @Override
            public String problem(Object value) {
                return isValid.test(value) ? null : "must " + mustBe;
            }

            @Override
            public String valid() {
                return valid;
            }
        };
    }

    /**
     * A positive duration from {@code floor} to {@link #LONGEST}, or zero meaning off when {@code zeroIsOff}.
     *
     * @param floor       the shortest positive value, {@link Duration#ZERO} for none
     * @param floorReason why the floor, said when a value is below it
     */
    static SettingRule duration(boolean zeroIsOff, Duration floor, String floorReason) {
        String range = floor.isZero() ? " up to " + DurationText.format(LONGEST)
                : " from " + DurationText.format(floor) + " to " + DurationText.format(LONGEST);
        String mustBe = (zeroIsOff ? "be zero (off) or a positive duration" : "be a positive duration") + range;
        return new SettingRule() {
            @Override
            public String problem(Object value) {
                Duration d = (Duration) value;
                if (d != null && d.isZero() && zeroIsOff) {
                    return null;
                }
                if (d == null || d.isNegative() || d.isZero()) {
                    return "must " + mustBe + " (e.g. " + (zeroIsOff ? "0, " : "") + "30s, 10m)";
                }
                if (d.compareTo(floor) < 0) {
                    return "must " + mustBe + "; " + floorReason;
                }
                if (d.compareTo(LONGEST) > 0) {
                    return "must " + mustBe + "; " + LONGEST_REASON;
                }
                return null;
            }

            @Override
            public String valid() {
                String longest = DurationText.format(LONGEST);
                if (floor.isZero()) {
                    return (zeroIsOff ? "0" : "above 0") + " to " + longest;
                }
                return (zeroIsOff ? "0 (off) or " : "") + DurationText.format(floor) + " to " + longest;
            }

            @Override
            public SettingRule withoutFloor() {
                return floor.isZero() ? this : duration(zeroIsOff, Duration.ZERO, "");
            }
        };
    }

    /**
     * A whole number from {@code min} to {@code max}.
     *
     * @param maxReason why the ceiling, said when a value is above it
     */
    static SettingRule count(long min, long max, String maxReason) {
        return new SettingRule() {
            @Override
            public String problem(Object value) {
                long n = ((Number) value).longValue();
                if (n < min) {
                    return "must be at least " + min;
                }
                return n > max ? "must be at most " + max + "; " + maxReason : null;
            }

            @Override
            public String valid() {
                return min == Long.MIN_VALUE ? "at most " + max : min + " to " + max;
            }
        };
    }

    /**
     * A fraction from {@code min} to {@code max}, both included, each bound with its reason.
     *
     * @param minReason why nothing smaller, said when a value is below {@code min}
     * @param maxReason why nothing larger, said when a value is above {@code max}
     */
    static SettingRule fraction(double min, double max, String minReason, String maxReason) {
        String range = "be from " + min + " to " + max;
        return new SettingRule() {
            @Override
            public String problem(Object value) {
                double x = ((Number) value).doubleValue();
                if (!(x >= min)) {
                    return "must " + range + "; " + minReason;
                }
                return x > max ? "must " + range + "; " + maxReason : null;
            }

            @Override
            public String valid() {
                return min + " to " + max;
            }
        };
    }
}
