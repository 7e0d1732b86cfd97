package dev.poolwise.cli.tune;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user's own statements ({@code --sql FILE}): statements separated by {@code ;}, run in order as one
 * transaction per unit of work (a single statement runs in auto-commit). Lines starting with {@code --} are
 * comments. As in pgbench scripts, {@code :aid}, {@code :bid}, {@code :tid} and {@code :delta} stand for a
 * random account, branch, teller and amount, the same within one unit of work; they are bound as parameters,
 * never pasted into the SQL.
 */
public final class SqlFileWorkload implements TuneWorkload {

    private static final Pattern VARIABLE = Pattern.compile("(?<![:\\w]):(aid|bid|tid|delta)\\b");

    private final Path file;
    private final List<String> statements;
    private final List<List<String>> variables;
    private final PgbenchSchema schema;

    private SqlFileWorkload(Path file, List<String> statements, List<List<String>> variables, PgbenchSchema schema) {
        this.file = file;
        this.statements = statements;
        this.variables = variables;
        this.schema = schema;
    }

    /**
     * @param file   the file to read
     * @param schema the pgbench tables' sizes, for the random variables
     * @return the workload
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it holds no statement
     */
    public static SqlFileWorkload read(Path file, PgbenchSchema schema) throws IOException {
        return parse(file, Files.readString(file, StandardCharsets.UTF_8), schema);
    }

    /**
     * @param file   the file's name, for messages
     * @param text   its contents
     * @param schema the pgbench tables' sizes
     * @return the workload
     * @throws IllegalArgumentException when the text holds no statement
     */
    static SqlFileWorkload parse(Path file, String text, PgbenchSchema schema) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : text.split("\\R")) {
            if (!line.strip().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        List<List<String>> variables = new ArrayList<>();
        for (String part : withoutComments.toString().split(";")) {
            String sql = part.strip();
            if (sql.isEmpty()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            Matcher matcher = VARIABLE.matcher(sql);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            statements.add(matcher.replaceAll("?"));
            variables.add(List.copyOf(names));
        }
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("--sql " + file + ": holds no SQL statement; write statements"
                    + " separated by ;, e.g. SELECT abalance FROM pgbench_accounts WHERE aid = :aid;");
        }
        return new SqlFileWorkload(file, List.copyOf(statements), List.copyOf(variables), schema);
    }

    /** @return the statements, with variables replaced by {@code ?} */
    List<String> statements() {
        return statements;
    }

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public String description() {
        return statements.size() + (statements.size() == 1 ? " statement" : " statements in a transaction")
                + " from " + file.getFileName();
    }

    @Override
    public void run(Connection connection, ThreadLocalRandom random) throws SQLException {
        int aid = 1 + random.nextInt(schema.accounts());
        int bid = 1 + random.nextInt(schema.branches());
        int tid = 1 + random.nextInt(schema.tellers());
        int delta = random.nextInt(-5000, 5001);
        boolean transaction = statements.size() > 1;
        if (transaction) {
            connection.setAutoCommit(false);
        }
        try {
            for (int i = 0; i < statements.size(); i++) {
                try (PreparedStatement statement = connection.prepareStatement(statements.get(i))) {
                    List<String> names = variables.get(i);
                    for (int p = 0; p < names.size(); p++) {
                        statement.setInt(p + 1, switch (names.get(p)) {
                            case "aid" -> aid;
                            case "bid" -> bid;
                            case "tid" -> tid;
                            default -> delta;
                        });
                    }
                    if (statement.execute()) {
                        try (ResultSet rows = statement.getResultSet()) {
                            while (rows.next()) {
                                // Read every row: a real client would.
                            }
                        }
                    }
                }
            }
            if (transaction) {
                connection.commit();
            }
        } catch (SQLException e) {
            if (transaction) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
            }
            throw e;
        }
    }
}
