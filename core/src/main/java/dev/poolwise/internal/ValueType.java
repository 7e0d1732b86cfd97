package dev.poolwise.internal;

import dev.poolwise.ConnectionErrorClassifier;
import dev.poolwise.CredentialsProvider;
import dev.poolwise.PoolMode;
import dev.poolwise.SizingMode;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The kinds of value a setting takes, each with how a properties file or map writes it ({@link #parse}) and how
 * an error message shows it ({@link #show}). A parse failure is an {@link IllegalArgumentException} whose message
 * says what is valid; the reader prefixes it with the key and the value.
 */
public enum ValueType {
    /** Trimmed text; empty text means "not set". */
    TEXT("text", ValueType::text),
    /** Text kept exactly as given (a password may begin or end with a space) and never shown. */
    SECRET("text", value -> value == null ? null : value.toString()),
    /** A whole number within {@code int} range. */
    INT("count", ValueType::integer),
    /** A whole number. */
    LONG("milliseconds", ValueType::wholeNumber),
    /** A decimal fraction: {@code 0.1}, or a percentage: {@code 10%}. */
    FRACTION("fraction", ValueType::fraction),
    /** {@code true} or {@code false}, in any case. */
    BOOLEAN("true/false", ValueType::bool),
    /** As {@link DurationText#parse}: {@code 500ms}, {@code 30s}, {@code PT1M}, or plain milliseconds. */
    DURATION("duration", DurationText::parse),
    /** {@code pooled} or {@code unpooled}, in any case. */
    MODE("pooled/unpooled", ValueType::mode),
    /** {@code static} or {@code adaptive}, in any case. */
    SIZING("static/adaptive", ValueType::sizing),
    /** {@code TRANSACTION_READ_COMMITTED}, {@code READ_COMMITTED}, {@code read-committed} or 2. */
    ISOLATION("isolation level", ValueType::isolation),
    /** A {@link DataSource}, or the name of such a class with a public no-argument constructor. */
    DATA_SOURCE("object or class name", value -> instance(value, DataSource.class)),
    /** A {@link CredentialsProvider}, or the name of such a class. */
    CREDENTIALS_PROVIDER("object or class name", value -> instance(value, CredentialsProvider.class)),
    /** A {@link ConnectionErrorClassifier}, or the name of such a class. */
    CLASSIFIER("object or class name", value -> instance(value, ConnectionErrorClassifier.class)),
    /** A map of driver properties. */
    PROPERTIES("map", ValueType::properties);

    private final String unit;
    private final Function<Object, Object> parser;

    ValueType(String unit, Function<Object, Object> parser) {
        this.unit = unit;
        this.parser = parser;
    }

    /** @return the unit or form of the value, as the docs show it */
    public String unit() {
        return unit;
    }

    /**
     * @param value as a properties file or a map holds it
     * @return the typed value
     * @throws IllegalArgumentException saying what is valid
     */
    Object parse(Object value) {
        return parser.apply(value);
    }

    /** @return the value as an error message may show it: secrets masked, durations in their largest unit */
    String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (this == SECRET) {
            return JdbcUrlMask.MASK;
        }
        if (value instanceof Duration duration) {
            return DurationText.format(duration);
        }
        String text = JdbcUrlMask.mask(value.toString());
        return text.isBlank() ? "\"" + text + "\"" : text;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    private static int integer(Object value) {
        long n = wholeNumber(value);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be a whole number within int range");
        }
        return (int) n;
    }

    private static long wholeNumber(Object value) {
        BigDecimal number;
        try {
            number = new BigDecimal(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number", e);
        }
        if (number.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("must be a whole number");
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("must be a whole number within long range", e);
        }
    }

    private static double fraction(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        String text = String.valueOf(value).trim();
        boolean percent = text.endsWith("%");
        try {
            double number = Double.parseDouble(percent ? text.substring(0, text.length() - 1).trim() : text);
            if (!Double.isFinite(number)) {
                throw new NumberFormatException(text);
            }
            return percent ? number / 100 : number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a fraction such as 0.1 or a percentage such as 10%", e);
        }
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        throw new IllegalArgumentException("must be true or false");
    }

    private static PoolMode mode(Object value) {
        if (value instanceof PoolMode mode) {
            return mode;
        }
        try {
            return PoolMode.valueOf(String.valueOf(value).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be pooled or unpooled", e);
        }
    }

    private static SizingMode sizing(Object value) {
        if (value instanceof SizingMode sizing) {
            return sizing;
        }
        try {
            return SizingMode.valueOf(String.valueOf(value).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be static or adaptive", e);
        }
    }

    /** The isolation levels by their {@code Connection} constant names, without the {@code TRANSACTION_}. */
    private static final Map<String, Integer> ISOLATION_LEVELS = Map.of(
            "NONE", Connection.TRANSACTION_NONE,
            "READ_UNCOMMITTED", Connection.TRANSACTION_READ_UNCOMMITTED,
            "READ_COMMITTED", Connection.TRANSACTION_READ_COMMITTED,
            "REPEATABLE_READ", Connection.TRANSACTION_REPEATABLE_READ,
            "SERIALIZABLE", Connection.TRANSACTION_SERIALIZABLE);

    /** What {@code transactionIsolation} accepts, for its error messages. */
    static final String ISOLATION_LEVEL_NAMES = "one of TRANSACTION_NONE (0), TRANSACTION_READ_UNCOMMITTED (1), "
            + "TRANSACTION_READ_COMMITTED (2), TRANSACTION_REPEATABLE_READ (4), TRANSACTION_SERIALIZABLE (8)";

    /** @return whether {@code level} is one of the {@code Connection.TRANSACTION_*} constants */
    static boolean isIsolationLevel(int level) {
        return ISOLATION_LEVELS.containsValue(level);
    }

    private static Integer isolation(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return integer(number);
        }
        String text = value.toString().trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (text.isEmpty()) {
            return null;
        }
        Integer level = ISOLATION_LEVELS.get(text.startsWith("TRANSACTION_") ? text.substring(12) : text);
        if (level != null) {
            return level;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be " + ISOLATION_LEVEL_NAMES, e);
        }
    }

    /** Takes an instance, or a class name with a public no-argument constructor. */
    private static <T> T instance(Object value, Class<T> type) {
        if (value == null) {
            return null;
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        String className = value.toString().trim();
        try {
            Class<?> found = Class.forName(className, true, ConfigReader.contextLoader());
            if (!type.isAssignableFrom(found)) {
                throw new IllegalArgumentException("class " + className + " does not implement " + type.getName());
            }
            return type.cast(found.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("must be an instance of " + type.getName()
                    + " or the name of a class with a public no-argument constructor (" + e + ")", e);
        }
    }

    private static Map<?, ?> properties(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("must be a map of driver properties");
        }
        return map;
    }
}
