package dev.poolwise.spring;

import dev.poolwise.ConnectionErrorClassifier;
import dev.poolwise.CredentialsProvider;
import dev.poolwise.PoolConfigException;
import dev.poolwise.PoolListener;
import dev.poolwise.PoolwiseDataSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;

/**
 * Makes the application's {@link PoolwiseDataSource} from what Spring Boot knows, in the order Boot's own
 * HikariCP support applies it: the connection from {@code spring.datasource.*}, then
 * {@code spring.datasource.poolwise.*} (whose {@code jdbc-url}, {@code username}, ... override it), then a
 * {@code JdbcConnectionDetails} from a service connection, which wins over both.
 *
 * <p>The pool is configured, validated and left unstarted: it opens its first connection when the application
 * (or Flyway, or JPA) first borrows one, after the meters have been bound. Every unknown key under
 * {@code spring.datasource.poolwise.} and every bad value fails here, at startup, in one error that names the
 * keys as the application wrote them and suggests the key it probably meant.
 */
public final class PoolwiseDataSourceFactory {

    /** A problem line of {@link PoolConfigException} starts with the setting's camel-case key. */
    private static final Pattern LEADING_KEY = Pattern.compile("^([a-z][A-Za-z]*)(?=[ :.=])");
    private static final Pattern SUGGESTION = Pattern.compile("\\(did you mean ([a-z][A-Za-z]*)\\?\\)");

    private final PoolwiseProperties properties;
    private final Environment environment;
    private final List<PoolListener> listeners = new ArrayList<>();
    private CredentialsProvider credentialsProvider;
    private ConnectionErrorClassifier connectionErrorClassifier;
    private boolean jmxEnabled;
    private String fallbackPoolName;

    /**
     * @param properties  the bound {@code spring.datasource.poolwise.*} properties
     * @param environment the environment they came from, searched for keys the properties do not have
     */
    public PoolwiseDataSourceFactory(PoolwiseProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /**
     * @param listener a listener for the pool's events (application beans of type {@link PoolListener})
     * @return this factory
     */
    public PoolwiseDataSourceFactory listener(PoolListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * @param provider credentials fetched for each new connection (an application bean), or {@code null}
     * @return this factory
     */
    public PoolwiseDataSourceFactory credentialsProvider(CredentialsProvider provider) {
        this.credentialsProvider = provider;
        return this;
    }

    /**
     * @param classifier which SQL errors break a connection (an application bean), or {@code null} for the standard one
     * @return this factory
     */
    public PoolwiseDataSourceFactory connectionErrorClassifier(ConnectionErrorClassifier classifier) {
        this.connectionErrorClassifier = classifier;
        return this;
    }

    /**
     * @param enabled {@code spring.jmx.enabled}: the pool registers its MXBean when it is true, unless
     *                {@code register-mbeans} says otherwise
     * @return this factory
     */
    public PoolwiseDataSourceFactory jmxEnabled(boolean enabled) {
        this.jmxEnabled = enabled;
        return this;
    }

    /**
     * @param name {@code spring.datasource.name}, used when {@code pool-name} is not set; may be {@code null}
     * @return this factory
     */
    public PoolwiseDataSourceFactory fallbackPoolName(String name) {
        this.fallbackPoolName = name;
        return this;
    }

    /**
     * @param fromProperties    the connection from {@code spring.datasource.*} ({@code null} parts are left out)
     * @param serviceConnection the connection from a {@code JdbcConnectionDetails} bean that is not Boot's
     *                          properties-backed one, or {@code null}
     * @return the configured, unstarted pool
     * @throws PoolConfigException listing every unknown key and bad value, named as under
     *                             {@code spring.datasource.poolwise.}
     */
    public PoolwiseDataSource create(JdbcCoordinates fromProperties, JdbcCoordinates serviceConnection) {
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, Object> own = properties.toPoolSettings();
        boolean ownSource = own.containsKey("jdbcUrl") || own.containsKey("dataSourceClassName");
        if (fromProperties != null && !ownSource) {
            putIfSet(settings, "jdbcUrl", fromProperties.jdbcUrl());
            putIfSet(settings, "driverClassName", fromProperties.driverClassName());
        }
        if (fromProperties != null) {
            putIfSet(settings, "username", fromProperties.username());
            putIfSet(settings, "password", fromProperties.password());
        }
        if (fallbackPoolName != null && !fallbackPoolName.isBlank()) {
            settings.put("poolName", fallbackPoolName);
        }
        settings.put("registerMbeans", jmxEnabled);
        settings.putAll(own);
        if (serviceConnection != null) {
            settings.remove("dataSourceClassName");
            putIfSet(settings, "jdbcUrl", serviceConnection.jdbcUrl());
            putIfSet(settings, "username", serviceConnection.username());
            putIfSet(settings, "password", serviceConnection.password());
            putIfSet(settings, "driverClassName", serviceConnection.driverClassName());
        }
        // Unknown keys go to the pool's own reader, which rejects them with its "did you mean" suggestion.
        UnknownPoolwiseKeys.find(environment).values().forEach(key -> settings.putIfAbsent(key.camel(), key.value()));

        Properties asProperties = new Properties();
        asProperties.putAll(settings);
        PoolwiseDataSource dataSource = new PoolwiseDataSource();
        try {
            dataSource.configure(asProperties);
            if (credentialsProvider != null) {
                dataSource.setCredentialsProvider(credentialsProvider);
            }
            listeners.forEach(dataSource::addListener);
            // Validates every setting now; builds nothing that connects.
            dataSource.getConfig();
        } catch (PoolConfigException e) {
            throw inBootTerms(e);
        }
        if (connectionErrorClassifier != null) {
            Properties classifier = new Properties();
            classifier.put("connectionErrorClassifier", connectionErrorClassifier);
            dataSource.configure(classifier);
        }
        return dataSource;
    }

    private static void putIfSet(Map<String, Object> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

    /** Renames {@code maximumPoolSiz: ... (did you mean maximumPoolSize?)} to Boot's keys. */
    static PoolConfigException inBootTerms(PoolConfigException e) {
        List<String> problems = new ArrayList<>();
        for (String problem : e.problems()) {
            Matcher key = LEADING_KEY.matcher(problem);
            String renamed = key.find()
                    ? PoolwiseProperties.PREFIX + "." + UnknownPoolwiseKeys.kebabCase(key.group(1)) + problem.substring(key.end())
                    : problem;
            Matcher suggestion = SUGGESTION.matcher(renamed);
            StringBuilder out = new StringBuilder();
            while (suggestion.find()) {
                suggestion.appendReplacement(out, Matcher.quoteReplacement("(did you mean " + PoolwiseProperties.PREFIX
                        + "." + UnknownPoolwiseKeys.kebabCase(suggestion.group(1)) + "?)"));
            }
            suggestion.appendTail(out);
            String line = out.toString().replace("see docs/configuration.md", "see docs/spring-boot.md");
            if (problem.startsWith("jdbcUrl = (not set)")) {
                line = "spring.datasource.url (or " + PoolwiseProperties.PREFIX + ".jdbc-url) is not set, and no "
                        + "JdbcConnectionDetails bean gives one: set it, e.g. jdbc:postgresql://host:5432/db";
            }
            problems.add(line);
        }
        // Not chained to the original: it says the same under the pool's own names, which would only confuse.
        return new PoolConfigException(problems);
    }
}
