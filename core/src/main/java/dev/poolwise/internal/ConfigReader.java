package dev.poolwise.internal;

import dev.poolwise.ConnectionErrorClassifier;
import dev.poolwise.CredentialsProvider;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolConfigException;
import dev.poolwise.PoolMode;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Reads pool settings from {@code Properties} or a {@code Map} keyed by HikariCP's property names (plus
 * Poolwise's own) into a {@link PoolConfig.Builder}. Every unknown key and unparsable value is collected and
 * reported together in one {@link PoolConfigException}.
 */
public final class ConfigReader {

    /** Keys beginning with this prefix go to {@code dataSourceProperties}, as in HikariCP. */
    static final String DATA_SOURCE_PREFIX = "dataSource.";

    @FunctionalInterface
    private interface Setting {
        void apply(PoolConfig.Builder builder, String key, Object value);
    }

    private static final Map<String, Setting> SETTINGS = settings();

    private ConfigReader() {
    }

    /**
     * @return every key the reader accepts, sorted; {@code dataSource.*} keys come on top of these
     */
    public static Set<String> knownKeys() {
        return Collections.unmodifiableSet(new TreeSet<>(SETTINGS.keySet()));
    }

    /**
     * Applies every entry of {@code settings} to {@code builder}.
     *
     * @throws PoolConfigException listing every unknown key and every value that cannot be parsed
     */
    public static void apply(Map<?, ?> settings, PoolConfig.Builder builder) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<?, ?> entry : settings.entrySet()) {
            String key = String.valueOf(entry.getKey()).trim();
            Object value = entry.getValue();
            if (key.startsWith(DATA_SOURCE_PREFIX) && key.length() > DATA_SOURCE_PREFIX.length()) {
                builder.dataSourceProperty(key.substring(DATA_SOURCE_PREFIX.length()), value);
                continue;
            }
            Setting setting = SETTINGS.get(key);
            if (setting == null) {
                // The value of an unknown key is never shown: it may be a misspelt password.
                problems.add(key + ": unknown setting" + suggestion(key)
                        + "; see docs/configuration.md for the accepted keys");
                continue;
            }
            try {
                setting.apply(builder, key, value);
            } catch (IllegalArgumentException e) {
                problems.add(key + " = " + shown(key, value) + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new PoolConfigException(problems);
        }
    }

    /**
     * @param level a candidate {@code Connection.TRANSACTION_*} constant
     * @return whether it is one
     */
    public static boolean isIsolationLevel(int level) {
        return level == Connection.TRANSACTION_NONE || level == Connection.TRANSACTION_READ_UNCOMMITTED
                || level == Connection.TRANSACTION_READ_COMMITTED || level == Connection.TRANSACTION_REPEATABLE_READ
                || level == Connection.TRANSACTION_SERIALIZABLE;
    }

    private static Map<String, Setting> settings() {
        Map<String, Setting> s = new LinkedHashMap<>();
        s.put("jdbcUrl", (b, k, v) -> b.jdbcUrl(text(v)));
        s.put("username", (b, k, v) -> b.username(text(v)));
        s.put("password", (b, k, v) -> b.password(v == null ? null : v.toString()));
        s.put("driverClassName", (b, k, v) -> b.driverClassName(text(v)));
        s.put("dataSourceClassName", (b, k, v) -> b.dataSourceClassName(text(v)));
        s.put("dataSource", (b, k, v) -> b.dataSource(instance(v, DataSource.class)));
        s.put("poolName", (b, k, v) -> b.poolName(text(v)));
        s.put("mode", (b, k, v) -> b.mode(mode(v)));
        s.put("maximumPoolSize", (b, k, v) -> b.maximumPoolSize(integer(v)));
        s.put("minimumIdle", (b, k, v) -> b.minimumIdle(integer(v)));
        s.put("connectionTimeout", (b, k, v) -> b.connectionTimeout(DurationText.parse(v)));
        s.put("idleTimeout", (b, k, v) -> b.idleTimeout(DurationText.parse(v)));
        s.put("maxLifetime", (b, k, v) -> b.maxLifetime(DurationText.parse(v)));
        s.put("keepaliveTime", (b, k, v) -> b.keepaliveTime(DurationText.parse(v)));
        s.put("validationTimeout", (b, k, v) -> b.validationTimeout(DurationText.parse(v)));
        s.put("validationBypassWindow", (b, k, v) -> b.validationBypassWindow(DurationText.parse(v)));
        s.put("leakDetectionThreshold", (b, k, v) -> b.leakDetectionThreshold(DurationText.parse(v)));
        s.put("shutdownTimeout", (b, k, v) -> b.shutdownTimeout(DurationText.parse(v)));
        s.put("initializationFailTimeout", (b, k, v) -> b.initializationFailTimeout(longValue(v)));
        s.put("connectionTestQuery", (b, k, v) -> b.connectionTestQuery(text(v)));
        s.put("connectionInitSql", (b, k, v) -> b.connectionInitSql(text(v)));
        s.put("connectionResetSql", (b, k, v) -> b.connectionResetSql(text(v)));
        s.put("autoCommit", (b, k, v) -> b.autoCommit(bool(v)));
        s.put("readOnly", (b, k, v) -> b.readOnly(bool(v)));
        s.put("transactionIsolation", (b, k, v) -> b.transactionIsolation(isolation(v)));
        s.put("catalog", (b, k, v) -> b.catalog(text(v)));
        s.put("schema", (b, k, v) -> b.schema(text(v)));
        s.put("registerMbeans", (b, k, v) -> b.registerMbeans(bool(v)));
        s.put("allowPoolSuspension", (b, k, v) -> b.allowPoolSuspension(bool(v)));
        s.put("credentialsProvider", (b, k, v) -> b.credentialsProvider(instance(v, CredentialsProvider.class)));
        s.put("connectionErrorClassifier",
                (b, k, v) -> b.connectionErrorClassifier(instance(v, ConnectionErrorClassifier.class)));
        s.put("dataSourceProperties", (b, k, v) -> {
            if (!(v instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("must be a map of driver properties");
            }
            map.forEach((name, value) -> b.dataSourceProperty(String.valueOf(name), value));
        });
        return s;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    private static int integer(Object value) {
        long n = longValue(value);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be a whole number within int range");
        }
        return (int) n;
    }

    private static long longValue(Object value) {
        if (value instanceof Double || value instanceof Float || value instanceof java.math.BigDecimal) {
            double d = ((Number) value).doubleValue();
            if (d != Math.rint(d)) {
                throw new IllegalArgumentException("must be a whole number");
            }
            return (long) d;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number", e);
        }
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("must be true or false");
    }

    private static PoolMode mode(Object value) {
        if (value instanceof PoolMode mode) {
            return mode;
        }
        String text = String.valueOf(value).trim().toUpperCase(Locale.ROOT);
        try {
            return PoolMode.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be pooled or unpooled", e);
        }
    }

    /** Accepts {@code TRANSACTION_READ_COMMITTED}, {@code READ_COMMITTED}, {@code read-committed} or 2. */
    private static Integer isolation(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        String text = value.toString().trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (text.isEmpty()) {
            return null;
        }
        if (!text.startsWith("TRANSACTION_")) {
            text = "TRANSACTION_" + text;
        }
        switch (text) {
            case "TRANSACTION_NONE":
                return Connection.TRANSACTION_NONE;
            case "TRANSACTION_READ_UNCOMMITTED":
                return Connection.TRANSACTION_READ_UNCOMMITTED;
            case "TRANSACTION_READ_COMMITTED":
                return Connection.TRANSACTION_READ_COMMITTED;
            case "TRANSACTION_REPEATABLE_READ":
                return Connection.TRANSACTION_REPEATABLE_READ;
            case "TRANSACTION_SERIALIZABLE":
                return Connection.TRANSACTION_SERIALIZABLE;
            default:
                try {
                    return Integer.parseInt(value.toString().trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be TRANSACTION_NONE, TRANSACTION_READ_UNCOMMITTED, "
                            + "TRANSACTION_READ_COMMITTED, TRANSACTION_REPEATABLE_READ or TRANSACTION_SERIALIZABLE", e);
                }
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
            Class<?> found = Class.forName(className, true, contextLoader());
            if (!type.isAssignableFrom(found)) {
                throw new IllegalArgumentException("class " + className + " does not implement " + type.getName());
            }
            return type.cast(found.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("must be an instance of " + type.getName()
                    + " or the name of a class with a public no-argument constructor (" + e + ")", e);
        }
    }

    static ClassLoader contextLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : ConfigReader.class.getClassLoader();
    }

    private static String shown(String key, Object value) {
        if (key.toLowerCase(Locale.ROOT).contains("password")) {
            return value == null ? "null" : "****";
        }
        if (key.equals("jdbcUrl") && value != null) {
            return JdbcUrlMask.mask(value.toString());
        }
        return String.valueOf(value);
    }

    /** Suggests the known key closest to a misspelt one, compared case-insensitively. */
    private static String suggestion(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : SETTINGS.keySet()) {
            int d = distance(key.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 4) ? " (did you mean " + best + "?)" : "";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
