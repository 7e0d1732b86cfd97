package dev.poolwise.advisor.inspect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.poolwise.advisor.Engine;

/**
 * Reads a live PostgreSQL, MySQL or MariaDB database over plain JDBC, with read-only queries, and returns an
 * {@link InspectionReport}: server version, {@code max_connections} and reserved slots, the connections open
 * now by state and application, the timeouts that cut connections, the provider recognized from the host name
 * and, on PostgreSQL, a pooler (PgBouncer) in between.
 *
 * <p>Queries run in auto-commit mode (the connection's mode is restored afterwards), each with a 10 s timeout;
 * a query the server refuses (a missing privilege, a view a provider hides) becomes a note in the report
 * rather than a failure. Only {@code max_connections} is required.
 *
 * <p>Any JDBC driver works. With pgjdbc the backend key the driver received is compared with the server's
 * process id to detect a pooler; other drivers fall back on weaker signals (see the report's evidence).
 */
public final class DatabaseInspector {

    /** An inspector; it keeps no state between inspections. */
    public DatabaseInspector() {
    }

    /**
     * Inspects over one connection. The pool mode of a detected PgBouncer is then known only when transactions
     * move between server processes; {@link #inspect(ConnectionOpener, Endpoint)} can tell it in more cases.
     *
     * @param connection an open connection, left open
     * @param endpoint   where the connection points (the host name recognizes the provider)
     * @return what was read
     * @throws SQLException when the server is not PostgreSQL, MySQL or MariaDB, or its {@code max_connections}
     *                      cannot be read
     */
    public InspectionReport inspect(Connection connection, Endpoint endpoint) throws SQLException {
        return inspect(connection, endpoint, null);
    }

    /**
     * Opens a connection and inspects over it; when a pooler is detected and its mode is not evident, opens a
     * second connection for a moment to tell session mode from transaction mode.
     *
     * @param opener   opens connections to the database (closed here)
     * @param endpoint where they point
     * @return what was read
     * @throws SQLException when the database cannot be reached, is not PostgreSQL, MySQL or MariaDB, or its
     *                      {@code max_connections} cannot be read
     */
    public InspectionReport inspect(ConnectionOpener opener, Endpoint endpoint) throws SQLException {
        try (Connection connection = opener.open()) {
            return inspect(connection, endpoint, opener);
        }
    }

    private InspectionReport inspect(Connection connection, Endpoint endpoint, ConnectionOpener opener)
            throws SQLException {
        Engine engine = engineOf(connection.getMetaData());
        boolean autoCommit = connection.getAutoCommit();
        if (!autoCommit) {
            connection.setAutoCommit(true);
        }
        try {
            QueryRunner q = new QueryRunner(connection, new ArrayList<>());
            return engine == Engine.POSTGRESQL ? PostgresReadings.read(q, endpoint, opener)
                    : MysqlReadings.read(q, endpoint, engine);
        } finally {
            if (!autoCommit) {
                connection.setAutoCommit(false);
            }
        }
    }

    /**
     * @param metaData the connection's metadata
     * @return the engine the server reports itself as
     * @throws SQLException when it is none of PostgreSQL, MySQL, MariaDB
     */
    static Engine engineOf(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        String version = metaData.getDatabaseProductVersion();
        String both = (product + " " + version).toLowerCase(Locale.ROOT);
        if (both.contains("postgresql")) {
            return Engine.POSTGRESQL;
        }
        if (both.contains("mariadb")) {
            return Engine.MARIADB;
        }
        if (both.contains("mysql")) {
            return Engine.MYSQL;
        }
        throw new SQLException("the server reports itself as " + product + " " + version + "; poolwise inspect"
                + " reads " + List.of("PostgreSQL", "MySQL", "MariaDB"));
    }
}
