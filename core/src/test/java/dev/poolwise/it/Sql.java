package dev.poolwise.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One-line queries for the integration tests, so that a test reads as what it checks. */
final class Sql {

    private Sql() {
    }

    /** Runs a statement and ignores any result. */
    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** @return the first column of the first row of {@code sql}, as an int */
    static int queryInt(Connection connection, String sql) throws SQLException {
        return Integer.parseInt(queryString(connection, sql));
    }

    /** @return the first column of the first row of {@code sql}, as a long */
    static long queryLong(Connection connection, String sql) throws SQLException {
        return Long.parseLong(queryString(connection, sql));
    }

    /** @return the first column of the first row of {@code sql}, as a string */
    static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rs.getString(1);
        }
    }
}
