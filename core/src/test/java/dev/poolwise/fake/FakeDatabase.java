package dev.poolwise.fake;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiPredicate;

/**
 * A fake database server for the pool's tests: the thing the {@link FakeDriver} "connects" to. It decides whether
 * a connect or an execute succeeds (fault injection) and counts what happened to its physical connections.
 *
 * <pre>{@code
 * FakeDatabase db = FakeDatabase.create();            // unique name, found by FakeDriver through db.url()
 * db.failNextConnects(2, new SQLException("refused", "08001"));
 * db.hangExecutes(Duration.ofSeconds(5));             // until stopHanging()
 * ... run the pool against db.url() or db.dataSource() ...
 * assertThat(db.openNow()).isZero();
 * assertThat(db.doubleCloses()).isZero();
 * assertThat(db.concurrentUseViolations()).isZero();
 * }</pre>
 *
 * <p>Order of checks on connect: count the attempt, sleep {@link #connectDelay}, then the injected failures
 * ({@code failNextConnects}, {@code failConnectsAlways}, {@code connectFailureRate}), then credentials. On
 * execute: wait out {@link #hangExecutes}, fail if the connection is broken (08006), then
 * {@code failNextExecutes}, then {@code executeFailureRate}. Injected execute failures do not break the
 * connection; call {@link FakeConnection#breakIt()} or {@link #invalidateAll()} for that.
 *
 * <p>Thread-safety: every setting is a volatile field or an atomic, read without locks on the hot path, so the
 * fake does not serialise a 32-thread stress test. A setting changed while connects or executes are in flight
 * applies to the calls that read it afterwards. Databases stay in a static registry until {@link #drop()}.
 */
public final class FakeDatabase {

    private static final Map<String, FakeDatabase> REGISTRY = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_NAME = new AtomicLong();
    private static final int SQL_HISTORY = 1024;

    private final String name;

    // Connect faults.
    private volatile Duration connectDelay = Duration.ZERO;
    private final AtomicInteger connectFailuresLeft = new AtomicInteger();
    private volatile SQLException nextConnectFailure;
    private volatile SQLException alwaysConnectFailure;
    private volatile double connectFailureRate;
    private volatile Random connectRandom = new Random();
    private volatile BiPredicate<String, String> credentialsChecker;

    // Execute faults.
    private final AtomicInteger executeFailuresLeft = new AtomicInteger();
    private volatile String nextExecuteSqlState = "08006";
    private volatile double executeFailureRate;
    private volatile String randomExecuteSqlState = "57P01";
    private volatile long executeHangNanos;
    private volatile long validationHangNanos;
    private volatile boolean strictTransactions = true;
    private final AtomicInteger statementCloseFailuresLeft = new AtomicInteger();
    private volatile Throwable statementCloseFailure;

    // Observations.
    private final AtomicLong connectAttempts = new AtomicLong();
    private final AtomicLong nextConnectionId = new AtomicLong();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger openNow = new AtomicInteger();
    private final AtomicInteger maxConcurrentOpen = new AtomicInteger();
    private final AtomicInteger doubleCloses = new AtomicInteger();
    private final AtomicInteger concurrentUseViolations = new AtomicInteger();
    private final AtomicReference<String> firstConcurrentUse = new AtomicReference<>();
    private final AtomicLong executes = new AtomicLong();
    private final Queue<FakeConnection> connections = new ConcurrentLinkedQueue<>();
    private final AtomicLong sqlSequence = new AtomicLong();
    private final AtomicReferenceArray<String> sqlHistory = new AtomicReferenceArray<>(SQL_HISTORY);

    private FakeDatabase(String name) {
        this.name = name;
    }

    /** Creates and registers a database with a fresh unique name ({@code fakedb-1}, {@code fakedb-2}, ...). */
    public static FakeDatabase create() {
        while (true) {
            String candidate = "fakedb-" + NEXT_NAME.incrementAndGet();
            FakeDatabase db = new FakeDatabase(candidate);
            if (REGISTRY.putIfAbsent(candidate, db) == null) {
                return db;
            }
        }
    }

