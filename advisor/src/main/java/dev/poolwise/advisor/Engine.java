package dev.poolwise.advisor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The database engine: decides the driver, its parameters and the server's idle limits. */
public enum Engine {
    /** PostgreSQL, driven by pgjdbc. */
    POSTGRESQL("postgresql"),
    /** MySQL, driven by MySQL Connector/J. */
    MYSQL("mysql"),
    /** MariaDB, driven by MariaDB Connector/J. */
    MARIADB("mariadb");

    private final String id;

    Engine(String id) {
        this.id = id;
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
