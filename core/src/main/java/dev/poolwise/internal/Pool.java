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
import dev.poolwise.SizingMode;
import dev.poolwise.internal.sizing.FleetCeilingSource;
import dev.poolwise.internal.sizing.SizingWindowRecorder;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
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
 * <p><b>Roles.</b> This class holds the pool's shared state, its lifecycle, the entry points and the admin
 * operations; the rest is split by role into classes that read that state: {@link ConnectionBorrow} and
 * {@link ConnectionReturn} (the borrow and return paths), {@link ConnectionOpener} (fill,
 * backoff, first connection, retirement), {@link ConnectionCloser}, {@link ConnectionValidator},
 * {@link PoolHealthTracker}, {@link PoolEvents} (listener fan-out), {@link Housekeeper} and
 * {@link LeakDetector}, and in adaptive sizing {@link SizingControlLoop}.
 *
 * <p><b>Invariant 2</b> (never more than {@code maximumPoolSize} physical connections open or opening) is
 * kept by {@link #slots}: a slot is taken by CAS against {@link #targetSize()} (never above
 * {@code maximumPoolSize}) before a connect starts and given back only after the physical connection is closed
 * or the connect has failed.
 *
 * <p><b>Invariant 3</b> (each physical connection closed exactly once) is kept by
 * {@link PooledConnection#claimClose()}: every path that closes goes through {@link ConnectionCloser#closeConnection}, and
 * only the caller that wins the claim touches the driver's connection.
 */
public final class Pool {

    private static final Logger LOG = LoggerFactory.getLogger(Pool.class);
    /** Unpooled mode: how long a connection opened for a waiter that no longer needs it may stay idle. */
    private static final long UNPOOLED_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Runs {@code setNetworkTimeout} callbacks inline; pgjdbc and MariaDB ignore the executor anyway. */
    public static final Executor DIRECT_EXECUTOR = Runnable::run;
    /** {@code borrowedNanos} value of a connection nobody holds (see {@link #release}). */
    static final long NOT_BORROWED = Long.MIN_VALUE;

    // ---- shared state, package-private so the role classes in this package read it. Final fields are set
    // in the constructor. Of the volatile ones: maximumPoolSize and minimumIdle are written only by
    // PoolSizing.resize (the adaptive target lives in SizingControlLoop's controller, written only by the
    // housekeeper thread); closed only by close() (false -> true, never back); lastConnectFailure and
    // failingSinceNanos by ConnectionOpener; the counters are LongAdders/atomics anyone may bump.
    final String name;
    final PoolConfig config;
    /** Whether borrows record thread, stack and statement times (only when leak detection is on). */
    final boolean tracksActivity;

    final ConnectionFactory factory;
    final ConnectionBag bag;
    final ConnectionErrorClassifier classifier;
    final PoolEvents events;
    /** Time source for connection ages and windows; see {@link Clock}. */
    final Clock clock;
    final boolean unpooled;

    final long connectionTimeoutNanos;
    final long bypassNanos;
    final int validationMillis;
    final long maxLifetimeNanos;
    final long idleTimeoutNanos;
    final long keepaliveNanos;
    final long leakThresholdNanos;

    /** Physical connections open or being opened (invariant 2). */
    final AtomicInteger slots = new AtomicInteger();
    /** Of those, connections already claimed for closing whose driver close has not finished. */
    final AtomicInteger closing = new AtomicInteger();
    volatile int maximumPoolSize;
    volatile int minimumIdle;

    volatile boolean closed;
    /** Suspended or not; see {@link PoolSuspension}. */
    final PoolSuspension suspension = new PoolSuspension();

    final ThreadPoolExecutor openerExecutor;
    final ScheduledThreadPoolExecutor housekeeper;
    /** The roles the pool's work is split into; each holds the pool and reads its shared state. */
    final ConnectionOpener opener;
    final ConnectionCloser closer;
    final ConnectionValidator validator;
    final PoolHealthTracker healthTracker;
    final PoolSizing sizing;
    final ConnectionBorrow borrows;
    final ConnectionReturn returns;
    /** The periodic upkeep the {@link #housekeeper} thread runs; tests in this package run it directly. */
    final Housekeeper upkeep;
    /** The leak scan the {@link #housekeeper} thread runs when leak detection is on. */
    final LeakDetector leaks;
    /**
     * The adaptive control loop the {@link #housekeeper} thread runs every {@code sizingWindow}; {@code null} in
     * static sizing and in unpooled mode (nothing to size), where the working limit is {@code maximumPoolSize}.
     */
    final SizingControlLoop adaptiveSizing;
    /**
     * Connections an adaptive pool's shrink gave up, held open and unlent for {@code sizingReserveTime} so that
     * growing back reuses them ({@link ConnectionReserve}); always empty in static sizing and unpooled mode.
     */
    final ConnectionReserve reserve;
    /**
     * Adaptive sizing's sample of the borrows served at once, when no listener times every borrow: every
     * {@code sizingSampleMask + 1}-th borrow of each connection is timed (real clock at borrow and return) and
     * recorded as standing for that many; the others read no clock. The control loop sets it after each window so
     * that about {@link SizingControlLoop#SAMPLES_PER_WINDOW} borrows a window are timed (a power of two less one,
     * at most {@link SizingControlLoop#MAX_SAMPLE_MASK}): a slow pool times every borrow, a busy one so few that
     * adaptive mode costs its borrow path next to nothing. Always 0 on a test clock (the pool's own tests see
     * every borrow exactly); -1 in static sizing (nothing is recorded). Borrows that waited are always timed and
     * recorded with weight 1. Volatile: written by the housekeeper, read by every borrower (a plain load on x86).
     */
    volatile int sizingSampleMask;
    /**
     * Adaptive sizing's target as the pool reads it: written by the control loop after each step (and once at
     * construction), {@link Integer#MAX_VALUE} in static sizing and in unpooled mode, where the working limit is
     * {@code maximumPoolSize} alone. A copy of the controller's target kept here so that {@link #targetSize()},
     * which every return calls, is the same two volatile reads and a minimum in both modes: adaptive mode adds
     * no pointer chase to the return path.
     */
    volatile int sizingTarget;
    volatile SQLException lastConnectFailure;
    /**
     * When the current run of failed connects began ({@link #clock}, never 0), or 0 while the last
     * connect succeeded. Written by whichever thread opens connections (the opener; borrowers in unpooled mode):
     * two failing at once may both set it, a few microseconds apart, which is harmless for a health judgement
     * measured in seconds.
     */
    volatile long failingSinceNanos;

    final AtomicLong ids = new AtomicLong();
    final LongAdder created = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder validationFailures = new LongAdder();
    final LongAdder suspectedLeaks = new LongAdder();
    final AtomicLongArray closedByReason = new AtomicLongArray(CloseReason.values().length);

    final PoolMXBeanRegistration mbean;

    /**
     * The fleet budget's ceiling for this pool ({@code fleetBudget}), or {@link FleetCeilingSource#NONE}; built
     * after the first connection and before the housekeeper starts (see {@link FleetBudgetSetup}).
     */
    final FleetCeilingSource fleet;

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
        boolean adaptive = config.getSizing() == SizingMode.ADAPTIVE && !unpooled;
        SizingWindowRecorder sizingWindow = adaptive ? new SizingWindowRecorder(clock::nanoTime) : null;
        this.events = new PoolEvents(name, config.getListeners().toArray(new PoolListener[0]), sizingWindow);
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
        this.opener = new ConnectionOpener(this);
        this.closer = new ConnectionCloser(this);
        this.validator = new ConnectionValidator(this);
        this.healthTracker = new PoolHealthTracker(this);
        this.sizing = new PoolSizing(this);
        this.borrows = new ConnectionBorrow(this);
        this.returns = new ConnectionReturn(this);
        this.bag = new ConnectionBag(() -> opener.requestConnection(), closedMarker());
        this.upkeep = new Housekeeper(this);
        this.leaks = new LeakDetector(this);
        // Before the first connect: the target (the floor, at first) bounds it.
        this.adaptiveSizing = adaptive ? new SizingControlLoop(this, sizingWindow) : null;
        this.reserve = new ConnectionReserve(this, adaptive ? config.getSizingReserveTime().toNanos() : 0);
        this.sizingTarget = adaptive ? adaptiveSizing.target() : Integer.MAX_VALUE;
        this.sizingSampleMask = adaptive ? 0 : -1; // every borrow until the first window says how busy the pool is
        if (unpooled && config.getSizing() == SizingMode.ADAPTIVE) {
            LOG.info("{} - sizing=adaptive does nothing in unpooled mode (every return closes its connection); "
                    + "maximumPoolSize ({}) is the limit", name, maximumPoolSize);
        }

        this.openerExecutor = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemon("poolwise-" + name + "-opener"));
        this.openerExecutor.allowCoreThreadTimeOut(true);
        this.housekeeper = new ScheduledThreadPoolExecutor(1, daemon("poolwise-" + name + "-housekeeper"));
        this.housekeeper.setRemoveOnCancelPolicy(true);
        this.housekeeper.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);

        LOG.info("{} - starting: {} (mode={}, sizing={}, maximumPoolSize={}, minimumIdle={})", name,
                factory.describe(), config.getMode().name().toLowerCase(),
                adaptive ? "adaptive, target " + targetSize() : "static", maximumPoolSize, minimumIdle);
        try {
            opener.checkFailFast();
        } catch (RuntimeException e) {
            closed = true; // a first connect finishing late closes its connection instead of keeping it
            new PoolShutdown(this).stopThreads(System.nanoTime() + config.getShutdownTimeout().toNanos());
            closer.closeAllIdleNow(CloseReason.SHUTDOWN);
            throw e;
        }
        this.fleet = FleetBudgetSetup.start(this); // counts once before the fill to minimumIdle
        long period = upkeep.periodNanos();
        housekeeper.scheduleWithFixedDelay(upkeep::run, period, period, TimeUnit.NANOSECONDS);
        if (tracksActivity) {
            long leakPeriod = leaks.periodNanos();
            housekeeper.scheduleWithFixedDelay(leaks::run, leakPeriod, leakPeriod, TimeUnit.NANOSECONDS);
        }
        if (adaptiveSizing != null) {
            long window = SizingControlLoop.periodNanos(this);
            housekeeper.scheduleWithFixedDelay(adaptiveSizing::step, window, window, TimeUnit.NANOSECONDS);
        }
        this.mbean = config.isRegisterMbeans() ? PoolMXBeanRegistration.register(this) : null;
        opener.requestFill();
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
     * Borrows a connection (invariant 6: returns one or throws within {@code connectionTimeout}); see
     * {@link ConnectionBorrow}.
     *
     * @return a handle on a validated connection
     * @throws SQLException on timeout (naming the pool, its counts and the last connect failure), when the
     *                      pool is closed, or when interrupted (the interrupt status is kept)
     */
    public Connection borrow() throws SQLException {
        return borrows.borrow();
    }

    /**
     * Takes back a connection whose handle was closed and whose state the handle has reset (see
     * {@link ConnectionReturn}).
     *
     * @param connection a connection the caller holds {@code IN_USE}
     */
    public void release(PooledConnection connection) {
        returns.release(connection);
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

    /** The counts HikariCP users know from its timeout message. */
    String counts() {
        return healthTracker.counts();
    }

    /** Invariant 9 (see {@link PoolShutdown}); calling it again does nothing. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        new PoolShutdown(this).run();
    }

    /** @return whether {@link #close()} has been called */
    public boolean isClosed() {
        return closed;
    }

    // ------------------------------------------------------------------ operations

    /**
     * Closes every idle connection now, and those an adaptive pool holds in its reserve; the pool refills to
     * {@code minimumIdle}.
     */
    public void evictIdle() {
        reserve.release(CloseReason.EVICTED); // idle on the database too
        closer.closeAllIdleNow(CloseReason.EVICTED);
        opener.requestFill();
    }

    /** Closes idle connections now and borrowed ones when they come back. */
    public void softEvictAll() {
        for (PooledConnection connection : bag.snapshot()) {
            connection.doom(CloseReason.EVICTED);
        }
        reserve.release(CloseReason.EVICTED);
        closer.closeAllIdleNow(CloseReason.EVICTED);
        opener.requestFill();
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
        if (suspension.suspend()) {
            if (adaptiveSizing != null) {
                adaptiveSizing.noteSuspended(); // held-back borrowers are not demand: skip this window
            }
            LOG.info("{} - suspended", name);
        }
    }

    /** Lets borrows through again after {@link #suspend()}. */
    public void resume() {
        if (suspension.resume()) {
            LOG.info("{} - resumed", name);
            opener.requestFill();
        }
    }

    /** @return whether the pool is suspended */
    public boolean isSuspended() {
        return suspension.isSuspended();
    }

    /**
     * Changes the pool's size while it runs. Shrinking closes idle connections above the new maximum now
     * and borrowed ones as they come back.
     */
    public void resize(int newMaximum, int newMinimumIdle) {
        sizing.resize(newMaximum, newMinimumIdle);
    }

    // ------------------------------------------------------------------ observation

    /** @return a snapshot of counts and counters */
    public PoolStats stats() {
        return healthTracker.stats();
    }

    /**
     * DOWN when no physical connection is open and the last connect failed, or connects have kept failing for
     * seconds with nothing idle; DEGRADED when saturated with waiters across calls at least 5 s apart, when a
     * borrow timed out in the last 60 s, or when connections are suspected of leaking; UP otherwise.
     *
     * @return the pool's health now
     */
    public PoolHealth health() {
        return healthTracker.health();
    }

    /** @return reports on the connections currently suspected of leaking */
    public List<LeakReport> suspectedLeakReports() {
        return healthTracker.suspectedLeakReports();
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

    /**
     * The pool's working limit: the opener opens no connection past it, the housekeeper closes idle ones above
     * it, and a connection returned while more are kept than this is closed. Cheap (two volatile reads, the
     * same in both sizing modes), since the return path calls it.
     *
     * @return {@code maximumPoolSize} in static sizing and in unpooled mode; in adaptive sizing the
     *         controller's target, capped at the current {@code maximumPoolSize} (a resize below the target
     *         applies at once; the controller moves its target inside the new bounds at its next step)
     */
    int targetSize() {
        return Math.min(maximumPoolSize, sizingTarget);
    }

    /** Puts a connection the housekeeper reserved back, unless it was doomed meanwhile. */
    void unreserve(PooledConnection connection) {
        CloseReason doomed = connection.doomed;
        if (doomed != null || closed) {
            closer.closeConnection(connection, closed ? CloseReason.SHUTDOWN : doomed);
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
