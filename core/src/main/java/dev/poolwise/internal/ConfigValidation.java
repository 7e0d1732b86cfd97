package dev.poolwise.internal;

import dev.poolwise.PoolConfig;
import dev.poolwise.PoolConfigException;
import dev.poolwise.SizingMode;

import java.sql.Driver;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a configuration against the settings table ({@link Setting}) and the rules that relate settings to each
 * other, reporting every problem at once. {@code PoolConfig.Builder.build()} and the running pool's
 * {@code resize} both come here, so a size is checked by one piece of code whichever way it arrives.
 */
public final class ConfigValidation {

    /** {@code maximumPoolSize}'s ceiling (inlined into the table, so kept a compile-time constant). */
    static final int MAXIMUM_POOL_SIZE_CEILING = 10_000;
    static final String MAXIMUM_POOL_SIZE_REASON = "no database serves that many connections to one client, and the "
            + "pool's scans of its connections grow with the size";
    /** Above this size the configuration logs a WARN: one pool this large can take every slot of a database. */
    static final int MAXIMUM_POOL_SIZE_WARNING = 100;

    private static final Logger LOG = LoggerFactory.getLogger(PoolConfig.class);

    private ConfigValidation() {
    }

    /**
     * @param config       a configuration as built, before defaults that depend on other settings are filled in
     * @param timingFloors whether the floors of the timing settings apply: always, except for the pool's own
     *                     tests, which run its timers at millisecond scale (see {@code PoolConfig.Builder})
     * @throws PoolConfigException listing every bad setting with its value and what is valid
     */
    public static void requireValid(PoolConfig config, boolean timingFloors) {
        List<String> problems = new ArrayList<>(sourceProblems(config));
        for (Setting setting : Setting.values()) {
            if (setting != Setting.MAXIMUM_POOL_SIZE && setting != Setting.MINIMUM_IDLE) {
                addIfAny(problems, setting.problem(config, timingFloors));
            }
        }
        problems.addAll(sizeProblems(config.getMaximumPoolSize(), config.getMinimumIdle()));
        problems.addAll(fleetProblems(config));
        addIfAny(problems, driverClassProblem(config.getDriverClassName(), config.getJdbcUrl()));
        if (!problems.isEmpty()) {
            throw new PoolConfigException(problems);
        }
    }

    /**
     * The one check of a pool's sizes, for {@code build()} and for resizing a running pool.
     *
     * @param maximumPoolSize the maximum, 1 to {@value #MAXIMUM_POOL_SIZE_CEILING}
     * @param minimumIdle     the idle target, 0 to {@code maximumPoolSize}
     * @throws PoolConfigException naming each bad size, its value and what is valid
     */
    public static void requireValidSizes(int maximumPoolSize, int minimumIdle) {
        List<String> problems = sizeProblems(maximumPoolSize, minimumIdle);
        if (!problems.isEmpty()) {
            throw new PoolConfigException(problems);
        }
        warnAboutSize(maximumPoolSize);
    }

    /**
     * Logs what is valid but likely a mistake, once per built configuration.
     *
     * @param config a valid configuration
     */
    public static void warnAboutLikelyMistakes(PoolConfig config) {
        warnAboutSize(config.getMaximumPoolSize());
    }

    private static void warnAboutSize(int maximumPoolSize) {
        if (maximumPoolSize > MAXIMUM_POOL_SIZE_WARNING) {
            LOG.warn("maximumPoolSize = {}: one pool this large can take every connection slot of a database "
                    + "(PostgreSQL's max_connections defaults to 100, MySQL's to 151), and a database server runs "
                    + "only about 2 x its cores of queries at once; size the whole fleet against the database "
                    + "(docs/configuration.md#maximumpoolsize)", maximumPoolSize);
        }
    }

    private static List<String> sizeProblems(int maximumPoolSize, int minimumIdle) {
        List<String> problems = new ArrayList<>();
        String maximumProblem = Setting.MAXIMUM_POOL_SIZE.problem((Object) maximumPoolSize);
        addIfAny(problems, maximumProblem);
        // A bad maximum is reported alone: a minimum above it says nothing new.
        if (minimumIdle < 0 || (maximumProblem == null && minimumIdle > maximumPoolSize)) {
            problems.add("minimumIdle = " + minimumIdle + ": must be between 0 and maximumPoolSize ("
                    + maximumPoolSize + ")");
        }
        return problems;
    }

    private static List<String> sourceProblems(PoolConfig config) {
        int sources = (config.getJdbcUrl() != null ? 1 : 0) + (config.getDataSourceClassName() != null ? 1 : 0)
                + (config.getDataSource() != null ? 1 : 0);
        if (sources == 0) {
            return List.of("jdbcUrl = (not set): set jdbcUrl (e.g. jdbc:postgresql://host:5432/db), "
                    + "dataSourceClassName or dataSource");
        }
        if (sources > 1) {
            return List.of("jdbcUrl / dataSourceClassName / dataSource: " + sources
                    + " are set; set exactly one of them");
        }
        return List.of();
    }

    /**
     * The fleet settings only mean something together: a budget needs a pool that can give connections back
     * (adaptive sizing), and the fleet's other settings need a budget.
     */
    private static List<String> fleetProblems(PoolConfig config) {
        List<String> problems = new ArrayList<>();
        int budget = config.getFleetBudget();
        if (budget > 0 && config.getSizing() != SizingMode.ADAPTIVE) {
            problems.add("fleetBudget = " + budget + ": needs sizing = adaptive (it is static), since a static pool "
                    + "cannot give connections back to keep to its share; set sizing=adaptive, or fleetBudget=0");
        }
        if (budget > 0 && config.getFleetName() == null) {
            // A set fleetName has its own rule in the table; a defaulted one is checked here, as it will be used.
            addIfAny(problems, FleetConnectionLabels.nameProblem(config));
        }
        if (budget == 0) {
            for (Setting setting : List.of(Setting.FLEET_NAME, Setting.FLEET_CONSOLE_URL,
                    Setting.FLEET_CONSOLE_USERNAME, Setting.FLEET_CONSOLE_PASSWORD)) {
                if (setting.isSet(config)) {
                    problems.add(setting.key() + " = " + setting.display(config) + ": has no effect without a "
                            + "fleetBudget (it is 0); set fleetBudget to the fleet's connections, or remove "
                            + setting.key());
                }
            }
        }
        return problems;
    }

    /**
     * Loads (without initialising) the named driver class, so that a missing driver jar fails the build of the
     * configuration, naming the setting, rather than the first {@code getConnection()}.
     */
    private static String driverClassProblem(String driverClassName, String jdbcUrl) {
        if (driverClassName == null) {
            return null;
        }
        Class<?> found = load(driverClassName, ConfigReader.contextLoader());
        if (found == null) {
            found = load(driverClassName, ConfigValidation.class.getClassLoader());
        }
        if (found == null) {
            return "driverClassName = " + driverClassName + ": no such class on the classpath; add the driver's jar"
                    + (jdbcUrl != null ? " (" + DriverHint.forUrl(jdbcUrl) + ")" : "")
                    + ", or remove driverClassName to let DriverManager find the driver for jdbcUrl";
        }
        if (!Driver.class.isAssignableFrom(found)) {
            return "driverClassName = " + driverClassName + ": does not implement java.sql.Driver; name the "
                    + "driver class (e.g. org.postgresql.Driver), or set a DataSource class as dataSourceClassName";
        }
        return null;
    }

    private static Class<?> load(String className, ClassLoader loader) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static void addIfAny(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }
}
