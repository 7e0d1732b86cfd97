package dev.poolwise.internal;

import dev.poolwise.PoolConfig;
import dev.poolwise.internal.sizing.FleetLabel;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client labels a pool with a {@code fleetBudget} gives its physical connections
 * ({@link FleetLabel#connectionLabel}: {@code <fleetName>/<instance>.<n>}, the instance id random per pool, n
 * counting up per connection), and how each driver is told:
 * <ul>
 *   <li>pgjdbc ({@code jdbc:postgresql:}): the {@code ApplicationName} connection property;</li>
 *   <li>MariaDB Connector/J and MySQL Connector/J ({@code jdbc:mariadb:}, {@code jdbc:mysql:}): the
 *       {@code program_name} attribute in the {@code connectionAttributes} property, keeping any other
 *       attributes the user set there;</li>
 *   <li>a {@code DataSource} (no URL to tell the driver by): {@code Connection.setClientInfo("ApplicationName")}
 *       after the connect, which pgjdbc turns into {@code SET application_name}; drivers that ignore it leave
 *       the connection unlabelled, and the counters then say so (PostgreSQL) or count by user (MariaDB).</li>
 * </ul>
 * A label in the JDBC URL itself ({@code ?ApplicationName=}, or {@code program_name} in
 * {@code ?connectionAttributes=}) would win over the property with pgjdbc, so the pool connects with that
 * parameter taken out of the URL ({@link #connectUrl}); it names the fleet when {@code fleetName} is not set,
 * and MariaDB's other attributes from the URL are kept in the property.
 */
final class FleetConnectionLabels {

    private final FleetLabel label;
    private final Dialect dialect;
    private final AtomicInteger next = new AtomicInteger();
    /** MariaDB/MySQL attributes the URL set, kept in the property once the URL's parameter is taken out. */
    private volatile String urlAttributes;

    /** How a driver is told a connection's label. */
    enum Dialect {
        POSTGRESQL, MYSQL, OTHER
    }

    private FleetConnectionLabels(FleetLabel label, Dialect dialect) {
        this.label = label;
        this.dialect = dialect;
    }

    /**
     * @param config the pool's configuration
     * @return the labels, or {@code null} when the pool has no fleet budget
     * @throws IllegalArgumentException when the fleet's name (set, or taken from the driver's properties or
     *                                  the pool name) cannot be a label, naming where it came from
     */
    static FleetConnectionLabels of(PoolConfig config) {
        if (config.getFleetBudget() <= 0) {
            return null;
        }
        FleetName name = fleetName(config);
        try {
            return new FleetConnectionLabels(FleetLabel.random(name.value()), dialect(config.getJdbcUrl()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name.problem(e), e);
        }
    }

    /**
     * For {@link ConfigValidation}: the problem with the fleet's name, set or defaulted, so that a pool name
     * that cannot label connections fails the configuration's build rather than the pool's start.
     *
     * @return the problem, naming where the name came from, or {@code null} when it is fine or not yet known
     *         (no fleet budget, or a pool name still to be generated, which is always valid)
     */
    static String nameProblem(PoolConfig config) {
        if (config.getFleetBudget() <= 0) {
            return null;
        }
        FleetName name = fleetName(config);
        if (name.value() == null) {
            return null;
        }
        try {
            FleetLabel.random(name.value());
            return null;
        } catch (IllegalArgumentException e) {
            return name.problem(e);
        }
    }

    /** The fleet's name and which setting it came from, for messages. */
    private record FleetName(String value, String from) {

        String problem(IllegalArgumentException invalid) {
            return from + " = '" + value + "': " + invalid.getMessage() + "; set fleetName to 1 to "
                    + PoolConfig.FLEET_NAME_MAX_LENGTH + " printable ASCII characters without '/'";
        }
    }

    private static FleetName fleetName(PoolConfig config) {
        if (config.getFleetName() != null) {
            return new FleetName(config.getFleetName(), "fleetName");
        }
        String driver = driverApplicationName(config.getJdbcUrl(), config.getDataSourceProperties());
        if (driver != null) {
            return new FleetName(driver, "fleetName (defaulted from the driver's application name)");
        }
        return new FleetName(config.getPoolName(), "fleetName (defaulted from poolName)");
    }

    static Dialect dialect(String url) {
        if (url == null) {
            return Dialect.OTHER;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql:") || lower.startsWith("jdbc:pgsql:")) {
            return Dialect.POSTGRESQL;
        }
        if (lower.startsWith("jdbc:mariadb:") || lower.startsWith("jdbc:mysql:")) {
            return Dialect.MYSQL;
        }
        return Dialect.OTHER;
    }

    /**
     * The application name the driver would send: pgjdbc's {@code ApplicationName}, or {@code program_name}
     * in {@code connectionAttributes}, from the driver properties or the URL.
     */
    static String driverApplicationName(String url, Properties properties) {
        for (String key : properties.stringPropertyNames()) {
            if (key.equalsIgnoreCase("ApplicationName")) {
                return emptyToNull(properties.getProperty(key));
            }
            if (key.equalsIgnoreCase("connectionAttributes")) {
                String program = programName(properties.getProperty(key));
                if (program != null) {
                    return program;
                }
            }
        }
        if (url == null) {
            return null;
        }
        String application = urlParameter(url, "ApplicationName");
        if (application != null) {
            return emptyToNull(application);
        }
        return programName(urlParameter(url, "connectionAttributes"));
    }

    private static String programName(String attributes) {
        if (attributes == null) {
            return null;
        }
        for (String attribute : attributes.split(",")) {
            int colon = attribute.indexOf(':');
            if (colon > 0 && attribute.substring(0, colon).trim().equals("program_name")) {
                return emptyToNull(attribute.substring(colon + 1).trim());
            }
        }
        return null;
    }

    private static String urlParameter(String url, String key) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : url.substring(query + 1).split("[&;]")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equalsIgnoreCase(key)) {
                return java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /** @return the pool's fleet label (no connection part) */
    FleetLabel label() {
        return label;
    }

    /** @return how the driver is told the label, by the pool's URL */
    Dialect dialect() {
        return dialect;
    }

    /**
     * @param url the pool's JDBC URL
     * @return the URL without the parameter that carries the label ({@code ApplicationName} for PostgreSQL,
     *         {@code connectionAttributes} for MariaDB/MySQL, whose other attributes {@link #putInto} keeps)
     */
    String connectUrl(String url) {
        if (url == null || dialect == Dialect.OTHER) {
            return url;
        }
        int query = url.indexOf('?');
        if (query < 0) {
            return url;
        }
        String key = dialect == Dialect.POSTGRESQL ? "ApplicationName" : "connectionAttributes";
        StringBuilder kept = new StringBuilder();
        for (String pair : url.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (name.equalsIgnoreCase(key)) {
                if (dialect == Dialect.MYSQL && equals > 0) {
                    urlAttributes = java.net.URLDecoder.decode(pair.substring(equals + 1),
                            java.nio.charset.StandardCharsets.UTF_8);
                }
                continue;
            }
            if (!pair.isEmpty()) {
                kept.append(kept.length() == 0 ? "" : "&").append(pair);
            }
        }
        return url.substring(0, query) + (kept.length() == 0 ? "" : "?" + kept);
    }

    /**
     * Puts the next connection's label into the driver properties of a connect through a driver and URL.
     *
     * @param properties the properties for one {@code Driver.connect}
     * @return the label given, or {@code null} when this driver is told after the connect ({@link #applyTo})
     */
    String putInto(Properties properties) {
        if (dialect == Dialect.OTHER) {
            return null;
        }
        String connectionLabel = label.connectionLabel(next.getAndIncrement());
        if (dialect == Dialect.POSTGRESQL) {
            properties.setProperty("ApplicationName", connectionLabel);
        } else {
            String attributes = properties.getProperty("connectionAttributes");
            if (urlAttributes != null) {
                attributes = attributes == null ? urlAttributes : urlAttributes + "," + attributes;
            }
            properties.setProperty("connectionAttributes", withProgramName(attributes, connectionLabel));
        }
        return connectionLabel;
    }

    /** {@code program_name:<label>} in place of any program_name in the user's attributes, keeping the rest. */
    static String withProgramName(String attributes, String connectionLabel) {
        StringBuilder result = new StringBuilder("program_name:").append(connectionLabel);
        if (attributes != null) {
            for (String attribute : attributes.split(",")) {
                int colon = attribute.indexOf(':');
                String key = colon < 0 ? attribute.trim() : attribute.substring(0, colon).trim();
                if (!attribute.isBlank() && !key.equals("program_name")) {
                    result.append(',').append(attribute.trim());
                }
            }
        }
        return result.toString();
    }

    /**
     * Labels a connection opened through a {@code DataSource}, where no per-connection property can be passed;
     * best effort (a driver without client info leaves it unlabelled).
     */
    void applyTo(Connection raw) {
        try {
            raw.setClientInfo("ApplicationName", label.connectionLabel(next.getAndIncrement()));
        } catch (SQLException | RuntimeException | AbstractMethodError ignored) {
            // Unlabelled: the counters notice (PostgreSQL's own-label check, MariaDB's fallback to the user count).
        }
    }
}
