package dev.poolwise.internal;

import dev.poolwise.CloseReason;
import dev.poolwise.internal.jdbc.DriverTraits;
import dev.poolwise.internal.jdbc.SessionChange;
import dev.poolwise.internal.jdbc.StatementHandle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One physical connection and the pool's bookkeeping for it.
 *
 * <p><b>State machine</b> (moved only by compare-and-set, so invariant 1 holds: one borrower at a time):
 * <pre>
 *   IDLE --tryBorrow--> IN_USE --markReturned--> IDLE
 *   IDLE --tryBorrow (hand-off claim)--> IN_USE (for the waiter that receives it; tryUnclaim back to IDLE
 *                                                if none was polling)
 *   IDLE --tryReserve (housekeeper, resize, shutdown)--> RESERVED --markReturned--> IDLE
 *   IN_USE --markHeld (its borrower's return, into an adaptive pool's reserve)--> RESERVED
 *   any --markRemoved (after claimClose)--> REMOVED   (final)
 * </pre>
 * The {@code try*} transitions are CASes that exactly one racing caller wins; the {@code mark*} ones are
 * plain volatile writes by the connection's sole owner.
 *
 * <p><b>Who writes what.</b> {@code state} and {@code closed} are shared and change only by CAS. The fields
 * under "borrower-owned" are written only by the thread holding the connection in {@code IN_USE} (the
 * borrower, or the pool on its behalf at borrow and return); the state CAS that hands the connection over
 * publishes them to the next owner. The housekeeper reads {@code borrowedNanos}, {@code borrowThread} and
 * {@code lastStatementNanos} for leak reports without owning the connection: a stale read there only makes
 * a report a little off, never wrong about who owns the connection. The plain timestamps
 * ({@code lastBorrowedNanos}, {@code lastAliveNanos}) are published by the {@code state} write that hands the
 * connection back; a reader that has not won a CAS re-checks them after winning one.
 */
public final class PooledConnection {

