package dev.poolwise.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The lock-free container of a pool's connections, after HikariCP's {@code ConcurrentBag}.
 *
 * <p>Borrow tries, in order: the connections this thread returned recently (a thread-local list, no
 * contention), then every connection in the shared list (a CAS on each), then joins a queue of waiters. No
 * step takes a lock or blocks in {@code synchronized}, so virtual threads never pin here.
 *
 * <p>Waiters are served in two modes (see {@link #awaitHandOff}). For its first 5 ms a waiter
 * competes: a connection returned meanwhile stays idle, the returning thread may borrow it straight back, and
 * the head of the queue is woken to look for it. After that the waiter is starving and served in turn: each
 * return is handed to the head of the queue. A hand-off transfers ownership: the offering thread claims the
 * connection ({@code IDLE -> IN_USE}) before it gives it to the waiter, and the waiter owns it without a CAS of
 * its own. Left idle instead, a connection could be taken from the shared list by a thread that arrived later
 * (the very thread that just gave it back, borrowing again), and the waiter it was meant for would go on
 * waiting.
 *
 * <p>The thread-local list is skipped on virtual threads: there are many of them, each short-lived, so a
 * per-thread cache would only cost memory.
 *
 * <p>Invariants: a connection is handed to a borrower only by winning the {@code IDLE -> IN_USE} CAS, its own
 * or, for a hand-off, the offering thread's on its behalf; a waiter receives at most one hand-off and never
 * one after it gave up ({@link HandOffWaiter}); the lists and the queue may hold stale references (a connection
 * since borrowed or removed, a waiter that left) and every reader re-checks the state.
 */
final class ConnectionBag {

    /**
     * How long a waiter competes for returned connections before every return is handed to it in turn (see
     * {@link #awaitHandOff}). A trade of throughput against the tail: each hand-off to a parked waiter is a
     * wake-up and a context switch, which a returning thread that borrows straight back avoids. It was 1 ms,
     * Go's {@code sync.Mutex}'s threshold; but a mutex is held for nanoseconds, and a pool's short queries with
     * more threads than connections keep most waits just above 1 ms, so nearly every borrow became a hand-off. On
     * embedded PostgreSQL, 64 clients running one-row reads on 2 cores, 1 ms ran 35,200/s at 8 connections
     * and 42,000/s at 32 (p99 4.8 and 9.8 ms), 5 ms 41,700 and 66,300/s (p99 6.8 and 8.1 ms), against HikariCP's
     * 42,000 to 46,000 and 58,000 to 82,000/s (p99 12 to 18 ms); 10 ms and 20 ms bought a little more
     * throughput for a p99 of 11 and 21 ms. Waits on a hot row, tens of milliseconds, are served in turn either
     * way (docs/benchmarks.md, "The hand-off threshold").
     */
    static final long STARVING_AFTER_NANOS = 5_000_000;
    /** The longest {@link #add} waits for a borrower on its way into the queue. */
    private static final long ADD_HANDOFF_WAIT_NANOS = 10_000_000;
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    private final CopyOnWriteArrayList<PooledConnection> shared = new CopyOnWriteArrayList<>();
    /**
     * Connections this thread returned recently, held weakly: a strong reference here would keep a closed
     * pool (its connections, configuration and password) reachable for as long as a thread that once
     * borrowed from it lives, since the thread's map entry holds the value strongly. Each connection carries
     * its own {@link PooledConnection#weakSelf}, so caching one allocates nothing.
     */
    private final ThreadLocal<RecentConnections> recent = ThreadLocal.withInitial(RecentConnections::new);
    /** Borrowers waiting for a connection, longest-waiting first; may hold waiters that have given up. */
    private final ConcurrentLinkedQueue<HandOffWaiter> queue = new ConcurrentLinkedQueue<>();
    /** Threads past {@link #tryBorrow}'s thread-local step and not yet served: scanning or waiting. */
    private final AtomicInteger waiters = new AtomicInteger();
    private final Runnable demand;
    /** Offered to waiters when the pool closes, so that they stop waiting at once; never borrowed. */
    private final PooledConnection closedMarker;
    private volatile boolean closed;
    /** {@link #STARVING_AFTER_NANOS}, or 0 in tests of the strict hand-off. */
    private final long starvingAfterNanos;

    /**
     * @param demand called when a borrower found nothing idle, to ask for another connection; must not block
     */
    ConnectionBag(Runnable demand, PooledConnection closedMarker) {
        this(demand, closedMarker, STARVING_AFTER_NANOS);
    }

    /**
     * @param starvingAfterNanos how long a waiter competes before it is served in turn; tests pass 0 to make
     *                           every wait a strict first-come, first-served hand-off
     */
    ConnectionBag(Runnable demand, PooledConnection closedMarker, long starvingAfterNanos) {
        this.demand = demand;
        this.closedMarker = closedMarker;
        this.starvingAfterNanos = starvingAfterNanos;
    }

    /**
     * The fast path: this thread's recently returned connections, then the shared list; never waits and reads
     * no clock. From the shared-list scan on, the caller counts as a waiter ({@link #waiters()}, what the
     * opener opens connections for) until its wait ends: on a miss the caller must call {@link #awaitHandOff}
     * exactly once.
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
        PooledConnection found = scanShared(list);
        if (found != null) {
            waiters.decrementAndGet();
            // We may have taken a connection another waiter was about to get: ask for one more.
            if (waiting > 1) {
                demand.run();
            }
            return found;
        }
        demand.run();
        return null;
    }

    /**
     * The slow path, after {@link #tryBorrow()} missed: joins the queue of waiters, looks at the shared list
     * again whenever there is reason to, and waits for a connection, then stops counting the caller as a
     * waiter.
     *
     * <p><b>Two modes, after Go's {@code sync.Mutex}.</b> A waiter is <em>young</em> for its first
     * {@link #STARVING_AFTER_NANOS}: a connection returned meanwhile stays idle (the returning thread may
     * borrow it straight back) and the waiter at the head of the queue is woken to look for it in the shared
     * list, competing with whoever else asks. After that the waiter marks itself <em>starving</em>, and from
     * then on every connection returned goes straight to the head of the queue, claimed on its behalf: first
     * come, first served. Handing every connection to a parked waiter at once made each hand-off a context
     * switch, and with more threads than processors the pool fell into a convoy (every borrow a wait, none
     * served from the thread-local cache); letting the running thread keep its connection for a bounded time
     * keeps the pool's throughput, and the starving mode bounds what that costs a waiter.
     *
     * <p><b>No lost wake-up.</b> Every return either hands its connection to the head waiter or wakes the head
     * waiter to look for it (see {@code offerToWaiters}). A connection returned between the caller's scan in
     * {@code tryBorrow} and its joining the queue found the queue without it, so the caller scans once more
     * after joining; and it scans again right after marking itself starving. Only the first waiter in the queue
     * scans (one further back would jump the queue); a connection left idle while the first waiter could not
     * take it is found by the next first waiter when it turns starving, within 5 ms. Each side writes, then
     * reads the other's write (the returner: the connection's state, then the queue and the head's mode; the
     * waiter: the queue or its mode, then the states), all volatile, so at least one of them sees the other.
     *
     * @param timeoutNanos the longest to wait; {@code <= 0} does not wait
     * @return a connection now {@code IN_USE} and owned by the caller, or {@code null} on timeout or close
     * @throws InterruptedException if interrupted while waiting; the caller then owns nothing
     */
    PooledConnection awaitHandOff(long timeoutNanos) throws InterruptedException {
        if (timeoutNanos <= 0 || closed) {
            waiters.decrementAndGet();
            return null;
        }
        if (Thread.interrupted()) {
            waiters.decrementAndGet();
            throw new InterruptedException();
        }
        long now = System.nanoTime();
        long deadline = now + timeoutNanos;
        long starvingAt = now + starvingAfterNanos;
        HandOffWaiter waiter = new HandOffWaiter(Thread.currentThread());
        queue.add(waiter);
        boolean look = true; // scan the shared list before the next park
        while (waiter.handed == null) {
            if (look) {
                look = false;
                // Only the first waiter in the queue looks: one further back taking an idle connection would
                // jump the queue. The first one is woken by the returns (or hands-off) that concern it.
                PooledConnection found = isFirst(waiter) ? scanShared(null) : null;
                if (found != null) {
                    if (waiter.cancel()) {
                        leave(waiter);
                        return found;
                    }
                    // Served meanwhile (or the pool closed): keep what was handed over, give back what was found.
                    giveBack(found);
                    break;
                }
                continue; // re-check 'handed' before parking
            }
            now = System.nanoTime();
            if (deadline - now <= 0 || closed) {
                break; // a waiter that joined after close() emptied the queue sees 'closed' here
            }
            if (!waiter.starving && starvingAt - now <= 0) {
                waiter.starving = true; // from now on returns are handed to the queue's head: no more barging
                look = true;
                continue;
            }
            LockSupport.parkNanos(this, (waiter.starving ? deadline : Math.min(deadline, starvingAt)) - now);
            if (Thread.interrupted()) {
                if (waiter.cancel()) {
                    leave(waiter);
                    throw new InterruptedException();
                }
                // Served in the same instant: the caller owns nothing after an interrupt, so pass it on.
                PooledConnection handed = received(waiter);
                if (handed != null) {
                    giveBack(handed);
                }
                throw new InterruptedException();
            }
            // Woken by a return that left its connection idle for the young head to find (or by a time-out, or
            // spuriously): look again.
            look = true;
        }
        if (waiter.cancel()) {
            leave(waiter);
            return null;
        }
        return received(waiter);
    }

    /** @return whether no waiter that has not given up is ahead of this one in the queue */
    private boolean isFirst(HandOffWaiter waiter) {
        for (HandOffWaiter queued : queue) {
            if (queued == waiter) {
                return true;
            }
            if (!queued.hasLeft()) {
                return false;
            }
        }
        return false; // no longer queued: served or closed, which 'handed' shows
    }

    /** A waiter that cancelled leaves the queue and stops counting. */
    private void leave(HandOffWaiter waiter) {
        queue.remove(waiter);
        waiters.decrementAndGet();
    }

    /**
     * What a waiter that could not cancel was handed: a connection it now owns, or {@code null} for the
     * closed marker. The offering side took the waiter's count off already.
     */
    private PooledConnection received(HandOffWaiter waiter) {
        Object handed = waiter.handed;
        return handed == closedMarker ? null : (PooledConnection) handed;
    }

    /**
     * One pass over the shared list.
     *
     * @param recentList the caller's thread-local list, carried on the connection to its return ({@code null}
     *                   when unknown or on a virtual thread)
     * @return a connection now owned by the caller, or {@code null}
     */
    private PooledConnection scanShared(RecentConnections recentList) {
        for (PooledConnection candidate : shared) {
            if (candidate.tryBorrow()) {
                candidate.borrowerRecent = recentList;
                return candidate;
            }
        }
        return null;
    }

    /** Returns a connection the caller took but cannot use (it was served twice) to the next waiter or the bag. */
    private void giveBack(PooledConnection connection) {
        connection.markReturned();
        offerToWaiters(connection, false);
    }

    /**
     * Returns a connection the caller owns ({@code IN_USE} or {@code RESERVED}) to the pool, handing it
     * straight to a waiting borrower when there is one.
     */
    void requite(PooledConnection connection) {
        // Read while we own the connection: once it is IDLE the next borrower writes the field.
        RecentConnections list = connection.borrowerRecent;
        connection.markReturned();
        // Handed to a waiter: the waiter owns it now, so it must not also go into this thread's cache.
        if (offerToWaiters(connection, false)) {
            return;
        }
        if (!isVirtual()) {
            // Usually the borrowing thread returns: its list came along, no thread-local lookup needed.
            if (list == null || list.owner != Thread.currentThread()) {
                list = recent.get();
            }
            list.push(connection.weakSelf);
        }
    }

    /**
     * Adds a newly opened connection, already {@code IDLE}, and hands it to the head of the queue whatever its
     * mode: it was opened for the waiters, and a hand-off takes the served waiter off the count at once, so
     * that the opener, which opens while anyone waits, does not open another for a waiter that is only about
     * to find this one.
     *
     * @return whether the connection was left idle for a borrower that still counts as waiting but had not
     *         joined the queue within the wait below (the opener then counts it as on its way to that borrower,
     *         see {@code ConnectionOpener.fill}); {@code false} when a borrower took it or nobody waits
     */
    boolean add(PooledConnection connection) {
        shared.add(connection);
        // A borrower between its scan and joining the queue still counts as waiting, and finds the connection
        // only on its next scan; meanwhile the opener would open another for it. So wait, briefly, until the
        // connection is taken or the queue has a head to hand it to (the borrower's way from its scan to the
        // queue is a few instructions; the bound only guards against a borrower descheduled in between, and
        // the result tells the opener not to open a second connection for that borrower when it runs out).
        long giveUpAt = System.nanoTime() + ADD_HANDOFF_WAIT_NANOS;
        for (int spins = 0; !offerToWaiters(connection, true); spins++) {
            if (waiters.get() == 0 || !connection.isIdle()) {
                return false;
            }
            if ((spins & 0xff) == 0xff) {
                if (System.nanoTime() - giveUpAt >= 0) {
                    return true; // left idle: the borrower's scan after it joins the queue finds it
                }
                LockSupport.parkNanos(10_000);
            } else {
                Thread.yield();
            }
        }
        return false;
    }

    /**
     * Serves the waiters with a connection the caller has just made idle (see {@link #awaitHandOff}). When the
     * head of the queue is young, the connection stays idle and the head is woken to look for it. When it is
     * starving, the connection is claimed ({@code IDLE -> IN_USE}) on the waiters' behalf and handed to the
     * first in the queue that has not given up; with nobody left the claim is released and the queue looked
     * at once more, since a waiter that joined in between may have scanned before the release.
     *
     * @param handOff hand it to the head of the queue even when the head is young (a new connection, see
     *                {@link #add})
     * @return whether a waiter took it or someone else claimed it; {@code false} when it stays idle (nobody
     *         waits, or the head waiter was woken to look for it)
     */
    private boolean offerToWaiters(PooledConnection connection, boolean handOff) {
        // The uncontended return reads one counter. A queued waiter counts in 'waiters' from before its first
        // scan, so a zero here means any waiter still to come scans after this connection became idle.
        if (waiters.get() == 0) {
            return false;
        }
        HandOffWaiter head;
        while ((head = queue.peek()) != null && head.hasLeft()) {
            queue.remove(head); // gave up and not yet out of the queue: waking it would wake nobody who waits
        }
        if (head == null) {
            return false;
        }
        if (!head.starving && !handOff) {
            wakeOnce(head);
            return false;
        }
        if (!connection.tryBorrow()) {
            return true; // claimed by a scanning borrower, the housekeeper or shutdown: no longer ours to offer
        }
        while (true) {
            HandOffWaiter waiter = queue.poll();
            if (waiter == null) {
                // Nobody left: release the claim. A CAS, not a plain write, because shutdown may have aborted the
                // connection (REMOVED, final) in the meantime.
                if (!connection.tryUnclaim()) {
                    return true;
                }
                if (queue.isEmpty()) {
                    return false;
                }
                if (!connection.tryBorrow()) {
                    return true;
                }
            } else if (waiter.offer(connection)) {
                // That waiter is served: it stops counting as one now (it does not decrement itself), so that
                // the opener, counting waiters the moment the hand-off is done, opens nothing for it.
                waiters.decrementAndGet();
                return true;
            }
            // else: that waiter gave up (timeout, interrupt, or it found one itself); try the next one
        }
    }

    /**
     * Wakes a young waiter to look for the connection just returned, the first time only: woken on every
     * return, a waiter that keeps losing the race to the returning thread would cost that thread a wake-up
     * (a system call when it is parked) per borrow. A young waiter that lost once looks again when it turns
     * starving, at most {@link #STARVING_AFTER_NANOS} later, and is then served in turn.
     */
    private static void wakeOnce(HandOffWaiter waiter) {
        if (!waiter.woken) {
            waiter.woken = true; // a race here only wakes it twice
            LockSupport.unpark(waiter.thread);
        }
    }

    /**
     * Releases every thread waiting in {@link #awaitHandOff}: each gets {@code null} at once instead of waiting
     * out its timeout. A thread that joins the queue after this sees {@code closed} before it parks (the same
     * write-then-read pairing as a hand-off), so one pass over the queue is enough.
     */
    void close() {
        closed = true;
        HandOffWaiter waiter;
        while ((waiter = queue.poll()) != null) {
            if (waiter.offer(closedMarker)) {
                waiters.decrementAndGet();
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

    /** {@code Thread.isVirtual()} exists from Java 21; the pool is built for 17, so look it up at run time. */
    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
