package dev.poolwise.cli.tune;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * pgbench's four tables, in tune's own schema: per unit of scale one branch, 10 tellers and 100,000 accounts,
 * and a history table the TPC-B-like transaction appends to. Loaded in one transaction: on PostgreSQL from
 * {@code generate_series}, elsewhere with multi-row inserts, which every engine tune supports.
 */
public final class PgbenchSchema {

    /** Accounts per unit of scale, as in pgbench. */
    public static final int ACCOUNTS_PER_SCALE = 100_000;
    /** Tellers per unit of scale, as in pgbench. */
    public static final int TELLERS_PER_SCALE = 10;
    /** The largest {@code --scale} accepted: 10 million accounts, a few minutes' load. */
    public static final int MAX_SCALE = 100;

    private static final int ROWS_PER_INSERT = 1_000;

    private final int scale;

    /**
     * @param scale units of scale, 1 to {@link #MAX_SCALE}
     */
    public PgbenchSchema(int scale) {
        if (scale < 1 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("--scale " + scale + ": must be between 1 and " + MAX_SCALE);
        }
        this.scale = scale;
    }

    /** @return the units of scale */
    public int scale() {
        return scale;
    }

    /** @return the number of branches */
    public int branches() {
        return scale;
    }

    /** @return the number of tellers */
    public int tellers() {
        return scale * TELLERS_PER_SCALE;
    }

    /** @return the number of accounts */
    public int accounts() {
        return scale * ACCOUNTS_PER_SCALE;
    }

    /**
     * Creates and fills the tables on a connection already working in tune's schema.
     *
     * @param connection the connection; its auto-commit is restored afterwards
     * @throws SQLException when a table cannot be created or filled
     */
    public void load(Connection connection) throws SQLException {
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                .contains("postgres");
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE pgbench_branches (bid INT PRIMARY KEY, bbalance INT NOT NULL,"
                    + " filler CHAR(88))");
            statement.execute("CREATE TABLE pgbench_tellers (tid INT PRIMARY KEY, bid INT NOT NULL,"
                    + " tbalance INT NOT NULL, filler CHAR(84))");
            statement.execute("CREATE TABLE pgbench_accounts (aid INT PRIMARY KEY, bid INT NOT NULL,"
                    + " abalance INT NOT NULL, filler CHAR(84))");
            statement.execute("CREATE TABLE pgbench_history (tid INT NOT NULL, bid INT NOT NULL, aid INT NOT NULL,"
                    + " delta INT NOT NULL, mtime TIMESTAMP NOT NULL, filler CHAR(22))");
            if (postgres) {
                // generate_series fills a million rows in seconds, where a million rows in multi-row inserts
                // take the better part of a minute on a small machine.
                statement.executeUpdate("INSERT INTO pgbench_branches (bid, bbalance) SELECT g, 0"
                        + " FROM generate_series(1, " + branches() + ") g");
                statement.executeUpdate("INSERT INTO pgbench_tellers (tid, bid, tbalance) SELECT g, (g - 1) / "
                        + TELLERS_PER_SCALE + " + 1, 0 FROM generate_series(1, " + tellers() + ") g");
                statement.executeUpdate("INSERT INTO pgbench_accounts (aid, bid, abalance) SELECT g, (g - 1) / "
                        + ACCOUNTS_PER_SCALE + " + 1, 0 FROM generate_series(1, " + accounts() + ") g");
            } else {
                insert(statement, "pgbench_branches (bid, bbalance)", branches(), id -> id + ",0");
                insert(statement, "pgbench_tellers (tid, bid, tbalance)", tellers(),
                        id -> id + "," + ((id - 1) / TELLERS_PER_SCALE + 1) + ",0");
                insert(statement, "pgbench_accounts (aid, bid, abalance)", accounts(),
                        id -> id + "," + ((id - 1) / ACCOUNTS_PER_SCALE + 1) + ",0");
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        try (Statement statement = connection.createStatement()) {
            // Fresh statistics, so that the first steps do not run on a planner's guess.
            // Only tune's tables: a bare ANALYZE on PostgreSQL would visit every table of the user's database.
            statement.execute((postgres ? "ANALYZE" : "ANALYZE TABLE")
                    + " pgbench_accounts, pgbench_branches, pgbench_tellers");
        }
    }

    private static void insert(Statement statement, String table, int rows, IntFunction<String> row)
            throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (int first = 1; first <= rows; first += ROWS_PER_INSERT) {
            sql.setLength(0);
            sql.append("INSERT INTO ").append(table).append(" VALUES ");
            int last = Math.min(rows, first + ROWS_PER_INSERT - 1);
            for (int id = first; id <= last; id++) {
                sql.append(id == first ? "(" : ",(").append(row.apply(id)).append(')');
            }
            statement.executeUpdate(sql.toString());
        }
    }
}
