package dev.poolwise.advisor.inspect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the inspector's read-only queries on one connection. A query the server refuses (no privilege, a view
 * a provider hides, a function an old version lacks) becomes a note and an empty result, so that one missing
 * reading does not lose the others. Queries run in auto-commit mode, so a failed one aborts no transaction.
 */
final class QueryRunner {

    /** Reads one row of a result. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private static final int QUERY_TIMEOUT_SECONDS = 10;

    private final Connection connection;
    private final List<String> notes;

    QueryRunner(Connection connection, List<String> notes) {
        this.connection = connection;
        this.notes = notes;
    }

    Connection connection() {
        return connection;
    }

    /**
     * @param what   what the query reads, for the note when it fails, e.g. {@code pg_stat_activity}
     * @param sql    the query
     * @param reader reads each row
     * @return the rows, or an empty list (and a note) when the server refused the query
     */
    <T> List<T> rows(String what, String sql, RowReader<T> reader) {
        List<T> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = statement.executeQuery(sql)) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
        } catch (SQLException e) {
            notes.add("could not read " + what + ": " + firstLine(e.getMessage()));
            return List.of();
        }
        return rows;
    }

    /**
     * @return the first row, or {@code null} (and a note) when there is none or the server refused the query
     */
    <T> T row(String what, String sql, RowReader<T> reader) {
        List<T> rows = rows(what, sql, reader);
        if (rows.isEmpty()) {
            return null;
        }
        return rows.get(0);
    }

    void note(String note) {
        notes.add(note);
    }

    /** @return a copy of the notes gathered so far */
    List<String> notesSoFar() {
        return List.copyOf(notes);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
