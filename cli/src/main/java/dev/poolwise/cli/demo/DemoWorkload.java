package dev.poolwise.cli.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

import dev.poolwise.cli.common.LatencyHistogram;

/**
 * The demo's work: threads that borrow a connection, run one short operation on a small table, and give the
 * connection back, until a deadline passes or an operation budget is spent. Four in five operations are a
 * point select; the fifth is a transaction that moves one unit between two rows, so the table's total never
 * changes if every transaction is atomic (checked by {@link #checkTotal()}).
 *
 * <p>Each borrow is timed in three parts: the wait in {@code getConnection}; the operation, from the moment
 * the connection is in hand until the work is done; and {@code close()}, which gives the connection back
 * (the pool's reset, and the hand-off to a waiting thread).
 */
final class DemoWorkload {

    static final String TABLE = "poolwise_demo";
    static final int ROWS = 100;
    static final long INITIAL_BALANCE = 1_000;

    private final DataSource dataSource;
    private final int threads;
    private final long deadlineNanos;
    private final long operationBudget;

    private final LatencyHistogram acquireLatency = new LatencyHistogram();
    private final LatencyHistogram operationLatency = new LatencyHistogram();
    private final LatencyHistogram returnLatency = new LatencyHistogram();
    private final LongAdder selects = new LongAdder();
    private final LongAdder transactions = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final AtomicReference<SQLException> firstFailure = new AtomicReference<>();
    private final AtomicLong claimed = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private final CountDownLatch finished;
    private volatile boolean stopRequested;
    private long startNanos;
    private long endNanos;

    /**
     * @param dataSource      where to borrow connections
     * @param threads         how many threads borrow at once
     * @param duration        how long to run, or {@code null} to run until {@code operationBudget} is spent
     * @param operationBudget how many operations to run in all, or 0 for no limit
     */
    DemoWorkload(DataSource dataSource, int threads, Duration duration, long operationBudget) {
        this.dataSource = dataSource;
        this.threads = threads;
        this.deadlineNanos = duration == null ? Long.MAX_VALUE : duration.toNanos();
        this.operationBudget = operationBudget;
        this.finished = new CountDownLatch(threads);
    }

    /**
     * Creates the demo table and fills it. Fails rather than touching a table of that name that exists already,
     * since on a user's database it may not be ours.
     *
     * @throws SQLException when the table cannot be created, with what to do when it exists
     */
    void createTable() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            try {
                statement.executeUpdate("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
            } catch (SQLException e) {
                throw new SQLException("Cannot create the demo table " + TABLE + " (" + e.getMessage().strip()
                        + "). If a stopped demo left it behind, drop it (DROP TABLE " + TABLE + ") and run again",
                        e.getSQLState(), e);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + TABLE + " (id, balance) VALUES (?, ?)")) {
                for (int id = 1; id <= ROWS; id++) {
                    insert.setInt(1, id);
                    insert.setLong(2, INITIAL_BALANCE);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    /** Drops the demo table. */
    void dropTable() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("DROP TABLE " + TABLE);
        }
    }

    /**
     * @return the sum of all balances, {@code ROWS * INITIAL_BALANCE} when every transaction was atomic
     */
    long checkTotal() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT SUM(balance) FROM " + TABLE)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Starts the worker threads; returns at once. */
    void start() {
        startNanos = System.nanoTime();
        for (int i = 1; i <= threads; i++) {
            Thread worker = new Thread(this::work, "poolwise-demo-" + i);
            // A worker stuck in the database must not keep the JVM alive after the demo gives up on it.
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
    }

    /**
     * Waits for the workers to finish.
     *
     * @param timeout the longest to wait, in milliseconds
     * @return true when all have finished
     */
    boolean awaitFinished(long timeout) throws InterruptedException {
        boolean done = finished.await(timeout, TimeUnit.MILLISECONDS);
        if (done && endNanos == 0) {
            endNanos = System.nanoTime();
        }
        return done;
    }

    /** Asks the workers to stop after their current operation. */
    void stop() {
        stopRequested = true;
    }

    /** @return how long the workers have run, or ran */
    Duration elapsed() {
        return Duration.ofNanos((endNanos != 0 ? endNanos : System.nanoTime()) - startNanos);
    }

    /** @return the fraction of the run done, from 0 to 1, by time or by operations */
    double progress() {
        if (operationBudget > 0) {
            return Math.min(1.0, (double) completed() / operationBudget);
        }
        return Math.min(1.0, (double) (System.nanoTime() - startNanos) / deadlineNanos);
    }

    long completed() {
        return selects.sum() + transactions.sum() + failures.sum();
    }

    long selects() {
        return selects.sum();
    }

    long transactions() {
        return transactions.sum();
    }

    long failures() {
        return failures.sum();
    }

    /** @return the first operation that failed, or {@code null} */
    SQLException firstFailure() {
        return firstFailure.get();
    }

    LatencyHistogram acquireLatency() {
        return acquireLatency;
    }

    LatencyHistogram operationLatency() {
        return operationLatency;
    }

    LatencyHistogram returnLatency() {
        return returnLatency;
    }

    private void work() {
        try {
            while (mayStartAnother()) {
                boolean transfer = ThreadLocalRandom.current().nextInt(5) == 0;
                long beforeBorrow = System.nanoTime();
                Connection connection;
                try {
                    connection = dataSource.getConnection();
                } catch (SQLException e) {
                    fail(e);
                    continue;
                }
                long borrowed = System.nanoTime();
                acquireLatency.record(borrowed - beforeBorrow);
                SQLException failure = null;
                try {
                    if (transfer) {
                        transfer(connection);
                    } else {
                        select(connection);
                    }
                } catch (SQLException e) {
                    failure = e;
                }
                long beforeReturn = System.nanoTime();
                try {
                    connection.close();
                } catch (SQLException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
                returnLatency.record(System.nanoTime() - beforeReturn);
                if (failure != null) {
                    fail(failure);
                    continue;
                }
                operationLatency.record(beforeReturn - borrowed);
                (transfer ? transactions : selects).increment();
            }
        } finally {
            finished.countDown();
        }
    }

    private void fail(SQLException e) {
        failures.increment();
        firstFailure.compareAndSet(null, e);
    }

    private boolean mayStartAnother() {
        if (stopRequested || Thread.currentThread().isInterrupted()) {
            return false;
        }
        if (operationBudget > 0) {
            return claimed.incrementAndGet() <= operationBudget;
        }
        return System.nanoTime() - startNanos < deadlineNanos;
    }

    private static void select(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT balance FROM " + TABLE + " WHERE id = ?")) {
            query.setInt(1, 1 + ThreadLocalRandom.current().nextInt(ROWS));
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("The demo table lost a row: " + TABLE + " should hold ids 1 to " + ROWS);
                }
            }
        }
    }

    /**
     * Moves one unit from one row to another in a transaction, locking the lower id first so that two
     * transfers never deadlock. It leaves auto-commit off on purpose: restoring it is the pool's job on return.
     */
    private static void transfer(Connection connection) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int a = 1 + random.nextInt(ROWS);
        int b = 1 + random.nextInt(ROWS - 1);
        if (b >= a) {
            b++;
        }
        connection.setAutoCommit(false);
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE " + TABLE + " SET balance = balance + ? WHERE id = ?")) {
            update.setLong(1, a < b ? -1 : 1);
            update.setInt(2, Math.min(a, b));
            update.executeUpdate();
            update.setLong(1, a < b ? 1 : -1);
            update.setInt(2, Math.max(a, b));
            update.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
    }
}
