package dev.poolwise.internal;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolConfigException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads pool settings from {@code Properties} or a {@code Map} keyed as in the settings table ({@link Setting}:
 * HikariCP's property names plus Poolwise's own) into a {@link PoolConfig.Builder}. Every unknown key and
 * unparsable value is collected and reported together in one {@link PoolConfigException}; ranges are checked
 * later, by {@code build()}.
 */
public final class ConfigReader {

    /** Keys beginning with this prefix go to {@code dataSourceProperties}, as in HikariCP. */
    static final String DATA_SOURCE_PREFIX = "dataSource.";

    private static final Map<String, Setting> BY_KEY = new TreeMap<>();

    static {
        for (Setting setting : Setting.values()) {
            BY_KEY.put(setting.key(), setting);
        }
    }

    private ConfigReader() {
    }

    /**
     * @return every key the reader accepts, sorted; {@code dataSource.*} keys come on top of these
     */
    public static Set<String> knownKeys() {
        return Collections.unmodifiableSet(new TreeSet<>(BY_KEY.keySet()));
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
            Setting setting = BY_KEY.get(key);
            if (setting == null) {
                // The value of an unknown key is never shown: it may be a misspelt password.
                problems.add(key + ": unknown setting" + suggestion(key)
                        + "; see docs/configuration.md for the accepted keys");
                continue;
            }
            try {
                setting.apply(builder, value);
            } catch (IllegalArgumentException e) {
                problems.add(key + " = " + setting.type().show(value) + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new PoolConfigException(problems);
        }
    }

    /** @return the class loader for classes named in settings: the thread's context loader, else core's */
    static ClassLoader contextLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : ConfigReader.class.getClassLoader();
    }

    /** Suggests the known key closest to a misspelt one, compared case-insensitively. */
    private static String suggestion(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : BY_KEY.keySet()) {
            int d = distance(key.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = known;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 4) ? " (did you mean " + best + "?)" : "";
    }

    /** Levenshtein distance. */
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
