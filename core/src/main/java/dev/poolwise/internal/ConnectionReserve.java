package dev.poolwise.internal;

import dev.poolwise.CloseReason;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An adaptive pool's reserve ({@code sizingReserveTime}): connections above the target that a shrink the pool
 * may undo gave up, kept open but unlent, so that growing back lends them again instead of opening new ones.
 *
 * <p><b>Why.</b> The controller moves its target down to measure whether fewer connections complete as much,
 * and often moves back up within seconds. Each connection closed and opened again costs the database a new
 * session (on PostgreSQL a new backend process, tens to hundreds of milliseconds on a loaded machine, with its
 * caches cold) and the pool's single opener that long per connection, while borrowers wait.
 *
 * <p><b>Ownership.</b> A held connection is {@code RESERVED}: no borrower can take it (their CAS needs
 * {@code IDLE}), and the housekeeper's idle checks skip it. It enters from its owner: the borrower returning
 * it ({@code IN_USE}, see {@link PooledConnection#markHeld()}) or the shrink that reserved it idle. Whoever polls
 * it out of {@link #held} owns it and hands it on exactly once: lent back ({@link Pool#unreserve}, which closes it
 * instead when it was doomed meanwhile, as by {@code maxLifetime}) or closed. Every thread may poll (the
 * housekeeper's step, a resize, an evict, shutdown); the deque gives each entry to one poller.
 *
 * <p><b>Counting.</b> {@link #count} covers every connection from before it is queued until after it has been
 * handed on, so that the connections the pool lends, {@code slots - closing - count}
 * ({@link PoolSizing#lendableConnections()}), is never overcounted: a reader racing an entry or an exit sees
 * one connection fewer lendable for a moment and keeps a returning connection one return longer, never closes
 * or holds one too many. Held connections keep their slots, so invariant 2 is untouched: the opener compares
 * all slots, held ones included, with the target, and opens only once the reserve is empty or lent back.
 *
 * <p><b>Limits.</b> Holding stops ({@link #stopHolding}) and the reserve is closed at once on every shrink
 * that is not one the pool may undo (for idleness, bounds), on a resize, on a fleet ceiling below the
 * connections open, on {@code evictIdle}, and at shutdown; {@link #hold} also refuses while the pool has more
 * connections open than {@link #limit}, the step's ceiling.
 */
final class ConnectionReserve {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionReserve.class);

    /** A held connection and when it entered, on the pool's clock. */
    private record Held(PooledConnection connection, long sinceNanos) {
    }

    private final Pool pool;
    /** {@code sizingReserveTime} in nanoseconds; 0: nothing is ever held. */
    private final long holdNanos;
    /** Oldest first: entries are added at the tail and expire from the head. */
    private final ConcurrentLinkedDeque<Held> held = new ConcurrentLinkedDeque<>();
    /** Connections held, counted from before each is queued until after it is handed on (see class comment). */
    private final AtomicInteger count = new AtomicInteger();
    /**
     * Whether the last change of target was one the pool may undo, so that connections above it are held:
     * set by the control step after each change, cleared by a resize from any thread.
     */
    private volatile boolean holding;
    /**
     * The most connections the pool may have open and still hold one: the step's ceiling (the fleet's share or
     * {@code maximumPoolSize}), and a resize's new maximum.
     */
    private volatile int limit;

    ConnectionReserve(Pool pool, long holdNanos) {
        this.pool = pool;
        this.holdNanos = holdNanos;
        this.limit = pool.maximumPoolSize;
    }

    /** @return connections held now (including one on its way in or out) */
    int count() {
        return count.get();
    }

    /**
     * Holds a connection the caller owns ({@code IN_USE} on its return, or {@code RESERVED} by a shrink) if the
     * pool is holding and the connection is above the target.
     *
     * @return whether it was taken; {@code false} leaves it with the caller, who closes it if the pool still
     *         lends more than its target, and gives it back otherwise
     */
    boolean hold(PooledConnection connection) {
        if (!holding || pool.closed || pool.slots.get() > limit) {
            return false;
        }
        while (true) {
            int n = count.get();
            if (pool.sizing.keptConnections() - n <= pool.targetSize()) {
                return false; // no longer above the target: other returns were held or closed meanwhile
            }
            if (count.compareAndSet(n, n + 1)) {
                break;
            }
        }
        connection.markHeld();
        held.addLast(new Held(connection, pool.clock.nanoTime()));
        return true;
    }

    /**
     * After a change of target (control step only): holds from now on when the pool may undo the change, and
     * otherwise closes what is held.
     *
     * @param undoable whether the change was a shrink the pool may undo (throughput, saturation, exploration)
     * @param ceiling  the step's ceiling: what the pool may have open
     */
    void afterChange(boolean undoable, int ceiling) {
        limit = ceiling;
        holding = undoable && holdNanos > 0;
        if (!holding) {
            release(CloseReason.RESIZED);
        }
    }

    /**
     * Each control step, decided or not: closes what has been held for {@code sizingReserveTime}, and everything
     * held while the pool has more connections open than its ceiling (a fleet ceiling that fell).
     */
    void expire(int ceiling) {
        limit = ceiling;
        if (count.get() == 0) {
            return;
        }
        int open = pool.slots.get();
        if (open > ceiling) {
            int closed = release(CloseReason.RESIZED);
            LOG.debug("{} - closed {} held connection(s): {} open, above the ceiling of {}", pool.name, closed, open,
                    ceiling);
            return;
        }
        long now = pool.clock.nanoTime();
        int closed = 0;
        Held oldest;
        // Entries are added with the time read just before, so the head is the oldest but for a few nanoseconds.
        while ((oldest = held.peekFirst()) != null && now - oldest.sinceNanos() >= holdNanos) {
            if (held.removeFirstOccurrence(oldest)) {
                pool.closer.closeConnection(oldest.connection(), CloseReason.RESIZED);
                count.decrementAndGet(); // after the close counts it as closing: never overcount lendable
                closed++;
            }
        }
        if (closed > 0) {
            LOG.debug("{} - closed {} held connection(s) after sizingReserveTime; {} still held", pool.name, closed,
                    count.get());
        }
    }

    /**
     * Lends held connections back, newest first (the warmest), after the target rose: each goes to a waiting
     * borrower or the bag, or closes if it was doomed meanwhile.
     *
     * @param wanted how many the pool is short of its target
     * @return how many were taken out of the reserve
     */
    int lendBack(int wanted) {
        int lent = 0;
        Held newest;
        while (lent < wanted && (newest = held.pollLast()) != null) {
            pool.unreserve(newest.connection());
            count.decrementAndGet(); // after it is lendable: never overcount lendable
            lent++;
        }
        if (lent > 0) {
            LOG.debug("{} - lent {} held connection(s) back instead of opening new ones; {} still held", pool.name,
                    lent, count.get());
        }
        return lent;
    }

    /** A resize: holds nothing more until the next undoable change, and closes what is held. */
    void stopHolding(int newMaximum) {
        holding = false;
        limit = newMaximum;
        release(CloseReason.RESIZED);
    }

    /**
     * Closes everything held now.
     *
     * @param reason the close reason the connections are counted under
     * @return how many were closed
     */
    int release(CloseReason reason) {
        int closed = 0;
        Held entry;
        while ((entry = held.pollFirst()) != null) {
            pool.closer.closeConnection(entry.connection(), reason);
            count.decrementAndGet();
            closed++;
        }
        return closed;
    }
}
