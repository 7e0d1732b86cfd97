package dev.poolwise;

import dev.poolwise.internal.DurationText;
import dev.poolwise.internal.Pool;
import dev.poolwise.internal.Setting;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The pool behind a {@link PoolwiseDataSource}, and how it comes to run: the settings its setters gather, the one
 * start on first use, and the running pool after that. A data source made with a {@link PoolConfig} hands over a
 * pool already running, and only the last of the three applies.
 *
 * <p>Kept apart from {@link PoolwiseDataSource} because this is the data source's only concurrent state: the
 * rules for it are in one place. {@link #startLock} guards {@link #pending}, {@link #starting},
 * {@link #startingConfig} and writes to {@link #pool} and {@link #closedBeforeStart}; it guards only the decision
 * of who starts and the hand-over of the builder, and is never held across the pool's first connect, so that
 * {@code close()}, the setters' checks and other borrowers are never stuck behind a connect into a silent
 * network. {@link #pool} is volatile so that the fast path ({@link #current()}) takes no lock once it runs.
 */
final class DeferredPool {

    private final ReentrantLock startLock = new ReentrantLock();
    /** The settings gathered so far; {@code null} once a start has taken them (or for a pool given at once). */
    private PoolConfig.Builder pending;
    /** The running pool, or {@code null} before the start; written under {@link #startLock}. */
    private volatile Pool pool;
    /** The start under way ({@code null}: none); guarded by {@code startLock}. */
    private CompletableFuture<Pool> starting;
    /** The configuration {@link #starting} uses; guarded by {@code startLock}. */
    private PoolConfig startingConfig;
    /** Set by {@link #close()}; a start that finishes after it closes the pool it made. */
    private volatile boolean closedBeforeStart;

    /** @param running a pool already started from a configuration */
    DeferredPool(Pool running) {
        this.pool = running;
    }

    /** @param settings the builder the setters write to until the first start */
    DeferredPool(PoolConfig.Builder settings) {
        this.pending = settings;
    }

    /** @return the running pool, or {@code null} before the start; never starts it, takes no lock */
    Pool current() {
        return pool;
    }

    /** @return whether {@link #close()} ran before any pool started */
    boolean closedBeforeStart() {
        return closedBeforeStart;
    }

    /**
     * Starts the pool from the pending settings, or waits for the start another thread is running (at most
     * {@code connectionTimeout}), or returns the pool that runs.
     *
     * @return the running pool
     * @throws SQLException when the start fails (the settings then stay pending, so the next call may retry),
     *                      times out waiting for another thread's start, or the data source is closed
     */
    Pool start() throws SQLException {
        PoolConfig.Builder builder;
        PoolConfig config;
        CompletableFuture<Pool> started;
        boolean mine;
        startLock.lock();
        try {
            if (pool != null) {
                return pool;
            }
            if (closedBeforeStart) {
                throw new SQLException("The data source is closed; no connection can be borrowed", "08003");
            }
            builder = pending;
            if (starting != null) {
                started = starting;
                config = startingConfig;
                mine = false;
            } else {
                config = builder.build();
                started = new CompletableFuture<>();
                starting = started;
                startingConfig = config;
                pending = null; // setters now fail: the configuration is being used
                mine = true;
            }
        } finally {
            startLock.unlock();
        }
        if (!mine) {
            return awaitStart(started, config);
        }
        Pool created = null;
        Exception failure = null;
        try {
            created = new Pool(config);
        } catch (RuntimeException e) {
            failure = e;
        }
        boolean closedMeanwhile;
        startLock.lock();
        try {
            starting = null;
            startingConfig = null;
            closedMeanwhile = closedBeforeStart;
            if (created != null && !closedMeanwhile) {
                pool = created;
            } else if (created == null) {
                pending = builder; // a failed start may be retried by the next getConnection()
            }
        } finally {
            startLock.unlock();
        }
        if (created != null && closedMeanwhile) {
            created.close(); // close() ran while the pool was starting; it found no pool to close
            failure = new SQLException("The data source was closed while the pool started", "08003");
        }
        if (failure != null) {
            started.completeExceptionally(failure);
            throw startFailure(failure);
        }
        started.complete(created);
        return created;
    }

    /** Waits, at most {@code connectionTimeout}, for the start another thread is running. */
    private static Pool awaitStart(CompletableFuture<Pool> started, PoolConfig config) throws SQLException {
        try {
            return started.get(config.getConnectionTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw startFailure(e.getCause());
        } catch (TimeoutException e) {
            throw new SQLTransientConnectionException(config.getPoolName() + " - the pool is still starting after "
                    + "connectionTimeout (" + DurationText.format(config.getConnectionTimeout()) + ")", (String) null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException(config.getPoolName() + " - interrupted while waiting for the pool to start",
                    "08001", e);
        }
    }

    /**
     * @return the SQLException to throw for a failed start; an unchecked exception other than
     *         {@link PoolInitializationException} (a driver class that cannot be loaded, say) is thrown as is
     */
    private static SQLException startFailure(Throwable failure) {
        if (failure instanceof SQLException sql) {
            return sql;
        }
        if (failure instanceof PoolInitializationException e) {
            Throwable cause = e.getCause();
            return new SQLException(e.getMessage(), cause instanceof SQLException sql ? sql.getSQLState() : "08001", e);
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new SQLException("The pool could not start: " + failure, "08001", failure);
    }

    /** @return the running pool, starting it if it was configured through setters */
    Pool running() {
        Pool current = pool;
        if (current != null) {
            return current;
        }
        try {
            return start();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * @return the running pool's configuration, or before the start the configuration it will start with (a
     *         generated pool name is pinned in the pending settings, so the pool then runs under this name)
     * @throws PoolConfigException before the start, when the settings so far are incomplete or invalid
     * @throws IllegalStateException when the data source was closed before it started
     */
    PoolConfig config() {
        Pool current = pool;
        if (current != null) {
            return current.config();
        }
        startLock.lock();
        try {
            if (pool != null) {
                return pool.config();
            }
            if (pending == null) {
                throw new IllegalStateException(
                        "The data source was closed before it started; it has no configuration");
            }
            PoolConfig snapshot = pending.build();
            if (pending.valueSoFar(Setting.POOL_NAME) == null) {
                // Pin the generated name so that meters bound now and the pool started later agree on it.
                pending.poolName(snapshot.getPoolName());
            }
            return snapshot;
        } finally {
            startLock.unlock();
        }
    }

    /**
     * Applies one change to the pending settings.
     *
     * @throws IllegalStateException once the pool has started, or a start has taken the settings
     */
    void change(Consumer<PoolConfig.Builder> change) {
        startLock.lock();
        try {
            if (pool != null || pending == null) {
                throw new IllegalStateException("The pool has started; its configuration can no longer be set "
                        + "(use resize() to change its size)");
            }
            change.accept(pending);
        } finally {
            startLock.unlock();
        }
    }

    /**
     * @return the running pool's value of {@code setting}; before the start the pending settings' value (as set,
     *         or the default); while a start runs, the value it starts with; after a close before the start, the
     *         default. {@code null} when the setting has none. Never starts the pool, never waits for a connect.
     */
    Object settingValue(Setting setting) {
        Pool current = pool;
        if (current != null) {
            return setting.valueIn(current.config());
        }
        startLock.lock();
        try {
            if (pool != null) {
                return setting.valueIn(pool.config());
            }
            if (pending != null) {
                return pending.valueSoFar(setting);
            }
            return startingConfig != null ? setting.valueIn(startingConfig) : setting.defaultValue();
        } finally {
            startLock.unlock();
        }
    }

    /**
     * Closes the running pool, or makes sure none starts: a start under way closes the pool it made. Calling it
     * again does nothing.
     */
    void close() {
        startLock.lock();
        try {
            closedBeforeStart = true;
        } finally {
            startLock.unlock();
        }
        Pool current = pool;
        if (current != null) {
            current.close();
        }
    }
}