    /**
     * Creates and registers a database with the given name.
     *
     * @throws IllegalStateException if a database with that name is registered already
     */
    public static FakeDatabase create(String name) {
        Objects.requireNonNull(name, "name");
        FakeDatabase db = new FakeDatabase(name);
        if (REGISTRY.putIfAbsent(name, db) != null) {
            throw new IllegalStateException("a fake database named '" + name + "' exists already; use byName()"
                    + " or drop() it first");
        }
        return db;
    }

    /** The registered database with that name, or {@code null}. */
    public static FakeDatabase byName(String name) {
        return name == null ? null : REGISTRY.get(name);
    }

    /** Removes this database from the registry: later connects to its URL fail with 08001 (unknown database). */
    public void drop() {
        REGISTRY.remove(name, this);
    }

    /** The database name, as used in the URL and by {@link FakeDataSource#setDatabaseName}. */
    public String name() {
        return name;
    }

    /** {@code jdbc:fake:<name>}, accepted by {@link FakeDriver}. */
    public String url() {
        return FakeDriver.URL_PREFIX + name;
    }

    /** A new {@link FakeDataSource} pointing at this database, without credentials set. */
    public FakeDataSource dataSource() {
        FakeDataSource dataSource = new FakeDataSource();
        dataSource.setDatabaseName(name);
        return dataSource;
    }

    // ---------------------------------------------------------------- connect faults

    /** Each connect sleeps (interruptibly) this long before anything else happens. Default zero. */
    public FakeDatabase connectDelay(Duration delay) {
        this.connectDelay = Objects.requireNonNull(delay, "delay");
        return this;
    }

    /** The next {@code count} connect attempts throw {@code failure} (the same instance each time). */
    public FakeDatabase failNextConnects(int count, SQLException failure) {
        this.nextConnectFailure = Objects.requireNonNull(failure, "failure");
        connectFailuresLeft.set(count);
        return this;
    }

    /** Every connect attempt throws {@code failure} (the same instance) until {@link #stopFailingConnects()}. */
    public FakeDatabase failConnectsAlways(SQLException failure) {
        this.alwaysConnectFailure = Objects.requireNonNull(failure, "failure");
        return this;
    }

    /** Cancels {@code failNextConnects}, {@code failConnectsAlways} and {@code connectFailureRate}. */
    public FakeDatabase stopFailingConnects() {
        connectFailuresLeft.set(0);
        alwaysConnectFailure = null;
        connectFailureRate = 0;
        return this;
    }

    /** Each connect attempt fails with a fresh SQLException (08001) with this probability. */
    public FakeDatabase connectFailureRate(double rate) {
        return connectFailureRate(rate, System.nanoTime());
    }

    /**
     * Each connect attempt fails with a fresh SQLException (08001) with this probability, drawn from a
     * {@link Random} seeded with {@code seed}. The sequence of draws is deterministic; which thread gets which
     * draw is not.
     */
    public FakeDatabase connectFailureRate(double rate, long seed) {
        checkRate(rate);
        this.connectRandom = new Random(seed);
        this.connectFailureRate = rate;
        return this;
    }

    /** Connect fails with SQLState 28P01 unless the {@code user} and {@code password} properties match. */
    public FakeDatabase requireCredentials(String user, String password) {
        return setCredentialsChecker((u, p) -> Objects.equals(user, u) && Objects.equals(password, p));
    }

    /** Connect fails with SQLState 28P01 unless {@code checker.test(user, password)}; {@code null} accepts all. */
    public FakeDatabase setCredentialsChecker(BiPredicate<String, String> checker) {
        this.credentialsChecker = checker;
        return this;
    }

    // ---------------------------------------------------------------- execute faults

    /** The next {@code count} executes, on any connection of this database, throw SQLException(sqlState). */
    public FakeDatabase failNextExecutes(int count, String sqlState) {
        this.nextExecuteSqlState = Objects.requireNonNull(sqlState, "sqlState");
        executeFailuresLeft.set(count);
        return this;
    }

    /** Each execute throws SQLException(sqlState) with this probability; 0 turns it off. */
    public FakeDatabase executeFailureRate(double rate, String sqlState) {
        checkRate(rate);
        this.randomExecuteSqlState = Objects.requireNonNull(sqlState, "sqlState");
        this.executeFailureRate = rate;
        return this;
    }

