package dev.poolwise.advisor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The database engine: decides the driver, its parameters and the server's idle limits. */
public enum Engine {
    /** PostgreSQL, driven by pgjdbc. */
    POSTGRESQL("postgresql", 262_143, "PostgreSQL docs: max_connections at most 262143 (2^18 − 1 backends)"),
    /** MySQL, driven by MySQL Connector/J. */
    MYSQL("mysql", 100_000, "MySQL manual: max_connections at most 100000"),
    /** MariaDB, driven by MariaDB Connector/J. */
    MARIADB("mariadb", 100_000, "MariaDB docs: max_connections at most 100000");

    private final String id;
    private final int maxConnectionsCeiling;
    private final String maxConnectionsCeilingSource;

    Engine(String id, int maxConnectionsCeiling, String maxConnectionsCeilingSource) {
        this.id = id;
        this.maxConnectionsCeiling = maxConnectionsCeiling;
        this.maxConnectionsCeilingSource = maxConnectionsCeilingSource;
    }

    /** @return the largest {@code max_connections} the server accepts; a larger value given is a typo */
    public int maxConnectionsCeiling() {
        return maxConnectionsCeiling;
    }

    /** @return where {@link #maxConnectionsCeiling()} comes from */
    String maxConnectionsCeilingSource() {
        return maxConnectionsCeilingSource;
    }

    /** @return the name used in deployment files and on the command line, e.g. {@code postgresql} */
    public String id() {
        return id;
    }

    /** @return whether this is MySQL or MariaDB (both cut idle connections at {@code wait_timeout}) */
    public boolean isMysqlFamily() {
        return this != POSTGRESQL;
    }

    /**
     * @param field the field being read, for the error message
     * @param text  the name, e.g. {@code postgresql} (also {@code postgres}, {@code pg})
     * @return the engine
     * @throws InvalidDeploymentException naming the valid engines when {@code text} is none of them
     */
    public static Engine fromId(String field, String text) {
        String name = text.trim().toLowerCase(Locale.ROOT);
        if (name.equals("postgres") || name.equals("pg")) {
            return POSTGRESQL;
        }
        for (Engine engine : values()) {
            if (engine.id.equals(name)) {
                return engine;
            }
        }
        throw new InvalidDeploymentException(field, text, "must be one of " + validIds());
    }

    static String validIds() {
        return Arrays.stream(values()).map(Engine::id).collect(Collectors.joining(", "));
    }
}
