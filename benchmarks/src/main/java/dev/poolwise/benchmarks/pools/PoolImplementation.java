package dev.poolwise.benchmarks.pools;

import dev.poolwise.SizingMode;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The pools a benchmark can run against, by the name given to JMH's {@code -p pool=...} parameter.
 */
public enum PoolImplementation {
    /** Poolwise, the pool of this project. */
    POOLWISE("poolwise", new PoolwisePoolFactory(SizingMode.STATIC)),
    /** Poolwise with {@code sizing=adaptive} and a target that cannot move (minimum idle = maximum). */
    POOLWISE_ADAPTIVE("poolwise-adaptive", new PoolwisePoolFactory(SizingMode.ADAPTIVE)),
    /** HikariCP, the bar Poolwise is measured against. */
    HIKARI("hikari", new HikariPoolFactory()),
    /** Agroal's own pool, 2.x. */
    AGROAL("agroal", new AgroalPoolFactory()),
    /** Agroal's own pool, 3.x (its current release), relocated so that it runs beside 2.x. */
    AGROAL3("agroal3", new Agroal3PoolFactory()),
    /** Vibur DBCP. */
    VIBUR("vibur", new ViburPoolFactory()),
    /** Apache Commons DBCP 2. */
    DBCP2("dbcp2", new Dbcp2PoolFactory()),
    /** The Tomcat JDBC pool. */
    TOMCAT("tomcat", new TomcatPoolFactory()),
    /** c3p0. */
    C3P0("c3p0", new C3p0PoolFactory());

    private final String parameterName;
    private final PoolFactory factory;

    PoolImplementation(String parameterName, PoolFactory factory) {
        this.parameterName = parameterName;
        this.factory = factory;
    }

    /**
     * Finds a pool by its parameter name.
     *
     * @param name a name such as {@code hikari}, in any case
     * @return the pool of that name
     * @throws IllegalArgumentException naming the known pools, if there is none of that name
     */
    public static PoolImplementation named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (PoolImplementation pool : values()) {
            if (pool.parameterName.equals(wanted)) {
                return pool;
            }
        }
        throw new IllegalArgumentException("No pool named '" + name + "'; use one of "
                + Arrays.stream(values()).map(pool -> pool.parameterName).collect(Collectors.joining(", ")));
    }

    /** The name used for this pool in the {@code pool} benchmark parameter. */
    public String parameterName() {
        return parameterName;
    }

    /** Starts this pool. */
    public PoolFactory factory() {
        return factory;
    }
}
