package dev.poolwise.cli.tune;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The workloads tune ships, on the pgbench tables ({@link PgbenchSchema}). The default, {@code read-write},
 * writes to random rows only, so that its best pool size is set by the database's resources (CPU, the WAL),
 * not by a lock every transaction waits for; {@code hot-row} is that lock on purpose; {@code sleep} holds
 * the connection while the database waits, as an I/O-bound service does, so its best pool is larger.
 */
public enum BuiltInWorkload {
    /**
     * pgbench's simple-update ({@code pgbench -N}): update a random account, read it back, append to
     * history. No teller or branch update, so that no row is hot at any scale.
     */
    READ_WRITE("read-write", "pgbench's simple-update (pgbench -N): update a random account, read it back, append"
            + " to history, commit; no row is shared by many transactions"),
    /**
     * pgbench's TPC-B-like transaction (pgbench's default): three updates, a select and an insert. Its branch
     * row is shared by every transaction on that branch, so with fewer branches ({@code --scale}) than
     * connections it measures that row's lock; pgbench's documentation asks for a scale of at least the
     * number of clients.
     */
    TPCB("tpcb", "pgbench's TPC-B-like transaction: update an account, read it back, update its teller and"
            + " branch, append to history, commit"),
    /**
     * The TPC-B-like transaction with every transaction on branch 1: what the default measured before, when
     * it was TPC-B at scale 1 with 64 clients. Shows what a hot row does to a pool: the knee comes early (2 or
     * 3 connections on the development machine) because transactions queue on that row's lock, and says
     * little about the machine.
     */
    HOT_ROW("hot-row", "the TPC-B-like transaction with every transaction on branch 1: they all update the same"
            + " pgbench_branches row, so the knee shows lock contention on that row, not the machine"),
    /** A select of one account by primary key, in auto-commit (pgbench's select-only, {@code -S}). */
    READ("read", "select one account by primary key (auto-commit; pgbench -S)"),
    /** A transaction that reads an account, then holds the connection while the database waits. */
    SLEEP("sleep", "a transaction that reads an account, then holds the connection while the database sleeps "
            + BuiltInWorkload.SLEEP_MILLIS + " ms (like a service waiting on I/O), commit"),
    /** Seven in ten {@code read}, two {@code read-write}, one {@code sleep}. */
    MIXED("mixed", "7 in 10 read, 2 in 10 read-write, 1 in 10 sleep");

    /** How long the {@code sleep} workload holds its connection in the database's sleep. */
    public static final int SLEEP_MILLIS = 10;

    /** The workload {@code tune} runs without {@code --workload}. */
    public static final BuiltInWorkload DEFAULT = READ_WRITE;

    private final String id;
    private final String description;

    BuiltInWorkload(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** @return the name given to {@code --workload}, e.g. {@code read-write} */
    public String id() {
        return id;
    }

    /** @return what one unit of work does, in words */
    public String description() {
        return description;
    }

    /**
     * @param text a name given to {@code --workload}
     * @return the workload
     * @throws IllegalArgumentException naming the valid workloads when {@code text} is none of them
     */
    public static BuiltInWorkload fromId(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (BuiltInWorkload workload : values()) {
            if (workload.id().equals(wanted)) {
                return workload;
            }
        }
        if (wanted.equals("oltp")) {
            throw new IllegalArgumentException("--workload oltp is no more: it ran pgbench's TPC-B-like transaction"
                    + " at scale 1, where every transaction updates the one branch row. Use tpcb (the same"
                    + " transaction over --scale branches), hot-row (that one-row case, on purpose) or the default,"
                    + " read-write");
        }
        throw new IllegalArgumentException("--workload " + text + ": must be one of " + validIds()
                + " (or give --sql FILE for your own statements)");
    }

    /** @return the valid names, comma-separated */
    public static String validIds() {
        return Arrays.stream(values()).map(BuiltInWorkload::id).collect(Collectors.joining(", "));
    }

    /**
     * @param schema  the tables loaded
     * @param largest the largest pool size the sweep runs
     * @return a warning when this workload at this scale measures a hot row rather than the machine
     *         ({@code tpcb} with fewer branches than connections); otherwise empty
     */
    public Optional<String> scaleWarning(PgbenchSchema schema, int largest) {
        if (this != TPCB || schema.branches() >= largest) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "tpcb at --scale %d has %d branch rows for pools of up to %d"
                + " connections: above %d, transactions queue on the branch rows' locks (pgbench's documentation"
                + " asks for a scale of at least the number of clients); use --scale %d for a fair run",
                schema.scale(), schema.branches(), largest, schema.branches(), Math.min(largest,
                        PgbenchSchema.MAX_SCALE)));
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
                    case READ_WRITE -> transactions.simpleUpdate(connection, random);
                    case TPCB -> transactions.tpcb(connection, random, 1 + random.nextInt(schema.branches()));
                    case HOT_ROW -> transactions.tpcb(connection, random, 1);
                    case READ -> transactions.read(connection, random);
                    case SLEEP -> transactions.sleep(connection, random);
                    case MIXED -> {
                        int pick = random.nextInt(10);
                        if (pick < 7) {
                            transactions.read(connection, random);
                        } else if (pick < 9) {
                            transactions.simpleUpdate(connection, random);
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

        /**
         * pgbench's TPC-B-like transaction on one branch: its teller is one of that branch's, its account any
         * (pgbench picks the three independently; so does this, within the branch for the teller, so that
         * {@code hot-row} keeps to branch 1's ten tellers as pgbench at scale 1 does).
         */
        void tpcb(Connection connection, ThreadLocalRandom random, int bid) throws SQLException {
            int aid = 1 + random.nextInt(schema.accounts());
            int tid = (bid - 1) * PgbenchSchema.TELLERS_PER_SCALE + 1 + random.nextInt(PgbenchSchema.TELLERS_PER_SCALE);
            int delta = random.nextInt(-5000, 5001);
            connection.setAutoCommit(false);
            try {
                update(connection, "UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?", delta, aid);
                selectAccount(connection, aid);
                update(connection, "UPDATE pgbench_tellers SET tbalance = tbalance + ? WHERE tid = ?", delta, tid);
                update(connection, "UPDATE pgbench_branches SET bbalance = bbalance + ? WHERE bid = ?", delta, bid);
                insertHistory(connection, tid, bid, aid, delta);
                connection.commit();
            } catch (SQLException e) {
                rollback(connection, e);
                throw e;
            }
        }

        /** pgbench's simple-update: the TPC-B-like transaction without its teller and branch updates. */
        void simpleUpdate(Connection connection, ThreadLocalRandom random) throws SQLException {
            int aid = 1 + random.nextInt(schema.accounts());
            int tid = 1 + random.nextInt(schema.tellers());
            int bid = 1 + random.nextInt(schema.branches());
            int delta = random.nextInt(-5000, 5001);
            connection.setAutoCommit(false);
            try {
                update(connection, "UPDATE pgbench_accounts SET abalance = abalance + ? WHERE aid = ?", delta, aid);
                selectAccount(connection, aid);
                insertHistory(connection, tid, bid, aid, delta);
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

        private static void insertHistory(Connection connection, int tid, int bid, int aid, int delta)
                throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pgbench_history"
                    + " (tid, bid, aid, delta, mtime) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
                insert.setInt(1, tid);
                insert.setInt(2, bid);
                insert.setInt(3, aid);
                insert.setInt(4, delta);
                insert.executeUpdate();
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