    /**
     * The next {@code count} {@code Statement.close()} calls, on any connection of this database, throw
     * {@code failure} (an unchecked exception, as a buggy driver might) after closing the statement.
     */
    public FakeDatabase failNextStatementCloses(int count, RuntimeException failure) {
        this.statementCloseFailure = Objects.requireNonNull(failure, "failure");
        statementCloseFailuresLeft.set(count);
        return this;
    }

    /** As {@link #failNextStatementCloses(int, RuntimeException)}, with an {@link Error} (say, from an old driver). */
    public FakeDatabase failNextStatementCloses(int count, Error failure) {
        this.statementCloseFailure = Objects.requireNonNull(failure, "failure");
        statementCloseFailuresLeft.set(count);
        return this;
    }

    /**
     * @return the injected failure for this statement close (a RuntimeException or an Error), or {@code null}
     *         (used by {@link FakeStatement})
     */
    Throwable takeStatementCloseFailure() {
        if (statementCloseFailuresLeft.get() <= 0) {
            return null;
        }
        return statementCloseFailuresLeft.getAndDecrement() > 0 ? statementCloseFailure : null;
    }

    /** Cancels {@code failNextExecutes} and {@code executeFailureRate}. */
    public FakeDatabase stopFailingExecutes() {
        executeFailuresLeft.set(0);
        executeFailureRate = 0;
        return this;
    }

    /**
     * Each execute blocks (interruptibly) this long before running; a statement's query timeout cuts it short
     * with SQLTimeoutException 57014, closing or aborting the connection with 08003, interruption with 57014.
     * {@code Duration.ZERO} or {@link #stopHanging()} ends the hang, also for executes already waiting.
     */
    public FakeDatabase hangExecutes(Duration hang) {
        this.executeHangNanos = Objects.requireNonNull(hang, "hang").toNanos();
        wakeHungCalls();
        return this;
    }

    /**
     * Each {@code isValid(timeout)} blocks (interruptibly) this long; when the timeout runs out first it
     * returns false, like a driver whose server does not answer.
     */
    public FakeDatabase hangValidation(Duration hang) {
        this.validationHangNanos = Objects.requireNonNull(hang, "hang").toNanos();
        wakeHungCalls();
        return this;
    }

    /** Ends {@code hangExecutes} and {@code hangValidation}, releasing calls that are waiting. */
    public FakeDatabase stopHanging() {
        executeHangNanos = 0;
        validationHangNanos = 0;
        wakeHungCalls();
        return this;
    }

    /**
     * Breaks every currently open connection, like a server restart: their {@code isValid} returns false and
     * their executes throw 08006. Connections opened later work.
     */
    public FakeDatabase invalidateAll() {
        for (FakeConnection connection : connections) {
            if (!connection.isClosed()) {
                connection.breakIt();
            }
        }
        return this;
    }

    /**
     * When true (the default, as in pgjdbc), {@code commit()}/{@code rollback()} in auto-commit mode throw 25P01
     * and changing isolation or read-only inside a transaction throws 25001; these catch a pool that resets in
     * the wrong order. Set false to behave like a lenient driver.
     */
    public FakeDatabase strictTransactions(boolean strict) {
        this.strictTransactions = strict;
        return this;
    }

    // ---------------------------------------------------------------- observations

    /** Physical connections successfully opened. */
    public int opened() {
        return opened.get();
    }

    /** Distinct physical connections closed (or aborted) at least once. */
    public int closed() {
        return closed.get();
    }

    /** Physical connections open now: {@code opened() - closed()}. */
    public int openNow() {
        return openNow.get();
    }

    /** The highest {@link #openNow()} ever reached. */
    public int maxConcurrentOpen() {
        return maxConcurrentOpen.get();
    }

    /** {@code close()} or {@code abort()} calls on connections that were already closed; a pool keeps this 0. */
    public int doubleCloses() {
        return doubleCloses.get();
    }

    /** Connect attempts, successful or not. */
    public long connectAttempts() {
        return connectAttempts.get();
    }

