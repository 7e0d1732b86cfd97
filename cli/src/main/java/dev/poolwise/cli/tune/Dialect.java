package dev.poolwise.cli.tune;

import java.util.Locale;

import dev.poolwise.PoolConfig;
import dev.poolwise.advisor.Engine;

/**
 * What {@code poolwise tune} needs to know about a database engine: how it keeps tables apart (a PostgreSQL
 * schema, a MySQL/MariaDB database), how to make the database wait, and where it lists its connections.
 */
public enum Dialect {
    /** PostgreSQL: a schema of its own, selected with pgjdbc's {@code currentSchema}. */
    POSTGRESQL(Engine.POSTGRESQL, "SELECT pg_sleep(?)"),
    /** MariaDB, and MySQL through the MariaDB driver: a database of its own, selected as the catalog. */
    MARIADB(Engine.MARIADB, "SELECT SLEEP(?)"),
    /** MySQL through MySQL Connector/J: as MariaDB. */
    MYSQL(Engine.MYSQL, "SELECT SLEEP(?)");

    private final Engine engine;
    private final String sleepSql;

    Dialect(Engine engine, String sleepSql) {
        this.engine = engine;
        this.sleepSql = sleepSql;
    }

    /**
     * @param jdbcUrl a JDBC URL
     * @return the dialect its sub-protocol names
     * @throws IllegalArgumentException naming the supported URLs when it is none of them
     */
    public static Dialect fromUrl(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        } else if (url.startsWith("jdbc:mariadb:")) {
            return MARIADB;
        }
        String masked = PoolConfig.builder().jdbcUrl(jdbcUrl).build().getMaskedJdbcUrl();
        if (url.startsWith("jdbc:mysql:")) {
            if (url.contains("permitmysqlscheme")) {
                return MYSQL;
            }
            // Poolwise ships MariaDB Connector/J, which speaks MySQL but takes jdbc:mysql: only when asked to.
            throw new IllegalArgumentException("--url " + masked + ": for MySQL write jdbc:mariadb://... (the"
                    + " MariaDB driver Poolwise ships speaks MySQL), or add permitMysqlScheme to the URL");
        }
        throw new IllegalArgumentException("--url " + masked + ": tune runs on PostgreSQL"
                + " (jdbc:postgresql://...), MariaDB (jdbc:mariadb://...) or MySQL (jdbc:mysql://...)");
    }

    /** @return the advisor's engine for this dialect */
    public Engine engine() {
        return engine;
    }

    /** @return whether tables are kept in a database of their own rather than a schema */
    public boolean isMysqlFamily() {
        return this != POSTGRESQL;
    }

    /** @return a statement with one parameter, seconds as a decimal, that makes the server wait that long */
    public String sleepSql() {
        return sleepSql;
    }

    /**
     * @param name the schema (PostgreSQL) or database (MySQL family), a plain identifier we made
     * @return the statement that creates it
     */
    public String createSchemaSql(String name) {
        return isMysqlFamily() ? "CREATE DATABASE " + name : "CREATE SCHEMA " + name;
    }

    /**
     * @param name the schema or database
     * @return the statement that drops it and everything in it
     */
    public String dropSchemaSql(String name) {
        return isMysqlFamily() ? "DROP DATABASE IF EXISTS " + name : "DROP SCHEMA IF EXISTS " + name + " CASCADE";
    }

    /**
     * Counts the pool's connections as the server sees them: all that are open, and those running a statement
     * or inside a transaction. Run from a separate monitoring connection, which the filter leaves out.
     *
     * @return a query returning two numbers, open and active; its one parameter is the application name
     *         (PostgreSQL) or the database name (MySQL family)
     */
    public String activityQuery() {
        if (isMysqlFamily()) {
            return "SELECT COUNT(*), COALESCE(SUM(CASE WHEN COMMAND <> 'Sleep' THEN 1 ELSE 0 END), 0)"
                    + " FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()";
        }
        return "SELECT COUNT(*), COUNT(*) FILTER (WHERE state <> 'idle') FROM pg_stat_activity"
                + " WHERE application_name = ? AND pid <> pg_backend_pid()";
    }

    /** @return a query returning the server's {@code max_connections} */
    public String maxConnectionsQuery() {
        return isMysqlFamily() ? "SELECT @@max_connections" : "SELECT current_setting('max_connections')::int";
    }

    /** @return a query returning the connection slots ordinary users cannot use */
    public String reservedConnectionsQuery() {
        // MySQL and MariaDB keep one extra slot for SUPER beyond max_connections, not within it.
        return isMysqlFamily() ? "SELECT 0" : "SELECT current_setting('superuser_reserved_connections')::int";
    }

    /** @return the engine's name for people, e.g. {@code PostgreSQL} */
    public String engineName() {
        return switch (this) {
            case POSTGRESQL -> "PostgreSQL";
            case MARIADB -> "MariaDB";
            case MYSQL -> "MySQL";
        };
    }
}
