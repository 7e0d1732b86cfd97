package dev.poolwise.internal;

import dev.poolwise.CloseReason;
import dev.poolwise.PoolInitializationException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens physical connections: the opener thread's fill loop (for waiters and for {@code minimumIdle}) with
 * backoff, the first connection at start-up ({@code initializationFailTimeout}), and each connection's
 * scheduled retirement at the end of its lifetime. It keeps invariant 2 by taking a slot
 * ({@code Pool.slots}) by CAS before a connect starts and giving it back when the connect fails. The CAS and
 * the fill compare against the pool's working limit, {@code Pool.targetSize()}: {@code maximumPoolSize} in
 * static sizing, the adaptive controller's target (never above the maximum) in adaptive sizing. No lock is
 * held across a connect: the fill loop is serialised by the single opener thread, and the constructing thread
 * waits for the first connect with a bound instead of running it.
 */
final class ConnectionOpener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionOpener.class);
    static final long BACKOFF_START_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    static final long BACKOFF_MAX_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long IDLE_FILL_BACKOFF_MAX_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Whether the fill loop is queued or running; so a burst of requests queues it once. */
    private final AtomicBoolean fillScheduled = new AtomicBoolean();
    /** The fill loop as a task, made once. */
    final Runnable fillTask = this::fill;
    /**
     * Connections the fill opened that {@link ConnectionBag#add} left idle for a borrower still on its way to the
     * queue: one counted as waiting, but descheduled between its scan and joining the queue for longer than
     * {@code add} waits. That borrower finds the connection on the scan it makes when it joins, so until then
     * each such connection stands for one waiter, and the fill opens for waiters only when there are more of
     * them than of these (a borrower stalled some 20 ms got the connection it asked for and an extra one
     * nobody asked for, in a pool with {@code minimumIdle} 0: one per 10 ms wait, up to the maximum).
     *
     * <p>Invariant: the fill opens at most one connection per waiter, plus what {@code minimumIdle} asks for.
     * An entry counts only while it is idle and has never been borrowed ({@code lastBorrowedNanos} still its
     * {@code createdNanos}: every borrow stamps a later time, except on a test clock that has not moved, where an
     * entry borrowed and returned is dropped only once seen in use): such a connection is in no thread's
     * recent list, so the only ways to take it are a scan of the shared list, by a waiter (whose count falls
     * with it), or by a borrower that had to count as waiting to scan and, seeing another waiter, asks for a
     * fill ({@code ConnectionBag.tryBorrow}); the housekeeper's closes ask for one too. An entry dropped
     * therefore never leaves a waiter without a connection on its way. Read and written only by {@link #fill},
     * on the opener thread.
     */
    private final ArrayList<PooledConnection> leftForWaiters = new ArrayList<>();

    private final Pool pool;

    ConnectionOpener(Pool pool) {
        this.pool = pool;
    }

    /** Called by a borrower that found nothing idle; cheap and non-blocking. */
    void requestConnection() {
        if (!pool.closed && pool.slots.get() < pool.targetSize()) {
            requestFill();
        }
    }

    /** Asks the opener to run when someone waits or the pool is below its idle target and maximum. */
    void requestFillIfNeeded() {
        if (!pool.closed && needsConnection()) {
            requestFill();
        }
    }

    /** Asks the opener to run, unless it already is scheduled. */
    void requestFill() {
        if (pool.closed || !fillScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            pool.openerExecutor.execute(fillTask);
        } catch (RejectedExecutionException e) {
            fillScheduled.set(false);
        }
    }

    /**
     * The opener's loop: opens connections while someone waits (one per waiter, see {@link #leftForWaiters}) or
     * the pool is below {@code minimumIdle}.
     * Connections for waiters and for the idle target come from the same queue-free loop and go to the bag,
     * which hands each to the longest waiter first, so no borrower waits behind a connection nobody asked
     * for. On failure it retries with backoff (capped at 1 s while a borrower waits, whose own timeout bounds
     * the wait, and at 5 s when it is only filling to the idle target) until nothing is needed any more.
     */
    void fill() {
        long backoff = BACKOFF_START_NANOS;
        while (!pool.closed && !pool.suspension.isSuspended()) {
            fillScheduled.set(false);
            if (!needsConnection(awaitingPickup())) {
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
                pool.clock.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            // Waiters retry at most every second; filling to minimumIdle backs off further.
            backoff = Math.min(pool.bag.waiters() > 0 ? BACKOFF_MAX_NANOS : IDLE_FILL_BACKOFF_MAX_NANOS, backoff * 2);
        }
        // Left because the pool is suspended or closed. The flag must not stay set, or every later request
        // (resume()'s included) would find the opener "already scheduled" and the pool would never refill.
        fillScheduled.set(false);
        // A resume() that came while this run was leaving found the flag still set and left the fill to it.
        if (!pool.closed && !pool.suspension.isSuspended()) {
            requestFillIfNeeded();
        }
    }

    /** Whether the fill has something to open for; any thread may ask (it decides whether to schedule one). */
    boolean needsConnection() {
        return needsConnection(0);
    }

    /**
     * @param onTheirWay connections already opened for waiters and left idle for them (see
     *                   {@link #leftForWaiters}); 0 outside the fill, which may only ask for a run too many
     */
    private boolean needsConnection(int onTheirWay) {
        if (pool.slots.get() >= pool.targetSize()) {
            return false;
        }
        return pool.bag.waiters() > onTheirWay || pool.bag.count(PooledConnection.IDLE) < pool.minimumIdle;
    }

    /**
     * Forgets the connections in {@link #leftForWaiters} that someone took (borrowed, reserved or closed since:
     * not idle, or borrowed and returned) and counts the rest. Opener thread only.
     */
    private int awaitingPickup() {
        leftForWaiters.removeIf(c -> !c.isIdle() || c.lastBorrowedNanos != c.createdNanos);
        return leftForWaiters.size();
    }

    boolean reserveSlot() {
        while (true) {
            int current = pool.slots.get();
            if (current >= pool.targetSize()) { // at most maximumPoolSize (invariant 2)
                return false;
            }
            if (pool.slots.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /**
     * Opens one connection into a slot the caller reserved; gives the slot back on failure.
     *
     * @return whether a connection was added
     */
    boolean openOne() {
        PooledConnection connection = openInto();
        if (connection == null) {
            return false;
        }
        if (pool.bag.add(connection)) {
            leftForWaiters.add(connection);
        }
        return true;
    }

    /** Opens a connection into a reserved slot, or releases the slot and records the failure. */
    PooledConnection openInto() {
        long start = pool.clock.nanoTime();
        ConnectionFactory.Opened opened;
        try {
            opened = pool.factory.open();
        } catch (SQLException | RuntimeException e) {
            pool.slots.decrementAndGet();
            SQLException failure = e instanceof SQLException sql ? sql
                    : new SQLException("opening a connection failed: " + e, "08001", e);
            connectFailed(failure);
            return null;
        }
        long now = pool.clock.nanoTime();
        long retireAt = now + pool.maxLifetimeNanos - lifetimeJitter();
        PooledConnection connection = new PooledConnection(pool.ids.incrementAndGet(), opened.raw, pool, now, retireAt,
                opened.defaults);
        connection.borrowedNanos = Pool.NOT_BORROWED;
        connection.lastBorrowedNanos = now;
        pool.lastConnectFailure = null;
        pool.failingSinceNanos = 0;
        pool.created.increment();
        pool.events.created(connection.id, now - start);
        if (pool.maxLifetimeNanos > 0 && !pool.closed) {
            try {
                connection.retirement = pool.housekeeper.schedule(() -> retire(connection), retireAt - now,
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // The pool is closing; the connection is closed with it.
            }
        }
        if (pool.closed) {
            pool.closer.closeConnection(connection, CloseReason.SHUTDOWN);
            return null;
        }
        return connection;
    }

    /** Up to 2.5 % of maxLifetime, so that connections opened together do not all retire together. */
    long lifetimeJitter() {
        if (pool.maxLifetimeNanos <= TimeUnit.SECONDS.toNanos(10)) {
            return 0;
        }
        return ThreadLocalRandom.current().nextLong(pool.maxLifetimeNanos / 40);
    }

    void connectFailed(SQLException driverFailure) {
        // Masked once here, so every later use (timeout cause, health, JMX, logs, listeners) is masked.
        SQLException failure = MaskedFailure.of(driverFailure);
        if (pool.failingSinceNanos == 0) {
            long now = pool.clock.nanoTime();
            pool.failingSinceNanos = now == 0 ? 1 : now;
        }
        pool.lastConnectFailure = failure;
        pool.connectFailures.increment();
        LOG.debug("{} - cannot open a connection to {}: {}", pool.name, pool.factory.describe(),
                JdbcUrlMask.mask(failure.toString()));
        pool.events.connectFailed(failure);
    }

    /** Retires a connection at the end of its lifetime: now if idle, else when it comes back. */
    void retire(PooledConnection connection) {
        if (connection.tryReserve()) {
            pool.closer.closeConnection(connection, CloseReason.LIFETIME);
            requestFill();
        } else {
            connection.doom(CloseReason.LIFETIME);
        }
    }

    /**
     * HikariCP's {@code initializationFailTimeout}: positive, keep trying that long for a first connection;
     * zero, try once and fail only if it opens but is invalid; negative, do not try.
     */
    void checkFailFast() {
        long timeoutMillis = pool.config.getInitializationFailTimeoutMillis();
        if (timeoutMillis < 0) {
            return;
        }
        // On the pool's clock, as the backoff sleeps are: a test clock runs this loop without real waiting.
        long deadline = pool.clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long backoff = BACKOFF_START_NANOS;
        while (true) {
            if (reserveSlot()) {
                PooledConnection connection = openFirst();
                if (connection != null) {
                    if (!pool.validator.isAlive(connection)) {
                        pool.closer.closeConnection(connection, CloseReason.VALIDATION_FAILED);
                        throw pool.validator.firstValidationFailed();
                    }
                    keepFirst(connection);
                    return;
                }
            }
            if (timeoutMillis == 0) {
                LOG.warn("{} - cannot open a first connection to {}; starting anyway (initializationFailTimeout=0): {}",
                        pool.name, pool.factory.describe(), JdbcUrlMask.mask(String.valueOf(pool.lastConnectFailure)));
                return;
            }
            long remaining = deadline - pool.clock.nanoTime();
            if (remaining <= 0) {
                SQLException failure = pool.lastConnectFailure;
                throw new PoolInitializationException(pool.name + " - cannot open a first connection to "
                        + pool.factory.describe() + " within initializationFailTimeout (" + timeoutMillis + " ms)"
                        + (failure != null ? ": " + JdbcUrlMask.mask(failure.getMessage()) : ""), failure);
            }
            try {
                pool.clock.sleep(Math.min(remaining, backoff));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PoolInitializationException(pool.name + " - interrupted while opening a first connection",
                        pool.lastConnectFailure);
            }
            backoff = Math.min(BACKOFF_MAX_NANOS, backoff * 2);
        }
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
    PooledConnection openFirst() {
        CompletableFuture<PooledConnection> result = new CompletableFuture<>();
        try {
            pool.openerExecutor.execute(() -> {
                PooledConnection connection = openInto();
                if (!result.complete(connection) && connection != null) {
                    keepFirst(connection); // the constructor gave up waiting; it is an ordinary connection now
                }
            });
        } catch (RejectedExecutionException e) {
            pool.slots.decrementAndGet();
            return null;
        }
        try {
            return result.get(pool.connectionTimeoutNanos + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (result.complete(null)) {
                connectFailed(new SQLTransientConnectionException("the connect did not finish within "
                        + "connectionTimeout (" + DurationText.format(pool.config.getConnectionTimeout())
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
    void keepFirst(PooledConnection connection) {
        if (pool.minimumIdle > 0 && !pool.closed) {
            pool.bag.add(connection);
        } else {
            pool.closer.closeConnection(connection, pool.closed ? CloseReason.SHUTDOWN
                    : pool.unpooled ? CloseReason.UNPOOLED : CloseReason.IDLE);
        }
    }
}
