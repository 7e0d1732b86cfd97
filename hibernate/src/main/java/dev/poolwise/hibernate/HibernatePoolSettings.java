package dev.poolwise.hibernate;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolConfigException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns Hibernate's settings into a Poolwise {@link PoolConfig}: first the standard JDBC settings, the same ones
 * Hibernate's own HikariCP provider maps, then every {@code hibernate.poolwise.*} key, which wins over them. Errors
 * come back under the key the user wrote, so {@code hibernate.poolwise.maximumPoolSiz} is reported as such, with
 * core's "did you mean" suggestion.
 */
final class HibernatePoolSettings {

    /** Every pool setting goes under this prefix, in the keys {@link PoolConfig#fromProperties} reads. */
    static final String PREFIX = "hibernate.poolwise.";

    /**
     * Hibernate's standard settings and the pool setting each feeds. Where several name the same thing, the first
     * present wins, in the order Hibernate's HikariCP provider uses: Jakarta Persistence, Hibernate's own, then
     * the legacy {@code javax.persistence} key. Literal strings rather than Hibernate's constants, which moved
     * between 6.6 and 7.
     */
    private static final List<StandardSetting> STANDARD = List.of(
            new StandardSetting("jdbcUrl",
                    "jakarta.persistence.jdbc.url", "hibernate.connection.url", "javax.persistence.jdbc.url"),
            new StandardSetting("username",
                    "jakarta.persistence.jdbc.user", "hibernate.connection.username", "javax.persistence.jdbc.user"),
            new StandardSetting("password",
                    "jakarta.persistence.jdbc.password", "hibernate.connection.password",
                    "javax.persistence.jdbc.password"),
            new StandardSetting("driverClassName",
                    "jakarta.persistence.jdbc.driver", "hibernate.connection.driver_class",
                    "javax.persistence.jdbc.driver"),
            new StandardSetting("autoCommit", "hibernate.connection.autocommit"),
            new StandardSetting("maximumPoolSize", "hibernate.connection.pool_size"),
            // Hibernate accepts 8, SERIALIZABLE or TRANSACTION_SERIALIZABLE here; so does Poolwise.
            new StandardSetting("transactionIsolation", "hibernate.connection.isolation"));

    private HibernatePoolSettings() {
    }

    /**
     * @param settings   Hibernate's configuration values
     * @param customizer applied to the builder after the properties, before validation
     * @return the validated pool configuration
     * @throws PoolConfigException naming each bad setting by the Hibernate key it came from
     */
    static PoolConfig toPoolConfig(Map<String, ?> settings, Consumer<PoolConfig.Builder> customizer) {
        Map<String, Object> poolSettings = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (StandardSetting standard : STANDARD) {
            for (String key : standard.hibernateKeys()) {
                Object value = settings.get(key);
                if (value != null) {
                    poolSettings.put(standard.poolKey(), value);
                    origins.put(standard.poolKey(), key);
                    break;
                }
            }
        }
        for (Map.Entry<String, ?> entry : settings.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(PREFIX) && key.length() > PREFIX.length()) {
                String poolKey = key.substring(PREFIX.length());
                poolSettings.put(poolKey, entry.getValue());
                origins.put(poolKey, key);
            }
        }
        try {
            PoolConfig.Builder builder = PoolConfig.toBuilder(poolSettings);
            customizer.accept(builder);
            return builder.build();
        } catch (PoolConfigException e) {
            throw underHibernateKeys(e, origins);
        }
    }

    /**
     * Core names a problem by the pool's key ({@code maximumPoolSize = 0: ...}); the user wrote a Hibernate key.
     * A problem that starts with no known key (one the customizer caused, say) keeps core's wording.
     */
    private static PoolConfigException underHibernateKeys(PoolConfigException e, Map<String, String> origins) {
        List<String> keys = new ArrayList<>(origins.keySet());
        // Longest first, so that "dataSource.ssl" is matched before "dataSource".
        keys.sort(Comparator.comparingInt(String::length).reversed());
        List<String> problems = new ArrayList<>();
        for (String problem : e.problems()) {
            String relabelled = problem;
            for (String key : keys) {
                if (problem.startsWith(key + ":") || problem.startsWith(key + " ")) {
                    String origin = origins.get(key);
                    relabelled = origin + problem.substring(key.length());
                    if (origin.startsWith(PREFIX)) {
                        relabelled = relabelled.replaceAll("\\(did you mean ([A-Za-z.]+)\\?\\)",
                                "(did you mean " + PREFIX.replace(".", "\\.") + "$1?)");
                    }
                    break;
                }
            }
            problems.add(relabelled);
        }
        PoolConfigException relabelled = new PoolConfigException(problems);
        relabelled.initCause(e);
        return relabelled;
    }

    /** One pool setting and the Hibernate keys that may carry it, in order of precedence. */
    private record StandardSetting(String poolKey, String... hibernateKeys) {
    }
}