    public static final int IDLE = 0;
    public static final int IN_USE = 1;
    public static final int RESERVED = 2;
    public static final int REMOVED = 3;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PooledConnection.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long id;
    final Connection raw;
    final Pool pool;
    final long createdNanos;
    /** When this connection must retire: created + maxLifetime - jitter; {@code Long.MAX_VALUE} for never. */
    final long retireAtNanos;
    final DefaultState defaults;
    /** What the reset needs to know about the driver's connection class, looked up once per connection. */
    public final DriverTraits driverTraits;

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Adaptive sizing's sampling: borrows of this connection served at once, counted so that every
     * {@code Pool.sizingSampleMask + 1}-th is timed. Plain, not volatile: only the connection's owner writes it,
     * before the {@code state} write that releases the connection (as {@link #lastBorrowedNanos}).
     */
    int sizingBorrows;
    /**
     * How many borrows the current borrow stands for in the sizing window (0: not recorded). Written by the
     * borrower only when it is timed, read and put back to 0 by the same owner on return, so that it is 0 at
     * the start of every borrow.
     */
    int sizingWeight;

    /**
     * When the latest borrow began (or when the connection was opened). Plain, not volatile: written only by
     * the connection's owner before the volatile {@code state} write that releases it, and read by others
     * only after a {@code state} read that sees that write. The housekeeper compares it with
     * {@link #observedBorrowNanos} to learn whether the connection was used since its last look.
     */
    long lastBorrowedNanos;
    /** Housekeeper-owned: the {@link #lastBorrowedNanos} it saw last. */
    long observedBorrowNanos;
    /**
     * Housekeeper-owned: since when the connection is known to have sat unused, as observed by the
     * housekeeper (so up to one housekeeping period late, which only ever delays an idle close).
     */
    long idleSinceNanos;
    /**
     * A time at which it was known to work (the start of its last borrow, or its last validation); drives
     * keepalive and the validation bypass. Published through {@code state} like {@link #lastBorrowedNanos}.
     */
    long lastAliveNanos;
    /** This connection, weakly: what the bag's thread-local cache holds, made once so a return allocates nothing. */
    final WeakReference<PooledConnection> weakSelf = new WeakReference<>(this);
    /** The scheduled end-of-life task, cancelled when the connection closes first. */
    volatile ScheduledFuture<?> retirement;
    /** Set when it must not be handed out again: broken, evicted or retired. Checked at borrow and return. */
    volatile CloseReason doomed;

    // ---- borrower-owned (see class comment) ----
    /**
     * The borrowing thread's {@link RecentConnections}, so that the return, usually on that same
     * thread, finds it without a thread-local lookup ({@code null} on virtual threads). Checked against the
     * returning thread before use; a stale value only costs the lookup.
     */
    RecentConnections borrowerRecent;
    long borrowedNanos;
    Thread borrowThread;
    Throwable borrowSite;
    /**
     * Set by the leak detector, cleared on return. Benign race: a report decided for one borrow may mark the
     * next borrow of the same connection, which then logs a "came back" line it did not strictly earn.
     */
    volatile boolean leakReported;
    public long lastStatementNanos;
    /** What the borrower changed: {@link SessionChange#bit}s; the reset on return touches only these. */
    public int dirtyBits;
    /** True once a statement ran since the last commit or rollback (a transaction may be open). */
    public boolean transactionDirty;
    public boolean autoCommit;
    public boolean readOnly;
    public int isolation;
    public String catalog;
    public String schema;
    public int networkTimeout;
    /** Statement wrappers handed out and not yet closed; reused across borrows so a borrow allocates no list. */
    public final ArrayList<StatementHandle> openStatements = new ArrayList<>(4);
    /** Names of the client-info properties this borrow set, or {@code null}; restored on return. */
    public java.util.Set<String> changedClientInfo;

    // ---- defaults read from the driver the first time a borrower changes them (owner-written, like the
    //      borrower-owned fields above), kept for the connection's life: the reset restores them, so every
    //      borrow starts from the same values ----
    /** The holdability every borrow starts with; 0 until first read. */
    public int defaultHoldability;
    /** A copy of the type map every borrow starts with; {@code null} until first read. */
    public java.util.Map<String, Class<?>> defaultTypeMap;
    /** The client info every borrow starts with; {@code null} until first read. */
    public java.util.Properties defaultClientInfo;
    /** PostgreSQL: the {@code search_path} every borrow starts with; {@code null} until first read or elsewhere. */
    public String defaultSearchPath;

    PooledConnection(long id, Connection raw, Pool pool, long createdNanos, long retireAtNanos, DefaultState defaults) {
        this.id = id;
        this.raw = raw;
        this.pool = pool;
        this.createdNanos = createdNanos;
        this.retireAtNanos = retireAtNanos;
        this.defaults = defaults;
        this.driverTraits = DriverTraits.of(raw);
        this.lastBorrowedNanos = createdNanos;
        this.observedBorrowNanos = createdNanos;
        this.idleSinceNanos = createdNanos;
        this.lastAliveNanos = createdNanos;
        restoreTrackedDefaults();
    }

    /** @return the driver's connection */
    public Connection raw() {
        return raw;
    }

    /** @return the pool this connection belongs to */
    public Pool pool() {
        return pool;
    }

    /** @return the pool's id for this connection */
    public long id() {
        return id;
    }

    /** @return the defaults a returned connection is reset to */
    public DefaultState defaults() {
        return defaults;
    }

    int state() {
        return (int) STATE.getVolatile(this);
    }

    // ---- state transitions (the only writes to 'state'; see the diagram in the class comment) ----

    /**
     * {@code IDLE -> IN_USE}: a borrower takes it, or a returning thread claims it for the waiter it hands it
     * to. Exactly one of any number of racing callers wins.
     *
     * @return whether the caller now owns it
     */
    boolean tryBorrow() {
        return STATE.compareAndSet(this, IDLE, IN_USE);
    }

    /**
     * {@code IN_USE -> IDLE}, undoing a hand-off claim that found no waiter polling. A CAS, not a plain write:
     * shutdown may have removed the connection (final) meanwhile.
     *
     * @return whether it is idle again; {@code false} when it was removed meanwhile
     */
    boolean tryUnclaim() {
        return STATE.compareAndSet(this, IN_USE, IDLE);
    }

    /**
     * {@code IDLE -> RESERVED}: the housekeeper, a resize or shutdown takes an idle connection to check or
     * close it, so no borrower can take it meanwhile.
     *
     * @return whether the caller now owns it
     */
    boolean tryReserve() {
        return STATE.compareAndSet(this, IDLE, RESERVED);
    }

    /**
     * {@code IN_USE | RESERVED -> RESERVED}, by the connection's owner handing it to the adaptive pool's
     * {@link ConnectionReserve}: open, but no borrower can take it (their CAS needs {@code IDLE}). A plain
     * volatile write, as {@link #markReturned()}: only the owner can be here.
     */
    void markHeld() {
        STATE.setVolatile(this, RESERVED);
    }

    /**
     * {@code IN_USE | RESERVED -> IDLE}, by the connection's owner giving it back. A plain volatile write: only
     * the owner can be here, and the write publishes the owner's plain fields to the next one.
     */
    void markReturned() {
        STATE.setVolatile(this, IDLE);
    }

    /** {@code any -> REMOVED} (final), by the caller that won {@link #claimClose()}. */
    void markRemoved() {
        STATE.setVolatile(this, REMOVED);
    }

    boolean isIdle() {
        return state() == IDLE;
    }

    boolean isInUse() {
        return state() == IN_USE;
    }

    /**
     * Claims the right to close the physical connection. Exactly one caller ever gets {@code true}
     * (invariant 3: closed exactly once).
     */
    boolean claimClose() {
        return closed.compareAndSet(false, true);
    }

    /**
     * Marks the connection as not to be reused; the first reason given wins.
     *
     * @param reason why it must go
     */
    public void doom(CloseReason reason) {
        if (doomed == null) {
            doomed = reason;
        }
    }

    /** @return why this connection must not be reused, or {@code null} if it may be */
    public CloseReason doomedReason() {
        return doomed;
    }

    /** @return whether the pool tracks statement times for leak reports */
    public boolean tracksActivity() {
        return pool.tracksActivity;
    }

    /**
     * Resets the tracked values to the defaults, after a successful reset on return. The tracked settings
     * change only together with their dirty bit, so after a borrow that changed no setting (at most ran SQL)
     * clearing the bits and the transaction flag is enough.
     */
    public void resetTracking() {
        if ((dirtyBits & ~SessionChange.SQL.bit) == 0 && changedClientInfo == null) {
            dirtyBits = 0;
            transactionDirty = false;
        } else {
            restoreTrackedDefaults();
        }
    }

    private void restoreTrackedDefaults() {
        dirtyBits = 0;
        changedClientInfo = null;
        transactionDirty = false;
        autoCommit = defaults.autoCommit;
        readOnly = defaults.readOnly;
        isolation = defaults.isolation;
        catalog = defaults.catalog;
        schema = defaults.schema;
        networkTimeout = defaults.networkTimeout;
    }

    @Override
    public String toString() {
        return "PooledConnection[id=" + id + ", pool=" + pool.name + ", state=" + state() + "]";
    }

    /**
     * The state every connection of a pool is put in when created and reset to on return: the configured
     * values, or what the driver reported where nothing was configured.
     */
    public static final class DefaultState {
        public final boolean autoCommit;
        public final boolean readOnly;
        public final int isolation;
        public final String catalog;
        public final String schema;
        /** -1 when the driver does not support network timeouts. */
        public final int networkTimeout;

        DefaultState(boolean autoCommit, boolean readOnly, int isolation, String catalog, String schema,
                     int networkTimeout) {
            this.autoCommit = autoCommit;
            this.readOnly = readOnly;
            this.isolation = isolation;
            this.catalog = catalog;
            this.schema = schema;
            this.networkTimeout = networkTimeout;
        }
    }
}