    /** Times a connection was entered by a second thread while another was inside it; a pool keeps this 0. */
    public int concurrentUseViolations() {
        return concurrentUseViolations.get();
    }

    /** A description of the first concurrent use (connection and thread names), or {@code null}. */
    public String firstConcurrentUse() {
        return firstConcurrentUse.get();
    }

    /** Execute calls that reached the database (including the ones that then failed). */
    public long executes() {
        return executes.get();
    }

    /** Every connection ever opened, in opening order (a snapshot). */
    public List<FakeConnection> connections() {
        return new ArrayList<>(connections);
    }

    /** The most recent SQL strings executed (at most 1024), oldest first; approximate under concurrency. */
    public List<String> executedSql() {
        long end = sqlSequence.get();
        long start = Math.max(0, end - SQL_HISTORY);
        List<String> result = new ArrayList<>();
        for (long i = start; i < end; i++) {
            String sql = sqlHistory.get((int) (i % SQL_HISTORY));
            if (sql != null) {
                result.add(sql);
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "FakeDatabase[" + name + ", opened=" + opened + ", closed=" + closed + ", openNow=" + openNow
                + ", attempts=" + connectAttempts + "]";
    }

    // ---------------------------------------------------------------- called by the fake JDBC classes

    /** Opens a physical connection, applying the connect faults. */
    FakeConnection connect(Properties info) throws SQLException {
        connectAttempts.incrementAndGet();
        long delayNanos = connectDelay.toNanos();
        if (delayNanos > 0) {
            try {
                Thread.sleep(delayNanos / 1_000_000, (int) (delayNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("connect to fake database '" + name + "' interrupted", "08001", e);
            }
        }
        if (connectFailuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            throw nextConnectFailure;
        }
        SQLException always = alwaysConnectFailure;
        if (always != null) {
            throw always;
        }
        double rate = connectFailureRate;
        if (rate > 0 && connectRandom.nextDouble() < rate) {
            throw new SQLException("injected random connect failure to fake database '" + name + "'", "08001");
        }
        String user = info == null ? null : info.getProperty("user");
        String password = info == null ? null : info.getProperty("password");
        BiPredicate<String, String> checker = credentialsChecker;
        if (checker != null && !checker.test(user, password)) {
            throw new SQLException("password authentication failed for user \"" + user + "\" on fake database '"
                    + name + "'", "28P01");
        }
        FakeConnection connection = new FakeConnection(this, nextConnectionId.incrementAndGet(), user);
        connections.add(connection);
        opened.incrementAndGet();
        int now = openNow.incrementAndGet();
        maxConcurrentOpen.accumulateAndGet(now, Math::max);
        return connection;
    }

    /** Applies the execute faults after the hang; the connection has checked it is open and not broken. */
    void beforeExecute(String sql) throws SQLException {
        executes.incrementAndGet();
        long seq = sqlSequence.getAndIncrement();
        sqlHistory.set((int) (seq % SQL_HISTORY), sql);
        if (executeFailuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            String state = nextExecuteSqlState;
            throw new SQLException("injected execute failure (SQLState " + state + ")", state);
        }
        double rate = executeFailureRate;
        if (rate > 0 && ThreadLocalRandom.current().nextDouble() < rate) {
            String state = randomExecuteSqlState;
            throw new SQLException("injected random execute failure (SQLState " + state + ")", state);
        }
    }

    long executeHangNanos() {
        return executeHangNanos;
    }

    long validationHangNanos() {
        return validationHangNanos;
    }

    boolean strictTransactions() {
        return strictTransactions;
    }

    /** Called once per connection, by the call that first closed or aborted it. */
    void recordClosed() {
        closed.incrementAndGet();
        openNow.decrementAndGet();
    }

    void recordDoubleClose() {
        doubleCloses.incrementAndGet();
    }

    void recordConcurrentUse(String description) {
        concurrentUseViolations.incrementAndGet();
        firstConcurrentUse.compareAndSet(null, description);
    }

    private void wakeHungCalls() {
        for (FakeConnection connection : connections) {
            connection.wakeHungCalls();
        }
    }

    private static void checkRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be within [0, 1], was " + rate);
        }
    }
}
