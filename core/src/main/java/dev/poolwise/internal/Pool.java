package dev.poolwise.internal;

import dev.poolwise.CloseReason;
import dev.poolwise.ConnectionErrorClassifier;
import dev.poolwise.LeakReport;
import dev.poolwise.PoolConfig;
import dev.poolwise.PoolHealth;
import dev.poolwise.PoolInitializationException;
import dev.poolwise.PoolListener;
import dev.poolwise.PoolMode;
import dev.poolwise.PoolStats;
import dev.poolwise.internal.jdbc.ConnectionHandle;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool engine behind {@code PoolwiseDataSource}.
 *
 * <p><b>Threads.</b> Borrowers call {@link #borrow()} and {@link #release}; one opener thread opens physical
 * connections on demand (a borrower found nothing idle) or to keep {@code minimumIdle}; one housekeeper
 * thread retires, evicts, keeps alive, reports leaks and closes connections so that borrowers never wait on
 * a slow {@code close()}.
 *
 * <p><b>Invariant 2</b> (never more than {@code maximumPoolSize} physical connections open or opening) is
 * kept by {@link #slots}: a slot is taken by CAS before a connect starts and given back only after the
 * physical connection is closed or the connect has failed.
 *
 * <p><b>Invariant 3</b> (each physical connection closed exactly once) is kept by
 * {@link PooledConnection#claimClose()}: every path that closes goes through {@link #closeConnection}, and
 * only the caller that wins the claim touches the driver's connection.
 */
public final class Pool {

    private static final Logger LOG = LoggerFactory.getLogger(Pool.class);
    private static final long BACKOFF_START_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long BACKOFF_MAX_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long IDLE_FILL_BACKOFF_MAX_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Unpooled mode: how long a connection opened for a waiter that no longer needs it may stay idle. */
    private static final long UNPOOLED_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Runs {@code setNetworkTimeout} callbacks inline; pgjdbc and MariaDB ignore the executor anyway. */
    public static final Executor DIRECT_EXECUTOR = Runnable::run;
    /** {@code borrowedNanos} value of a connection nobody holds (see {@link #release}). */
    static final long NOT_BORROWED = Long.MIN_VALUE;

    final String name;
    final PoolConfig config;
    /** Whether borrows record thread, stack and statement times (only when leak detection is on). */
    final boolean tracksActivity;

    private final ConnectionFactory factory;
    private final ConnectionBag bag;
    private final ConnectionErrorClassifier classifier;
    private final PoolEvents events;
    /** Time source for connection ages and windows; see {@link Clock}. */
    final Clock clock;
    private final boolean unpooled;

    private final long connectionTimeoutNanos;
    private final long bypassNanos;
    private final int validationMillis;
    final long maxLifetimeNanos;
    final long idleTimeoutNanos;
    final long keepaliveNanos;
    final long leakThresholdNanos;

    /** Physical connections open or being opened (invariant 2). */
    private final AtomicInteger slots = new AtomicInteger();
    /** Of those, connections already claimed for closing whose driver close has not finished. */
    private final AtomicInteger closing = new AtomicInteger();
    private volatile int maximumPoolSize;
    private volatile int minimumIdle;

    private volatile boolean closed;
    /**
     * The current suspension, {@code null} when not suspended. Set by CAS from {@code null} (so concurrent
     * {@code suspend()} calls share one latch) and taken by {@code getAndSet(null)} in {@code resume()} and
     * {@code close()}, which count it down: every waiter parks on the one latch there is, so the resume or
     * close that ends the suspension releases all of them.
     */
    private final AtomicReference<CountDownLatch> suspension = new AtomicReference<>();

    private final ThreadPoolExecutor opener;
    private final AtomicBoolean fillScheduled = new AtomicBoolean();
    private final Runnable fillTask = this::fill;
    final ScheduledThreadPoolExecutor housekeeper;
    /** The periodic upkeep the {@link #housekeeper} thread runs; tests in this package run it directly. */
    final Housekeeper upkeep;
    /** The leak scan the {@link #housekeeper} thread runs when leak detection is on. */
    final LeakDetector leaks;
    private volatile SQLException lastConnectFailure;
    /** The last SQL error a validation ran into (masked), for the messages that explain a failed start. */
    private volatile SQLException lastValidationFailure;
    /** Whether a failing {@code connectionTestQuery} was reported yet (once per pool is enough). */
    private volatile boolean testQueryReported;
    /**
     * When the current run of failed connects began ({@link #clock}, never 0), or 0 while the last
     * connect succeeded. Written by whichever thread opens connections (the opener; borrowers in unpooled mode):
     * two failing at once may both set it, a few microseconds apart, which is harmless for a health judgement
     * measured in seconds.
     */
    private volatile long failingSinceNanos;

    private final AtomicLong ids = new AtomicLong();
    private final LongAdder created = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder validationFailures = new LongAdder();
    final LongAdder suspectedLeaks = new LongAdder();
    private final AtomicLongArray closedByReason = new AtomicLongArray(CloseReason.values().length);

    private final PoolMXBeanRegistration mbean;

    /** When the last borrow timed out ({@code 0}: never); read by {@link #health()}. */
    private volatile long lastTimeoutNanos;
    /** When {@link #health()} first saw the pool saturated with waiters ({@code 0}: not saturated). */
    private volatile long saturatedSinceNanos;
    static final long HEALTH_SATURATION_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final long HEALTH_TIMEOUT_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** How long connects must keep failing, with nothing idle, before a pool with borrowed connections is DOWN. */
    static final long HEALTH_CONNECT_FAILING_NANOS = TimeUnit.SECONDS.toNanos(5);

    /**
     * Builds and starts a pool, following {@code initializationFailTimeout}.
     *
     * @param config the validated configuration
     * @throws PoolInitializationException when the first connection cannot be had as the configuration demands
     */
    public Pool(PoolConfig config) {
        this(config, Clock.SYSTEM);
    }

    /** For tests in this package: a pool on the given time source. */
    Pool(PoolConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.name = config.getPoolName();
        this.unpooled = config.getMode() == PoolMode.UNPOOLED;
        this.factory = new ConnectionFactory(config);
        this.classifier = config.getConnectionErrorClassifier();
        this.events = new PoolEvents(name, config.getListeners().toArray(new PoolListener[0]));
        this.connectionTimeoutNanos = config.getConnectionTimeout().toNanos();
        this.bypassNanos = config.getValidationBypassWindow().toNanos();
        this.validationMillis = (int) Math.min(Integer.MAX_VALUE, config.getValidationTimeout().toMillis());
        this.maxLifetimeNanos = config.getMaxLifetime().toNanos();
        this.idleTimeoutNanos = unpooled ? Math.min(UNPOOLED_IDLE_NANOS, positiveOr(config.getIdleTimeout().toNanos(),
                UNPOOLED_IDLE_NANOS)) : config.getIdleTimeout().toNanos();
        this.keepaliveNanos = keepalive(config);
        this.leakThresholdNanos = config.getLeakDetectionThreshold().toNanos();
        this.tracksActivity = leakThresholdNanos > 0;
        this.maximumPoolSize = config.getMaximumPoolSize();
        this.minimumIdle = unpooled ? 0 : config.getMinimumIdle();
        this.bag = new ConnectionBag(this::requestConnection, closedMarker());
        this.upkeep = new Housekeeper(this);
        this.leaks = new LeakDetector(this);

        this.opener = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon("poolwise-" + name + "-opener"));
        this.opener.allowCoreThreadTimeOut(true);
        this.housekeeper = new ScheduledThreadPoolExecutor(1, daemon("poolwise-" + name + "-housekeeper"));
        this.housekeeper.setRemoveOnCancelPolicy(true);
        this.housekeeper.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);

        LOG.info("{} - starting: {} (mode={}, maximumPoolSize={}, minimumIdle={})", name, factory.describe(),
                config.getMode().name().toLowerCase(), maximumPoolSize, minimumIdle);
        try {
            checkFailFast();
        } catch (RuntimeException e) {
            closed = true; // a first connect finishing late closes its connection instead of keeping it
            shutdownExecutors(System.nanoTime() + config.getShutdownTimeout().toNanos());
            closeAllIdleNow(CloseReason.SHUTDOWN);
            throw e;
        }
        long period = upkeep.periodNanos();
        housekeeper.scheduleWithFixedDelay(upkeep::run, period, period, TimeUnit.NANOSECONDS);
        if (tracksActivity) {
            long leakPeriod = leaks.periodNanos();
            housekeeper.scheduleWithFixedDelay(leaks::run, leakPeriod, leakPeriod, TimeUnit.NANOSECONDS);
        }
        this.mbean = config.isRegisterMbeans() ? PoolMXBeanRegistration.register(this) : null;
        requestFill();
        LOG.info("{} - started", name);
    }

    /** A connection-less entry that {@link ConnectionBag#close} hands to waiters; its state is final. */
    private PooledConnection closedMarker() {
        PooledConnection marker = new PooledConnection(-1, null, this, 0, 0,
                new PooledConnection.DefaultState(true, false, 0, null, null, -1));
        marker.markRemoved();
        return marker;
    }

    private static long positiveOr(long value, long fallback) {
        return value > 0 ? value : fallback;
    }

    private static long keepalive(PoolConfig config) {
        long keepalive = config.getKeepaliveTime().toNanos();
        long lifetime = config.getMaxLifetime().toNanos();
        if (keepalive > 0 && lifetime > 0 && keepalive >= lifetime) {
            LOG.warn("{} - keepaliveTime ({}) is not below maxLifetime ({}): connections retire before a keepalive "
                    + "would run, so keepalive is off", config.getPoolName(),
                    DurationText.format(config.getKeepaliveTime()), DurationText.format(config.getMaxLifetime()));
            return 0;
        }
        return keepalive;
    }

    // ------------------------------------------------------------------ borrow and return

    /**
     * Borrows a connection (invariant 6: returns one or throws within {@code connectionTimeout}).
     *
     * <p><b>What is timed.</b> A borrow served at once (from this thread's recent connections or the shared
     * list) reads the clock once, after the hit: the lifetime check, the validation bypass window and the
     * borrow time (which the return path reuses, so a plain return reads no clock) need it. The start of the
     * borrow is read only when the fast path misses and the borrower has to wait, since only a wait has a
     * {@code connectionTimeout} to keep; and when listeners are registered, which are told how long the
     * borrow took.
     *
     * @return a handle on a validated connection
     * @throws SQLException on timeout (naming the pool, its counts and the last connect failure), when the
     *                      pool is closed, or when interrupted (the interrupt status is kept)
     */
    public Connection borrow() throws SQLException {
        if (closed) {
            throw new SQLException(name + " - the pool is closed; no connection can be borrowed", "08003");
        }
        boolean timed = events.any();
        long start = timed ? System.nanoTime() : 0;
        try {
            if (suspension.get() != null) {
                if (!timed) {
                    timed = true;
                    start = System.nanoTime();
                }
                awaitResume(start);
            }
            PooledConnection connection = bag.tryBorrow();
            while (true) {
                if (connection == null) {
                    if (!timed) {
                        timed = true;
                        start = System.nanoTime();
                    }
                    long remaining = connectionTimeoutNanos - (System.nanoTime() - start);
                    if (remaining <= 0 || closed || (connection = bag.borrow(remaining)) == null) {
                        break;
                    }
                }
                // After a wait, the bypass window is judged at the start of the borrow: a connection opened,
                // returned or validated while this borrower waited is fresh enough, and needs no round trip.
                long now = clock.nanoTime();
                CloseReason doomed = connection.doomed;
                if (doomed == null && maxLifetimeNanos > 0 && now - connection.retireAtNanos >= 0) {
                    doomed = CloseReason.LIFETIME;
                }
                if (doomed != null || closed) {
                    closeConnection(connection, closed ? CloseReason.SHUTDOWN : doomed);
                } else if ((timed ? start : now) - connection.lastAliveNanos > bypassNanos
                        && !validateOnBorrow(connection, timed ? remainingMillis(start) : connectionTimeoutMillis())) {
                    validationFailed(connection);
                } else {
                    connection.borrowedNanos = now;
                    connection.lastBorrowedNanos = now;
                    if (tracksActivity) {
                        connection.borrowThread = Thread.currentThread();
                        connection.borrowSite = new Throwable("borrowed here");
                        connection.lastStatementNanos = NOT_BORROWED;
                    }
                    if (events.any()) {
                        events.acquired(System.nanoTime() - start);
                    }
                    return new ConnectionHandle(connection);
                }
                if (closed) {
                    break;
                }
                connection = null;
            }
            if (closed) {
                throw new SQLException(name + " - the pool was closed while this thread waited for a connection",
                        "08003");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException(name + " - interrupted after waiting " + millisSince(start)
                    + " ms for a connection " + counts(), "08001", e);
        }
        throw acquireTimeout(start);
    }

    private long connectionTimeoutMillis() {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(connectionTimeoutNanos));
    }

    /**
     * Takes back a connection whose handle was closed and whose state the handle has reset. Decides whether it
     * goes back to the bag or is closed (doomed, retired, pool shrunk or closed, unpooled mode).
     *
     * <p>The validation bypass window is measured from the start of the connection's last borrow (when it
     * was last known to work), not from this return: the plain return path then reads no clock (one clock
     * read per borrow-and-return in all), and a connection held longer than the window is validated on its
     * next borrow, which errs on the side of checking.
     *
     * @param connection a connection the caller holds {@code IN_USE}
     */
    public void release(PooledConnection connection) {
        long borrowed = connection.borrowedNanos;
        if (events.any() || tracksActivity) {
            noteReturn(connection, borrowed, clock.nanoTime());
        }
        connection.lastAliveNanos = borrowed;
        if (tracksActivity) {
            // Written before the state goes back to IDLE, so a leak scan that sees the next borrow's IN_USE
            // sees this value or the next borrower's, never the previous borrow's time.
            connection.borrowedNanos = NOT_BORROWED;
        }
        CloseReason reason = connection.doomed;
        if (reason == null) {
            if (closed) {
                reason = CloseReason.SHUTDOWN;
            } else if (unpooled) {
                reason = CloseReason.UNPOOLED;
            } else if (keptConnections() > maximumPoolSize) {
                reason = CloseReason.RESIZED;
            }
        }
        if (reason != null) {
            closeConnection(connection, reason);
        } else {
            bag.requite(connection);
        }
    }

    /** Listener and leak bookkeeping for a return, when either is on. */
    private void noteReturn(PooledConnection connection, long borrowed, long now) {
        if (events.any()) {
            events.returned(now - borrowed);
        }
        if (!tracksActivity) {
            return;
        }
        if (connection.leakReported) {
            long heldNanos = now - borrowed;
            LOG.info("{} - connection {} reported as a suspected leak came back after {} ms", name,
                    connection.id, TimeUnit.NANOSECONDS.toMillis(heldNanos));
            events.leakReturned(connection.id, heldNanos);
            connection.leakReported = false;
        }
        connection.borrowThread = null;
        connection.borrowSite = null;
    }

    /**
     * Classifies an error seen through a handle; a fatal one dooms the connection (invariant 7).
     *
     * @return whether the error is fatal
     */
    public boolean isFatal(SQLException error) {
        try {
            return classifier.isFatal(error);
        } catch (RuntimeException e) {
            LOG.warn("{} - connectionErrorClassifier threw {}; treating the SQL error as not fatal", name, e.toString());
            return false;
        }
    }

    /** What is left of the borrower's {@code connectionTimeout}, in milliseconds, at least 1. */
    private long remainingMillis(long start) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(connectionTimeoutNanos - (System.nanoTime() - start)));
    }

    /**
     * Validation on borrow, for a connection the borrower owns. Whatever escapes the driver (an
     * {@code Error} included) must not leave the connection {@code IN_USE} with nobody holding it: the
     * connection is closed, its slot given back, and the throwable rethrown.
     */
    private boolean validateOnBorrow(PooledConnection connection, long start) {
        try {
            return isAlive(connection, remainingMillis(start));
        } catch (Throwable e) {
            closeConnection(connection, CloseReason.VALIDATION_FAILED);
            throw e;
        }
    }

    boolean isAlive(PooledConnection connection) {
        return isAlive(connection, validationMillis);
    }

    /**
     * Validates a connection within {@code validationTimeout}, or within {@code budgetMillis} if that is less,
     * so that a validation on borrow never carries the borrower past its {@code connectionTimeout}
     * (invariant 6). The network timeout bounds it to the millisecond where the driver supports one; the
     * {@code isValid} and query timeouts are in whole seconds, at least 1.
     */
    boolean isAlive(PooledConnection connection, long budgetMillis) {
        int timeoutMillis = (int) Math.max(1, Math.min(validationMillis, budgetMillis));
        int timeoutSeconds = (int) Math.max(1, (timeoutMillis + 999L) / 1000);
        Connection raw = connection.raw;
        boolean timeoutSet = false;
        try {
            if (connection.defaults.networkTimeout >= 0) {
                raw.setNetworkTimeout(DIRECT_EXECUTOR, timeoutMillis);
                timeoutSet = true;
            }
            boolean alive;
            String query = config.getConnectionTestQuery();
            if (query == null) {
                alive = raw.isValid(timeoutSeconds);
            } else {
                try (Statement statement = raw.createStatement()) {
                    statement.setQueryTimeout(timeoutSeconds);
                    statement.execute(query);
                }
                if (!connection.defaults.autoCommit) {
                    raw.rollback();
                }
                alive = true;
            }
            if (timeoutSet) {
                raw.setNetworkTimeout(DIRECT_EXECUTOR, connection.defaults.networkTimeout);
            }
            if (alive) {
                connection.lastAliveNanos = clock.nanoTime();
            }
            return alive;
        } catch (SQLException e) {
            SQLException masked = MaskedFailure.of(e);
            lastValidationFailure = masked;
            String query = config.getConnectionTestQuery();
            if (query != null && !isFatal(e) && !testQueryReported) {
                // Not a connection problem but the query itself (a typo, a missing table or grant): say so once,
                // naming the setting, since every validation will fail the same way until it is fixed.
                testQueryReported = true;
                LOG.warn("{} - connectionTestQuery = '{}' failed: {} (SQLState {}); fix the query, or remove "
                        + "connectionTestQuery to validate with Connection.isValid", name, query,
                        masked.getMessage(), masked.getSQLState());
            }
            LOG.debug("{} - connection {} failed validation: {}", name, connection.id, masked.toString());
            return false;
        } catch (RuntimeException e) {
            LOG.debug("{} - connection {} failed validation: {}", name, connection.id,
                    JdbcUrlMask.mask(e.toString()));
            return false;
        } catch (LinkageError e) {
            // An old driver compiled before JDBC 4 has no isValid (AbstractMethodError): a failed validation,
            // with advice, rather than an Error that would leave the borrower's connection unreleased.
            LOG.warn("{} - connection {} cannot be validated: {}; set connectionTestQuery for this driver", name,
                    connection.id, e.toString());
            return false;
        }
    }

    void validationFailed(PooledConnection connection) {
        validationFailures.increment();
        events.validationFailed(connection.id);
        closeConnection(connection, CloseReason.VALIDATION_FAILED);
    }

    /** Waits out a suspension, within the borrower's {@code connectionTimeout}. */
    private void awaitResume(long start) throws InterruptedException, SQLException {
        CountDownLatch latch;
        while ((latch = suspension.get()) != null) {
            long remaining = connectionTimeoutNanos - (System.nanoTime() - start);
            if (remaining <= 0 || !latch.await(remaining, TimeUnit.NANOSECONDS)) {
                throw acquireTimeout(start, " while the pool was suspended");
            }
        }
    }

    private SQLException acquireTimeout(long start) {
        return acquireTimeout(start, "");
    }

    private SQLException acquireTimeout(long start, String circumstance) {
        long waited = System.nanoTime() - start;
        long now = clock.nanoTime();
        timeouts.increment();
        lastTimeoutNanos = now == 0 ? 1 : now;
        events.acquireTimeout(waited);
        SQLException cause = lastConnectFailure;
        String message = name + " - connection is not available, request timed out after " + TimeUnit.NANOSECONDS.toMillis(waited)
                + "ms" + circumstance + " " + counts();
        if (cause != null) {
            message += "; last connect failure: " + MaskedFailure.message(cause);
        }
        // 08001 ("could not connect") only when connects are failing, as the last failure's own state; a pool
        // that is merely busy has no SQLState, as in HikariCP 7.1 and Agroal, so that retry logic and error
        // classifiers do not take a healthy database for an unreachable one.
        return new SQLTransientConnectionException(message, cause != null ? cause.getSQLState() : null, cause);
    }

    /** The counts HikariCP users know from its timeout message. */
    String counts() {
        return "(total=" + slots.get() + ", active=" + bag.count(PooledConnection.IN_USE) + ", idle="
                + bag.count(PooledConnection.IDLE) + ", waiting=" + bag.waiters() + ")";
    }

    // ------------------------------------------------------------------ opening

    /** Called by a borrower that found nothing idle; cheap and non-blocking. */
    private void requestConnection() {
        if (!closed && slots.get() < maximumPoolSize) {
            requestFill();
        }
    }

    /** Asks the opener to run when someone waits or the pool is below its idle target and maximum. */
    void requestFillIfNeeded() {
        if (!closed && needsConnection()) {
            requestFill();
        }
    }

    /** Asks the opener to run, unless it already is scheduled. */
    void requestFill() {
        if (closed || !fillScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            opener.execute(fillTask);
        } catch (RejectedExecutionException e) {
            fillScheduled.set(false);
        }
    }

    /**
     * The opener's loop: opens connections while someone waits or the pool is below {@code minimumIdle}.
     * Connections for waiters and for the idle target come from the same queue-free loop and go to the bag,
     * which hands each to the longest waiter first, so no borrower waits behind a connection nobody asked
     * for. On failure it retries with backoff (capped at 1 s while a borrower waits, whose own timeout bounds
     * the wait, and at 5 s when it is only filling to the idle target) until nothing is needed any more.
     */
    private void fill() {
        long backoff = BACKOFF_START_NANOS;
        while (!closed && suspension.get() == null) {
            fillScheduled.set(false);
            if (!needsConnection()) {
                return;
            }
            if (!reserveSlot()) {
                return;
            }
            if (openOne()) {
                backoff = BACKOFF_START_NANOS;
                continue;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            // Waiters retry at most every second; filling to minimumIdle backs off further.
            backoff = Math.min(bag.waiters() > 0 ? BACKOFF_MAX_NANOS : IDLE_FILL_BACKOFF_MAX_NANOS, backoff * 2);
        }
    }

    private boolean needsConnection() {
        if (slots.get() >= maximumPoolSize) {
            return false;
        }
        return bag.waiters() > 0 || bag.count(PooledConnection.IDLE) < minimumIdle;
    }

    private boolean reserveSlot() {
        while (true) {
            int current = slots.get();
            if (current >= maximumPoolSize) {
                return false;
            }
            if (slots.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /**
     * Opens one connection into a slot the caller reserved; gives the slot back on failure.
     *
     * @return whether a connection was added
     */
    private boolean openOne() {
        PooledConnection connection = openInto();
        if (connection == null) {
            return false;
        }
        bag.add(connection);
        return true;
    }

    /** Opens a connection into a reserved slot, or releases the slot and records the failure. */
    private PooledConnection openInto() {
        long start = clock.nanoTime();
        ConnectionFactory.Opened opened;
        try {
            opened = factory.open();
        } catch (SQLException | RuntimeException e) {
            slots.decrementAndGet();
            SQLException failure = e instanceof SQLException sql ? sql
                    : new SQLException("opening a connection failed: " + e, "08001", e);
            connectFailed(failure);
            return null;
        }
        long now = clock.nanoTime();
        long retireAt = now + maxLifetimeNanos - lifetimeJitter();
        PooledConnection connection = new PooledConnection(ids.incrementAndGet(), opened.raw, this, now, retireAt,
                opened.defaults);
        connection.borrowedNanos = NOT_BORROWED;
        connection.lastBorrowedNanos = now;
        lastConnectFailure = null;
        failingSinceNanos = 0;
        created.increment();
        events.created(connection.id, now - start);
        if (maxLifetimeNanos > 0 && !closed) {
            try {
                connection.retirement = housekeeper.schedule(() -> retire(connection), retireAt - now,
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // The pool is closing; the connection is closed with it.
            }
        }
        if (closed) {
            closeConnection(connection, CloseReason.SHUTDOWN);
            return null;
        }
        return connection;
    }

    /** Up to 2.5 % of maxLifetime, so that connections opened together do not all retire together. */
    private long lifetimeJitter() {
        if (maxLifetimeNanos <= TimeUnit.SECONDS.toNanos(10)) {
            return 0;
        }
        return ThreadLocalRandom.current().nextLong(maxLifetimeNanos / 40);
    }

    private void connectFailed(SQLException driverFailure) {
        // Masked once here, so every later use (timeout cause, health, JMX, logs, listeners) is masked.
        SQLException failure = MaskedFailure.of(driverFailure);
        if (failingSinceNanos == 0) {
            long now = clock.nanoTime();
            failingSinceNanos = now == 0 ? 1 : now;
        }
        lastConnectFailure = failure;
        connectFailures.increment();
        LOG.debug("{} - cannot open a connection to {}: {}", name, factory.describe(),
                JdbcUrlMask.mask(failure.toString()));
        events.connectFailed(failure);
    }

    /** Retires a connection at the end of its lifetime: now if idle, else when it comes back. */
    private void retire(PooledConnection connection) {
        if (connection.tryReserve()) {
            closeConnection(connection, CloseReason.LIFETIME);
            requestFill();
        } else {
            connection.doom(CloseReason.LIFETIME);
        }
    }

    /**
     * HikariCP's {@code initializationFailTimeout}: positive, keep trying that long for a first connection;
     * zero, try once and fail only if it opens but is invalid; negative, do not try.
     */
    private void checkFailFast() {
        long timeoutMillis = config.getInitializationFailTimeoutMillis();
        if (timeoutMillis < 0) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long backoff = BACKOFF_START_NANOS;
        while (true) {
            if (reserveSlot()) {
                PooledConnection connection = openFirst();
                if (connection != null) {
                    if (!isAlive(connection)) {
                        closeConnection(connection, CloseReason.VALIDATION_FAILED);
                        throw firstValidationFailed();
                    }
                    keepFirst(connection);
                    return;
                }
            }
            if (timeoutMillis == 0) {
                LOG.warn("{} - cannot open a first connection to {}; starting anyway (initializationFailTimeout=0): {}",
                        name, factory.describe(), JdbcUrlMask.mask(String.valueOf(lastConnectFailure)));
                return;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                SQLException failure = lastConnectFailure;
                throw new PoolInitializationException(name + " - cannot open a first connection to "
                        + factory.describe() + " within initializationFailTimeout (" + timeoutMillis + " ms)"
                        + (failure != null ? ": " + JdbcUrlMask.mask(failure.getMessage()) : ""), failure);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(remaining, backoff));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PoolInitializationException(name + " - interrupted while opening a first connection",
                        lastConnectFailure);
            }
            backoff = Math.min(BACKOFF_MAX_NANOS, backoff * 2);
        }
    }

    /** Names the setting and the SQL error when the first connection opened but failed validation. */
    private PoolInitializationException firstValidationFailed() {
        SQLException failure = lastValidationFailure;
        String query = config.getConnectionTestQuery();
        String how = query != null ? "connectionTestQuery = '" + query + "'" : "Connection.isValid";
        String why = failure != null ? ": " + failure.getMessage() + " (SQLState " + failure.getSQLState() + ")"
                : " (it returned false)";
        String advice = query != null && failure != null && !isFatal(failure)
                ? "; fix connectionTestQuery, or remove it to validate with Connection.isValid" : "";
        return new PoolInitializationException(name + " - the first connection to " + factory.describe()
                + " opened but failed validation with " + how + why + advice, failure);
    }

    /**
     * Opens the first connection on the opener thread into a slot the caller reserved, and waits for it at
     * most {@code connectionTimeout} plus a second (drivers count their timeouts in whole seconds). The
     * constructing thread never sits in a driver's connect itself, so a driver that ignores its timeout
     * property cannot hang {@code new PoolwiseDataSource(config)}. A connect that finishes after the wait
     * was given up is kept like any other first connection (or closed with the pool).
     *
     * @return the connection, or {@code null} when the connect failed or did not finish in time
     */
    private PooledConnection openFirst() {
        CompletableFuture<PooledConnection> result = new CompletableFuture<>();
        try {
            opener.execute(() -> {
                PooledConnection connection = openInto();
                if (!result.complete(connection) && connection != null) {
                    keepFirst(connection); // the constructor gave up waiting; it is an ordinary connection now
                }
            });
        } catch (RejectedExecutionException e) {
            slots.decrementAndGet();
            return null;
        }
        try {
            return result.get(connectionTimeoutNanos + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (result.complete(null)) {
                connectFailed(new SQLTransientConnectionException("the connect did not finish within "
                        + "connectionTimeout (" + DurationText.format(config.getConnectionTimeout())
                        + "); the database accepts connections but does not answer", "08001"));
                return null;
            }
            return result.getNow(null);
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            result.complete(null);
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A first connection stays idle when the pool keeps idle connections; otherwise it is closed. */
    private void keepFirst(PooledConnection connection) {
        if (minimumIdle > 0 && !closed) {
            bag.add(connection);
        } else {
            closeConnection(connection, closed ? CloseReason.SHUTDOWN
                    : unpooled ? CloseReason.UNPOOLED : CloseReason.IDLE);
        }
    }

    // ------------------------------------------------------------------ closing

    /**
     * Closes a physical connection the caller owns ({@code IN_USE} or {@code RESERVED}) or that the pool is
     * shutting down. The driver's {@code close()} runs on the housekeeper thread so that a borrower never
     * waits on it; the slot is given back only after it returns (invariant 2).
     */
    void closeConnection(PooledConnection connection, CloseReason reason) {
        if (!connection.claimClose()) {
            return;
        }
        connection.markRemoved();
        closing.incrementAndGet();
        bag.remove(connection);
        ScheduledFuture<?> retirement = connection.retirement;
        if (retirement != null) {
            retirement.cancel(false);
        }
        Runnable close = () -> closePhysical(connection, reason);
        if (closed) {
            close.run();
            return;
        }
        try {
            housekeeper.execute(close);
        } catch (RejectedExecutionException e) {
            close.run();
        }
    }

    private void closePhysical(PooledConnection connection, CloseReason reason) {
        try {
            if (reason == CloseReason.ABORTED) {
                connection.raw.abort(DIRECT_EXECUTOR);
            } else {
                connection.raw.close();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("{} - closing connection {} ({}) failed: {}", name, connection.id, reason,
                    JdbcUrlMask.mask(e.toString()));
        } finally {
            closing.decrementAndGet();
            slots.decrementAndGet();
            closedByReason.incrementAndGet(reason.ordinal());
            events.closed(connection.id, reason);
            requestFillIfNeeded();
        }
    }

    private void closeAllIdleNow(CloseReason reason) {
        for (PooledConnection connection : bag.snapshot()) {
            if (connection.tryReserve()) {
                closeConnection(connection, reason);
            }
        }
    }

    /**
     * Invariant 9: no new borrows; idle connections close now; borrowed ones close on return, or are
     * aborted once {@code shutdownTimeout} has passed.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CountDownLatch suspended = suspension.getAndSet(null);
        if (suspended != null) {
            suspended.countDown(); // suspended borrowers wake, see closed, and fail at once
        }
        // One deadline for everything below, so that close() returns within shutdownTimeout (plus the time
        // the driver takes to close or abort the connections still open then).
        long deadline = System.nanoTime() + config.getShutdownTimeout().toNanos();
        LOG.info("{} - shutting down {}", name, counts());
        opener.shutdownNow();
        bag.close(Math.min(TimeUnit.SECONDS.toNanos(1), config.getShutdownTimeout().toNanos()));
        closeAllIdleNow(CloseReason.SHUTDOWN);
        while (bag.size() > 0 && System.nanoTime() - deadline < 0) {
            closeAllIdleNow(CloseReason.SHUTDOWN);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (PooledConnection connection : bag.snapshot()) {
            if (connection.isInUse()) {
                LOG.warn("{} - connection {} still borrowed after shutdownTimeout ({}); aborting it", name,
                        connection.id, DurationText.format(config.getShutdownTimeout()));
            }
            closeConnection(connection, connection.isIdle()
                    ? CloseReason.SHUTDOWN : CloseReason.ABORTED);
        }
        shutdownExecutors(deadline);
        if (mbean != null) {
            mbean.unregister();
        }
        events.poolClosed();
        LOG.info("{} - shut down", name);
    }

    /**
     * Stops the opener and housekeeper threads, waiting for them until {@code deadline} at most: a thread
     * stuck in a driver call (a connect into a silent network) is left to finish on its own; it is a daemon
     * and whatever it opens is closed because the pool is closed.
     */
    private void shutdownExecutors(long deadline) {
        opener.shutdownNow();
        housekeeper.shutdown();
        try {
            if (!housekeeper.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                housekeeper.shutdownNow();
            }
            opener.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether {@link #close()} has been called */
    public boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------ operations

    /** Closes every idle connection now; the pool refills to {@code minimumIdle}. */
    public void evictIdle() {
        closeAllIdleNow(CloseReason.EVICTED);
        requestFill();
    }

    /** Closes idle connections now and borrowed ones when they come back. */
    public void softEvictAll() {
        for (PooledConnection connection : bag.snapshot()) {
            connection.doom(CloseReason.EVICTED);
        }
        closeAllIdleNow(CloseReason.EVICTED);
        requestFill();
    }

    /** @param connection a borrowed connection to close when it comes back */
    public void evict(PooledConnection connection) {
        connection.doom(CloseReason.EVICTED);
    }

    /** Holds new borrows until {@link #resume()}; borrowed connections are unaffected. */
    public void suspend() {
        if (!config.isAllowPoolSuspension()) {
            throw new IllegalStateException(name + " - suspend() needs allowPoolSuspension = true (it is false)");
        }
        if (suspension.compareAndSet(null, new CountDownLatch(1))) {
            LOG.info("{} - suspended", name);
        }
    }

    /** Lets borrows through again after {@link #suspend()}. */
    public void resume() {
        CountDownLatch latch = suspension.getAndSet(null);
        if (latch != null) {
            latch.countDown();
            LOG.info("{} - resumed", name);
            requestFill();
        }
    }

    /** @return whether the pool is suspended */
    public boolean isSuspended() {
        return suspension.get() != null;
    }

    /**
     * Changes the pool's size while it runs. Shrinking closes idle connections above the new maximum now
     * and borrowed ones as they come back.
     */
    public void resize(int newMaximum, int newMinimumIdle) {
        List<String> problems = new ArrayList<>();
        if (newMaximum < 1) {
            problems.add("maximumPoolSize = " + newMaximum + ": must be at least 1");
        }
        if (newMinimumIdle < 0 || newMinimumIdle > Math.max(newMaximum, 1)) {
            problems.add("minimumIdle = " + newMinimumIdle + ": must be between 0 and maximumPoolSize (" + newMaximum + ")");
        }
        if (!problems.isEmpty()) {
            throw new dev.poolwise.PoolConfigException(problems);
        }
        int oldMaximum = maximumPoolSize;
        maximumPoolSize = newMaximum;
        minimumIdle = unpooled ? 0 : newMinimumIdle;
        LOG.info("{} - resized: maximumPoolSize {} -> {}, minimumIdle -> {}", name, oldMaximum, newMaximum, minimumIdle);
        shrinkIdle();
        requestFill();
    }

    /** Closes idle connections while more are open than the maximum allows. */
    void shrinkIdle() {
        List<PooledConnection> idle = idleConnections();
        idle.sort(Comparator.comparingLong(c -> c.idleSinceNanos));
        for (PooledConnection connection : idle) {
            if (keptConnections() <= maximumPoolSize) {
                return;
            }
            if (connection.tryReserve()) {
                closeConnection(connection, CloseReason.RESIZED);
            }
        }
    }

    // ------------------------------------------------------------------ observation

    /** @return a snapshot of counts and counters */
    public PoolStats stats() {
        Map<CloseReason, Long> closedCounts = new EnumMap<>(CloseReason.class);
        for (CloseReason reason : CloseReason.values()) {
            long n = closedByReason.get(reason.ordinal());
            if (n > 0) {
                closedCounts.put(reason, n);
            }
        }
        return new PoolStats(name, slots.get(), bag.count(PooledConnection.IN_USE), bag.count(PooledConnection.IDLE),
                bag.waiters(), maximumPoolSize, minimumIdle, created.sum(), closedCounts, connectFailures.sum(),
                timeouts.sum(), validationFailures.sum(), suspectedLeaks.sum());
    }

    /**
     * DOWN when no physical connection is open and the last connect failed; DEGRADED when every connection
     * is in use with threads waiting on this and earlier calls at least 5 s apart, when a borrow timed out in
     * the last 60 s, or when connections are suspected of leaking; UP otherwise.
     *
     * @return the pool's health now
     */
    public PoolHealth health() {
        long now = clock.nanoTime();
        SQLException failure = lastConnectFailure;
        int total = slots.get();
        if (closed) {
            return new PoolHealth(PoolHealth.Status.DOWN, "the pool is closed", null);
        }
        if (failure != null && total == 0) {
            return new PoolHealth(PoolHealth.Status.DOWN, "cannot connect: " + MaskedFailure.message(failure), failure);
        }
        long failingSince = failingSinceNanos;
        if (failure != null && failingSince != 0 && now - failingSince >= HEALTH_CONNECT_FAILING_NANOS
                && bag.count(PooledConnection.IDLE) == 0) {
            // Connections still borrowed (a long transaction, a leak) do not make a pool that has failed to
            // connect for seconds and has nothing idle to hand out any less unable to serve a new borrower.
            return new PoolHealth(PoolHealth.Status.DOWN, "cannot connect for "
                    + TimeUnit.NANOSECONDS.toSeconds(now - failingSince) + " s, nothing idle (" + total
                    + " connection(s) still borrowed): " + MaskedFailure.message(failure), failure);
        }
        int waiting = bag.waiters();
        boolean saturated = waiting > 0 && bag.count(PooledConnection.IDLE) == 0 && total >= maximumPoolSize;
        if (!saturated) {
            saturatedSinceNanos = 0;
        } else if (saturatedSinceNanos == 0) {
            saturatedSinceNanos = now == 0 ? 1 : now;
        } else if (now - saturatedSinceNanos >= HEALTH_SATURATION_NANOS) {
            return new PoolHealth(PoolHealth.Status.DEGRADED, "saturated: all " + total + " connections in use and "
                    + waiting + " threads waiting for " + TimeUnit.NANOSECONDS.toSeconds(now - saturatedSinceNanos)
                    + " s", null);
        }
        long lastTimeout = lastTimeoutNanos;
        if (lastTimeout != 0 && now - lastTimeout < HEALTH_TIMEOUT_WINDOW_NANOS) {
            return new PoolHealth(PoolHealth.Status.DEGRADED, "a borrow timed out "
                    + TimeUnit.NANOSECONDS.toSeconds(now - lastTimeout) + " s ago (" + timeouts.sum()
                    + " timeouts since start)", null);
        }
        int leaks = 0;
        for (PooledConnection connection : bag.snapshot()) {
            if (connection.isInUse() && connection.leakReported) {
                leaks++;
            }
        }
        if (leaks > 0) {
            return new PoolHealth(PoolHealth.Status.DEGRADED, leaks + " connection(s) suspected of leaking; see "
                    + "suspectedLeaks()", null);
        }
        return new PoolHealth(PoolHealth.Status.UP, "ok", null);
    }

    /** @return reports on the connections currently suspected of leaking */
    public List<LeakReport> suspectedLeakReports() {
        List<LeakReport> reports = new ArrayList<>();
        long now = clock.nanoTime();
        for (PooledConnection connection : bag.snapshot()) {
            if (connection.isInUse() && connection.leakReported) {
                LeakReport report = LeakDetector.report(this, connection, now);
                if (report != null) {
                    reports.add(report);
                }
            }
        }
        return reports;
    }

    /** @return the last connect failure, or {@code null} if the last connect succeeded */
    public SQLException lastConnectFailure() {
        return lastConnectFailure;
    }

    List<PooledConnection> connections() {
        return bag.snapshot();
    }

    /** @return the connections idle at the moment of the call (a snapshot; any may be borrowed since) */
    List<PooledConnection> idleConnections() {
        List<PooledConnection> idle = new ArrayList<>();
        for (PooledConnection connection : bag.snapshot()) {
            if (connection.isIdle()) {
                idle.add(connection);
            }
        }
        return idle;
    }

    int idleCount() {
        return bag.count(PooledConnection.IDLE);
    }

    int waiters() {
        return bag.waiters();
    }

    int minimumIdle() {
        return minimumIdle;
    }

    int maximumPoolSize() {
        return maximumPoolSize;
    }

    int total() {
        return slots.get();
    }

    /** Connections open or opening that the pool means to keep: not already on their way to close. */
    private int keptConnections() {
        return slots.get() - closing.get();
    }

    /** Puts a connection the housekeeper reserved back, unless it was doomed meanwhile. */
    void unreserve(PooledConnection connection) {
        CloseReason doomed = connection.doomed;
        if (doomed != null || closed) {
            closeConnection(connection, closed ? CloseReason.SHUTDOWN : doomed);
        } else {
            bag.requite(connection);
        }
    }

    PoolEvents events() {
        return events;
    }

    /** @return the pool's name */
    public String name() {
        return name;
    }

    /** @return the configuration the pool was built from (its sizes may since have been changed by resize) */
    public PoolConfig config() {
        return config;
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static java.util.concurrent.ThreadFactory daemon(String threadName) {
        return runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return "Pool[" + name + " " + counts() + "]";
    }
}
