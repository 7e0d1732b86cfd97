package dev.poolwise.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The lock-free container of a pool's connections, after HikariCP's {@code ConcurrentBag}.
 *
 * <p>Borrow tries, in order: the connections this thread returned recently (a thread-local list, no
 * contention), then every connection in the shared list (a CAS on each), then waits on a fair hand-off queue
 * that returning and newly opened connections are offered to. The fair queue serves waiters first come,
 * first served. No step takes a lock or blocks in {@code synchronized}, so virtual threads never pin here.
 *
 * <p>A hand-off transfers ownership: the offering thread claims the connection ({@code IDLE -> IN_USE}) before
 * it offers it, and the waiter that receives it owns it without a CAS of its own. Offered while still idle, a
 * connection could be taken from the shared list by a thread that arrived later (the very thread that just
 * gave it back, borrowing again), and the waiter it was meant for would go back to the end of the queue.
 *
 * <p>The thread-local list is skipped on virtual threads: there are many of them, each short-lived, so a
 * per-thread cache would only cost memory.
 *
 * <p>Invariant: a connection is handed to a borrower only by winning the {@code IDLE -> IN_USE} CAS, its own
 * or, for a hand-off, the offering thread's on its behalf; the lists may hold stale references (a connection
 * since borrowed or removed) and every reader re-checks the state.
 */
final class ConnectionBag {

    private static final int THREAD_LIST_LIMIT = 16;
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    private final CopyOnWriteArrayList<PooledConnection> shared = new CopyOnWriteArrayList<>();
    /**
     * Connections this thread returned recently, held weakly: a strong reference here would keep a closed
     * pool (its connections, configuration and password) reachable for as long as a thread that once
     * borrowed from it lives, since the thread's map entry holds the value strongly. Each connection carries
     * its own {@link PooledConnection#weakSelf}, so caching one allocates nothing.
     */
    private final ThreadLocal<RecentConnections> recent = ThreadLocal.withInitial(RecentConnections::new);
    private final SynchronousQueue<PooledConnection> handoff = new SynchronousQueue<>(true);
    /** Threads inside {@link #borrow} past the thread-local step: scanning or waiting. */
    private final AtomicInteger waiters = new AtomicInteger();
    private final Runnable demand;
    /** Offered to waiters when the pool closes, so that they stop waiting at once; never borrowed. */
    private final PooledConnection closedMarker;
    private volatile boolean closed;

    /**
     * @param demand called when a borrower found nothing idle, to ask for another connection; must not block
     */
    ConnectionBag(Runnable demand, PooledConnection closedMarker) {
        this.demand = demand;
        this.closedMarker = closedMarker;
    }

    /**
     * The fast path: this thread's recently returned connections, then the shared list; never waits and reads
     * no clock. On a miss the caller stays counted as a waiter, from the shared-list scan until its wait ends,
     * so that a thread returning a connection meanwhile hands it over (see {@link #offerToWaiters}) instead of
     * keeping it in its own thread-local list and taking it straight back: the caller must then call
     * {@link #awaitHandOff} exactly once.
     *
     * @return a connection now {@code IN_USE} and owned by the caller, or {@code null} when none is idle (the
     *         caller is then counted as waiting and must call {@link #awaitHandOff})
     */
    PooledConnection tryBorrow() {
        RecentConnections list = null;
        if (!isVirtual()) {
            list = recent.get();
            PooledConnection candidate;
            while ((candidate = list.pop()) != null) {
                if (candidate.tryBorrow()) {
                    candidate.borrowerRecent = list;
                    return candidate;
                }
            }
        }
        int waiting = waiters.incrementAndGet();
        for (PooledConnection candidate : shared) {
            if (candidate.tryBorrow()) {
                candidate.borrowerRecent = list;
                waiters.decrementAndGet();
                // We may have taken a connection another waiter was about to get: ask for one more.
                if (waiting > 1) {
                    demand.run();
                }
                return candidate;
            }
        }
        demand.run();
        return null;
    }

    /**
     * The slow path, after {@link #tryBorrow()} missed: waits for a hand-off, then stops counting the caller
     * as a waiter.
     *
     * @param timeoutNanos the longest to wait; {@code <= 0} does not wait
     * @return a connection now {@code IN_USE} and owned by the caller, or {@code null} on timeout or close
     * @throws InterruptedException if interrupted while waiting; the caller then owns nothing
     */
    PooledConnection awaitHandOff(long timeoutNanos) throws InterruptedException {
        PooledConnection offered = null;
        try {
            if (timeoutNanos <= 0 || closed) {
                return null;
            }
            // One poll is enough: whatever arrives was claimed for us by the offering thread (offerToWaiters)
            // and is ours, or is the closed marker.
            offered = handoff.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            return offered == closedMarker ? null : offered;
        } finally {
            // A connection handed over arrives with this waiter's count already taken off by the offering
            // thread (offerToWaiters), so that the opener, counting waiters the moment the hand-off is done,
            // does not open a connection for a waiter that has just been served.
            if (offered == null || offered == closedMarker) {
                waiters.decrementAndGet();
            }
        }
    }

