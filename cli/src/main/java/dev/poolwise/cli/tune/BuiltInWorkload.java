package dev.poolwise.cli.tune;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The workloads tune ships, on the pgbench tables ({@link PgbenchSchema}). {@code oltp} is CPU- and
 * lock-bound in the database, so its best pool is small; {@code sleep} holds the connection while the
 * database waits, as an I/O-bound service does, so its best pool is larger.
 */
public enum BuiltInWorkload {
    /** pgbench's TPC-B-like transaction: three updates, a select and an insert. */
    OLTP("pgbench's TPC-B-like transaction: update an account, read it back, update its teller and branch,"
            + " append to history, commit"),
    /** A select of one account by primary key, in auto-commit. */
    READ("select one account by primary key (auto-commit)"),
    /** A transaction that reads an account, then holds the connection while the database waits. */
    SLEEP("a transaction that reads an account, then holds the connection while the database sleeps "
            + BuiltInWorkload.SLEEP_MILLIS + " ms (like a service waiting on I/O), commit"),
    /** Seven in ten {@code read}, two {@code oltp}, one {@code sleep}. */
    MIXED("7 in 10 read, 2 in 10 oltp, 1 in 10 sleep");

    /** How long the {@code sleep} workload holds its connection in the database's sleep. */
    public static final int SLEEP_MILLIS = 10;

    private final String description;

    BuiltInWorkload(String description) {
        this.description = description;
    }

    /** @return the name given to {@code --workload}, e.g. {@code oltp} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a name given to {@code --workload}
     * @return the workload
     * @throws IllegalArgumentException naming the valid workloads when {@code text} is none of them
     */
    public static BuiltInWorkload fromId(String text) {
        for (BuiltInWorkload workload : values()) {
            if (workload.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return workload;
            }
        }
        throw new IllegalArgumentException("--workload " + text + ": must be one of " + validIds()
                + " (or give --sql FILE for your own statements)");
    }

    /** @return the valid names, comma-separated */
    public static String validIds() {
        return Arrays.stream(values()).map(BuiltInWorkload::id).collect(Collectors.joining(", "));
    }

    /**
     * @param dialect the database's dialect (for the sleep statement)
     * @param schema  the tables' sizes, to pick random rows
     * @return the workload, ready for clients to run
     */
    public TuneWorkload create(Dialect dialect, PgbenchSchema schema) {
        Transactions transactions = new Transactions(dialect, schema);
        return new TuneWorkload() {
            @Override
            public String name() {
                return id();
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public void run(Connection connection, ThreadLocalRandom random) throws SQLException {
                switch (BuiltInWorkload.this) {
                    case OLTP -> transactions.tpcb(connection, random);
                    case READ -> transactions.read(connection, random);
                    case SLEEP -> transactions.sleep(connection, random);
                    case MIXED -> {
                        int pick = random.nextInt(10);
                        if (pick < 7) {
                            transactions.read(connection, random);
                        } else if (pick < 9) {
                            transactions.tpcb(connection, random);
                        } else {
                            transactions.sleep(connection, random);
                        }
                    }
                    default -> throw new IllegalStateException("unknown workload " + id());
                }
            }
        };
    }

    /** The statements, over the pgbench tables. */
    private static final class Transactions {
        private final Dialect dialect;
        private final PgbenchSchema schema;

        Transactions(Dialect dialect, PgbenchSchema schema) {
            this.dialect = dialect;
            this.schema = schema;
        }

        void read(Connection connection, ThreadLocalRandom random) throws SQLException {
            selectAccount(connection, 1 + random.nextInt(schema.accounts()));
        }

        void tpcb(Connection connection, ThreadLocalRandom random) throws SQLException {
            int aid = 1 + random.nextInt(schema.accounts());
            int tid = 1 + random.nextInt(schema.tellers());
            int bid = 1 + random.nextInt(schema.branches());
            int delta = random.nextInt(-5000, 5001);
            connection.setAutoCommit(false);
            try {
                update(connection, "UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?", delta, aid);
                selectAccount(connection, aid);
                update(connection, "UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?", delta, tid);
                update(connection, "UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?", delta, bid);
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pgbench_history"
                        + " (tid, bid, aid, delta, mtime) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
                    insert.setInt(1, tid);
                    insert.setInt(2, bid);
                    insert.setInt(3, aid);
                    insert.setInt(4, delta);
                    insert.executeUpdate();
                }
                connection.commit();
            } catch (SQLException e) {
                rollback(connection, e);
                throw e;
            }
        }

        void sleep(Connection connection, ThreadLocalRandom random) throws SQLException {
            connection.setAutoCommit(false);
            try {
                selectAccount(connection, 1 + random.nextInt(schema.accounts()));
                try (PreparedStatement sleep = connection.prepareStatement(dialect.sleepSql())) {
                    sleep.setDouble(1, SLEEP_MILLIS / 1000.0);
                    sleep.executeQuery().close();
                }
                connection.commit();
            } catch (SQLException e) {
                rollback(connection, e);
                throw e;
            }
        }

        private static void selectAccount(Connection connection, int aid) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT abalance FROM pgbench_accounts WHERE aid = ?")) {
                select.setInt(1, aid);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw new SQLException("pgbench_accounts has no row " + aid + ": the tune tables were changed");
                    }
                }
            }
        }

        private static void update(Connection connection, String sql, int delta, int id) throws SQLException {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setInt(1, delta);
                update.setInt(2, id);
                update.executeUpdate();
            }
        }

        private static void rollback(Connection connection, SQLException failure) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
