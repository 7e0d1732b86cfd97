package dev.poolwise.reliability;

import dev.poolwise.it.EmbeddedPostgresExtension;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One-line queries for the reliability tests, so that a test reads as what it checks. */
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

    /** @return the first column of the first row of {@code sql}, as a string */
    static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            if (!rs.next()) {
                throw new AssertionError("no row from " + sql);
            }
            return rs.getString(1);
        }
    }

    /** @return the port of an embedded PostgreSQL server, read from its JDBC URL */
    static int port(EmbeddedPostgresExtension pg) {
        return URI.create(pg.jdbcUrl().substring("jdbc:".length())).getPort();
    }

    /** @return backends the server has for {@code applicationName} (pg_stat_activity, read on {@code admin}) */
    static int backends(Connection admin, String applicationName) throws SQLException {
        try (PreparedStatement count = admin.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            count.setString(1, applicationName);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