    /**
     * Returns a connection the caller owns ({@code IN_USE} or {@code RESERVED}) to the pool, handing it
     * straight to a waiting borrower when there is one.
     */
    void requite(PooledConnection connection) {
        // Read while we own the connection: once it is IDLE the next borrower writes the field.
        RecentConnections list = connection.borrowerRecent;
        connection.markReturned();
        // Handed to a waiter: the waiter has not claimed it yet, so it must not also go into this thread's
        // cache, or this thread's next borrow would take it back and the waiter would lose its turn.
        if (offerToWaiters(connection)) {
            return;
        }
        if (connection.state() == PooledConnection.IDLE && !isVirtual()) {
            // Usually the borrowing thread returns: its list came along, no thread-local lookup needed.
            if (list == null || list.owner != Thread.currentThread()) {
                list = recent.get();
            }
            list.push(connection.weakSelf);
        }
    }

    /** Adds a newly opened connection, already {@code IDLE}, and offers it to a waiter. */
    void add(PooledConnection connection) {
        shared.add(connection);
        offerToWaiters(connection);
    }

    /**
     * While someone waits and the connection is still idle, try to hand it over: claim it, offer it to the
     * longest-polling waiter, and release the claim if no waiter is polling yet. A waiter that is scanning
     * rather than polling may find it in the shared list between attempts, so the loop ends as soon as anyone
     * else claims it.
     *
     * @return whether a waiter took it or someone else claimed it; {@code false} when nobody waits and it is
     *         still idle
     */
    private boolean offerToWaiters(PooledConnection connection) {
        for (int spins = 0; waiters.get() > 0; spins++) {
            if (!connection.tryBorrow()) {
                return true; // claimed by a scanning borrower, the housekeeper or shutdown: no longer ours to offer
            }
            // A SynchronousQueue's offer succeeds only when a waiter polling now receives the element; that
            // waiter is served, so it stops counting as one now (it does not decrement itself, see awaitHandOff).
            if (handoff.offer(connection)) {
                waiters.decrementAndGet();
                return true;
            }
            // No waiter was polling yet: release the claim. A CAS, not a plain write, because shutdown may
            // have aborted the connection (REMOVED, final) in the meantime.
            if (!connection.tryUnclaim()) {
                return true;
            }
            if ((spins & 0xff) == 0xff) {
                LockSupport.parkNanos(10_000);
            } else {
                Thread.yield();
            }
        }
        return false;
    }

    /**
     * Releases every thread waiting in {@link #borrow}: each gets {@code null} at once instead of waiting out
     * its timeout. Offers the marker while anyone waits, for at most {@code maxNanos}; a thread that starts
     * waiting after that sees {@code closed} before it polls.
     */
    void close(long maxNanos) {
        closed = true;
        long deadline = System.nanoTime() + maxNanos;
        while (waiters.get() > 0 && System.nanoTime() - deadline < 0) {
            try {
                handoff.offer(closedMarker, 10, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Forgets a connection that has been moved to {@code REMOVED}. */
    void remove(PooledConnection connection) {
        shared.remove(connection);
    }

    /** @return a snapshot of every connection in the bag, in any state */
    List<PooledConnection> snapshot() {
        return new ArrayList<>(shared);
    }

    int waiters() {
        return waiters.get();
    }

    int count(int state) {
        int n = 0;
        for (PooledConnection c : shared) {
            if (c.state() == state) {
                n++;
            }
        }
        return n;
    }

    int size() {
        return shared.size();
    }

    private static boolean isVirtual() {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable e) {
            return false;
        }
    }

    /**
     * One thread's recently returned connections of this bag, most recent last: a small array stack of weak
     * references (see {@link #recent}). Used only by its {@link #owner} thread.
     */
    static final class RecentConnections {
        /** The thread whose list this is; a returner uses the borrower's list only if it is that thread. */
        final Thread owner = Thread.currentThread();
        @SuppressWarnings("unchecked")
        private final WeakReference<PooledConnection>[] connections = new WeakReference[THREAD_LIST_LIMIT];
        private int size;

        /** @return the most recently pushed connection still reachable, or {@code null} when none is left */
        PooledConnection pop() {
            while (size > 0) {
                WeakReference<PooledConnection> reference = connections[--size];
                connections[size] = null;
                PooledConnection connection = reference.get();
                if (connection != null) {
                    return connection;
                }
            }
            return null;
        }

        /** Adds a connection, unless the list is full. */
        void push(WeakReference<PooledConnection> connection) {
            if (size < connections.length) {
                connections[size++] = connection;
            }
        }
    }

    /** {@code Thread.isVirtual()} exists from Java 21; the pool is built for 17, so look it up at run time. */
    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
